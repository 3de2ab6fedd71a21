from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from families.demo import DEMO_FAMILY_EMAIL, DEMO_PASSWORD, NAMED_LOGINS, demo_allowed
from staff.models import User


class Command(BaseCommand):
    help = "Print the demo sign-in for each role (made by `manage.py seed_demo`)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not demo_allowed():
            raise CommandError("Demo logins do not exist in production.")
        present = set(
            User.objects.filter(
                username__in=[login.username for login in NAMED_LOGINS], is_active=True
            ).values_list("username", flat=True)
        )
        if not present:
            raise CommandError("No demo users found: run `python manage.py seed_demo` first.")
        site = getattr(settings, "SITE_URL", "http://127.0.0.1:8000").rstrip("/")
        rows = [("Role", "Username", "Password", "What they can do")]
        rows += [
            (login.label, login.username, DEMO_PASSWORD, login.can_do)
            for login in NAMED_LOGINS
            if login.username in present
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        rule = "-" * (sum(widths) + 6 + max(len(row[3]) for row in rows))
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Demo sign-in: {site}{reverse('login')}"))
        self.stdout.write(rule)
        for index, row in enumerate(rows):
            line = "  ".join(value.ljust(width) for value, width in zip(row[:3], widths, strict=True))
            self.stdout.write(f"{line}  {row[3]}")
            if index == 0:
                self.stdout.write(rule)
        self.stdout.write(rule)
        self.stdout.write(
            "Every demo user has the same password. The data is synthetic: names and addresses are made up."
        )
        if User.objects.filter(role=User.Role.FAMILY_MEMBER, is_active=True).exists():
            self.stdout.write("")
            self.stdout.write(
                self.style.SUCCESS(f"Family's own pages: {site}{reverse('family_portal:sign_in')}")
            )
            self.stdout.write(
                f"Family member: {DEMO_FAMILY_EMAIL}, no password: the one-time code appears in this console."
            )
        self.stdout.write("")
