import datetime
from typing import Any

from core.calendar import today
from plans import services
from plans.models import Goal, GoalProgress, PlanReview
from tests import factories


def test_every_goal_field_change_leaves_history_with_the_actor(cast: Any, goal: Goal, domain: Any) -> None:
    from assessments.models import Domain

    other_domain = Domain.objects.filter(active=True).exclude(pk=domain.pk).first()
    changes = {
        "text": "New words",
        "domain": other_domain,
        "success_looks_like": "Smiles",
        "target_on": today() + datetime.timedelta(days=10),
        "status": Goal.Status.ACHIEVED,
    }
    for field, value in changes.items():
        before = goal.history.count()
        goal = services.goal_update(actor=cast.manager, goal=goal, version=goal.version, **{field: value})
        latest = goal.history.latest()
        assert goal.history.count() == before + 1, field
        assert latest.history_user == cast.manager, field
        attname = "domain_id" if field == "domain" else field
        assert getattr(latest, attname) == (value.pk if field == "domain" else value), field


def test_every_action_field_change_leaves_history_with_the_actor(cast: Any, goal: Goal) -> None:
    action = services.action_add(actor=cast.lead, goal=goal, text="Ring", owner_worker=cast.lead)
    assert action.history.get().history_user == cast.lead
    agency = factories.agency("Housing Options")
    steps = [
        ("text", {"text": "Ring the school"}),
        ("owner_agency_id", {"owner_worker": None, "owner_agency": agency}),
        ("due_on", {"due_on": today()}),
        ("status", {"status": "in_progress"}),
        ("status_note", {"status_note": "Called twice"}),
    ]
    for attname, fields in steps:
        before = action.history.count()
        action = services.action_update(actor=cast.manager, action=action, **fields)
        latest = action.history.latest()
        assert action.history.count() == before + 1
        assert latest.history_user == cast.manager, attname
        assert getattr(latest, attname) == getattr(action, attname)


def test_a_review_and_its_progress_leave_history_with_the_actor(cast: Any, goal: Goal) -> None:
    agency = factories.agency("Health visitors")
    review = services.plan_review_record(
        actor=cast.lead,
        plan=goal.plan,
        held_on=today(),
        people=list(cast.family.members.all()),
        workers=[cast.lead],
        agencies=[agency],
        decisions="Keep going",
        progress={goal.pk: (4, "Some mornings better")},
    )
    assert {r.history_user for r in review.history.all()} == {cast.lead}
    record = review.history.latest()
    assert record.decisions == "Keep going"
    assert [a.agency_id for a in record.attending_agencies.all()] == [agency.pk]
    assert GoalProgress.history.get().history_user == cast.lead
    assert PlanReview.objects.get().progress.get().score == 4
    plan_record = goal.plan.history.latest()
    assert plan_record.history_user == cast.lead and plan_record.next_review_on == review.next_review_on


def test_plan_hopes_change_leaves_history(cast: Any, plan: Any) -> None:
    services.plan_update(actor=cast.manager, plan=plan, family_hopes="Quieter evenings")
    latest = plan.history.latest()
    assert latest.history_user == cast.manager and latest.family_hopes == "Quieter evenings"
