"""Demo plans. The detailed families get a full plan through the services: goals in the family's words,
actions owned by family members, the lead worker and partner agencies (some overdue), a review meeting
and the family's agreement. The bulk families get a plan row each (with history, in bulk) so the
caseload shows realistic next-review dates at 100,000 families."""

import datetime
from typing import Any

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from assessments.models import Assessment, Domain
from core.calendar import today
from core.demo import DemoContext
from families.models import Family, Person
from plans import services
from plans.models import Action, Plan, PlanAgreement

# Per outcome area: goal in the family's words, what success looks like, actions (owner kind, text)
GOALS: dict[str, tuple[str, str, list[tuple[str, str]]]] = {
    "Getting a good education": (
        "Get the kids to school on time without a fight every morning",
        "No late marks for four weeks in a row",
        [
            ("person", "Lay out uniforms the night before"),
            ("agency", "Offer a breakfast club place"),
            ("worker", "Meet the head of year with mum"),
        ],
    ),
    "Improved mental and physical health": (
        "I want to feel like myself again",
        "Sleeping most nights and going out twice a week",
        [("person", "Book a GP appointment about sleep"), ("worker", "Go with mum to the wellbeing cafe")],
    ),
    "Secure housing": (
        "A dry bedroom for the girls and the rent back on track",
        "Damp fixed and arrears paid off",
        [
            ("agency", "Inspect the damp and arrange the repair"),
            ("worker", "Apply for discretionary housing payment"),
            ("person", "Keep a photo diary of the mould"),
        ],
    ),
    "Financial stability": (
        "Have money left in the last week of the month",
        "A budget that lasts the month, and the council tax on a payment plan",
        [
            ("agency", "Debt advice appointment"),
            ("person", "Bring every letter to the appointment"),
            ("worker", "Check benefit entitlement"),
        ],
    ),
    "Improved family relationships": (
        "Eat tea together at least three nights a week",
        "Calmer bedtimes and fewer arguments",
        [("agency", "Parenting group place"), ("person", "Try the new bedtime routine")],
    ),
}
DEFAULT_GOAL = (
    "Feel more in control of things",
    "The family says things are calmer",
    [("worker", "Talk it through at the next visit")],
)


def _actor(family: Family, ctx: DemoContext) -> Any:
    return family.lead_practitioner or (ctx.leads[0] if ctx.leads else None)


def seed(ctx: DemoContext) -> None:
    rng = ctx.rng
    now = today()
    detailed_ids = ctx.detailed_family_ids()
    domains = {d.name: d for d in Domain.objects.filter(active=True)}
    families = Family.objects.filter(pk__in=detailed_ids).select_related("lead_practitioner")
    for family in families.order_by("pk"):
        if Plan.objects.filter(family=family).exists() or not family.is_open:
            continue
        _detailed_plan(ctx, family, domains, rng, now)
    _bulk_plans(ctx, set(detailed_ids), rng, now)


def _detailed_plan(
    ctx: DemoContext, family: Family, domains: dict[str, Domain], rng: Any, now: datetime.date
) -> None:
    actor = _actor(family, ctx)
    assessment = Assessment.objects.filter(family=family).first()
    started = max(family.opened_on, assessment.started_on if assessment else family.opened_on)
    started = min(now, started + datetime.timedelta(days=rng.randint(5, 15)))
    plan = services.plan_create(
        actor=actor,
        family=family,
        started_on=started,
        family_hopes="We want the house to be calmer and to stop firefighting.",
    )
    people = list(Person.objects.filter(family=family))
    adults = [p for p in people if p.household_role in ("parent", "carer")] or people
    names = rng.sample(sorted(GOALS), k=rng.randint(2, 4))
    goals = []
    for name in names:
        text, success, actions = GOALS.get(name, DEFAULT_GOAL)
        domain = domains.get(name) or next(iter(domains.values()))
        goal = services.goal_add(
            actor=actor,
            plan=plan,
            domain=domain,
            text=text,
            success_looks_like=success,
            target_on=started + datetime.timedelta(days=rng.randint(60, 180)),
        )
        goals.append(goal)
        for kind, action_text in actions:
            owner: dict[str, Any] = {}
            if kind == "person" and adults:
                owner["owner_person"] = rng.choice(adults)
            elif kind == "agency" and ctx.agencies:
                owner["owner_agency"] = rng.choice(ctx.agencies)
            else:
                owner["owner_worker"] = actor
            due = started + datetime.timedelta(days=rng.randint(7, 90))
            status = rng.choice([Action.Status.NOT_STARTED, Action.Status.IN_PROGRESS, Action.Status.DONE])
            services.action_add(actor=actor, goal=goal, text=action_text, due_on=due, status=status, **owner)
    if adults:
        services.plan_agree(
            actor=actor,
            plan=plan,
            agreed_by=adults[0],
            method=rng.choice(PlanAgreement.Method.values[:3]),
            # A plan started today was agreed earlier today, not later at 11:00.
            agreed_at=min(_aware(started), _now()),
        )
    held = started + datetime.timedelta(weeks=rng.randint(4, 6))
    if held <= now:
        services.plan_review_record(
            actor=actor,
            plan=plan,
            held_on=held,
            people=adults[:1],
            workers=[actor] if actor else [],
            agencies=ctx.agencies[:1],
            decisions="Keep the morning routine; school to review the breakfast club in a month.",
            progress={g.pk: (rng.randint(3, 7), "") for g in goals},
        )


def _now() -> datetime.datetime:
    return timezone.now()


def _aware(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(11, 0)))


def _bulk_plans(ctx: DemoContext, skip: set[int], rng: Any, now: datetime.date) -> None:
    """One plan row (with its history row) for about half of the other open families, in batches."""
    batch: list[Plan] = []
    rows = (
        Family.objects.filter(pk__in=ctx.family_ids, status=Family.Status.OPEN)
        .exclude(pk__in=skip)
        .exclude(plan__isnull=False)
        .values_list("pk", "opened_on", "lead_practitioner_id")
    )
    for family_id, opened_on, lead_id in rows.order_by("pk").iterator(chunk_size=2000):
        if rng.random() < 0.5 or lead_id is None:
            continue
        started = min(now, opened_on + datetime.timedelta(days=rng.randint(5, 20)))
        reviewed_weeks = rng.randint(0, 30)
        next_review = started + datetime.timedelta(weeks=6 + reviewed_weeks)
        batch.append(
            Plan(family_id=family_id, started_on=started, next_review_on=next_review, created_by_id=lead_id)
        )
        if len(batch) >= 2000:
            _flush(batch, ctx)
            batch = []
    if batch:
        _flush(batch, ctx)


def _flush(batch: list[Plan], ctx: DemoContext) -> None:
    bulk_create_with_history(batch, Plan, batch_size=1000, default_user=ctx.leads[0] if ctx.leads else None)
