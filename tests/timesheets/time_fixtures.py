"""Helpers for the time-recording tests."""

import datetime
from typing import Any

from core.calendar import today
from timesheets.models import TimeCategory


def category(kind: str = TimeCategory.Kind.DIRECT) -> TimeCategory:
    return TimeCategory.objects.filter(kind=kind, is_active=True).order_by("order").first()  # type: ignore[return-value]


def date_fields(day: datetime.date, name: str = "date") -> dict[str, str]:
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


def entry(
    minutes: Any = 45,
    *,
    day: datetime.date | None = None,
    kind: str = "direct",
    family: Any = None,
    **extra: Any,
) -> dict[str, Any]:
    data = {
        **date_fields(day or today()),
        "minutes": str(minutes),
        "category": str(category(kind).pk),
        "family": str(family.pk) if family else "",
        "note": "",
    }
    data.update(extra)
    return data
