"""Each service of the floors below tells the family's members its news, once, after it commits."""

import datetime
from typing import Any

from agencies.services.answer import response_answer
from core.calendar import today
from families.services import family_hand_over
from family_portal.models import FamilyNotice
from plans import news
from plans import services as plan_services
from pots import services as pot_services
from tests.agencies.access_rows import referred_to_worker
from tests.family_portal.notify_helpers import hide, member
from tests.pots import helpers as pots


def _subjects(mailoutbox: list[Any]) -> list[str]:
    return [m.subject for m in mailoutbox]


def test_adding_a_goal_and_an_action_tells_the_member(
    cast: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    member(cast.family)
    plan = plan_services.plan_create(actor=cast.lead, family=cast.family)
    with django_capture_on_commit_callbacks(execute=True):
        goal = plan_services.goal_add(actor=cast.lead, plan=plan, domain=pots.domain(), text="Rent paid")
    with django_capture_on_commit_callbacks(execute=True):
        plan_services.action_add(actor=cast.lead, goal=goal, text="Call the landlord", owner_worker=cast.lead)
    assert _subjects(mailoutbox) == ["Your family plan has changed"] * 2


def test_a_change_to_a_hidden_goal_tells_only_those_who_may_see_it(
    cast: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    told, restricted = member(cast.family), member(cast.family, first_name="Alex")
    plan = plan_services.plan_create(actor=cast.lead, family=cast.family)
    goal = plan_services.goal_add(actor=cast.lead, plan=plan, domain=pots.domain(), text="A safe home")
    hide(restricted, goal)
    with django_capture_on_commit_callbacks(execute=True):
        plan_services.goal_update(actor=cast.lead, goal=goal, version=goal.version, text="A safe new home")
    assert [m.to for m in mailoutbox] == [[told.email]]


def test_recording_a_review_tells_the_member_the_next_date(
    cast: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    member(cast.family)
    plan = plan_services.plan_create(actor=cast.lead, family=cast.family)
    next_on = today() + datetime.timedelta(days=30)
    with django_capture_on_commit_callbacks(execute=True):
        plan_services.plan_review_record(actor=cast.lead, plan=plan, held_on=today(), next_review_on=next_on)
    (email,) = mailoutbox
    assert email.subject == "Your next plan review is booked"
    assert f"{next_on.day} {next_on:%B %Y}" in email.body


def test_a_review_a_week_away_is_news_once(
    cast: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    member(cast.family)
    plan = plan_services.plan_create(actor=cast.lead, family=cast.family)
    plan.next_review_on = today() + datetime.timedelta(days=7)
    plan.save()
    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            assert news.reviews_due_news() == 1
    assert _subjects(mailoutbox) == ["Your plan review is coming up"]


def test_an_agency_answer_tells_the_member_once_per_answer(
    cast: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    access = member(cast.family)
    response = referred_to_worker(cast)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response_answer(actor=cast.agency_worker, response=response, answer="accept")
    family_mail = [m for m in mailoutbox if m.to == [access.email]]
    assert [m.subject for m in family_mail] == [
        "An organisation has answered about the help you were put forward for"
    ]
    assert "accepted" in family_mail[0].body
    assert FamilyNotice.objects.get(access=access).key == f"response:{response.pk}:accepted"


def test_help_approved_and_then_paid_is_one_message(
    cast: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    the_pot = pots.pot(cast.manager)
    pots.contribute(cast.manager, the_pot, "500.00")
    access = member(cast.family)
    with django_capture_on_commit_callbacks(execute=True):
        request = pots.ask(cast.lead, cast.family, "40.00")
    with django_capture_on_commit_callbacks(execute=True):
        pot_services.help_request_pay(actor=cast.lead, help_request=request)
    family_mail = [m for m in mailoutbox if m.to == [access.email]]
    assert [m.subject for m in family_mail] == ["Practical help for your family has been approved"]


def test_a_handover_names_the_new_worker_and_how_to_reach_them(
    cast: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    access = member(cast.family)
    with django_capture_on_commit_callbacks(execute=True):
        family_hand_over(actor=cast.manager, family=cast.family, to=cast.colleague, reason="Leave")
    (email,) = [m for m in mailoutbox if m.to == [access.email]]
    assert email.subject == "You have a new lead worker"
    assert "Your new lead worker is Colin Colleague." in email.body
    assert cast.colleague.email in email.body
