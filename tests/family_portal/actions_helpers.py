"""Family members for the tests of what a family can do (tests/family_portal/test_actions_*.py)."""

import datetime
from typing import Any

from family_portal.models import MemberAccess
from staff.models import User
from tests import factories


def member_of(family: Any, person: Any = None) -> MemberAccess:
    """An open access for `person` (or the family's first member), with its family-member user."""
    person = person or family.members.order_by("pk").first()
    user = factories.user(
        role=User.Role.FAMILY_MEMBER, first_name=person.first_name, last_name=person.last_name
    )
    return MemberAccess.objects.create(
        person=person,
        user=user,
        email=f"{user.username}@example.org",
        invited_by=family.lead_practitioner,
        status=MemberAccess.Status.ACTIVE,
    )


def adult(family: Any, first_name: str) -> Any:
    return factories.person(family=family, first_name=first_name, date_of_birth=datetime.date(1985, 1, 1))


def plan_with_goal(family: Any, *, text: str = "Sam gets to school on time every day") -> tuple[Any, Any]:
    from assessments.models import Domain
    from plans import services

    lead = family.lead_practitioner
    plan = services.plan_create(
        actor=lead, family=family, started_on=datetime.date.today() - datetime.timedelta(days=30)
    )
    domain = Domain.objects.filter(active=True).order_by("order").first()
    goal = services.goal_add(actor=lead, plan=plan, domain=domain, text=text)
    return plan, goal


def token() -> str:
    """A one-time submission token, as every form the system renders carries (core.submissions)."""
    import uuid

    return str(uuid.uuid4())


def post_twice(client: Any, url: str, data: dict[str, Any]) -> tuple[Any, Any]:
    data = {**data, "_submission": token()}
    return client.post(url, data), client.post(url, data)
