"""Benchmark for the caseload import (issue 16): 50,000 families from a CSV file through the services,
in under 10 minutes on PostgreSQL.

The import runs in this process (the task's body, `services.job_import`), in a transaction rolled back
afterwards, so the bench database keeps its size. The runner's warm-up imports a small file first.
"""

import csv
import io
import itertools
import time

from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.models import Domain
from caseload_import import services
from devtools.bench import BenchContext, Benchmark, CallableBenchmark, RolledBack
from staff.models import User

FAMILIES = 50_000
WARM_UP_FAMILIES = 100
TARGET_MS = 10 * 60 * 1000
HEADERS = [
    "Family name", "Address line 1", "Postcode", "Lead worker's email", "Open or closed",
    "Member 1: first name", "Member 1: last name", "Member 1: date of birth",
    "Member 2: first name", "Member 2: last name", "Member 2: date of birth",
    "Goal: outcome area", "Goal, in the family's words", "Action for the goal",
]  # fmt: skip
_run = itertools.count()


def caseload_csv(*, families: int, leads: list[str], area: str, tag: str) -> bytes:
    """A legacy caseload of `families` rows: two members each, a third with a goal and an action, a
    tenth closed, spread over the leads."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for n in range(families):
        surname = f"Imported{tag}x{n}"
        goal = n % 3 == 0
        writer.writerow(
            [
                f"{surname} family", f"{n} Bench Street", f"NR{n % 30 + 1} {n % 9 + 1}AB",
                leads[n % len(leads)], "closed" if n % 10 == 0 else "open",
                "Alex", surname, f"{n % 28 + 1:02d}/0{n % 9 + 1}/1985",
                "Jo", surname, f"{n % 28 + 1:02d}/0{n % 9 + 1}/2015",
                area if goal else "", "We want a calmer home" if goal else "",
                "Book a family meeting" if goal else "",
            ]
        )  # fmt: skip
    return out.getvalue().encode()


def import_time(*, importer: User, families: int) -> tuple[float, int]:
    """Seconds to import `families` families (read, dry run and import), and how many went in."""
    assert importer.team is not None
    leads = list(
        User.objects.filter(team=importer.team, is_active=True, role=User.Role.LEAD_PRACTITIONER)
        .exclude(email="")
        .values_list("email", flat=True)[:20]
    )
    area = Domain.objects.filter(active=True).order_by("order").values_list("name", flat=True).first()
    data = caseload_csv(
        families=families, leads=leads, area=area or "", tag=f"{next(_run)}t{time.time():.0f}"
    )
    started = time.perf_counter()
    job = services.job_create(
        actor=importer, upload=SimpleUploadedFile("bench.csv", data), team=importer.team, mapping=None
    )
    job = services.job_check(actor=importer, job=job, columns=job.columns)
    job = services.job_import(job_id=job.pk)
    return time.perf_counter() - started, job.rows_done


class _Import(RolledBack):
    def __init__(self, importer: User) -> None:
        self.importer = importer
        self.runs = 0

    def setup(self) -> None:
        self.begin()

    def run(self) -> None:
        families = WARM_UP_FAMILIES if self.runs == 0 else FAMILIES
        self.runs += 1
        import_time(importer=self.importer, families=families)

    def teardown(self) -> None:
        self.rollback()


def benchmarks(ctx: BenchContext) -> list[Benchmark]:
    manager = ctx.manager
    if manager is None or manager.team is None:
        return []
    work = _Import(manager)
    return [
        CallableBenchmark(
            f"Import {FAMILIES:,} families from a CSV file, through the services",
            work.run,
            target_p95_ms=TARGET_MS,
            setup=work.setup,
            teardown=work.teardown,
            max_repeat=1,
            measure_memory=False,
        )
    ]
