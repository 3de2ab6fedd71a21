"""Receiving a complaint starts its acknowledgement clock on the right working day and tells the
complainant once, in their language."""

import datetime
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from voice.models import Complaint, ComplaintCategory, Deadline, Reply
from voice.services.complaints import receive_complaint

pytestmark = pytest.mark.django_db


def _fields(**extra: Any) -> dict[str, Any]:
    return {
        "how_received": "online",
        "who": Complaint.Who.FAMILY_MEMBER,
        "name": "Pat Jones",
        "email": "pat@example.org",
        "reply_channel": "email",
        "category": ComplaintCategory.objects.get(name="Unreasonable delay"),
        "what_happened": "Nobody rang me back.",
        **extra,
    }


def test_a_complaint_made_on_christmas_eve_is_acknowledged_by_the_fifth_working_day(
    django_capture_on_commit_callbacks: Any,
) -> None:
    # Thu 24 Dec 2026; Fri 25 Dec, Mon 28 Dec (Boxing Day falls on a Saturday) and Fri 1 Jan are bank
    # holidays: Tue 29, Wed 30, Thu 31 Dec, Mon 4 and Tue 5 Jan are the five working days.
    evening = timezone.make_aware(datetime.datetime(2026, 12, 24, 23, 30))
    with django_capture_on_commit_callbacks(execute=True):
        complaint = receive_complaint(received_at=evening, **_fields())
    deadline = Deadline.objects.get(complaint=complaint, kind=Deadline.Kind.ACKNOWLEDGE)
    assert deadline.due_on == datetime.date(2027, 1, 5)
    assert complaint.reference.startswith("CMP-")
    assert [m.to for m in mail.outbox] == [["pat@example.org"]]
    assert complaint.reference in mail.outbox[0].body


def test_the_complainant_hears_in_welsh_and_only_once(django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        complaint = receive_complaint(**_fields(language="cy"))
    from voice.tasks import send_complaint_reply

    send_complaint_reply(complaint.pk, "complaint_received", f"complaint-{complaint.pk}-received")
    assert len(mail.outbox) == 1 and Reply.objects.filter(complaint=complaint).count() == 1
    assert Reply.objects.get(complaint=complaint).language == "cy"


def test_a_complaint_without_a_way_to_hear_back_is_refused_whole() -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        receive_complaint(**_fields(email=""))
    assert not Complaint.objects.exists() and not Deadline.objects.exists()
