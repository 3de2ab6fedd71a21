import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments.models import Domain
from core.calendar import today
from plans import services
from plans.models import Action, Goal, Plan, PlanAgreement
from tests import factories


def _grow(cast: Any, plan: Plan, domain: Domain, goals: int) -> None:
    agency = factories.agency(f"Agency for {goals}")
    person = cast.family.members.first()
    for i in range(goals):
        goal = services.goal_add(actor=cast.lead, plan=plan, domain=domain, text=f"Goal {i}")
        services.action_add(
            actor=cast.lead,
            goal=goal,
            text="By the family",
            owner_person=person,
            due_on=today() - datetime.timedelta(days=1),
        )
        services.action_add(actor=cast.lead, goal=goal, text="By the worker", owner_worker=cast.lead)
        services.action_add(actor=cast.lead, goal=goal, text="By an agency", owner_agency=agency)


def _review(cast: Any, plan: Plan, agency: Any) -> None:
    services.plan_review_record(
        actor=cast.lead,
        plan=plan,
        held_on=today(),
        people=list(cast.family.members.all()),
        workers=[cast.lead],
        agencies=[agency],
        other_attendees="A neighbour",
        progress={g.pk: (6, "Better") for g in plan.goals.all()},
    )


def test_the_plan_page_reads_at_most_15_queries_whether_it_has_2_goals_or_10(
    client: Any, cast: Any, plan: Plan, domain: Domain
) -> None:
    """Session, user, family, plan, goals (with their latest progress), actions, reviews, who came (one
    query for the three kinds), agreements, 4 history tables, permissions, the read log."""
    client.force_login(cast.lead)
    url = f"/plans/{cast.family.reference}/"
    _grow(cast, plan, domain, 2)
    services.plan_agree(
        actor=cast.lead,
        plan=plan,
        agreed_by=cast.family.members.first(),
        method="in_person",
        agreed_at=timezone.now() - datetime.timedelta(hours=1),
    )
    _review(cast, plan, factories.agency("Food Bank"))
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _grow(cast, plan, domain, 8)
    _review(cast, plan, factories.agency("Credit Union"))
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert response.content.count(b"Progress at last review") == 10
    assert len(small.captured_queries) <= 15
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_plan_page_says_who_came_to_each_review_and_each_goals_latest_progress(
    client: Any, cast: Any, plan: Plan, domain: Domain
) -> None:
    _grow(cast, plan, domain, 1)
    _review(cast, plan, factories.agency("Food Bank"))
    client.force_login(cast.lead)
    page = client.get(f"/plans/{cast.family.reference}/").content.decode()
    people = ", ".join(sorted(p.display_name for p in cast.family.members.all()))
    assert f"{people}; Lena Lead; Food Bank; A neighbour" in page
    assert f"6 ({today():%-d %B %Y}): Better" in page


def test_the_plan_page_marks_overdue_actions(client: Any, cast: Any, goal: Goal) -> None:
    services.action_add(
        actor=cast.lead,
        goal=goal,
        text="Late thing",
        owner_worker=cast.lead,
        due_on=today() - datetime.timedelta(days=2),
    )
    client.force_login(cast.lead)
    page = client.get(f"/plans/{cast.family.reference}/").content.decode()
    assert "Overdue" in page
    assert "1 overdue action" in page


def _goal_post(goal: Goal, **changes: Any) -> dict[str, Any]:
    data = {
        "text": goal.text,
        "domain": str(goal.domain_id),
        "success_looks_like": goal.success_looks_like,
        "target_on_day": "",
        "target_on_month": "",
        "target_on_year": "",
        "status": goal.status,
        "version": str(goal.version),
    }
    data.update(changes)
    return data


def test_two_stale_goal_forms_the_second_save_is_refused_and_nothing_is_lost(
    client: Any, cast: Any, goal: Goal
) -> None:
    url = f"/plans/{cast.family.reference}/goals/{goal.pk}/"
    stale = _goal_post(goal)  # both people opened the form at version 1
    client.force_login(cast.lead)
    first = client.post(url, {**stale, "text": "Sam is at school by 8:50"})
    assert first.status_code == 302
    client.force_login(cast.manager)
    second = client.post(url, {**stale, "text": "Sam walks to school with a friend"})
    assert second.status_code == 200
    page = second.content.decode()
    assert "Someone else saved a change while you were editing" in page
    assert "Sam is at school by 8:50" in page  # theirs, saved
    assert "Sam walks to school with a friend" in page  # yours, still in the form
    goal.refresh_from_db()
    assert goal.text == "Sam is at school by 8:50"
    assert f'name="version" value="{goal.version}"' in page  # saving again is now a deliberate choice
    third = client.post(
        url, {**stale, "version": str(goal.version), "text": "Sam walks to school with a friend"}
    )
    assert third.status_code == 302
    goal.refresh_from_db()
    assert goal.text == "Sam walks to school with a friend"


def test_two_stale_action_forms_the_second_is_refused(client: Any, cast: Any, goal: Goal) -> None:
    action = services.action_add(actor=cast.lead, goal=goal, text="Ring the school", owner_worker=cast.lead)
    url = f"/plans/{cast.family.reference}/actions/{action.pk}/"
    stale = {
        "goal": str(goal.pk),
        "text": "Ring the school",
        "owner": f"worker:{cast.lead.pk}",
        "status": "not_started",
        "status_note": "",
        "due_on_day": "",
        "due_on_month": "",
        "due_on_year": "",
        "version": "1",
    }
    client.force_login(cast.lead)
    assert client.post(url, {**stale, "status": "done"}).status_code == 302
    response = client.post(url, {**stale, "text": "Email the school"})
    assert "Someone else saved a change" in response.content.decode()
    action.refresh_from_db()
    assert (action.text, action.status) == ("Ring the school", "done")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"text": ""}, "Write the goal, in the family&#x27;s words."),
        ({"domain": "999999"}, "Choose an outcome area from the list."),
        ({"domain": ""}, "Choose the outcome area this goal is about."),
        ("before", "cannot be before the plan started"),
    ],
)
def test_bad_goal_input_gets_a_clear_message_and_writes_nothing(
    client: Any, cast: Any, plan: Plan, domain: Domain, changes: Any, message: str
) -> None:
    data = {"text": "Pay the rent on time", "domain": str(domain.pk), "success_looks_like": ""}
    if changes == "before":
        before = plan.started_on - datetime.timedelta(days=1)
        data.update(
            target_on_day=str(before.day), target_on_month=str(before.month), target_on_year=str(before.year)
        )
    else:
        data.update(changes)
    client.force_login(cast.lead)
    response = client.post(f"/plans/{cast.family.reference}/goals/add/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "There is a problem" in response.content.decode()
    assert not Goal.objects.exists()


def test_an_action_form_without_a_goal_is_refused(client: Any, cast: Any, goal: Goal) -> None:
    client.force_login(cast.lead)
    response = client.post(
        f"/plans/{cast.family.reference}/actions/add/",
        {"goal": "", "text": "Random act", "owner": f"worker:{cast.lead.pk}", "status": "not_started"},
    )
    assert "Every action serves a goal" in response.content.decode()
    assert not Action.objects.exists()


def test_a_goal_from_another_family_is_not_found(client: Any, cast: Any, goal: Goal, domain: Domain) -> None:
    other = factories.family(lead_practitioner=cast.lead, name="Other family")
    services.plan_create(actor=cast.lead, family=other)
    client.force_login(cast.lead)
    assert client.get(f"/plans/{other.reference}/goals/{goal.pk}/").status_code == 404


def test_starting_a_second_plan_from_the_page_says_there_is_one(client: Any, cast: Any, plan: Plan) -> None:
    client.force_login(cast.lead)
    response = client.post(
        f"/plans/{cast.family.reference}/start/",
        {"started_on_day": "1", "started_on_month": "1", "started_on_year": "2024"},
        follow=True,
    )
    assert "already has a plan" in response.content.decode()
    assert Plan.objects.filter(family=cast.family).count() == 1


def test_agreement_and_changes_since(client: Any, cast: Any, goal: Goal) -> None:
    sam = cast.family.members.first()
    client.force_login(cast.lead)
    day = today()
    response = client.post(
        f"/plans/{cast.family.reference}/agree/",
        {
            "agreed_by": str(sam.pk),
            "method": "phone",
            "agreed_on_day": str(day.day),
            "agreed_on_month": str(day.month),
            "agreed_on_year": str(day.year),
        },
    )
    assert response.status_code == 302
    agreement = PlanAgreement.objects.get()
    assert agreement.snapshot["goals"][0]["text"] == goal.text
    assert agreement.history.get().history_user == cast.lead
    page = client.get(f"/plans/{cast.family.reference}/").content.decode()
    assert "Sam Taylor" in page and "No changes since." in page
    services.goal_update(
        actor=cast.manager, goal=goal, version=goal.version, text="Sam gets to school by bus"
    )
    page = client.get(f"/plans/{cast.family.reference}/").content.decode()
    assert "1 change since the family agreed" in page
    changes = client.get(f"/plans/{cast.family.reference}/changes/").content.decode()
    assert "Sam gets to school by bus" in changes
    assert "Maya Manager" in changes


def test_a_review_moves_the_next_review_and_shows_on_the_caseload(client: Any, cast: Any, goal: Goal) -> None:
    client.force_login(cast.lead)
    held = today()
    data = {
        "held_on_day": str(held.day),
        "held_on_month": str(held.month),
        "held_on_year": str(held.year),
        "attending_people": [str(cast.family.members.first().pk)],
        "attending_workers": [str(cast.lead.pk)],
        f"progress_{goal.pk}": "6",
        f"comment_{goal.pk}": "Better",
        "decisions": "Keep going",
    }
    assert client.post(f"/plans/{cast.family.reference}/reviews/add/", data).status_code == 302
    plan = Plan.objects.get()
    assert plan.next_review_on == services.add_months(held, 3)
    caseload = client.get("/families/").content.decode()
    assert plan.next_review_on.strftime("%-d %b %Y") in caseload


def test_review_progress_outside_the_scale_is_refused(client: Any, cast: Any, goal: Goal) -> None:
    client.force_login(cast.lead)
    held = today()
    data = {
        "held_on_day": str(held.day),
        "held_on_month": str(held.month),
        "held_on_year": str(held.year),
        f"progress_{goal.pk}": "11",
    }
    response = client.post(f"/plans/{cast.family.reference}/reviews/add/", data)
    assert "Give progress from 1 to 10." in response.content.decode()
    assert not goal.plan.reviews.exists()


def test_a_review_naming_an_attendee_id_too_big_for_the_database_is_refused(
    client: Any, cast: Any, goal: Goal
) -> None:
    client.force_login(cast.lead)
    held = today()
    data = {
        "held_on_day": str(held.day),
        "held_on_month": str(held.month),
        "held_on_year": str(held.year),
        "attending_people": ["9223372036854775808"],
        f"progress_{goal.pk}": "6",
    }
    response = client.post(f"/plans/{cast.family.reference}/reviews/add/", data)
    assert response.status_code == 200
    assert "“9223372036854775808” is not a valid value." in response.content.decode()
    assert not goal.plan.reviews.exists()


def test_the_family_overview_shows_the_next_review_and_overdue_actions(
    client: Any, cast: Any, goal: Goal
) -> None:
    services.action_add(
        actor=cast.lead,
        goal=goal,
        text="Late thing",
        owner_worker=cast.lead,
        due_on=today() - datetime.timedelta(days=2),
    )
    client.force_login(cast.lead)
    page = client.get(f"/families/{cast.family.reference}/").content.decode()
    assert "Overdue actions" in page and "Late thing" in page


def test_the_plan_page_counts_changes_since_agreement_without_reading_their_names(
    client: Any, cast: Any, plan: Plan, domain: Domain
) -> None:
    """The count of changes since the family agreed needs the history rows, not the names of the people
    and agencies they point to: the page stays at 15 queries however many goals, actions and changes."""
    client.force_login(cast.lead)
    url = f"/plans/{cast.family.reference}/"
    _grow(cast, plan, domain, 1)
    services.plan_agree(
        actor=cast.lead,
        plan=plan,
        agreed_by=cast.family.members.first(),
        method="in_person",
        agreed_at=timezone.now() - datetime.timedelta(hours=1),
    )
    _grow(cast, plan, domain, 3)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert "changes since the family agreed" in response.content.decode()
    assert len(queries.captured_queries) <= 15
