"""Benchmarks for the families app: the caseload and the family record (issue 2's targets)."""

from typing import Any

from django.urls import reverse

from devtools.bench import BenchContext, Benchmark, PageBenchmark
from families.models import Family

# Issue 2: the 95th percentile under 100 ms and within 4x of the page's SQL floor.
TARGET_P95_MS = 100.0
TARGET_RATIO = 4.0
# Issue 10: recording who looked may make the family page at most 10% slower.
READ_LOG = "families.access_log.ReadLogMiddleware"
READ_LOG_MAX_SLOWDOWN = 0.10


def benchmarks(ctx: BenchContext) -> list[Benchmark]:
    if ctx.lead is None:
        return []
    family = (
        Family.objects.filter(lead_practitioner=ctx.lead, status=Family.Status.OPEN).order_by("pk").first()
    )
    if family is None:
        return []
    caseload = reverse("families:caseload")
    # Search the way a worker does: part of a family's surname, as typed.
    term = family.name.split()[0][:5].lower()
    targets: dict[str, Any] = {"target_p95_ms": TARGET_P95_MS, "target_ratio": TARGET_RATIO}
    items: list[Benchmark] = [
        PageBenchmark("Caseload (lead, own families)", ctx.lead, caseload, **targets),
        PageBenchmark("Caseload search (lead)", ctx.lead, caseload, data={"q": term}, **targets),
        PageBenchmark(
            "Family page (lead), read log off",
            ctx.lead,
            reverse("families:detail", args=[family.reference]),
            without_middleware=(READ_LOG,),
        ),
        PageBenchmark(
            "Family page (lead)",
            ctx.lead,
            reverse("families:detail", args=[family.reference]),
            compare_with="Family page (lead), read log off",
            max_slowdown=READ_LOG_MAX_SLOWDOWN,
            **targets,
        ),
        PageBenchmark(
            "Family history tab (lead)",
            ctx.lead,
            reverse("families:history", args=[family.reference]),
            **targets,
        ),
    ]
    if ctx.manager is not None:
        items.insert(
            1,
            PageBenchmark(
                "Caseload (manager, whole team, page 1)",
                ctx.manager,
                caseload,
                data={"scope": "team"},
                **targets,
            ),
        )
    return items
