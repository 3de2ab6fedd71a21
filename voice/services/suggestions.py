"""Receiving a suggestion, however it came: the public box, the family's own pages, or a worker recording
one. Its acknowledgement clock starts at once (settings.VOICE_SUGGESTION_ACK_WORKING_DAYS)."""

from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction

from core.history import save_with_actor
from voice.models import Deadline, Suggestion, reference_for
from voice.services import clocks


def _unique_reference() -> str:
    for _attempt in range(20):
        reference = reference_for("SUG")
        if not Suggestion.objects.filter(reference=reference).exists():
            return reference
    raise IntegrityError("could not find a free suggestion reference")


def receive_suggestion(*, actor: Any = None, member: Any = None, **fields: Any) -> Suggestion:
    """Record a suggestion and open its acknowledgement deadline, counted in working days from the day it
    arrived. `actor` is the worker who recorded it (None online); `member` the family member's access when
    made while signed in to the family's own pages, which links it to the family's team (so the review
    can be by team) and lists it on the member's pages."""
    with transaction.atomic():
        suggestion = Suggestion(reference=_unique_reference(), recorded_by=actor, member=member, **fields)
        if member is not None:
            suggestion.team = member.person.family.team
        suggestion.full_clean()
        save_with_actor(suggestion, actor=actor, reason="Suggestion received")
        clocks.open_deadline(
            kind=Deadline.Kind.SUGGESTION_ACK,
            start=clocks.received_on(suggestion.received_at),
            days=settings.VOICE_SUGGESTION_ACK_WORKING_DAYS,
            suggestion=suggestion,
        )
    return suggestion
