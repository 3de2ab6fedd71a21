"""The managers' report of unusual access: a worker who opened, in one day, more family records they do
not lead than READ_LOG_UNUSUAL_FAMILIES_PER_DAY (families.access_log writes the looks it reads)."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from families.models import RecordLook

DAYS = 30


@dataclass(frozen=True)
class UnusualDay:
    worker: Any
    day: datetime.date
    families: int


def unusual_access(*, workers: list[Any], days: int = DAYS) -> list[UnusualDay]:
    """Days in the last `days` on which a worker opened more families they do not lead than the limit:
    one grouped query, whatever the size of the log."""
    limit = settings.READ_LOG_UNUSUAL_FAMILIES_PER_DAY
    by_id = {w.pk: w for w in workers}
    rows = (
        RecordLook.objects.filter(user_id__in=by_id, at__gte=timezone.now() - datetime.timedelta(days=days))
        .exclude(Q(family__lead_practitioner_id=F("user_id")))
        .annotate(day=TruncDate("at"))
        .values("user_id", "day")
        .annotate(families=Count("family_id", distinct=True))
        .filter(families__gt=limit)
        .order_by("-day", "-families")
    )
    return [UnusualDay(by_id[r["user_id"]], r["day"], r["families"]) for r in rows]
