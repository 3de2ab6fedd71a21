"""The agency's one answer form (issue 13): radios with what each answer means, the reason or question the
choice needs checked on its own field, a note on every answer, one write per answer however often it is
posted; and the referral page's links to the agency's own plan actions."""

from typing import Any

import pytest
from django.urls import reverse

from agencies.forms import AnswerForm
from agencies.links import response_token
from agencies.models import ReferralResponse, ResponseEvent
from agencies.services import answer as answer_services
from agencies.services.answer import answers_available, response_answer
from assessments.models import Domain
from families.models import CaseNote
from plans import services as plan_services
from tests.agencies.access_rows import referred_elsewhere, referred_to_worker
from tests.agencies.conftest import send


@pytest.fixture
def response(cast: Any, housing: Any) -> ReferralResponse:
    return send(cast, [housing]).responses.get()


def _link(response: ReferralResponse) -> str:
    return reverse("agencies:answer", args=[response_token(response)])


def _form(response: ReferralResponse, **data: str) -> AnswerForm:
    return AnswerForm({"expected_status": response.status, **data}, answers=answers_available(response))


def test_it_offers_one_radio_per_open_answer_each_saying_what_it_means(client, response):
    page = client.get(_link(response)).content.decode()
    assert page.count('type="radio"') == 4
    assert page.count("<form") == 1
    for label in ("Acknowledge and look into it", "Accept", "Decline", "Ask for more information"):
        assert label in page
    assert "come back to accept or decline" in page  # how acknowledging differs from accepting
    assert 'id="id_answer_0"' in page  # the error summary's link for the choice lands on the first radio
    assert 'data-aria-controls="conditional-id_answer_2"' in page  # decline reveals its reason
    assert 'name="note"' in page and "Send answer" in page


def test_once_acknowledged_only_the_later_answers_are_offered(client, response):
    response_answer(actor=None, response=response, answer="acknowledge", via="email_link")
    page = client.get(_link(response)).content.decode()
    assert page.count('type="radio"') == 3 and "Acknowledge and look into it" not in page


def test_it_needs_a_choice(response):
    form = _form(response, note="Hello")
    assert not form.is_valid()
    assert form.errors["answer"] == ["Choose an answer."]


def test_a_decline_without_a_reason_is_an_error_on_the_reason_field(response):
    form = _form(response, answer="decline", decline_reason="  ", note="A note is not a reason")
    assert not form.is_valid()
    assert form.errors == {"decline_reason": ["Give a reason for declining."]}


def test_asking_for_more_without_saying_what_is_an_error_on_the_question_field(response):
    form = _form(response, answer="more_info", question="")
    assert not form.is_valid()
    assert form.errors == {"question": ["Say what you need to know."]}


def test_a_box_filled_for_another_choice_is_not_needed_and_not_kept(client, response):
    """Without JavaScript every box shows; what was typed under another choice is ignored."""
    client.post(
        _link(response),
        {"answer": "accept", "decline_reason": "typed then changed my mind", "expected_status": "sent"},
    )
    response.refresh_from_db()
    assert response.status == "accepted" and response.decline_reason == ""


def test_the_page_shows_the_error_on_the_reason_field_and_keeps_the_choice(client, response):
    page = client.post(_link(response), {"answer": "decline", "note": "Sorry", "expected_status": "sent"})
    text = page.content.decode()
    assert page.status_code == 200
    assert '<a href="#id_decline_reason">Give a reason for declining.</a>' in text
    assert 'id="id_decline_reason-error"' in text
    assert 'aria-describedby="id_decline_reason-error"' in text
    assert 'value="decline" checked' in text and ">\nSorry</textarea>" in text
    response.refresh_from_db()
    assert response.status == "sent" and not ResponseEvent.objects.filter(status="declined").exists()


@pytest.mark.parametrize(
    ("answer", "extra", "status", "kept"),
    [
        ("acknowledge", {}, "acknowledged", None),
        ("accept", {}, "accepted", None),
        (
            "decline",
            {"decline_reason": "Outside our area"},
            "declined",
            ("decline_reason", "Outside our area"),
        ),
        ("more_info", {"question": "Is there a tenancy?"}, "more_info", ("question", "Is there a tenancy?")),
    ],
)
def test_each_choice_calls_the_answer_service_with_its_answer(
    client, monkeypatch, response, answer, extra, status, kept
):
    calls: list[dict[str, Any]] = []
    real = answer_services.response_answer

    def spy(**kwargs: Any) -> Any:
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(answer_services, "response_answer", spy)
    client.post(_link(response), {"answer": answer, "note": "From Ana", "expected_status": "sent", **extra})
    (call,) = calls
    assert call["answer"] == answer and call["note"] == "From Ana" and call["via"] == "email_link"
    assert call["reason"] == (kept[1] if kept else None)
    response.refresh_from_db()
    assert response.status == status
    if kept:
        assert getattr(response, kept[0]) == kept[1]  # the reason alone, not the note
    event = ResponseEvent.objects.get(response=response, status=status)
    assert event.note == (f"{kept[1]}\n\nFrom Ana" if kept else "From Ana")
    assert "From Ana" in CaseNote.objects.get(family=response.referral.family).text


def test_the_outcome_is_recorded_with_a_note_once_accepted(client, response):
    response_answer(actor=None, response=response, answer="accept", via="email_link")
    page = client.get(_link(response)).content.decode()
    assert 'value="complete" checked' in page  # the only answer left is chosen already
    refused = client.post(_link(response), {"answer": "complete", "expected_status": "accepted"})
    assert "Describe the outcome." in refused.content.decode()
    client.post(
        _link(response),
        {"answer": "complete", "outcome": "Moved home", "note": "Closed", "expected_status": "accepted"},
    )
    response.refresh_from_db()
    assert response.status == "completed" and response.outcome == "Moved home"


def test_an_answer_posted_twice_writes_once(client, cast, response):
    data = {"answer": "decline", "decline_reason": "Outside our area", "expected_status": "sent"}
    client.post(_link(response), data)
    replay = client.post(_link(response), data, follow=True).content.decode()
    assert "Nothing was changed: this referral had already been answered (Declined)" in replay
    assert ResponseEvent.objects.filter(response=response, status="declined").count() == 1
    assert CaseNote.objects.filter(family=cast.family).count() == 1
    assert response.history.filter(status="declined").count() == 1


def test_the_portal_answers_with_the_same_form_and_names_the_worker(client, cast):
    response = referred_to_worker(cast)
    client.force_login(cast.agency_worker)
    url = reverse("agencies:portal_response", args=[response.pk])
    client.post(url, {"answer": "more_info", "question": "Which school?", "expected_status": "sent"})
    response.refresh_from_db()
    assert response.status == "more_info" and response.question == "Which school?"
    assert ResponseEvent.objects.get(status="more_info").actor == cast.agency_worker


def _agency_action(cast: Any, response: ReferralResponse, text: str) -> Any:
    plan = getattr(cast.family, "plan", None) or plan_services.plan_create(
        actor=cast.lead, family=cast.family
    )
    goal = plan_services.goal_add(
        actor=cast.lead, plan=plan, domain=Domain.objects.first(), text="Jo at school"
    )
    return plan_services.action_add(actor=cast.lead, goal=goal, text=text, owner_agency=response.agency)


def test_the_referral_page_links_each_of_the_agencys_plan_actions_to_its_update_page(client, cast):
    response = referred_to_worker(cast)
    ours = _agency_action(cast, response, "Attendance officer visits")
    theirs = _agency_action(cast, referred_elsewhere(cast), "Housing visit")
    client.force_login(cast.agency_worker)
    page = client.get(reverse("agencies:portal_response", args=[response.pk])).content.decode()
    update = reverse("agencies:portal_action_update", args=[ours.pk]) + f"?referral={response.pk}"
    assert "Your agency's actions in the plan" in page
    assert page.count(f'href="{update}"') == 2  # in the list of ours and in the plan
    assert reverse("agencies:portal_action_update", args=[theirs.pk]) not in page
    assert "Outcome area: " in page  # the goal's outcome area on its own line, not in its heading


def test_the_action_update_goes_back_to_the_referral_it_came_from(client, cast):
    response = referred_to_worker(cast)
    action = _agency_action(cast, response, "Attendance officer visits")
    client.force_login(cast.agency_worker)
    url = reverse("agencies:portal_action_update", args=[action.pk])
    referral_page = reverse("agencies:portal_response", args=[response.pk])
    assert f'href="{referral_page}"' in client.get(url, {"referral": response.pk}).content.decode()
    saved = client.post(f"{url}?referral={response.pk}", {"status": "in_progress", "note": "Met Jo"})
    assert saved["Location"] == referral_page
    # Another agency's referral, or nonsense, goes back to the list of actions instead.
    other = referred_elsewhere(cast)
    for value in (str(other.pk), "9" * 30, "x"):
        page = client.get(url, {"referral": value}).content.decode()
        assert f'href="{reverse("agencies:portal_actions")}" class="govuk-back-link"' in page


def test_the_email_link_page_shows_no_action_links_to_someone_not_signed_in(client, cast):
    response = referred_to_worker(cast)
    action = _agency_action(cast, response, "Attendance officer visits")
    page = client.get(_link(response)).content.decode()
    assert reverse("agencies:portal_action_update", args=[action.pk]) not in page
