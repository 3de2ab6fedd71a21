"""Benchmarks for the dashboard: a team of 50 workers over 12 months, about 250,000 time records.

The dataset is made here if absent (the demo data has far fewer records per team). Records are written
with `bulk_create_with_history`, as the demo does, so the history table is as large as it would be in
real use and the benchmark measures the real table sizes.
"""

import datetime
import random
from typing import Any

from django.db import connection
from django.urls import reverse
from simple_history.utils import bulk_create_with_history

from core.calendar import is_working_day, today
from devtools.bench import BenchContext, Benchmark, PageBenchmark
from staff import services as staff_services
from staff.models import Team, User
from timesheets.models import TimeCategory, TimeRecord

TEAM_NAME = "Bench: time recording team"
WORKERS = 50
RECORDS_PER_WORKER_DAY = 20  # 50 workers x ~250 working days x 20 = about 250,000 records
TARGET_P95_MS = 300.0
MAX_QUERIES = 15


def bench_time_team() -> tuple[User, list[User]]:
    """The bench team's manager and workers, with 12 months of time records (made once)."""
    team = Team.objects.filter(name=TEAM_NAME).first()
    if team is None:
        team = staff_services.team_create(actor=None, name=TEAM_NAME, area="Bench")
    manager = User.objects.filter(
        team=team, role=User.Role.TEAM_MANAGER
    ).first() or staff_services.user_create(
        actor=None,
        username="bench-time-manager",
        password=None,
        role=User.Role.TEAM_MANAGER,
        team=team,
        first_name="Bench",
        last_name="Manager",
        email="bench-time-manager@example.org",
    )
    workers = list(User.objects.filter(team=team, role=User.Role.LEAD_PRACTITIONER).order_by("pk"))
    for n in range(len(workers), WORKERS):
        workers.append(
            staff_services.user_create(
                actor=None,
                username=f"bench-time-{n:02d}",
                password=None,
                role=User.Role.LEAD_PRACTITIONER,
                team=team,
                first_name="Worker",
                last_name=f"{n:02d}",
            )
        )
    if not TimeRecord.objects.filter(worker__team=team).exists():
        _fill(workers)
    return manager, workers


def _fill(workers: list[User]) -> None:
    rng = random.Random(6)  # noqa: S311 - bench data, not security
    categories = list(TimeCategory.objects.all())
    end = today() - datetime.timedelta(days=1)
    days = [end - datetime.timedelta(days=n) for n in range(365)]
    days = [d for d in days if is_working_day(d)]
    batch: list[TimeRecord] = []
    for worker in workers:
        for day in days:
            for _n in range(RECORDS_PER_WORKER_DAY):
                record = TimeRecord(
                    worker=worker,
                    date=day,
                    minutes=rng.choice([5, 10, 15, 20, 30]),
                    category=rng.choice(categories),
                )
                record._history_user = worker  # type: ignore[attr-defined]
                batch.append(record)
            if len(batch) >= 20000:
                bulk_create_with_history(batch, TimeRecord, batch_size=5000)
                batch = []
    if batch:
        bulk_create_with_history(batch, TimeRecord, batch_size=5000)
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # (VACUUM cannot run inside a transaction, as in a test; the bench runs in autocommit.)
        # What autovacuum would soon do after a bulk load: fresh statistics and a visibility map, so the
        # planner sees the table as it would be in use rather than just after a quarter of a million inserts.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE staff_timerecord")


def _year(end: datetime.date) -> dict[str, Any]:
    start = end - datetime.timedelta(days=364)
    return {
        "period": "custom",
        "start_day": start.day,
        "start_month": start.month,
        "start_year": start.year,
        "end_day": end.day,
        "end_month": end.month,
        "end_year": end.year,
    }


def benchmarks(ctx: BenchContext) -> list[Benchmark]:
    manager, workers = bench_time_team()
    dashboard = reverse("reports:dashboard")
    targets: dict[str, Any] = {"target_p95_ms": TARGET_P95_MS, "max_queries": MAX_QUERIES}
    return [
        PageBenchmark(
            "Dashboard: 50 workers, 12 months (~250,000 records)",
            manager,
            dashboard,
            data=_year(today() - datetime.timedelta(days=1)),
            **targets,
        ),
        PageBenchmark(
            "Dashboard: 50 workers, one quarter", manager, dashboard, data={"period": "quarter"}, **targets
        ),
        PageBenchmark("Dashboard: 50 workers, last week (default)", manager, dashboard, **targets),
        PageBenchmark(
            "Dashboard CSV: 50 workers, 12 months",
            manager,
            reverse("reports:dashboard_csv"),
            data=_year(today() - datetime.timedelta(days=1)),
            **targets,
        ),
        PageBenchmark(
            "My week (a worker with 20 records a day)",
            workers[0],
            reverse("time:week"),
            target_p95_ms=100.0,
        ),
    ]
