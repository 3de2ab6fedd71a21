"""Delete read-log rows older than READ_LOG_RETENTION_DAYS (also run daily by Celery beat)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from families.access_log import read_log_purge


class Command(BaseCommand):
    help = "Delete looks at family records older than READ_LOG_RETENTION_DAYS."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = read_log_purge()
        self.stdout.write(f"Deleted {deleted} looks older than {settings.READ_LOG_RETENTION_DAYS} days.")
