"""The family's plan as a member reads it: the shared goals and actions they may see, in their words."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from family_portal.selectors.people import person_name, worker_name
from family_portal.visibility import MemberView
from plans.models import Action, Goal, Plan, PlanAgreement

# Where an action is up to, as a GOV.UK tag colour ("" is the default tag, which is blue).
ACTION_TAGS: dict[str, str] = {
    Action.Status.NOT_STARTED: "govuk-tag--grey",
    Action.Status.IN_PROGRESS: "",
    Action.Status.DONE: "govuk-tag--green",
    Action.Status.STOPPED: "govuk-tag--red",
}
GOAL_TAGS: dict[str, str] = {
    Goal.Status.OPEN: "",
    Goal.Status.ACHIEVED: "govuk-tag--green",
    Goal.Status.STOPPED: "govuk-tag--grey",
}


@dataclass
class ActionRow:
    action: Action
    who: str
    tag: str
    yours: bool


@dataclass
class GoalRow:
    goal: Goal
    tag: str
    actions: list[ActionRow] = field(default_factory=list)


@dataclass
class MemberPlan:
    plan: Plan | None
    goals: list[GoalRow]
    next_review_on: datetime.date | None
    agreement: PlanAgreement | None
    agreed_by: str

    @property
    def action_count(self) -> int:
        return sum(len(g.actions) for g in self.goals)


def action_owner(view: MemberView, action: Action) -> str:
    """Who does it, in plain words."""
    if action.owner_person_id:
        return person_name(view, action.owner_person)
    if action.owner_worker_id:
        if action.owner_worker_id == view.family.lead_practitioner_id:
            return _("Your worker, %(name)s") % {"name": worker_name(action.owner_worker)}
        return worker_name(action.owner_worker)
    return str(action.owner_agency)


def member_plan(view: MemberView) -> MemberPlan:
    """The plan with only what this member may see (three queries)."""
    plan = (
        Plan.objects.filter(family=view.family)
        .prefetch_related(
            Prefetch(
                "goals",
                queryset=Goal.objects.select_related("domain")
                .prefetch_related(
                    Prefetch(
                        "actions",
                        queryset=Action.objects.select_related(
                            "owner_person", "owner_worker", "owner_agency"
                        ),
                    )
                )
                .order_by("order", "pk"),
            )
        )
        .first()
    )
    if plan is None:
        return MemberPlan(None, [], None, None, "")
    goals = []
    for goal in view.only_shown(plan.goals.all()):
        row = GoalRow(goal=goal, tag=GOAL_TAGS.get(goal.status, "govuk-tag--grey"))
        for action in view.only_shown(goal.actions.all()):
            row.actions.append(_action_row(view, action))
        goals.append(row)
    agreement = plan.agreements.select_related("agreed_by").order_by("-agreed_at").first()
    agreed_by = person_name(view, agreement.agreed_by) if agreement else ""
    return MemberPlan(plan, goals, plan.next_review_on, agreement, agreed_by)


def _action_row(view: MemberView, action: Action) -> ActionRow:
    return ActionRow(
        action=action,
        who=action_owner(view, action),
        tag=ACTION_TAGS.get(action.status, "govuk-tag--grey"),
        yours=action.owner_person_id == view.person.pk,
    )


def shown_goal_ids(view: MemberView) -> set[int]:
    """The goals this member may see (for items that hang off a goal, like the pot's help)."""
    goals = Goal.objects.filter(plan__family=view.family)
    return {g.pk for g in view.only_shown(goals)}


def as_context(member_plan: MemberPlan) -> dict[str, Any]:
    return {"member_plan": member_plan, "plan": member_plan.plan, "goals": member_plan.goals}
