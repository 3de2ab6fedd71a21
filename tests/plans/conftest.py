import datetime
from typing import Any

import pytest

from assessments.models import Domain
from core.calendar import today
from plans import services


@pytest.fixture
def domain(db: Any) -> Domain:
    return Domain.objects.filter(active=True).order_by("order").first()


@pytest.fixture
def plan(cast: Any) -> Any:
    return services.plan_create(
        actor=cast.lead,
        family=cast.family,
        started_on=today() - datetime.timedelta(days=30),
        family_hopes="Calmer mornings",
    )


@pytest.fixture
def goal(cast: Any, plan: Any, domain: Domain) -> Any:
    return services.goal_add(
        actor=cast.lead,
        plan=plan,
        domain=domain,
        text="Sam gets to school on time every day",
        success_looks_like="No late marks for a month",
        target_on=today() + datetime.timedelta(days=60),
    )
