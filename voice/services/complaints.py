"""Receiving a complaint, however it came: the public form, the family's own pages, or a worker
recording a call, a letter or a conversation (with the help they gave)."""

from typing import Any

from django.db import IntegrityError, transaction

from core.history import save_with_actor
from voice.models import Complaint, Deadline, reference_for
from voice.services import clocks


def _unique_reference() -> str:
    for _attempt in range(20):
        reference = reference_for("CMP")
        if not Complaint.objects.filter(reference=reference).exists():
            return reference
    raise IntegrityError("could not find a free complaint reference")


def receive_complaint(*, actor: Any = None, member: Any = None, **fields: Any) -> Complaint:
    """Record a complaint and start its acknowledgement clock; the complainant hears that it arrived once
    the record is safe (after commit, through the task queue). `actor` is the worker who recorded it
    (None online); `member` the family member's access when made from the family's own pages, which
    links the complaint to their family and its team (never shown to that team)."""
    with transaction.atomic():
        complaint = Complaint(reference=_unique_reference(), recorded_by=actor, member=member, **fields)
        if member is not None:
            complaint.family = member.person.family
            complaint.team = complaint.family.team
        complaint.full_clean()
        save_with_actor(complaint, actor=actor, reason="Complaint received")
        clocks.open_deadline(
            kind=Deadline.Kind.ACKNOWLEDGE,
            start=clocks.received_on(complaint.received_at),
            days=_ack_days(),
            complaint=complaint,
        )
        pk = complaint.pk
        transaction.on_commit(lambda: _tell_received(pk))
    return complaint


def _ack_days() -> int:
    from django.conf import settings

    return settings.VOICE_ACKNOWLEDGE_WORKING_DAYS


def _tell_received(pk: int) -> None:
    from voice.tasks import send_complaint_reply

    send_complaint_reply.delay(pk, "complaint_received", f"complaint-{pk}-received")
