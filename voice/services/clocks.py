"""Working-day clocks (England and Wales bank holidays: core.calendar). Each clock is a Deadline row."""

import datetime
from typing import Any

from django.conf import settings

from core.calendar import add_working_days
from voice.models import Deadline


def received_on(moment: datetime.datetime) -> datetime.date:
    """The day a complaint counts from: the date in Europe/London (a form sent at 23:30 counts that day)."""
    from django.utils import timezone

    return timezone.localtime(moment).date()


def open_deadline(
    *, kind: str, start: datetime.date, days: int, max_days: int | None = None, **owner: Any
) -> Deadline:
    """A clock of `days` working days after `start` (the start day does not count), extendable to
    `max_days` where the procedure allows."""
    return Deadline.objects.create(
        kind=kind,
        due_on=add_working_days(start, days),
        latest_on=add_working_days(start, max_days) if max_days else None,
        **owner,
    )


def acknowledgement_due(start: datetime.date) -> datetime.date:
    return add_working_days(start, settings.VOICE_ACKNOWLEDGE_WORKING_DAYS)
