"""Receiving a complaint, however it came: the public form, the family's own pages, or a worker
recording a call, a letter or a conversation (with the help they gave)."""

from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction

from core.history import save_with_actor
from voice.models import Complaint, Deadline, Stage, reference_for
from voice.services import clocks


def _unique_reference() -> str:
    for _attempt in range(20):
        reference = reference_for("CMP")
        if not Complaint.objects.filter(reference=reference).exists():
            return reference
    raise IntegrityError("could not find a free complaint reference")


def receive_complaint(*, actor: Any = None, member: Any = None, **fields: Any) -> Complaint:
    """Record a complaint and start its clocks: acknowledgement (5 working days) and stage 1 (10, at most
    20), both counted from the day it arrived; the stage's responsible person is named when it is
    acknowledged. The complainant hears that it arrived once the record is safe (after commit, through
    the task queue). `actor` is the worker who recorded it
    (None online); `member` the family member's access when made from the family's own pages, which
    links the complaint to their family and its team (never shown to that team)."""
    with transaction.atomic():
        complaint = Complaint(reference=_unique_reference(), recorded_by=actor, member=member, **fields)
        if member is not None:
            complaint.family = member.person.family
            complaint.team = complaint.family.team
        complaint.full_clean()
        save_with_actor(complaint, actor=actor, reason="Complaint received")
        start = clocks.received_on(complaint.received_at)
        clocks.open_deadline(
            kind=Deadline.Kind.ACKNOWLEDGE,
            start=start,
            days=settings.VOICE_ACKNOWLEDGE_WORKING_DAYS,
            complaint=complaint,
        )
        stage = Stage.objects.create(complaint=complaint, number=1, started_on=start)
        clocks.open_deadline(
            kind=Deadline.Kind.RESPOND,
            start=start,
            days=settings.VOICE_STAGE_1_WORKING_DAYS,
            max_days=settings.VOICE_STAGE_1_MAX_WORKING_DAYS,
            complaint=complaint,
            stage=stage,
        )
        pk = complaint.pk
        transaction.on_commit(lambda: _tell_received(pk))
    return complaint


def _tell_received(pk: int) -> None:
    from voice.tasks import send_complaint_reply

    send_complaint_reply.delay(pk, "complaint_received", f"complaint-{pk}-received")
