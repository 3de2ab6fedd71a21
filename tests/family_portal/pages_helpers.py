"""Helpers for the family pages' tests: a family member with open access, and items on a family's record."""

import datetime
import itertools
from typing import Any

from families.models import Family, Person
from family_portal.models import MemberAccess, Restriction
from staff.models import User
from tests import factories

_n = itertools.count(1)


def member_of(family: Family, person: Person | None = None, **kw: Any) -> MemberAccess:
    """A member of `family` (a new parent unless `person` is given) who may sign in to /my/."""
    n = next(_n)
    if person is None:
        person = factories.person(family=family, first_name=kw.pop("first_name", f"Member{n}"))
    user = User.objects.create_user(
        username=f"family-member-{n}", role=User.Role.FAMILY_MEMBER, first_name=person.first_name
    )
    user.set_unusable_password()
    user.save()
    fields: dict[str, Any] = {"email": f"member{n}@example.org", "status": MemberAccess.Status.ACTIVE}
    fields.update(kw)
    return MemberAccess.objects.create(
        person=person, user=user, invited_by=family.lead_practitioner, **fields
    )


def hide(
    access: MemberAccess, *, item: Any = None, person: Person | None = None, address: bool = False
) -> Restriction:
    """Hide an item, another member or the address from one member (as the lead would)."""
    from django.contrib.contenttypes.models import ContentType

    lead = access.person.family.lead_practitioner
    if item is not None:
        return Restriction.objects.create(
            access=access,
            kind=Restriction.Kind.ITEM,
            content_type=ContentType.objects.get_for_model(item),
            object_id=item.pk,
            reason="Safeguarding",
            created_by=lead,
        )
    if person is not None:
        return Restriction.objects.create(
            access=access,
            kind=Restriction.Kind.PERSON,
            hidden_person=person,
            reason="Safeguarding",
            created_by=lead,
        )
    assert address
    return Restriction.objects.create(
        access=access, kind=Restriction.Kind.ADDRESS, reason="Safeguarding", created_by=lead
    )


def plan_with_goal(family: Family, *, goal_text: str = "We get to school on time", **goal: Any) -> Any:
    from assessments.models import Domain
    from plans import services as plan_services

    actor = family.lead_practitioner
    plan = plan_services.plan_create(actor=actor, family=family, family_hopes="Calmer mornings")
    domain = Domain.objects.filter(active=True).first()
    made = plan_services.goal_add(actor=actor, plan=plan, domain=domain, text=goal_text, **goal)
    return plan, made


def action_on(goal: Any, text: str, **owner: Any) -> Any:
    from plans import services as plan_services

    owner.setdefault("due_on", datetime.date.today() + datetime.timedelta(days=14))
    if not any(k in owner for k in ("owner_person", "owner_worker", "owner_agency")):
        owner["owner_worker"] = goal.plan.family.lead_practitioner
    return plan_services.action_add(actor=goal.plan.family.lead_practitioner, goal=goal, text=text, **owner)
