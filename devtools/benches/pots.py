"""Benchmarks for the practical-help pot (issue 5).

- A request at or under the auto-approval limit goes from submit to approved in one POST.
- The pot page of a pot with 10,000 ledger entries: flat query count, under 100 ms. The big pot is a
  dedicated past-period pot of the bench lead's team, made once with bulk writes (history included).
"""

import datetime
from decimal import Decimal
from typing import Any

from django.db import connection
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from assessments.models import Domain
from core.calendar import today
from devtools.bench import BenchContext, Benchmark, PageBenchmark
from families.models import Family
from plans import services as plan_services
from plans.models import Goal, Plan
from pots import funding, services
from pots.models import Category, Contribution, HelpRequest, LedgerEntry, Pot
from staff.selectors import team_managers

BIG_POT_START = datetime.date(1990, 4, 1)
BENCH_PAYEE = "Bench Buses"
CONTRIBUTIONS, REQUESTS = 100, 4950  # 100 + 4,950 commitments + 4,950 payments or releases = 10,000 entries


def _financial_year(on: datetime.date) -> tuple[datetime.date, datetime.date]:
    start_year = on.year if on.month >= 4 else on.year - 1
    return datetime.date(start_year, 4, 1), datetime.date(start_year + 1, 3, 31)


def _manager(team: Any) -> Any:
    return team_managers(team=team).order_by("pk").first()


def _family_goal(lead: Any) -> Goal:
    family = Family.objects.filter(lead_practitioner=lead, status=Family.Status.OPEN).order_by("pk").first()
    if family is None:
        raise LookupError("the bench lead has no open family")
    goal = Goal.objects.filter(plan__family=family, status=Goal.Status.OPEN).order_by("pk").first()
    if goal is None:
        plan = Plan.objects.filter(family=family).first() or plan_services.plan_create(
            actor=lead, family=family
        )
        goal = plan_services.goal_add(
            actor=lead,
            plan=plan,
            domain=Domain.objects.filter(active=True).first(),
            text="Get to work on time",
        )
    return goal


def current_pot(team: Any, manager: Any) -> Pot:
    start, end = _financial_year(today())
    pot = Pot.objects.filter(team=team, starts_on__lte=today(), ends_on__gte=today()).first()
    if pot is None:
        pot = funding.pot_create(
            actor=manager,
            team=team,
            name=f"{team.name} practical help",
            starts_on=start,
            ends_on=end,
            auto_approval_limit=Decimal("150.00"),
            family_cap=Decimal("1000.00"),
            categories=[c for c, _label in Category.choices],
        )
    return pot


def _top_up(pot: Pot, manager: Any, funder: Any) -> None:
    """Every timed POST commits £1: cancel the last run's (releasing it, which also keeps the family under
    its cap however often the benchmark runs) and keep plenty in the pot."""
    from pots import selectors

    for request in HelpRequest.objects.filter(pot=pot, payee=BENCH_PAYEE, status=HelpRequest.Status.APPROVED):
        services.help_request_cancel(actor=manager, help_request=request, reason="Benchmark request")

    if selectors.pot_balance(pot=pot).available < Decimal("500.00"):
        funding.contribution_add(
            actor=manager,
            pot=pot,
            funder=funder,
            amount=Decimal("5000.00"),
            received_on=today(),
        )


def _big_pot_contributions(pot: Pot, manager: Any, funder: Any) -> list[Contribution]:
    bulk_create_with_history(
        [
            Contribution(
                pot=pot,
                funder=funder,
                amount=Decimal("10000.00"),
                received_on=BIG_POT_START,
                restricted_to=[Category.CHILDCARE] if i % 10 == 0 else [],
                recorded_by=manager,
            )
            for i in range(CONTRIBUTIONS)
        ],
        Contribution,
        default_user=manager,
    )
    return list(Contribution.objects.filter(pot=pot).order_by("pk"))


def _big_pot_requests(pot: Pot, manager: Any, goal: Goal) -> list[HelpRequest]:
    categories = [c for c, _label in Category.choices]
    now = timezone.now()
    bulk_create_with_history(
        [
            HelpRequest(
                pot=pot,
                family=goal.plan.family,
                goal=goal,
                category=categories[i % len(categories)],
                amount=Decimal("20.00"),
                payee="Bench payee",
                needed_on=BIG_POT_START,
                requested_by=manager,
                requested_at=now,
                decided_at=now,
                auto_approved=True,
                status=HelpRequest.Status.PAID if i % 2 else HelpRequest.Status.CANCELLED,
            )
            for i in range(REQUESTS)
        ],
        HelpRequest,
        default_user=manager,
    )
    return list(HelpRequest.objects.filter(pot=pot).order_by("pk"))


def _big_pot_ledger(
    pot: Pot, manager: Any, contributions: list[Contribution], requests: list[HelpRequest]
) -> list[LedgerEntry]:
    """Each contribution paid in, then each request committed and paid or released, oldest first."""
    entries = [
        LedgerEntry(
            pot=pot, contribution=c, kind=LedgerEntry.Kind.CONTRIBUTION, amount=c.amount, created_by=manager
        )
        for c in contributions
    ]
    for i, r in enumerate(requests):
        unrestricted = [c for c in contributions if not c.restricted_to]
        source = unrestricted[i % len(unrestricted)]
        then = LedgerEntry.Kind.PAYMENT if r.status == HelpRequest.Status.PAID else LedgerEntry.Kind.RELEASE
        entries.append(
            LedgerEntry(pot=pot, contribution=source, help_request=r, kind="commitment", amount=r.amount)
        )
        entries.append(LedgerEntry(pot=pot, contribution=source, help_request=r, kind=then, amount=r.amount))
    return entries


def big_pot(team: Any, manager: Any, goal: Goal, funder: Any) -> Pot:
    pot = Pot.objects.filter(team=team, starts_on=BIG_POT_START).first()
    if pot is not None:
        return pot
    pot = funding.pot_create(
        actor=manager,
        team=team,
        name=f"{team.name} benchmark pot (10,000 entries)",
        starts_on=BIG_POT_START,
        ends_on=BIG_POT_START.replace(year=BIG_POT_START.year + 1) - datetime.timedelta(days=1),
        auto_approval_limit=Decimal("150.00"),
        family_cap=Decimal("1000000.00"),
        categories=[c for c, _label in Category.choices],
    )
    contributions = _big_pot_contributions(pot, manager, funder)
    requests = _big_pot_requests(pot, manager, goal)
    LedgerEntry.objects.bulk_create(_big_pot_ledger(pot, manager, contributions, requests), batch_size=2000)
    if connection.vendor == "postgresql":
        # Fresh statistics, as autovacuum would give a real pot of this size, so the planner is not guessing.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE pots_ledgerentry; ANALYZE pots_helprequest; ANALYZE pots_contribution")
    return pot


def benchmarks(ctx: BenchContext) -> list[Benchmark]:
    lead = ctx.lead
    if lead is None or lead.team is None:
        return []
    manager = _manager(lead.team)
    from partners.models import Agency

    funder = Agency.objects.order_by("pk").first()
    if manager is None or funder is None:
        return []
    goal = _family_goal(lead)
    family = goal.plan.family
    pot = current_pot(lead.team, manager)
    _top_up(pot, manager, funder)
    big = big_pot(lead.team, manager, goal, funder)
    needed = today() + datetime.timedelta(days=3)
    return [
        PageBenchmark(
            name="pots: a request within the limit is approved in the same POST",
            user=lead,
            url=reverse("pots:request_new", args=[family.reference]),
            method="POST",
            data={
                "goal": goal.pk,
                "category": Category.TRANSPORT,
                "amount": "1.00",
                "payee": BENCH_PAYEE,
                "needed_on_day": needed.day,
                "needed_on_month": needed.month,
                "needed_on_year": needed.year,
            },
            target_p95_ms=150,
            max_queries=60,
            setup=lambda: _top_up(pot, manager, funder),
        ),
        PageBenchmark(
            name="pots: the pot page with 10,000 ledger entries",
            user=ctx.manager if ctx.manager is not None and ctx.manager.team_id == lead.team_id else manager,
            url=reverse("pots:detail", args=[big.pk]),
            target_p95_ms=100,
            max_queries=25,
        ),
    ]
