"""Objects the pots tests share: a pot for the cast's team, funders, a family plan goal."""

import datetime
from decimal import Decimal
from typing import Any

from assessments.models import Domain
from core.calendar import today
from plans.models import Goal, Plan
from pots import funding, services
from pots.models import Category, Pot
from tests import factories

ALL_CATEGORIES = [c for c, _label in Category.choices]


def financial_year(on: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    on = on or today()
    start_year = on.year if on.month >= 4 else on.year - 1
    return datetime.date(start_year, 4, 1), datetime.date(start_year + 1, 3, 31)


def pot(
    manager: Any,
    *,
    limit: str = "150.00",
    cap: str = "1000.00",
    categories: list[str] | None = None,
    name: str | None = None,
    starts_on: datetime.date | None = None,
) -> Pot:
    start, end = financial_year()
    if starts_on is not None:
        start, end = starts_on, starts_on + datetime.timedelta(days=364)
    return funding.pot_create(
        actor=manager,
        team=manager.team,
        name=name or f"{manager.team.name} practical help {start.year}/{end.year % 100:02d}",
        starts_on=start,
        ends_on=end,
        auto_approval_limit=Decimal(limit),
        family_cap=Decimal(cap),
        categories=categories or ALL_CATEGORIES,
    )


def contribute(
    manager: Any,
    the_pot: Pot,
    amount: str,
    *,
    funder: Any = None,
    restricted_to: list[str] | None = None,
    received_on: datetime.date | None = None,
) -> Any:
    return funding.contribution_add(
        actor=manager,
        pot=the_pot,
        funder=funder or factories.agency(),
        amount=Decimal(amount),
        received_on=received_on or the_pot.starts_on,
        restricted_to=restricted_to or [],
    )


def domain(name: str = "Financial stability") -> Domain:
    found = Domain.objects.filter(name=name).first()
    return found or Domain.objects.filter(active=True).first()


def goal(
    family: Any, *, text: str = "Get the rent arrears under control", domain_name: str = "Financial stability"
) -> Goal:
    plan = Plan.objects.filter(family=family).first() or Plan.objects.create(
        family=family, created_by=family.lead_practitioner
    )
    return Goal.objects.create(plan=plan, domain=domain(domain_name), text=text)


def ask(
    lead: Any,
    family: Any,
    amount: str,
    *,
    category: str = Category.TRANSPORT,
    the_goal: Any = None,
    payee: str = "Norfolk Buses",
    **extra: Any,
) -> Any:
    return services.help_request_submit(
        actor=lead,
        family=family,
        goal=the_goal or goal(family),
        category=category,
        amount=amount,
        payee=payee,
        needed_on=today() + datetime.timedelta(days=3),
        **extra,
    )
