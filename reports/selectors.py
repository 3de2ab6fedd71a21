"""The manager's dashboard: where a team's time goes, and what needs attention.

Every figure is summed by the database (GROUP BY worker and category, GROUP BY trend bucket and
category), so the number of queries and the rows brought back do not grow with the number of time
records: a team of 50 over a year is a few hundred grouped rows, not 250,000 records.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import DateField, F, Func, Sum
from django.db.models.functions import Trunc
from django.utils.translation import gettext_lazy as _

from core.calendar import today
from reports import sources
from reports.periods import Period
from staff.models import Team, User
from timesheets.models import ObservedFormTime, TimeCategory, TimeRecord

KINDS: list[tuple[str, Any]] = list(TimeCategory.Kind.choices)
# Column headings for the tables, where the full names would not fit.
SHORT_LABELS: dict[str, Any] = {
    "direct": _("Direct"),
    "travel": _("Travel"),
    "recording": _("Recording"),
    "meetings": _("Meetings"),
    "supervision": _("Supervision"),
}
DIRECT = TimeCategory.Kind.DIRECT.value
RECORDING = TimeCategory.Kind.RECORDING.value


def percent(part: int, whole: int) -> float | None:
    """A share to one decimal place; None (shown as "no time recorded") rather than dividing by zero."""
    if not whole:
        return None
    return round(100 * part / whole, 1)


@dataclass
class TimeSplit:
    """Minutes by kind of work, and each kind's share of the whole."""

    minutes_by_kind: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.minutes_by_kind.values())

    def minutes(self, kind: str) -> int:
        return self.minutes_by_kind.get(kind, 0)

    def share(self, kind: str) -> float | None:
        return percent(self.minutes(kind), self.total)

    @property
    def direct_share(self) -> float | None:
        return self.share(DIRECT)

    @property
    def recording_share(self) -> float | None:
        return self.share(RECORDING)

    def by_kind(self) -> list[dict[str, Any]]:
        return [
            {
                "kind": kind,
                "label": label,
                "short": SHORT_LABELS[kind],
                "minutes": self.minutes(kind),
                "share": self.share(kind),
            }
            for kind, label in KINDS
        ]

    def add(self, kind: str, minutes: int) -> None:
        self.minutes_by_kind[kind] = self.minutes_by_kind.get(kind, 0) + minutes

    @classmethod
    def combined(cls, splits: Iterable["TimeSplit"]) -> "TimeSplit":
        total = cls()
        for split in splits:
            for kind, minutes in split.minutes_by_kind.items():
                total.add(kind, minutes)
        return total


@dataclass
class WorkerRow:
    worker: User
    time: TimeSplit
    observed_seconds: int
    cases: sources.WorkerCases

    @property
    def observed_minutes(self) -> int:
        return round(self.observed_seconds / 60)


@dataclass
class TrendPoint:
    start: datetime.date
    time: TimeSplit


@dataclass
class Dashboard:
    period: Period
    team: Team | None
    rows: list[WorkerRow]
    team_time: TimeSplit
    trend: list[TrendPoint]
    reviews_known: bool
    referrals: sources.Referrals | None = None
    help: sources.PracticalHelp | None = None

    @property
    def observed_minutes(self) -> int:
        return round(sum(r.observed_seconds for r in self.rows) / 60)

    @property
    def caseload(self) -> int:
        return sum(r.cases.caseload for r in self.rows)

    @property
    def reviews_overdue(self) -> int:
        return sum(r.cases.reviews_overdue for r in self.rows)

    @property
    def reviews_due(self) -> int:
        return sum(r.cases.reviews_due for r in self.rows)

    @property
    def workers_without_time(self) -> list[User]:
        return [r.worker for r in self.rows if not r.time.total]

    @property
    def has_time(self) -> bool:
        return bool(self.team_time.total)


class DateBucket(Func):
    """The first day of the day, week or month holding a date.

    On PostgreSQL, Django's Trunc on a date column casts it to `timestamp with time zone`, a per-row
    time-zone conversion that doubles the cost of the dashboard's one big query; a plain `timestamp`
    cast gives the same answer for a date, at a fraction of the cost.
    """

    output_field = DateField()
    KINDS = ("day", "week", "month")

    def __init__(self, expression: Any, kind: str) -> None:
        if kind not in self.KINDS:
            raise ValueError(kind)
        self.kind = kind
        super().__init__(expression)

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> Any:  # type: ignore[override]
        trunc = Trunc(self.source_expressions[0], self.kind, output_field=DateField())
        return compiler.compile(trunc.resolve_expression(compiler.query))

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        sql, params = compiler.compile(self.source_expressions[0])
        if self.kind == "day":
            return sql, params
        return f"(DATE_TRUNC('{self.kind}', ({sql})::timestamp))::date", params


def _category_kinds() -> dict[int, str]:
    return dict(TimeCategory.objects.values_list("pk", "kind"))


def dashboard(
    *, workers: list[User], period: Period, team: Team | None = None, on: datetime.date | None = None
) -> Dashboard:
    """The dashboard for these workers over the period; team panels when `team` is given.

    `workers` is already restricted to what the viewer may see (timesheets.permissions.workers_visible_to).
    """
    on = on or today()
    ids = [w.pk for w in workers]
    kinds = _category_kinds()
    in_period = TimeRecord.objects.filter(
        worker_id__in=ids, date__range=(period.start, period.end)
    ).order_by()

    # One scan of the records, grouped by worker, trend bucket and category: both the per-worker split
    # and the trend are summed from these few hundred (or few thousand) rows.
    by_worker: dict[int, TimeSplit] = defaultdict(TimeSplit)
    by_bucket: dict[datetime.date, TimeSplit] = defaultdict(TimeSplit)
    grouped = (
        in_period.annotate(bucket=DateBucket(F("date"), period.bucket))
        .values_list("worker_id", "bucket", "category_id")
        .annotate(minutes=Sum("minutes"))
    )
    for worker_id, bucket, category_id, minutes in grouped:
        kind = kinds[category_id]
        by_worker[worker_id].add(kind, minutes)
        by_bucket[bucket].add(kind, minutes)

    observed = dict(
        ObservedFormTime.objects.filter(worker_id__in=ids, date__range=(period.start, period.end))
        .order_by()
        .values("worker_id")
        .annotate(seconds=Sum("seconds"))
        .values_list("worker_id", "seconds")
    )
    cases, reviews_known = sources.caseloads_and_reviews(worker_ids=ids, on=on)

    rows = [
        WorkerRow(
            worker=w,
            time=by_worker.get(w.pk, TimeSplit()),
            observed_seconds=observed.get(w.pk, 0),
            cases=cases.get(w.pk, sources.WorkerCases()),
        )
        for w in workers
    ]
    return Dashboard(
        period=period,
        team=team,
        rows=rows,
        team_time=TimeSplit.combined(r.time for r in rows),
        # The trend stops at today: weeks still to come would only show as empty.
        trend=[
            TrendPoint(start, by_bucket.get(start, TimeSplit())) for start in period.buckets() if start <= on
        ],
        reviews_known=reviews_known,
        referrals=sources.referrals_awaiting_answer(team_id=team.pk) if team else None,
        help=sources.practical_help(team_id=team.pk, on=on) if team else None,
    )
