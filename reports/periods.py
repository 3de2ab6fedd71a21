"""The period a dashboard covers: a week, a month, a quarter or any range of days."""

import calendar
import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

WEEK, MONTH, QUARTER, CUSTOM = "week", "month", "quarter", "custom"
PERIOD_CHOICES = [
    (WEEK, _("Week")),
    (MONTH, _("Month")),
    (QUARTER, _("Quarter")),
    (CUSTOM, _("Choose dates")),
]

# The trend is drawn in buckets small enough to show a shape and few enough to read.
DAY, WEEKLY, MONTHLY = "day", "week", "month"


@dataclass(frozen=True)
class Period:
    kind: str
    start: datetime.date
    end: datetime.date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def bucket(self) -> str:
        if self.days <= 14:
            return DAY
        if self.days <= 120:
            return WEEKLY
        return MONTHLY

    @property
    def label(self) -> str:
        if self.kind == WEEK:
            return str(_("Week beginning %(date)s") % {"date": date_format(self.start, "j F Y")})
        if self.kind == MONTH:
            return date_format(self.start, "F Y")
        if self.kind == QUARTER:
            return str(
                _("%(start)s to %(end)s")
                % {"start": date_format(self.start, "F Y"), "end": date_format(self.end, "F Y")}
            )
        return str(
            _("%(start)s to %(end)s")
            % {"start": date_format(self.start, "j F Y"), "end": date_format(self.end, "j F Y")}
        )

    def previous(self) -> "Period":
        return period_for(self.kind, self.start - datetime.timedelta(days=1))

    def next(self) -> "Period":
        return period_for(self.kind, self.end + datetime.timedelta(days=1))

    def buckets(self) -> list[datetime.date]:
        """The start date of each trend bucket that overlaps the period, in order."""
        starts: list[datetime.date] = []
        if self.bucket == DAY:
            day = self.start
        elif self.bucket == WEEKLY:
            day = self.start - datetime.timedelta(days=self.start.weekday())
        else:
            day = self.start.replace(day=1)
        while day <= self.end:
            starts.append(day)
            if self.bucket == DAY:
                day += datetime.timedelta(days=1)
            elif self.bucket == WEEKLY:
                day += datetime.timedelta(days=7)
            else:
                day = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        return starts


def period_for(kind: str, on: datetime.date) -> Period:
    """The week (Monday to Sunday), calendar month or calendar quarter holding `on`."""
    if kind == MONTH:
        start = on.replace(day=1)
        return Period(MONTH, start, on.replace(day=calendar.monthrange(on.year, on.month)[1]))
    if kind == QUARTER:
        first_month = 3 * ((on.month - 1) // 3) + 1
        start = datetime.date(on.year, first_month, 1)
        last_month = first_month + 2
        return Period(
            QUARTER, start, datetime.date(on.year, last_month, calendar.monthrange(on.year, last_month)[1])
        )
    start = on - datetime.timedelta(days=on.weekday())
    return Period(WEEK, start, start + datetime.timedelta(days=6))


def custom_period(start: datetime.date, end: datetime.date) -> Period:
    return Period(CUSTOM, min(start, end), max(start, end))
