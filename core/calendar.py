"""UK working days: weekends and the bank holidays of one nation (England and Wales by default).

Early-help timescales, referral service levels and complaints stages are all counted in working days.
"""

import datetime
from functools import lru_cache

import holidays
from django.conf import settings


@lru_cache(maxsize=64)
def _bank_holidays(year: int, subdivision: str) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("GB", subdiv=subdivision, years=year).keys())


def is_working_day(day: datetime.date, *, subdivision: str | None = None) -> bool:
    subdivision = subdivision or settings.WORKING_DAYS_SUBDIVISION
    return day.weekday() < 5 and day not in _bank_holidays(day.year, subdivision)


def add_working_days(start: datetime.date, days: int, *, subdivision: str | None = None) -> datetime.date:
    """The date `days` working days after `start` (start itself does not count)."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    remaining = days
    while remaining:
        current += datetime.timedelta(days=1)
        if is_working_day(current, subdivision=subdivision):
            remaining -= 1
    return current


def working_days_between(start: datetime.date, end: datetime.date, *, subdivision: str | None = None) -> int:
    """Working days after `start` up to and including `end` (0 when end is not after start)."""
    count = 0
    current = start
    while current < end:
        current += datetime.timedelta(days=1)
        if is_working_day(current, subdivision=subdivision):
            count += 1
    return count


def today() -> datetime.date:
    """Today in Europe/London (not UTC: a note written at 00:30 in summer belongs to today)."""
    from django.utils import timezone

    return timezone.localdate()
