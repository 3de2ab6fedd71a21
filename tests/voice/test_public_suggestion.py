"""The public suggestion box (issue 12): anonymous unless the person leaves a way to reach them, its
acknowledgement clock starts at once, and the same protection as the complaint form."""

import uuid
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from core.calendar import add_working_days
from tests.voice.public_helpers import suggestion_post
from voice.models import Deadline, HowReceived, PublicPost, Suggestion

pytestmark = pytest.mark.django_db


def _post(client: Any, data: dict[str, Any]) -> Any:
    return client.post(reverse("suggest:index"), data)


def test_it_takes_an_anonymous_suggestion_and_opens_its_acknowledgement_clock(client: Any) -> None:
    response = _post(client, suggestion_post())
    made = Suggestion.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{made.reference}/")
    assert made.reference.startswith("SUG-") and made.how_received == HowReceived.ONLINE
    assert (made.name, made.email, made.reply_channel, made.member) == ("", "", "none", None)
    deadline = Deadline.objects.get(suggestion=made)
    assert deadline.kind == Deadline.Kind.SUGGESTION_ACK
    assert deadline.due_on == add_working_days(timezone.localdate(made.received_at), 5)
    page = client.get(response["Location"]).content.decode()
    assert made.reference in page and "You did not leave a way to reach you" in page


def test_the_acknowledgement_clock_follows_the_setting(client: Any, settings: Any) -> None:
    settings.VOICE_SUGGESTION_ACK_WORKING_DAYS = 2
    _post(client, suggestion_post())
    made = Suggestion.objects.get()
    assert Deadline.objects.get(suggestion=made).due_on == add_working_days(
        timezone.localdate(made.received_at), 2
    )


def test_a_person_who_leaves_an_email_is_told_when_they_will_hear(client: Any) -> None:
    response = _post(client, suggestion_post(reply_channel="email", email="pat@example.org", name="Pat"))
    made = Suggestion.objects.get()
    due = Deadline.objects.get(suggestion=made).due_on
    assert (made.email, made.name) == ("pat@example.org", "Pat")
    page = client.get(response["Location"]).content.decode()
    assert f"We will be in touch by {due.day} {due:%B} {due.year}" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"text": ""}, "Tell us your suggestion"),
        ({"text": "x" * 5001}, "Ensure this value has at most 5000 characters"),
        ({"reply_channel": "email"}, "Enter your email address, so we can reply by email"),
        ({"reply_channel": "text", "phone": "12345"}, "Enter a UK mobile phone number"),
        (
            {"reply_channel": "letter", "address": "1 High St"},
            "Enter your name, so we can address the letter",
        ),
        ({"reply_channel": None}, "Choose whether you would like to hear what we decide"),
    ],
)
def test_each_mistake_gets_a_clear_message_and_writes_nothing(
    client: Any, changes: dict[str, Any], message: str
) -> None:
    response = _post(client, suggestion_post(**changes))
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page and message in page
    assert (
        not Suggestion.objects.exists() and not Deadline.objects.exists() and not PublicPost.objects.exists()
    )


def test_a_filled_honeypot_writes_nothing(client: Any) -> None:
    response = _post(client, suggestion_post(website="buy now"))
    assert "We could not accept this form" in response.content.decode()
    assert not Suggestion.objects.exists()


def test_over_the_limit_gets_a_clear_page_and_writes_nothing(client: Any, settings: Any) -> None:
    settings.VOICE_PUBLIC_FORM_LIMIT = "1/h"
    assert _post(client, suggestion_post(text="One")).status_code == 302
    response = _post(client, suggestion_post(text="Two"))
    assert response.status_code == 429 and "several times in the last hour" in response.content.decode()
    assert list(Suggestion.objects.values_list("text", flat=True)) == ["One"]


def test_the_complaint_and_the_suggestion_limits_are_counted_apart(client: Any, settings: Any) -> None:
    settings.VOICE_PUBLIC_FORM_LIMIT = "1/h"
    assert _post(client, suggestion_post()).status_code == 302
    assert client.get(reverse("have_your_say:complaint")).status_code == 200
    assert PublicPost.objects.get().form == "suggestion"


def test_the_same_form_sent_twice_makes_one_suggestion(client: Any) -> None:
    data = suggestion_post(_submission=str(uuid.uuid4()))
    first, second = _post(client, data), _post(client, data)
    assert Suggestion.objects.count() == 1 and second["Location"] == first["Location"]


def test_a_signed_in_member_s_suggestion_is_theirs_and_their_team_s(client: Any, cast: Any) -> None:
    client.force_login(cast.family_member)
    _post(client, suggestion_post())
    made = Suggestion.objects.get()
    assert made.member == cast.family_member.family_access and made.team == cast.team
    assert made.how_received == HowReceived.FAMILY_PAGES
