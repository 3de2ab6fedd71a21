"""Benchmarks for plans (issue 3): the plan page for a 30-goal/150-action plan and its PDF; the web
process's memory over 500 PDFs (issue 16).

The big plan belongs to a dedicated family of the bench lead, made once through the services (so it has
history like any other) the first time the benchmarks are collected.
"""

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.urls import reverse

from assessments.models import Domain
from core.calendar import today
from devtools.bench import BenchContext, Benchmark, CallableBenchmark, PageBenchmark
from families import services as family_services
from families.models import Family
from plans import pdf, selectors, services
from plans.models import Plan

BENCH_REFERENCE = "BENCH-PLAN-30"
GOALS, ACTIONS_PER_GOAL = 30, 5
SMALL_REFERENCE = "BENCH-PLAN-5"
RSS_GROWTH_MAX_MB = 30


def big_plan(lead: Any, *, reference: str = BENCH_REFERENCE, goals: int = GOALS) -> Plan:
    family = Family.objects.filter(reference=reference).first()
    if family is None:
        family = family_services.family_create(
            actor=lead,
            name="Benchmark family",
            team=lead.team,
            lead_practitioner=lead,
            reference=reference,
        )
        family_services.person_add(
            actor=lead, family=family, first_name="Jo", last_name="Bench", household_role="parent"
        )
    plan = Plan.objects.filter(family=family).first() or services.plan_create(
        actor=lead,
        family=family,
        started_on=today() - datetime.timedelta(days=60),
        family_hopes="A calmer home.",
    )
    if plan.goals.count() >= goals:
        return plan
    domains = list(Domain.objects.filter(active=True))
    person = family.members.first()
    from partners.models import Agency

    agency = Agency.objects.order_by("pk").first()
    for i in range(plan.goals.count(), goals):
        goal = services.goal_add(
            actor=lead,
            plan=plan,
            domain=domains[i % len(domains)],
            text=f"Goal {i + 1}: in the family's words, something that matters to them this year",
            success_looks_like="The family says it has happened, and school or the GP agree",
            target_on=today() + datetime.timedelta(days=90),
        )
        for j in range(ACTIONS_PER_GOAL):
            owners = [{"owner_person": person}, {"owner_worker": lead}, {"owner_agency": agency}]
            owner = owners[j % 3] if agency is not None or j % 3 != 2 else owners[1]
            services.action_add(
                actor=lead,
                goal=goal,
                text=f"Action {j + 1} for goal {i + 1}: a concrete step with a date",
                due_on=today() + datetime.timedelta(days=7 * j - 7),
                **owner,
            )
    return plan


def vm_rss_mb() -> float:
    """This process's resident memory (VmRSS in /proc/self/status; Linux), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def pdf_memory_growth(render: Callable[[], bytes], *, first: int = 50, then: int = 450) -> Callable[[], None]:
    """Issue 16: a web process's memory after 500 plan PDFs is within 30 MB of its memory after 50.

    The runner's warm-up call renders the first 50 and notes the RSS; the timed call renders 450 more and
    fails, with both figures, when the RSS grew by more than RSS_GROWTH_MAX_MB."""
    seen: dict[str, float] = {}

    def run() -> None:
        for _ in range(then if "after_first" in seen else first):
            render()
        if "after_first" not in seen:
            seen["after_first"] = vm_rss_mb()
            return
        grown = vm_rss_mb() - seen["after_first"]
        message = f"RSS {seen['after_first']:.1f} MB after {first} PDFs, {grown:+.1f} MB after {first + then}"
        print(f"  plans: {message}")
        if grown > RSS_GROWTH_MAX_MB:
            raise AssertionError(f"{message} (> {RSS_GROWTH_MAX_MB} MB)")

    return run


def benchmarks(ctx: BenchContext) -> list[Benchmark]:
    if ctx.lead is None or ctx.lead.team is None:
        return []
    plan = big_plan(ctx.lead)
    small = big_plan(ctx.lead, reference=SMALL_REFERENCE, goals=5)
    reference = plan.family.reference

    def render(large_print: bool) -> bytes:
        return pdf.render_plan_pdf(selectors.plan_for_document(plan=plan), large_print=large_print)

    return [
        PageBenchmark(
            "Plan page, 30 goals and 150 actions (lead)",
            ctx.lead,
            reverse("plans:detail", args=[reference]),
            target_p95_ms=300.0,
            max_queries=15,
        ),
        CallableBenchmark(
            "Plan PDF, 30 goals and 150 actions",
            lambda: render(False),
            target_p95_ms=2000.0,
            target_peak_mb=300.0,
        ),
        CallableBenchmark(
            "Plan PDF, large print, 30 goals",
            lambda: render(True),
            target_p95_ms=2000.0,
            target_peak_mb=300.0,
        ),
        CallableBenchmark(
            f"Web process RSS after 500 plan PDFs (5 goals) within {RSS_GROWTH_MAX_MB} MB of after 50",
            pdf_memory_growth(lambda: pdf.render_plan_pdf(selectors.plan_for_document(plan=small))),
            max_repeat=1,
            measure_memory=False,  # the figure is RSS, checked by the call itself
        ),
    ]
