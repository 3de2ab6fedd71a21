"""manage.py directory_import URL: import every page of another directory's Open Referral UK 3.0 feed.

URL is the feed's API base address (its `/services` is read, every page, with `full=true`). The feed's
services are owned by the configured feed's owner (the admin's "Directory feeds"), or by --owner.
Everything is fetched and checked before anything is written; a feed that cannot be read changes nothing.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from directory import feed_services
from directory.feed_import import MAX_OUTCOME_CHARS, FeedError, import_feed
from directory.models import DirectoryFeed
from directory.services import may_own_entries
from staff.models import User


class Command(BaseCommand):
    help = "Import another directory's Open Referral UK 3.0 feed (every page), with a validation report."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "url", help="The feed's API base address, e.g. https://example.gov.uk/api/directory"
        )
        parser.add_argument("--owner", help="Email of the member of staff who owns the imported entries")
        parser.add_argument("--dry-run", action="store_true", help="Say what would change; write nothing")
        parser.add_argument("--no-progress", action="store_true", help="No progress line on stderr")

    def _owner(self, email: str | None, feed: DirectoryFeed | None) -> User:
        if email:
            owner = User.objects.filter(email__iexact=email).first()
            if owner is None or not may_own_entries(owner):
                raise CommandError(f"No active member of staff who may own entries has the email {email}.")
            return owner
        if feed is not None:
            return feed.owner
        raise CommandError(
            "Give --owner EMAIL (who owns the imported entries), or add the feed in the admin."
        )

    def _progress(self, message: str) -> None:
        self.stderr.write(f"\r\033[Kimporting: {message}", ending="")
        self.stderr.flush()

    def handle(self, *args: Any, **options: Any) -> None:
        url = options["url"].strip().rstrip("/")
        feed = DirectoryFeed.objects.filter(url=url).select_related("owner").first()
        owner = self._owner(options["owner"], feed)
        progress = None if options["no_progress"] else self._progress
        try:
            report = import_feed(url, owner=owner, dry_run=options["dry_run"], progress=progress)
        except FeedError as exc:
            if feed is not None and not options["dry_run"]:
                feed_services.directory_feed_record_run(feed=feed, ok=False, outcome=str(exc))
            raise CommandError(f"Nothing was imported: {exc}") from exc
        finally:
            if progress:
                self.stderr.write("")
        if feed is not None and not options["dry_run"]:
            outcome = "\n".join(report.lines())[:MAX_OUTCOME_CHARS]
            feed_services.directory_feed_record_run(feed=feed, ok=True, outcome=outcome)
        for line in report.lines():
            self.stdout.write(line)
