"""Shared pieces of the public "Have your say" tests: a valid complaint and suggestion as posted, the Welsh
of this part (voice/welsh/public.po, compiled for the test until the lead merges it into locale/cy)."""

from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from family_portal.catalogue import compile_catalogue
from voice.models import ComplaintCategory

WELSH_PO = Path(__file__).resolve().parents[2] / "voice" / "welsh" / "public.po"


@pytest.fixture
def welsh(settings: Any, tmp_path: Path) -> None:
    """The project's Welsh catalogue with this part's translations added where it has none."""
    messages = tmp_path / "cy" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    compile_catalogue(WELSH_PO, messages / "django.mo")
    settings.LOCALE_PATHS = [*settings.LOCALE_PATHS, tmp_path]  # resets Django's translation caches


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
