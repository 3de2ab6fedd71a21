"""Benchmarks for the service directory: the Open Referral UK API and the public search, as the public, and
the staff list with how each agency answers referrals, as a lead."""

from django.urls import reverse

from devtools.bench import BenchContext, Benchmark, PageBenchmark
from directory.models import Service

TARGET_P95_MS = 100.0
TARGET_RATIO = 4.0


def benchmarks(ctx: BenchContext) -> list[Benchmark]:
    service = Service.objects.filter(status__in=Service.PUBLIC_STATUSES).order_by("name", "id").first()
    if service is None:
        return []
    return [
        # Anonymous (user None): the API and the public pages need no sign-in.
        PageBenchmark(
            "Directory API: services, page of 50",
            None,
            reverse("directory:api_services"),
            data={"per_page": 50},
            max_queries=3,  # the count, the page, and Last-Modified
            target_p95_ms=TARGET_P95_MS,
            target_ratio=TARGET_RATIO,
        ),
        PageBenchmark(
            "Directory API: services, search and need filter",
            None,
            reverse("directory:api_services"),
            data={"per_page": 50, "search": "advice", "taxonomy_term_id": _money_term_id()},
            max_queries=3,
            target_p95_ms=TARGET_P95_MS,
            target_ratio=TARGET_RATIO,
        ),
        PageBenchmark(
            "Directory API: one full service",
            None,
            reverse("directory:api_service", args=[service.pk]),
            max_queries=7,
            target_p95_ms=TARGET_P95_MS,
            target_ratio=TARGET_RATIO,
        ),
        PageBenchmark(
            "Public directory search: need and area",
            None,
            reverse("directory:search"),
            data={"need": "money", "area": "NR2"},
            max_queries=6,
            target_p95_ms=TARGET_P95_MS,
            target_ratio=TARGET_RATIO,
        ),
        PageBenchmark(
            "Public directory search: free text",
            None,
            reverse("directory:search"),
            data={"q": "family support"},
            max_queries=5,
            target_p95_ms=TARGET_P95_MS,
            target_ratio=TARGET_RATIO,
        ),
        *_staff_benchmarks(ctx),
    ]


def _staff_benchmarks(ctx: BenchContext) -> list[Benchmark]:
    return [
        # The agencies' referral figures are one read for the page, however many services it lists.
        PageBenchmark(
            "Staff directory list, with how referrals are answered",
            ctx.lead,
            reverse("directory:manage"),
            max_queries=5,  # session, user, the count, the page, the agencies' referral figures
            target_p95_ms=TARGET_P95_MS,
            target_ratio=TARGET_RATIO,
            skip="" if ctx.lead is not None else "no lead practitioner in the dataset",
        ),
    ]


def _money_term_id() -> str:
    from directory.needs import need_term_id

    return str(need_term_id("money"))
