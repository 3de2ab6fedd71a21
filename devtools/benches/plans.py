"""Benchmarks for plans (issue 3): the plan page for a 30-goal/150-action plan and its PDF.

The big plan belongs to a dedicated family of the bench lead, made once through the services (so it has
history like any other) the first time the benchmarks are collected.
"""

import datetime
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


def big_plan(lead: Any) -> Plan:
    family = Family.objects.filter(reference=BENCH_REFERENCE).first()
    if family is None:
        family = family_services.family_create(
            actor=lead,
            name="Benchmark family",
            team=lead.team,
            lead_practitioner=lead,
            reference=BENCH_REFERENCE,
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
    if plan.goals.count() >= GOALS:
        return plan
    domains = list(Domain.objects.filter(active=True))
    person = family.members.first()
    from partners.models import Agency

    agency = Agency.objects.order_by("pk").first()
    for i in range(plan.goals.count(), GOALS):
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


def benchmarks(ctx: BenchContext) -> list[Benchmark]:
    if ctx.lead is None or ctx.lead.team is None:
        return []
    plan = big_plan(ctx.lead)
    reference = plan.family.reference

    def render(large_print: bool) -> bytes:
        return pdf.render_plan_pdf(selectors.plan_for_document(plan=plan), large_print=large_print)

    return [
        PageBenchmark(
            "Plan page, 30 goals and 150 actions (lead)",
            ctx.lead,
            reverse("plans:detail", args=[reference]),
            target_p95_ms=300.0,
            max_queries=30,
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
    ]
