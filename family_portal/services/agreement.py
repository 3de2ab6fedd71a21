"""A family member agrees their plan on their own page, as it stood when they read it.

The page carries a fingerprint of the plan it showed (the member's own view of it: what is hidden from
them is not in it). If the plan changed before they pressed "I agree", the fingerprint no longer matches
and nothing is written: they read it again first. The agreement is the plans app's own, recorded as made
"through the family's own page", with the member as agreed_by and their user as the actor.
"""

import hashlib
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from family_portal.models import FamilyMessage
from family_portal.services.messages import family_message_record
from family_portal.visibility import MemberView
from plans.models import Action, Goal, Plan, PlanAgreement
from plans.services import plan_agree, plan_snapshot


def member_plan_snapshot(*, member: MemberView, plan: Plan) -> dict[str, Any]:
    """The plan as this member sees it: goals and actions shared with them and not hidden from them."""
    snapshot = plan_snapshot(plan)
    goals = member.only_shown(Goal.objects.filter(plan=plan))
    actions = [
        a
        for a in member.only_shown(Action.objects.filter(goal__plan=plan))
        if member.shows_person(a.owner_person_id)
    ]
    goal_ids, action_ids = {g.pk for g in goals}, {a.pk for a in actions}
    snapshot["goals"] = [
        {**goal, "actions": [a for a in goal["actions"] if a["id"] in action_ids]}
        for goal in snapshot["goals"]
        if goal["id"] in goal_ids
    ]
    return snapshot


def plan_fingerprint(snapshot: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(snapshot, sort_keys=True).encode()).hexdigest()


@transaction.atomic
def member_plan_agree(
    *, member: MemberView, plan: Plan, fingerprint: str, comment: str = ""
) -> PlanAgreement:
    """Agree the plan the member read (`fingerprint`), or refuse if it has changed since."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    snapshot = member_plan_snapshot(member=member, plan=plan)
    if fingerprint != plan_fingerprint(snapshot):
        raise ValidationError(
            _("Your plan changed since you opened this page. Read it again before you agree.")
        )
    agreement = plan_agree(
        actor=member.access.user,
        plan=plan,
        agreed_by=member.person,
        method=PlanAgreement.Method.PORTAL,
        comment=comment,
        snapshot=snapshot,
    )
    family_message_record(member=member, kind=FamilyMessage.Kind.AGREED, text=comment)
    return agreement
