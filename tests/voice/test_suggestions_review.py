"""Suggestions on the staff side: recorded, named, acknowledged, reviewed at a meeting and decided; the
outcome goes back once to a person who left a way to reach them, and to no one otherwise."""

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from tests.core.test_submissions import token_on
from tests.voice import suggestion_factories as make
from voice.models import Deadline, Reply, ReviewMeeting, Suggestion
from voice.tasks import send_suggestion_outcome

pytestmark = pytest.mark.django_db


def _decide(client: Any, suggestion: Suggestion, **extra: Any) -> Any:
    data = {"decision": "adopted", "outcome": "We will open on Saturday mornings from March.", **extra}
    return client.post(reverse("suggestions:decide", args=[suggestion.reference]), data)


def test_a_decided_suggestion_with_an_email_is_sent_the_outcome_once(
    client: Any, cast: Any, django_capture_on_commit_callbacks: Any
) -> None:
    suggestion = make.on_meeting(
        chair=cast.complaints_manager, name="Pat Jones", email="pat@example.org", reply_channel="email"
    )
    client.force_login(cast.complaints_manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = _decide(client, suggestion)
    assert response.status_code == 302
    send_suggestion_outcome(suggestion.pk)  # a retried task sends nothing more
    assert [m.to for m in mail.outbox] == [["pat@example.org"]]
    assert "We will open on Saturday mornings from March." in mail.outbox[0].body
    assert "We will do it" in mail.outbox[0].body and "Dear Pat Jones" in mail.outbox[0].body
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.ANSWERED and suggestion.answered_at is not None


def test_a_decided_suggestion_without_a_way_to_reach_them_sends_nothing(
    client: Any, cast: Any, django_capture_on_commit_callbacks: Any
) -> None:
    suggestion = make.on_meeting(chair=cast.complaints_manager, reply_channel="none")
    client.force_login(cast.complaints_manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = _decide(client, suggestion, decision="not_adopted", outcome="The building is shut then.")
    assert response.status_code == 302
    assert mail.outbox == [] and not Reply.objects.exists()
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.DECIDED and suggestion.decision == "not_adopted"


def test_a_decision_without_its_reason_writes_nothing_and_says_why(
    client: Any, cast: Any, django_capture_on_commit_callbacks: Any
) -> None:
    suggestion = make.on_meeting(
        chair=cast.complaints_manager, email="pat@example.org", reply_channel="email"
    )
    client.force_login(cast.complaints_manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = _decide(client, suggestion, decision="", outcome="  ")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose what the meeting decided" in page and "Say what we will do, or why we will not" in page
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.ACKNOWLEDGED and suggestion.decision == ""
    assert mail.outbox == []


def test_a_decision_sent_twice_is_recorded_and_sent_once(
    client: Any, cast: Any, django_capture_on_commit_callbacks: Any
) -> None:
    suggestion = make.on_meeting(
        chair=cast.complaints_manager, email="pat@example.org", reply_channel="email"
    )
    client.force_login(cast.complaints_manager)
    url = reverse("suggestions:decide", args=[suggestion.reference])
    data = {
        "decision": "partly",
        "outcome": "Saturday mornings once a month.",
        "_submission": token_on(client, url),
    }
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, data)
        second = client.post(url, data, follow=True)
    assert first.status_code == 302
    assert "This decision was already recorded at" in second.content.decode()
    assert len(mail.outbox) == 1 and Reply.objects.filter(suggestion=suggestion).count() == 1
    assert suggestion.history.filter(history_change_reason="Decided at the review meeting").count() == 1


def test_a_suggestion_taken_down_from_a_call_is_recorded_once_with_its_clock(client: Any, cast: Any) -> None:
    client.force_login(cast.complaints_manager)
    url = reverse("suggestions:record")
    data = {
        "how_received": "phone",
        "text": "A quiet room for children waiting.",
        "reply_channel": "text",
        "phone": "07700 900123",
        "language": "cy",
        "_submission": token_on(client, url),
    }
    assert client.post(url, data).status_code == 302
    client.post(url, data)
    suggestion = Suggestion.objects.get()
    assert suggestion.recorded_by == cast.complaints_manager and suggestion.language == "cy"
    assert Deadline.objects.filter(suggestion=suggestion, kind=Deadline.Kind.SUGGESTION_ACK).count() == 1
    assert suggestion.history.get().history_user == cast.complaints_manager


def test_asking_for_an_email_without_an_address_writes_nothing(client: Any, cast: Any) -> None:
    client.force_login(cast.complaints_manager)
    data = {"how_received": "in_person", "text": "More toys.", "reply_channel": "email", "language": "en-gb"}
    response = client.post(reverse("suggestions:record"), data)
    assert response.status_code == 200
    assert "Enter an email address, or choose another way to hear back" in response.content.decode()
    assert not Suggestion.objects.exists() and not Deadline.objects.exists()


def test_acknowledging_needs_a_responsible_person_then_tells_the_person_once(
    client: Any, cast: Any, django_capture_on_commit_callbacks: Any
) -> None:
    suggestion = make.suggestion(email="pat@example.org", reply_channel="email")
    client.force_login(cast.complaints_manager)
    url = reverse("suggestions:acknowledge", args=[suggestion.reference])
    refused = client.post(url, {})
    assert "Name the responsible person before you acknowledge" in refused.content.decode()
    client.post(
        reverse("suggestions:responsible", args=[suggestion.reference]), {"responsible": cast.manager.pk}
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {}).status_code == 302
        again = client.post(url, {})
    assert "already been acknowledged" in again.content.decode()
    assert len(mail.outbox) == 1 and suggestion.reference in mail.outbox[0].body
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.ACKNOWLEDGED and suggestion.responsible == cast.manager


def test_a_partner_agency_worker_cannot_be_named_responsible(client: Any, cast: Any) -> None:
    suggestion = make.suggestion()
    client.force_login(cast.complaints_manager)
    url = reverse("suggestions:responsible", args=[suggestion.reference])
    response = client.post(url, {"responsible": cast.agency_worker.pk})
    assert "Choose a person from the list" in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.responsible is None


def test_the_responsible_person_sees_their_suggestions_and_no_others(client: Any, cast: Any) -> None:
    theirs = make.suggestion(responsible=cast.manager, text="Theirs: a ramp at the back door.")
    make.suggestion(responsible=cast.other_manager, text="Someone else's: a bigger car park.")
    client.force_login(cast.manager)
    page = client.get(reverse("suggestions:list")).content.decode()
    assert theirs.reference in page and "a bigger car park" not in page
    assert "Record a suggestion" not in page


def test_the_list_puts_open_suggestions_first_with_their_due_date(client: Any, cast: Any) -> None:
    decided = make.suggestion(status=Suggestion.Status.DECIDED, text="Decided one.")
    waiting = make.suggestion(text="Waiting one.", responsible=cast.manager)
    Deadline.objects.create(kind=Deadline.Kind.SUGGESTION_ACK, due_on="2027-01-05", suggestion=waiting)
    client.force_login(cast.complaints_manager)
    page = client.get(reverse("suggestions:list")).content.decode()
    assert page.index(waiting.reference) < page.index(decided.reference)
    assert "5 Jan 2027" in page and "Maya Manager" in page


def test_the_list_query_count_does_not_grow_with_suggestions(
    client: Any, cast: Any, django_assert_max_num_queries: Any
) -> None:
    client.force_login(cast.complaints_manager)
    make.suggestion(responsible=cast.manager)
    client.get(reverse("suggestions:list"))
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("suggestions:list"))
    for _ in range(10):
        make.suggestion(responsible=cast.lead, meeting=make.meeting(chair=cast.complaints_manager))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("suggestions:list"))


def test_a_meeting_is_arranged_and_given_its_suggestions_all_or_none(client: Any, cast: Any) -> None:
    client.force_login(cast.complaints_manager)
    response = client.post(
        reverse("suggestions:meeting_create"),
        {"held_on_day": "14", "held_on_month": "1", "held_on_year": "2027", "notes": ""},
    )
    assert response.status_code == 302
    meeting = ReviewMeeting.objects.get()
    waiting = make.suggestion()
    decided = make.suggestion(status=Suggestion.Status.DECIDED)
    add = reverse("suggestions:meeting_add", args=[meeting.pk])
    refused = client.post(add, {"suggestions": [waiting.pk, decided.pk]})
    assert refused.status_code == 200 and "Choose suggestions from the list" in refused.content.decode()
    assert not Suggestion.objects.filter(meeting=meeting).exists()
    assert client.post(add, {"suggestions": [waiting.pk]}).status_code == 302
    page = client.get(reverse("suggestions:meeting", args=[meeting.pk])).content.decode()
    assert waiting.reference in page and "Record decision" in page


def test_a_meeting_without_a_date_is_not_arranged(client: Any, cast: Any) -> None:
    client.force_login(cast.complaints_manager)
    response = client.post(
        reverse("suggestions:meeting_create"), {"held_on_day": "", "held_on_month": "", "held_on_year": ""}
    )
    assert "Enter the date of the meeting" in response.content.decode()
    assert not ReviewMeeting.objects.exists()
