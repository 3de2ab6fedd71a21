"""Who may see and change a plan: exactly the people who may see and change the family.

Plans, goals, actions and reviews are fetched only after `family_for` has answered for the family, and
always filtered by that family, so a goal id from another family is a 404 like any unknown id.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from families.models import Family
from families.permissions import CHANGE, VIEW, family_for
from plans.models import Action, Goal, Plan, PlanDocument
from staff.models import User

__all__ = ["CHANGE", "VIEW", "action_for", "document_for", "goal_for", "plan_for"]


def plan_for(user: User, reference: str, perm: str = VIEW) -> tuple[Family, Plan | None]:
    family = family_for(user, reference, perm)
    plan = Plan.objects.filter(family=family).first()
    if plan is not None:
        plan.family = family  # already read, with its team and lead: the plan's pages need not read it again
    return family, plan


def existing_plan_for(user: User, reference: str, perm: str = VIEW) -> tuple[Family, Plan]:
    family, plan = plan_for(user, reference, perm)
    if plan is None:
        raise Http404("No plan")
    return family, plan


def goal_for(plan: Plan, goal_id: int) -> Goal:
    return get_object_or_404(Goal.objects.select_related("domain", "plan"), pk=goal_id, plan=plan)


def action_for(plan: Plan, action_id: int) -> Action:
    return get_object_or_404(Action.objects.select_related("goal__plan"), pk=action_id, goal__plan=plan)


def document_for(plan: Plan, document_id: int) -> PlanDocument:
    return get_object_or_404(PlanDocument, pk=document_id, plan=plan)
