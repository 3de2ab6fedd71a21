import datetime

import pytest
from django.core import mail, signing
from django.urls import reverse

from agencies.links import SALT, response_token
from agencies.models import Consent, ResponseEvent
from agencies.services.answer import access_code_check, access_code_issue
from agencies.services.consent import consent_withdraw
from agencies.services.referral import referral_close
from families.models import CaseNote
from tests.agencies.conftest import send

FAMILY_DATA = ("Taylor", "Sam", "NR1 1AA")


@pytest.fixture
def response(cast, housing):
    return send(cast, [housing]).responses.get()


def _url(token, name="answer"):
    return reverse(f"agencies:{name}", args=[token])


def _assert_no_family_data(page):
    for value in FAMILY_DATA:
        assert value not in page


def test_a_valid_link_shows_the_summary_to_anyone_holding_it_but_not_the_family(client, response):
    page = client.get(_url(response_token(response)))
    assert page.status_code == 200
    text = page.content.decode()
    assert "rent arrears" in text and "Norwich Housing" in text
    assert "Acknowledge" in text and "Decline" in text
    _assert_no_family_data(text)
    assert "Sam is worried" not in text  # the detail is behind the code


@pytest.mark.parametrize(
    "problem", ["tampered", "expired", "revoked by consent withdrawal", "referral closed"]
)
def test_a_bad_link_gets_a_clear_page_and_reveals_nothing(client, cast, response, settings, problem):
    token = response_token(response)
    if problem == "tampered":
        token = token[:-3] + "abc"
    elif problem == "expired":
        settings.AGENCIES_LINK_MAX_AGE_DAYS = 0
        old = signing.TimestampSigner(salt=SALT).sign_object({"r": response.pk, "n": response.link_nonce})
        token = old
    elif problem == "revoked by consent withdrawal":
        consent = Consent.objects.get(agency=response.agency, category="contact")
        consent_withdraw(actor=cast.lead, consent=consent, reason="Parent changed their mind")
    else:
        referral_close(actor=cast.lead, referral=response.referral, reason="No longer needed")
    for name in ("answer", "answer_code", "answer_shared"):
        page = client.get(_url(token, name))
        assert page.status_code == 404
        text = page.content.decode()
        assert "This link cannot be used" in text
        _assert_no_family_data(text)
        assert "rent arrears" not in text


def test_expired_links_use_the_configured_age(client, response, settings, monkeypatch):
    import time

    token = response_token(response)
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + datetime.timedelta(days=31).total_seconds())
    page = client.get(_url(token))
    assert "has expired" in page.content.decode()


def test_answering_from_the_link_writes_once_and_a_replay_shows_the_answer_given(client, cast, response):
    token = response_token(response)
    data = {"answer": "accept", "expected_status": "sent", "note": ""}
    first = client.post(_url(token), data, follow=True)
    assert "Your answer has been sent" in first.content.decode()
    replay = client.post(_url(token), data, follow=True)
    text = replay.content.decode()
    assert "Nothing was changed: this referral had already been answered (Accepted)" in text
    assert ResponseEvent.objects.filter(response=response, status="accepted").count() == 1
    assert CaseNote.objects.filter(family=cast.family).count() == 1
    event = ResponseEvent.objects.get(response=response, status="accepted")
    assert event.actor is None and event.via == "email_link"


def test_a_decline_without_a_reason_from_the_link_is_refused_clearly(client, response):
    page = client.post(
        _url(response_token(response)), {"answer": "decline", "expected_status": "sent", "note": ""}
    )
    assert page.status_code == 200
    assert "Give a reason for declining." in page.content.decode()
    response.refresh_from_db()
    assert response.status == "sent"


def test_a_one_time_code_unlocks_what_the_family_agreed_to_share(
    client, response, settings, django_capture_on_commit_callbacks
):
    token = response_token(response)
    shared = client.get(_url(token, "answer_shared")).content.decode()
    _assert_no_family_data(shared)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url(token, "answer_code"), {"send": "1"})
    (email,) = [m for m in mail.outbox if "code" in m.subject]
    assert email.to == response.agency.inbox_list()
    code = next(
        word.strip(".")
        for word in email.body.split()
        if word.strip(".").isdigit() and len(word.strip(".")) == 6
    )
    assert response.access_codes.get().code_hash != code  # only the hash is kept
    wrong = "000000" if code != "000000" else "111111"
    assert "That code is wrong" in client.post(_url(token, "answer_code"), {"code": wrong}).content.decode()
    ok = client.post(_url(token, "answer_code"), {"code": code})
    assert ok.status_code == 302
    page = client.get(_url(token, "answer_shared")).content.decode()
    assert "Taylor family" in page and "Sam is worried" in page
    # Withdrawing consent revokes the unlocked link at once.
    consent = Consent.objects.get(agency=response.agency, category="contact")
    consent_withdraw(actor=response.referral.sent_by, consent=consent, reason="Changed their mind")
    after = client.get(_url(token, "answer_shared"))
    assert after.status_code == 404
    _assert_no_family_data(after.content.decode())


def test_a_code_stops_working_after_too_many_attempts(response, settings):
    settings.AGENCIES_CODE_MAX_ATTEMPTS = 3
    access_code_issue(response=response)
    code = response.access_codes.get()
    for _ in range(3):
        assert access_code_check(response=response, code="not it") is False
    code.refresh_from_db()
    assert code.attempts == 3
    # Even the right code fails now; we cannot know it, so check that no further attempt is counted.
    assert access_code_check(response=response, code="123456") is False
    code.refresh_from_db()
    assert code.attempts == 3


def test_a_signed_in_stranger_using_the_link_is_not_recorded_as_the_author(client, cast, response):
    client.force_login(cast.colleague)
    client.post(_url(response_token(response)), {"answer": "acknowledge", "expected_status": "sent"})
    event = ResponseEvent.objects.get(response=response, status="acknowledged")
    assert event.actor is None and event.via == "email_link"


def test_the_chronology_names_the_agency_that_answered_from_the_link_not_the_lead(client, cast, response):
    client.post(_url(response_token(response)), {"answer": "accept", "expected_status": "sent"})
    client.force_login(cast.lead)
    page = client.get(reverse("families:detail", args=[cast.family.reference])).content.decode()
    note = CaseNote.objects.get(family=cast.family)
    assert note.author == cast.lead  # filed under the referral's worker, as before
    assert f'Note <span class="govuk-body-s">by {response.agency.name}, by email link</span>' in page
