"""Referral emails through GOV.UK Notify (a local server speaking its API): each alert carries the
outbox's idempotency key as its reference and is sent once however the worker dies; a 429 waits; the
delivery receipts reach the outbox row and the lead's referral page, and a bounce is told once."""

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from agencies import tasks
from agencies.emails import build_email
from agencies.models import OutboxMessage
from agencies.services.outbox import outbox_claim
from tests.agencies.conftest import send
from tests.notify_fake import CALLBACK_TOKEN, FakeNotify

pytestmark = pytest.mark.django_db


def _referred(cast: Any, housing: Any, capture: Any) -> OutboxMessage:
    with capture(execute=True):
        send(cast, [housing])
    return OutboxMessage.objects.get(kind=OutboxMessage.Kind.ALERT)


def _callback(client: Any, body: dict[str, Any], token: str = CALLBACK_TOKEN) -> Any:
    return client.post(
        reverse("agencies:notify_delivery_receipt"),
        body,
        content_type="application/json",
        headers={"authorization": f"Bearer {token}"},
    )


def test_an_alert_goes_through_notify_with_the_idempotency_key_as_its_reference(
    cast, housing, notify: FakeNotify, django_capture_on_commit_callbacks
):
    alert = _referred(cast, housing, django_capture_on_commit_callbacks)
    [sent] = notify.of_type("email")
    assert sent["reference"] == alert.idempotency_key
    assert sent["to"] == housing.inbox_list()[0]
    assert sent["personalisation"]["subject"].startswith("New referral R-")
    assert "Answer the referral" in sent["personalisation"]["body"]
    alert.refresh_from_db()
    assert alert.status == OutboxMessage.Status.SENT and alert.notify_ids == [sent["id"]]


def test_a_second_relay_run_after_the_send_sends_nothing_again(
    cast, housing, notify: FakeNotify, django_capture_on_commit_callbacks
):
    alert = _referred(cast, housing, django_capture_on_commit_callbacks)
    OutboxMessage.objects.filter(pk=alert.pk).update(next_attempt_at=timezone.now() - datetime.timedelta(1))
    tasks.relay_outbox()
    tasks.deliver_outbox(alert.pk)
    assert len(notify.of_type("email")) == 1


def test_a_worker_killed_between_notifys_answer_and_the_sent_mark_does_not_send_twice(
    cast, housing, notify: FakeNotify, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):  # the task never ran
        send(cast, [housing])
    alert = OutboxMessage.objects.get(kind=OutboxMessage.Kind.ALERT)
    claimed, _ = outbox_claim(message_id=alert.pk)
    build_email(claimed).send()  # Notify took it; then the worker died before marking the row
    OutboxMessage.objects.filter(pk=alert.pk).update(lease_expires_at=timezone.now() - datetime.timedelta(1))
    assert tasks.relay_outbox() == 1
    [sent] = notify.of_type("email")
    alert.refresh_from_db()
    assert alert.status == OutboxMessage.Status.SENT and alert.notify_ids == [sent["id"]]
    assert [n["reference"] for n in notify.sent] == [alert.idempotency_key]


def test_a_429_is_retried_later_and_never_makes_the_outbox_give_up(
    cast, housing, notify: FakeNotify, django_capture_on_commit_callbacks, settings
):
    settings.AGENCIES_OUTBOX_MAX_ATTEMPTS = 1
    notify.refuse_next(429)
    alert = _referred(cast, housing, django_capture_on_commit_callbacks)
    alert.refresh_from_db()
    assert alert.status == OutboxMessage.Status.PENDING and "429" in alert.last_error
    wait = (alert.next_attempt_at - timezone.now()).total_seconds()
    assert settings.NOTIFY_RATE_LIMIT_WAIT_SECONDS - 5 < wait <= settings.NOTIFY_RATE_LIMIT_WAIT_SECONDS
    assert tasks.relay_outbox() == 0  # not yet
    OutboxMessage.objects.filter(pk=alert.pk).update(next_attempt_at=timezone.now())
    tasks.relay_outbox()
    alert.refresh_from_db()
    assert alert.status == OutboxMessage.Status.SENT and len(notify.of_type("email")) == 1


def test_an_address_notify_rejects_is_given_up_at_once(
    cast, housing, notify: FakeNotify, django_capture_on_commit_callbacks
):
    notify.refuse_next(400)
    alert = _referred(cast, housing, django_capture_on_commit_callbacks)
    alert.refresh_from_db()
    assert alert.status == OutboxMessage.Status.FAILED and "400" in alert.last_error


def test_a_delivered_receipt_shows_on_the_referral_page(
    client, cast, housing, notify: FakeNotify, django_capture_on_commit_callbacks
):
    alert = _referred(cast, housing, django_capture_on_commit_callbacks)
    answer = _callback(client, notify.callback_body(notify.sent[0], "delivered"))
    assert answer.status_code == 200 and answer.json() == {"recorded": True}
    alert.refresh_from_db()
    assert alert.delivery_status == "delivered"
    assert alert.delivered_at == datetime.datetime(2026, 12, 7, 10, 42, 3, tzinfo=datetime.UTC)
    client.force_login(cast.lead)
    page = client.get(
        reverse("agencies:referral_detail", args=[cast.family.reference, alert.response.referral_id])
    )
    assert "Alert delivered 10:42" in page.content.decode()


def test_a_bounce_is_shown_and_told_to_the_lead_and_the_agency_manager_once(
    client, cast, housing, notify: FakeNotify, django_capture_on_commit_callbacks
):
    alert = _referred(cast, housing, django_capture_on_commit_callbacks)
    bounce = notify.callback_body(notify.sent[0], "permanent-failure")
    with django_capture_on_commit_callbacks(execute=True):
        assert _callback(client, bounce).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert _callback(client, bounce).status_code == 200  # Notify retries a callback it thinks failed
    told = [n for n in notify.of_type("email") if n["reference"].endswith("-not-delivered")]
    assert sorted(n["to"] for n in told) == sorted([cast.lead.email, housing.manager_email])
    assert told[0]["personalisation"]["subject"].startswith("Not delivered: referral R-")
    assert housing.inbox_list()[0] in told[0]["personalisation"]["body"]
    client.force_login(cast.lead)
    page = client.get(
        reverse("agencies:referral_detail", args=[cast.family.reference, alert.response.referral_id])
    )
    assert "Inbox bounced: check the address" in page.content.decode()


def test_a_later_delivery_of_another_inbox_does_not_hide_a_bounce(
    client, cast, notify: FakeNotify, django_capture_on_commit_callbacks
):
    from tests.agencies.conftest import consent_all, make_agency

    agency = make_agency("Two Inboxes", inboxes=("a@two.example.org", "b@two.example.org"))
    consent_all(cast, agency)
    alert = _referred(cast, agency, django_capture_on_commit_callbacks)
    first, second = notify.of_type("email")
    _callback(client, notify.callback_body(first, "permanent-failure"))
    _callback(client, notify.callback_body(second, "delivered"))
    alert.refresh_from_db()
    assert alert.delivery_status == "permanent-failure" and first["to"] in alert.delivery_detail
    assert sorted(alert.notify_ids) == sorted([first["id"], second["id"]])


@pytest.mark.parametrize("token", ["wrong-token", ""])
def test_a_receipt_without_the_callback_token_is_refused(
    client, cast, housing, notify: FakeNotify, django_capture_on_commit_callbacks, token
):
    alert = _referred(cast, housing, django_capture_on_commit_callbacks)
    answer = _callback(client, notify.callback_body(notify.sent[0], "permanent-failure"), token=token)
    assert answer.status_code == 401 and answer.json() == {"error": "not authorised"}
    alert.refresh_from_db()
    assert alert.delivery_status == ""
    assert not OutboxMessage.objects.filter(kind=OutboxMessage.Kind.NOT_DELIVERED).exists()


def test_a_body_that_is_not_a_receipt_is_a_400_and_one_about_no_outbox_row_is_accepted(
    client, notify: FakeNotify
):
    assert _callback(client, {"hello": "world"}).status_code == 400
    other = {"id": "0f1d", "reference": "sign-in-code", "to": "x@example.org", "status": "delivered"}
    answer = _callback(client, other)
    assert answer.status_code == 200 and answer.json() == {"recorded": False}


def test_without_notify_the_callback_refuses_everyone(client, settings):
    settings.NOTIFY_CALLBACK_TOKEN = ""
    assert _callback(client, {"id": "x", "status": "delivered"}, token="").status_code == 401
    assert settings.EMAIL_BACKEND != "core.notify.NotifyEmailBackend"  # Django's email stays the default


def test_without_the_callback_the_polling_task_reads_the_receipts(
    client, cast, housing, notify: FakeNotify, django_capture_on_commit_callbacks
):
    alert = _referred(cast, housing, django_capture_on_commit_callbacks)
    assert tasks.poll_delivery_receipts() == 0  # Notify has nothing final yet
    notify.set_status(notify.sent[0]["id"], "delivered")
    assert tasks.poll_delivery_receipts() == 1
    assert tasks.poll_delivery_receipts() == 0  # a row with its receipt is not asked about again
    alert.refresh_from_db()
    assert alert.delivery_status == "delivered" and alert.delivered_at is not None
