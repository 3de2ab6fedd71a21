"""Reports receipt files that no request for practical help points at; --delete removes them."""

from typing import Any

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandParser

from pots.receipts import orphaned_receipts


class Command(BaseCommand):
    help = "List receipt files that no request for practical help points at (and delete them with --delete)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--delete", action="store_true", help="Delete the files found.")

    def handle(self, *args: Any, **options: Any) -> None:
        orphans = orphaned_receipts(default_storage)
        for name in orphans:
            self.stdout.write(name)
            if options["delete"]:
                default_storage.delete(name)
        verb = "Deleted" if options["delete"] else "Found"
        self.stdout.write(self.style.SUCCESS(f"{verb} {len(orphans)} orphaned receipt file(s)."))
