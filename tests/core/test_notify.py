"""Every kind of message through GOV.UK Notify when it is configured (a local server speaking its API):
any email the product writes, a family member's text message, and the letters the product makes as
PDFs, posted as precompiled letters. Its errors are sorted into "try later" and "refused"."""

import datetime
from typing import Any

import pytest
from django.core import mail

from core import notify as notify_api
from core.email import send_templated_email
from family_portal.models import Channel, FamilyNotice
from family_portal.services.notify import notify_family_member
from tests.family_portal.notify_helpers import member
from tests.notify_fake import FakeNotify
from voice.models import Complaint, ComplaintCategory, Reply
from voice.services.complaints import receive_complaint

pytestmark = pytest.mark.django_db


def test_any_email_the_product_writes_goes_through_the_email_template(cast: Any, notify: FakeNotify) -> None:
    day = datetime.date(2026, 12, 7)
    send_templated_email(
        to=["Lena Lead <lead@example.org>"],
        subject="Power of One: 1 reviews due soon, 0 overdue actions",
        text_template="plans/email/morning_reminder.txt",
        context={
            "worker": cast.lead,
            "reviews": [],
            "actions": [],
            "today": day,
            "within": day,
            "site_url": "https://poo.example",
        },
    )
    [sent] = notify.sent
    assert sent["type"] == "email" and sent["to"] == "lead@example.org" and sent["reference"] is None
    assert sent["personalisation"]["subject"] == "Power of One: 1 reviews due soon, 0 overdue actions"
    assert mail.outbox == []  # Django's own backend was not used


def test_a_family_member_gets_their_text_message_and_email_through_notify(
    cast: Any, notify: FakeNotify
) -> None:
    texted = member(cast.family, first_name="Robin", channel=Channel.TEXT, phone="07700 900456")
    emailed = member(cast.family, first_name="Ash", channel=Channel.EMAIL, email="ash@example.org")
    assert notify_family_member(access=texted, kind="plan_changed", key="plan:1:v2")
    assert notify_family_member(access=emailed, kind="plan_changed", key="plan:1:v2")
    [text] = notify.of_type("sms")
    assert text["to"] == "07700 900456" and text["personalisation"]["body"].startswith("Hello Robin,")
    [email] = notify.of_type("email")
    assert (
        email["to"] == "ash@example.org"
        and email["personalisation"]["subject"] == "Your family plan has changed"
    )


def test_a_text_notify_cannot_take_now_rolls_the_notice_back_for_a_retry(
    cast: Any, notify: FakeNotify
) -> None:
    texted = member(cast.family, first_name="Robin", channel=Channel.TEXT)
    notify.refuse_next(429)
    with pytest.raises(notify_api.NotifyRetryLater) as raised:
        notify_family_member(access=texted, kind="plan_changed", key="plan:1:v2")
    assert raised.value.rate_limited and isinstance(raised.value, OSError)  # Celery's autoretry catches it
    assert not FamilyNotice.objects.filter(access=texted).exists()
    assert notify_family_member(access=texted, kind="plan_changed", key="plan:1:v2")
    assert len(notify.of_type("sms")) == 1


def test_a_family_letter_is_posted_by_notify_as_a_precompiled_letter(cast: Any, notify: FakeNotify) -> None:
    posted = member(cast.family, first_name="Robin", channel=Channel.LETTER)
    notice = notify_family_member(access=posted, kind="plan_changed", key="plan:1:v2")
    [letter] = notify.of_type("letter")
    assert letter["pdf"].startswith(b"%PDF") and letter["postage"] == "second"
    assert letter["reference"] == f"family-notice-{posted.pk}-plan:1:v2"
    notice.refresh_from_db()
    assert notice.status == FamilyNotice.Status.POSTED  # not in the lead's "Letters to post"


def test_a_complaint_letter_is_posted_by_notify(
    cast: Any, notify: FakeNotify, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        complaint = receive_complaint(
            actor=cast.complaints_manager,
            how_received="phone",
            who=Complaint.Who.FAMILY_MEMBER,
            name="Sam Taylor",
            reply_channel="letter",
            address="1 High Street\nNorwich NR1 1AA",
            category=ComplaintCategory.objects.get(name="Unreasonable delay"),
            what_happened="Nobody called back.",
            family=cast.family,
            team=cast.team,
        )
    [letter] = notify.of_type("letter")
    reply = Reply.objects.get(complaint=complaint)
    assert letter["reference"] == f"voice-reply-{reply.key}" and letter["pdf"].startswith(b"%PDF")
    assert reply.posted_at is not None and reply.letter


def test_the_api_key_signs_each_request_and_a_wrong_one_is_kept_for_later(
    notify: FakeNotify, settings
) -> None:
    settings.NOTIFY_API_KEY = (
        "poo_test-26785a09-ab16-4eb0-8407-a37497a57506-00000000-0000-0000-0000-000000000000"
    )
    with pytest.raises(notify_api.NotifyRetryLater) as raised:
        notify_api.email_send(to="a@example.org", subject="s", body="b")
    assert raised.value.status_code == 403 and notify.unauthorised == 1 and notify.sent == []


def test_a_bad_request_is_refused_for_good(notify: FakeNotify, settings) -> None:
    settings.NOTIFY_EMAIL_TEMPLATE_ID = "00000000-0000-0000-0000-000000000000"
    with pytest.raises(notify_api.NotifyRejected, match="Template not found"):
        notify_api.email_send(to="a@example.org", subject="s", body="b")


def test_the_status_of_a_notification_is_read_as_a_receipt(notify: FakeNotify) -> None:
    notify_id = notify_api.email_send(to="a@example.org", subject="s", body="b", reference="key-1")
    receipt = notify_api.receipt_from(notify_api.notification(notify_id))
    assert (receipt.notify_id, receipt.reference, receipt.to) == (notify_id, "key-1", "a@example.org")


def test_without_a_key_a_message_waits_for_one_rather_than_being_given_up(settings) -> None:
    settings.NOTIFY_API_KEY = ""
    with pytest.raises(notify_api.NotifyRetryLater, match="NOTIFY_API_KEY"):
        notify_api.text_send(to="07700 900456", body="b")


def test_the_system_check_warns_of_notify_chosen_without_its_key_or_templates(settings) -> None:
    assert notify_api.settings_check() == []  # Django's email, the console for texts: nothing to say
    settings.EMAIL_BACKEND = "core.notify.NotifyEmailBackend"
    settings.NOTIFY_API_KEY = ""
    settings.NOTIFY_EMAIL_TEMPLATE_ID = ""
    named = [w.msg.split(" but ")[1].split()[0] for w in notify_api.settings_check()]
    assert named == ["NOTIFY_API_KEY", "NOTIFY_EMAIL_TEMPLATE_ID"]
