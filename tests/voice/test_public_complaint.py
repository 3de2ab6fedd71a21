"""The public complaint form (issue 12): no account needed, each mistake gets a clear message and writes
nothing, the limits of confidentiality are told to a young person before they send, and the person sees
their reference and the date they will hear by."""

import datetime
import uuid
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from core.calendar import add_working_days
from tests import factories
from tests.voice.public_helpers import complaint_post
from voice.models import Complaint, ComplaintCategory, Deadline, HowReceived, PublicPost

pytestmark = pytest.mark.django_db
URL = "/have-your-say/complaint/"


def _post(client: Any, data: dict[str, Any]) -> Any:
    return client.post(reverse("have_your_say:complaint"), data)


def test_it_takes_a_complaint_without_an_account_and_shows_the_reference_and_date(
    client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, complaint_post())
    made = Complaint.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{made.reference}/")
    assert (made.name, made.email, made.how_received) == ("Pat Jones", "pat@example.org", HowReceived.ONLINE)
    assert made.member is None and made.family is None
    page = client.get(response["Location"]).content.decode()
    due = Deadline.objects.get(complaint=made, kind=Deadline.Kind.ACKNOWLEDGE).due_on
    assert made.reference in page and "govuk-panel--confirmation" in page
    assert f"By {due.day} {due:%B} {due.year} we will tell you" in page
    assert [m.to for m in mail.outbox] == [["pat@example.org"]] and made.reference in mail.outbox[0].body


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"who": None}, "Choose who is making the complaint"),
        ({"category": None}, "Choose what your complaint is about"),
        ({"category": "999999"}, "Choose what your complaint is about"),
        ({"what_happened": "  "}, "Tell us what happened"),
        ({"what_happened": "x" * 5001}, "Ensure this value has at most 5000 characters"),
        ({"name": ""}, "Enter your name"),
        ({"reply_channel": None}, "Choose how you would like to hear from us"),
        ({"reply_channel": "none"}, "Select a valid choice"),
        ({"email": ""}, "Enter your email address, so we can reply by email"),
        ({"email": "pat at example"}, "Enter an email address in the correct format"),
        ({"reply_channel": "text", "phone": ""}, "Enter your mobile phone number, so we can reply by text"),
        ({"reply_channel": "text", "phone": "01603 123456"}, "Enter a UK mobile phone number"),
        ({"reply_channel": "letter"}, "Enter your postal address, so we can reply by letter"),
        ({"who": "on_behalf", "consent_confirmed": "on"}, "Enter the name of the person you are complaining"),
        ({"who": "on_behalf", "on_behalf_of": "Gran"}, "Confirm that they have agreed to you making this"),
        ({"language": "fr"}, "Select a valid choice"),
    ],
)
def test_each_mistake_gets_a_clear_message_and_writes_nothing(
    client: Any, changes: dict[str, Any], message: str
) -> None:
    response = _post(client, complaint_post(**changes))
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page and message in page
    assert (
        not Complaint.objects.exists() and not Deadline.objects.exists() and not PublicPost.objects.exists()
    )
    assert mail.outbox == []


def test_a_category_no_longer_offered_is_refused(client: Any) -> None:
    old = ComplaintCategory.objects.create(name="Parking", active=False)
    assert "Parking" not in client.get(URL).content.decode()
    response = _post(client, complaint_post(category=old.pk))
    assert "Choose what your complaint is about" in response.content.decode()
    assert not Complaint.objects.exists()


def test_only_the_contact_for_the_chosen_channel_is_kept(client: Any) -> None:
    _post(
        client, complaint_post(reply_channel="letter", email="pat at nowhere", address="1 High St\nNorwich")
    )
    made = Complaint.objects.get()
    assert (made.reply_channel, made.email, made.phone, made.address) == (
        "letter",
        "",
        "",
        "1 High St\nNorwich",
    )


def test_someone_on_behalf_of_a_person_records_their_name_and_consent(client: Any) -> None:
    _post(client, complaint_post(who="on_behalf", on_behalf_of="Gran Jones", consent_confirmed="on"))
    made = Complaint.objects.get()
    assert (made.who, made.on_behalf_of, made.consent_confirmed) == ("on_behalf", "Gran Jones", True)


def test_a_filled_honeypot_writes_nothing(client: Any) -> None:
    response = _post(client, complaint_post(website="http://spam.example"))
    assert response.status_code == 200
    assert "We could not accept this form. Please try again." in response.content.decode()
    assert not Complaint.objects.exists() and not PublicPost.objects.exists() and mail.outbox == []


def test_over_the_limit_gets_a_clear_page_and_writes_nothing(client: Any, settings: Any) -> None:
    settings.VOICE_PUBLIC_FORM_LIMIT = "2/h"
    for what in ("First", "Second"):
        assert _post(client, complaint_post(what_happened=what)).status_code == 302
    response = _post(client, complaint_post(what_happened="Third"))
    page = response.content.decode()
    assert response.status_code == 429
    assert "You have sent this form several times in the last hour" in page
    assert "Nothing you sent has been kept." in page
    assert sorted(Complaint.objects.values_list("what_happened", flat=True)) == ["First", "Second"]


def test_the_same_form_sent_twice_makes_one_complaint(client: Any) -> None:
    data = complaint_post(_submission=str(uuid.uuid4()))
    first = _post(client, data)
    second = _post(client, data)
    assert Complaint.objects.count() == 1 and PublicPost.objects.count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]
    assert "You already sent this complaint at" in client.get(second["Location"]).content.decode()


def test_a_young_person_is_told_the_limits_of_confidentiality_before_sending(client: Any) -> None:
    page = client.get(URL).content.decode()
    choice = page.index('value="young_person"')
    reveal = page.index('id="conditional-id_who_2"')
    warning = page.index("We keep your complaint private, but not always.")
    assert choice < reveal < warning < page.index("Send complaint")
    assert 'data-aria-controls="conditional-id_who_2"' in page
    assert "we must tell the people whose job is to keep children safe" in page
    _post(client, complaint_post(who="young_person"))
    assert Complaint.objects.get().confidentiality_limits_explained is True


def test_an_adult_complaint_records_no_confidentiality_warning(client: Any) -> None:
    _post(client, complaint_post(who="family_member"))
    assert Complaint.objects.get().confidentiality_limits_explained is False


def test_the_confirmation_is_only_for_the_session_that_made_it(client: Any) -> None:
    response = _post(client, complaint_post())
    from django.test import Client

    assert Client().get(response["Location"]).status_code == 404
    assert client.get(response["Location"]).status_code == 200


def test_a_signed_in_family_member_s_complaint_is_linked_to_them_and_their_family(
    client: Any, cast: Any
) -> None:
    client.force_login(cast.family_member)
    form_page = client.get(URL).content.decode()
    assert "You are signed in as Sam" in form_page and 'value="Sam Taylor"' in form_page
    _post(client, complaint_post(name="Sam Taylor"))
    made = Complaint.objects.get()
    assert made.member == cast.family_member.family_access and made.family == cast.family
    assert made.team == cast.team and made.how_received == HowReceived.FAMILY_PAGES


def test_the_acknowledgement_is_due_five_working_days_after_it_arrives(client: Any) -> None:
    _post(client, complaint_post())
    made = Complaint.objects.get()
    due = Deadline.objects.get(complaint=made, kind=Deadline.Kind.ACKNOWLEDGE).due_on
    from django.utils import timezone

    assert due == add_working_days(timezone.localdate(made.received_at), 5)
    assert due > datetime.date.today()


def test_a_text_message_reply_keeps_the_number_in_one_form(client: Any) -> None:
    _post(client, complaint_post(reply_channel="text", phone="+44 7700 900 982", email=""))
    assert Complaint.objects.get().phone == "07700900982"


def test_factories_complaint_is_not_shown_to_the_public(client: Any, cast: Any) -> None:
    made = factories.complaint(family=cast.family, about_worker=cast.lead, name="Sam Taylor")
    url = reverse("have_your_say:complaint_made", args=[made.reference])
    assert client.get(url).status_code == 404


def test_a_category_id_too_big_for_the_database_is_a_clear_mistake(client: Any) -> None:
    response = _post(client, complaint_post(category=str(2**63)))
    assert response.status_code == 200 and "Choose what your complaint is about" in response.content.decode()
    assert not Complaint.objects.exists()
