"""Run every registered consistency check and say what is wrong, in plain words (core/consistency.py).

Exit status 0 when every check passes, 1 when any finds a problem: a council can run it from cron or after
restoring a backup (docs/operations.md)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from core.consistency import checks


class Command(BaseCommand):
    help = "Check the invariants the database cannot state on its own; exits 1 if any is broken."

    def handle(self, *args: Any, **options: Any) -> None:
        problems = 0
        for name, check in checks().items():
            found = list(check())
            if found:
                problems += len(found)
                self.stdout.write(self.style.ERROR(f"FAIL  {name}"))
                for line in found:
                    self.stdout.write(f"      {line}")
            else:
                self.stdout.write(self.style.SUCCESS(f"ok    {name}"))
        if problems:
            raise CommandError(f"{problems} problem(s) found")
        self.stdout.write(self.style.SUCCESS("Every check passed."))
