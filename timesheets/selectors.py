"""Reads of time records, the running timer and observed form time."""

import datetime
from dataclasses import dataclass, field

from django.db.models import QuerySet, Sum

from families.models import Family
from families.permissions import families_visible_to
from staff.models import User
from timesheets.models import ObservedFormTime, RunningTimer, TimeCategory, TimeRecord


def week_start_of(day: datetime.date) -> datetime.date:
    """The Monday of the week holding `day` (UK weeks start on Monday)."""
    return day - datetime.timedelta(days=day.weekday())


def time_categories() -> QuerySet[TimeCategory]:
    return TimeCategory.objects.filter(is_active=True)


def families_for_time(user: User) -> QuerySet[Family]:
    """The families offered when a worker records time: their own open caseload."""
    return (
        families_visible_to(user)
        .filter(lead_practitioner=user, status=Family.Status.OPEN)
        .only("pk", "name", "reference")
        .order_by("name")
    )


def running_timer(user: User) -> RunningTimer | None:
    return RunningTimer.objects.select_related("category", "family").filter(worker=user).first()


@dataclass
class Day:
    date: datetime.date
    records: list[TimeRecord] = field(default_factory=list)
    minutes: int = 0
    observed_seconds: int = 0

    @property
    def observed_minutes(self) -> int:
        return round(self.observed_seconds / 60)


@dataclass
class Week:
    start: datetime.date
    days: list[Day]
    minutes: int
    observed_seconds: int
    minutes_by_kind: dict[str, int]

    @property
    def end(self) -> datetime.date:
        return self.start + datetime.timedelta(days=6)

    def share(self, kind: str) -> int | None:
        """Whole-number percentage of the recorded minutes of this kind; None when nothing is recorded."""
        if not self.minutes:
            return None
        return round(100 * self.minutes_by_kind.get(kind, 0) / self.minutes)

    @property
    def direct_share(self) -> int | None:
        return self.share("direct")

    @property
    def recording_share(self) -> int | None:
        return self.share("recording")

    @property
    def observed_minutes(self) -> int:
        return round(self.observed_seconds / 60)

    @property
    def previous(self) -> datetime.date:
        return self.start - datetime.timedelta(days=7)

    @property
    def next(self) -> datetime.date:
        return self.start + datetime.timedelta(days=7)


def worker_week(*, worker: User, week_start: datetime.date) -> Week:
    """A worker's week, day by day, with what the system observed beside what they recorded (2 queries)."""
    end = week_start + datetime.timedelta(days=6)
    days = {
        week_start + datetime.timedelta(days=i): Day(week_start + datetime.timedelta(days=i))
        for i in range(7)
    }
    by_kind: dict[str, int] = {}
    records = (
        TimeRecord.objects.filter(worker=worker, date__range=(week_start, end))
        .select_related("category", "family")
        .order_by("date", "created_at")
    )
    for record in records:
        day = days[record.date]
        day.records.append(record)
        day.minutes += record.minutes
        by_kind[record.category.kind] = by_kind.get(record.category.kind, 0) + record.minutes
    observed = (
        ObservedFormTime.objects.filter(worker=worker, date__range=(week_start, end))
        .values("date")
        .annotate(seconds=Sum("seconds"))
        .order_by()
    )
    for row in observed:
        days[row["date"]].observed_seconds = row["seconds"]
    return Week(
        start=week_start,
        days=list(days.values()),
        minutes=sum(d.minutes for d in days.values()),
        observed_seconds=sum(d.observed_seconds for d in days.values()),
        minutes_by_kind=by_kind,
    )


def time_record_history(record: TimeRecord) -> QuerySet:
    return record.history.select_related("history_user", "category", "family").order_by("-history_date")
