from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from families import services
from staff.models import User


class Command(BaseCommand):
    help = "Hand over every open family of one lead practitioner to another, recording who did it and why."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--from", dest="from_username", required=True, help="username of the departing worker"
        )
        parser.add_argument(
            "--to", dest="to_username", required=True, help="username of the new lead practitioner"
        )
        parser.add_argument("--reason", required=True)
        parser.add_argument(
            "--actor", required=True, help="username of the person responsible for the change"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            actor = User.objects.get(username=options["actor"])
            from_user = User.objects.get(username=options["from_username"])
            to_user = User.objects.get(username=options["to_username"])
        except User.DoesNotExist as exc:
            raise CommandError(f"No such user: {exc}") from exc
        try:
            count = services.caseload_transfer(
                actor=actor, from_user=from_user, to_user=to_user, reason=options["reason"]
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS(f"Handed over {count} families from {from_user} to {to_user}."))
