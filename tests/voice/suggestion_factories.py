"""Suggestions, meetings and changes for the tests, made with the models directly (the public form's
service is another part's), and the staff's way in."""

import datetime
from typing import Any

from voice.models import Change, ReviewMeeting, Suggestion, reference_for


def suggestion(**fields: Any) -> Suggestion:
    values: dict[str, Any] = {
        "reference": reference_for("SUG"),
        "how_received": "online",
        "text": "Could the family centre open on Saturday mornings?",
        **fields,
    }
    return Suggestion.objects.create(**values)


def meeting(*, chair: Any, held_on: datetime.date | None = None) -> ReviewMeeting:
    return ReviewMeeting.objects.create(held_on=held_on or datetime.date(2026, 12, 10), chair=chair)


def on_meeting(*, chair: Any, **fields: Any) -> Suggestion:
    """An acknowledged suggestion waiting for the meeting's decision."""
    return suggestion(meeting=meeting(chair=chair), status=Suggestion.Status.ACKNOWLEDGED, **fields)


def change(*, created_by: Any, published: bool = False, **fields: Any) -> Change:
    values: dict[str, Any] = {
        "source": Change.Source.SUGGESTIONS,
        "you_said": "Evening appointments were hard to get.",
        "you_said_cy": "Roedd hi'n anodd cael apwyntiadau gyda'r nos.",
        "we_did": "We now open until 7pm on Thursdays.",
        "we_did_cy": "Rydyn ni nawr ar agor tan 7pm ar ddydd Iau.",
        "published_on": datetime.date(2026, 11, 30) if published else None,
        **fields,
    }
    return Change.objects.create(created_by=created_by, **values)
