import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from assessments.models import Domain
from core.calendar import today
from core.exceptions import EditConflict
from plans import selectors, services
from plans.models import Action, Goal, Plan
from tests import factories


def test_it_refuses_a_second_plan_with_a_clear_message(cast: Any, plan: Plan) -> None:
    with pytest.raises(ValidationError, match="already has a plan"):
        services.plan_create(actor=cast.lead, family=cast.family)
    assert Plan.objects.filter(family=cast.family).count() == 1


def test_the_database_refuses_a_second_plan(cast: Any, plan: Plan) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.create(family=cast.family, created_by=cast.lead)


def test_the_first_review_is_due_within_six_weeks_of_the_start(cast: Any, plan: Plan) -> None:
    assert plan.next_review_on == plan.started_on + datetime.timedelta(weeks=6)


def test_an_action_without_a_goal_is_refused(cast: Any, plan: Plan) -> None:
    with pytest.raises(ValidationError) as exc:
        services.action_add(actor=cast.lead, goal=None, text="Ring the school", owner_worker=cast.lead)
    assert "Every action serves a goal" in str(exc.value)
    assert not Action.objects.exists()


def test_the_database_refuses_an_action_without_a_goal(cast: Any) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.create(text="Ring the school", owner_worker=cast.lead)


def test_the_database_refuses_an_action_with_two_owners(cast: Any, goal: Goal) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.create(
            goal=goal,
            text="Ring the school",
            owner_worker=cast.lead,
            owner_person=cast.family.members.first(),
        )


def test_an_action_needs_one_owner(cast: Any, goal: Goal) -> None:
    with pytest.raises(ValidationError, match="Choose who will do this"):
        services.action_add(actor=cast.lead, goal=goal, text="Ring the school")
    assert not Action.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"text": "  "}, "Write the goal"),
        ({"domain": None}, "Choose the outcome area"),
        ({"target_on": "before"}, "cannot be before the plan started"),
    ],
)
def test_bad_goal_input_gets_a_clear_message_and_writes_nothing(
    cast: Any, plan: Plan, domain: Domain, change: dict, message: str
) -> None:
    fields: dict[str, Any] = {"domain": domain, "text": "Get the rent paid", "target_on": None}
    fields.update(change)
    if fields["target_on"] == "before":
        fields["target_on"] = plan.started_on - datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match=message):
        services.goal_add(actor=cast.lead, plan=plan, **fields)
    assert not Goal.objects.exists()


def test_a_retired_domain_cannot_take_a_new_goal(cast: Any, plan: Plan, domain: Domain) -> None:
    domain.active = False
    domain.save()
    with pytest.raises(ValidationError, match="no longer in use"):
        services.goal_add(actor=cast.lead, plan=plan, domain=domain, text="Get the rent paid")


def test_action_update_status_keeps_the_note_and_the_actor(cast: Any, goal: Goal) -> None:
    agency = factories.agency("Riverside Primary")
    action = services.action_add(actor=cast.lead, goal=goal, text="Breakfast club place", owner_agency=agency)
    services.action_update_status(
        actor=cast.agency_worker, action=action, status="done", note="Place from Monday"
    )
    action.refresh_from_db()
    assert action.status == "done"
    assert action.completed_on == today()
    assert action.status_note == "Place from Monday"
    latest = action.history.latest()
    assert latest.history_user == cast.agency_worker
    assert latest.history_change_reason == "Place from Monday"


def test_two_stale_goal_edits_the_second_is_refused(cast: Any, goal: Goal) -> None:
    services.goal_update(actor=cast.lead, goal=goal, version=goal.version, text="Sam gets to school by 8:50")
    with pytest.raises(EditConflict) as exc:
        services.goal_update(actor=cast.manager, goal=goal, version=goal.version, text="Sam walks to school")
    assert exc.value.current.text == "Sam gets to school by 8:50"
    goal.refresh_from_db()
    assert goal.text == "Sam gets to school by 8:50"
    assert goal.version == 2


def test_with_review_dates_annotates_next_review_and_overdue_actions(cast: Any, goal: Goal) -> None:
    services.action_add(
        actor=cast.lead,
        goal=goal,
        text="Late",
        owner_worker=cast.lead,
        due_on=today() - datetime.timedelta(days=1),
    )
    services.action_add(
        actor=cast.lead,
        goal=goal,
        text="Soon",
        owner_worker=cast.lead,
        due_on=today() + datetime.timedelta(days=1),
    )
    other = factories.family(lead_practitioner=cast.lead, name="Other family")
    from families.models import Family

    rows = {f.pk: f for f in selectors.with_review_dates(Family.objects.all())}
    assert rows[cast.family.pk].next_review_on == goal.plan.next_review_on
    assert rows[cast.family.pk].overdue_actions == 1
    assert rows[other.pk].next_review_on is None
    assert rows[other.pk].overdue_actions == 0


def test_goals_for_family_and_next_review_due(cast: Any, goal: Goal) -> None:
    assert list(selectors.goals_for_family(family=cast.family)) == [goal]
    assert selectors.next_review_due(family=cast.family) == goal.plan.next_review_on
