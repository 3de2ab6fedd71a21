"""Demo pots: one per team for the current financial year, with two to four agencies' contributions (one
restricted to childcare) and, for the detailed families that have plan goals, requests in every state.
Everything goes through the services, so the ledger, attribution and history are real. Only the
detailed families get requests, so this stays fast at any number of families."""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from core.calendar import today
from core.demo import DemoContext
from families.models import Family
from plans.models import Goal
from pots import funding, services
from pots.models import Category, HelpRequest, Pot

PAYEES: dict[str, list[str]] = {
    Category.CHILDCARE: ["Little Acorns Nursery", "Sunbeams Holiday Club"],
    Category.TRANSPORT: ["First Bus Norfolk", "Greater Anglia"],
    Category.DEBT: ["Norwich City Council (council tax)", "Broadland Housing"],
    Category.HOUSEHOLD: ["Argos", "British Heart Foundation furniture shop"],
    Category.FOOD_FUEL: ["Octopus Energy", "Tesco"],
    Category.ACTIVITIES: ["Norwich Swim Club", "Scouts"],
    Category.OTHER: ["Passport Office"],
}
# (category, amount, what happens next)
STORIES: list[tuple[str, str, str]] = [
    (Category.TRANSPORT, "42.50", "paid"),
    (Category.FOOD_FUEL, "60.00", "approved"),
    (Category.CHILDCARE, "320.00", "pending"),
    (Category.DEBT, "450.00", "approved_by_manager"),
    (Category.HOUSEHOLD, "280.00", "refused"),
    (Category.ACTIVITIES, "35.00", "cancelled"),
    (Category.CHILDCARE, "120.00", "refunded"),
]


def _financial_year(on: datetime.date) -> tuple[datetime.date, datetime.date]:
    start_year = on.year if on.month >= 4 else on.year - 1
    return datetime.date(start_year, 4, 1), datetime.date(start_year + 1, 3, 31)


def _manager_of(ctx: DemoContext, team: Any) -> Any:
    return next((m for m in ctx.managers if m.team_id == team.pk), None)


def seed(ctx: DemoContext) -> None:
    if not ctx.agencies:
        return
    start, end = _financial_year(ctx.today)
    detailed = set(ctx.detailed_family_ids())
    goals_by_family: dict[int, list[Goal]] = {}
    for goal in Goal.objects.filter(plan__family_id__in=detailed, status=Goal.Status.OPEN).order_by("pk"):
        goals_by_family.setdefault(goal.plan.family_id, []).append(goal)
    for team in ctx.teams:
        manager = _manager_of(ctx, team)
        if manager is None or Pot.objects.filter(team=team, starts_on=start).exists():
            continue
        pot = funding.pot_create(
            actor=manager,
            team=team,
            name=f"{team.name} practical help {start.year}/{end.year % 100:02d}",
            starts_on=start,
            ends_on=end,
            auto_approval_limit=Decimal("150.00"),
            family_cap=Decimal("1000.00"),
            categories=[c for c, _label in Category.choices],
        )
        funders = ctx.rng.sample(ctx.agencies, k=min(len(ctx.agencies), ctx.rng.randint(2, 4)))
        received = min(start + datetime.timedelta(days=3), today())
        for i, funder in enumerate(funders):
            funding.contribution_add(
                actor=manager,
                pot=pot,
                funder=funder,
                amount=Decimal(ctx.rng.choice(["2500.00", "5000.00", "7500.00", "10000.00"])),
                received_on=received,
                restricted_to=[Category.CHILDCARE] if i == 1 else [],
                note="Early help grant" if i != 1 else "Childcare only: Early Years fund",
            )
        families = Family.objects.filter(
            pk__in=[f for f in detailed if f in goals_by_family], team=team, status=Family.Status.OPEN
        ).select_related("lead_practitioner", "team")
        for n, family in enumerate(families):
            _requests_for(ctx, pot, family, goals_by_family[family.pk], manager, offset=n)


def _requests_for(
    ctx: DemoContext, pot: Pot, family: Family, goals: list[Goal], manager: Any, offset: int
) -> None:
    lead = family.lead_practitioner
    if lead is None:
        return
    stories = STORIES[offset % len(STORIES) :] + STORIES[: offset % len(STORIES)]
    for category, amount, outcome in stories[: ctx.rng.randint(2, 4)]:
        try:
            request = services.help_request_submit(
                actor=lead,
                family=family,
                goal=ctx.rng.choice(goals),
                category=category,
                amount=Decimal(amount),
                payee=ctx.rng.choice(PAYEES[category]),
                needed_on=ctx.today + datetime.timedelta(days=ctx.rng.randint(1, 14)),
                description="So the plan can move on this week",
                pot=pot,
            )
            if outcome == "approved_by_manager" and request.status == HelpRequest.Status.PENDING:
                services.help_request_approve(actor=manager, help_request=request, reason="Fits the plan")
            elif outcome == "refused" and request.status == HelpRequest.Status.PENDING:
                services.help_request_refuse(
                    actor=manager, help_request=request, reason="Ask the Household Support Fund first"
                )
            elif outcome == "paid":
                services.help_request_pay(actor=lead, help_request=request)
            elif outcome == "cancelled":
                services.help_request_cancel(
                    actor=lead, help_request=request, reason="The club offered a free place"
                )
            elif outcome == "refunded":
                services.help_request_pay(actor=lead, help_request=request)
                services.help_request_refund(
                    actor=lead, help_request=request, reason="The holiday club closed"
                )
        except ValidationError:
            continue  # a story the pot or the family cap cannot fund is skipped, as a worker would be told
