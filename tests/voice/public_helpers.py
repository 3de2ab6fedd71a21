"""Shared pieces of the public "Have your say" tests: a valid complaint and suggestion as posted, and the
Welsh of a string (from the project's catalogue, locale/cy)."""

from typing import Any

from django.utils import translation

from voice.models import ComplaintCategory


def cy(text: str) -> str:
    with translation.override("cy"):
        return translation.gettext(text)


def complaint_post(**changes: Any) -> dict[str, Any]:
    data = {
        "who": "family_member",
        "category": ComplaintCategory.objects.get(name="Unreasonable delay").pk,
        "what_happened": "Nobody rang me back for three weeks.",
        "put_right": "A call back and an apology.",
        "name": "Pat Jones",
        "reply_channel": "email",
        "email": "pat@example.org",
        "language": "en-gb",
        "website": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def suggestion_post(**changes: Any) -> dict[str, Any]:
    data = {"text": "Evening appointments for working parents.", "reply_channel": "none", "language": "en-gb"}
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}
