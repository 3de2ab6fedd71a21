import smtplib

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from agencies import selectors, tasks
from agencies.models import OutboxMessage, Referral, ReferralResponse
from agencies.services.outbox import outbox_claim, outbox_deliver
from tests.agencies.conftest import consent_all, make_agency, send


@pytest.fixture
def five(cast):
    agencies = [make_agency(f"Agency {n}") for n in range(5)]
    for agency in agencies:
        consent_all(cast, agency)
    return agencies


def test_one_submit_writes_one_response_and_one_outbox_row_per_agency(
    cast, five, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        referral = send(cast, five)
    assert referral.responses.count() == 5
    keys = set(OutboxMessage.objects.values_list("idempotency_key", flat=True))
    assert keys == {f"referral-{referral.pk}-agency-{a.pk}-alert" for a in five}
    assert mail.outbox == []  # nothing leaves before the transaction commits


def test_after_the_relay_runs_twice_each_agency_has_exactly_one_alert(
    cast, five, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(cast, five)
    tasks.relay_outbox()
    tasks.relay_outbox()
    assert len(mail.outbox) == 5
    assert sorted(m.to[0] for m in mail.outbox) == sorted(a.inbox_list()[0] for a in five)
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}


def test_the_relay_alone_delivers_when_the_broker_lost_the_tasks(
    cast, five, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):  # the enqueue never happened
        send(cast, five)
    assert tasks.relay_outbox() == 5
    assert tasks.relay_outbox() == 0
    assert len(mail.outbox) == 5


def test_a_rolled_back_referral_sends_nothing(cast, five, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        send(cast, five)
        raise RuntimeError("something after the referral failed")
    tasks.relay_outbox()
    assert Referral.objects.count() == 0
    assert OutboxMessage.objects.count() == 0
    assert mail.outbox == []


def test_a_mail_server_failure_is_retried_and_each_agency_still_gets_exactly_one(
    cast, five, django_capture_on_commit_callbacks, monkeypatch
):
    from django.core.mail.backends.locmem import EmailBackend

    real_send = EmailBackend.send_messages
    failures = {"left": 3}

    def flaky(self, messages):
        if failures["left"]:
            failures["left"] -= 1
            raise smtplib.SMTPServerDisconnected("mail server went away")
        return real_send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky)
    with django_capture_on_commit_callbacks(execute=True):
        send(cast, five)
    failed = OutboxMessage.objects.filter(status="pending")
    assert failed.count() == 3
    assert all("mail server went away" in m.last_error for m in failed)
    assert all(m.next_attempt_at > timezone.now() for m in failed)  # backing off, not hammering
    # The backoff runs out; the relay tries again (eagerly here, twice over).
    failed.update(next_attempt_at=timezone.now())
    tasks.relay_outbox()
    tasks.relay_outbox()
    assert failures["left"] == 0
    assert len(mail.outbox) == 5
    assert len({m.extra_headers["Message-ID"] for m in mail.outbox}) == 5
    assert OutboxMessage.objects.filter(attempts__gt=1).exists()


def test_a_worker_that_died_after_claiming_leaves_the_row_for_the_next_after_its_lease(cast, five, settings):
    referral = send(cast, five)  # on_commit does not run inside the test transaction
    message = OutboxMessage.objects.filter(response__referral=referral).first()
    claimed, _ = outbox_claim(message_id=message.pk)
    assert claimed is not None
    # The worker dies here. Another worker sees the live lease and leaves the row alone ...
    assert outbox_deliver(message_id=message.pk).outcome == "busy"
    assert message.pk not in selectors.outbox_due()
    # ... until the lease runs out; then the relay picks it up and it is sent once.
    later = timezone.now() + timezone.timedelta(seconds=settings.AGENCIES_OUTBOX_LEASE_SECONDS + 1)
    assert message.pk in selectors.outbox_due(now=later)
    OutboxMessage.objects.filter(pk=message.pk).update(lease_expires_at=timezone.now())
    assert outbox_deliver(message_id=message.pk).outcome == "sent"
    assert outbox_deliver(message_id=message.pk).outcome == "done"
    assert len(mail.outbox) == 1


def test_the_alert_names_nobody_in_the_family_and_has_html_and_text(
    cast, housing, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        referral = send(cast, [housing])
    (email,) = mail.outbox
    html = email.alternatives[0][0]
    for body in (email.body, html):
        assert "rent arrears" in body  # the request itself
        assert "Taylor" not in body and "Sam" not in body and cast.family.reference not in body
        assert "/agencies/answer/" in body
    assert referral.number in email.subject
    assert email.extra_headers["Message-ID"].startswith(f"<referral-{referral.pk}-agency-{housing.pk}-alert@")
    assert ReferralResponse.objects.get().status == "sent"
