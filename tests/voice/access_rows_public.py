"""Access rows of the public "Have your say" pages (open to everyone, signed in or not, family members
included: family_portal/middleware.py OPEN_TO_ALL), the confirmation pages (only for the session that
made the complaint or suggestion: 404 to everyone else), and the family's own list (members only)."""

from django.urls import reverse

from tests import factories
from tests.access import ROLES, AccessRow, family_side

EVERYONE = dict.fromkeys(ROLES, 200)
NOBODY_ELSE = dict.fromkeys(ROLES, 404)


def _suggestion_reference(cast) -> str:
    from voice.services.suggestions import receive_suggestion

    return receive_suggestion(how_received="online", text="Evening appointments").reference


ROWS = [
    AccessRow("have_your_say:index", lambda cast: reverse("have_your_say:index"), EVERYONE),
    AccessRow("have_your_say:complaint", lambda cast: reverse("have_your_say:complaint"), EVERYONE),
    AccessRow(
        "have_your_say:complaint",
        lambda cast: reverse("have_your_say:complaint"),
        EVERYONE,
        method="POST",
        data=lambda cast: {"what_happened": ""},
        note="a form with mistakes is shown again to anyone; nothing is written",
    ),
    AccessRow(
        "have_your_say:complaint_made",
        lambda cast: reverse(
            "have_your_say:complaint_made",
            args=[factories.complaint(family=cast.family, about_worker=cast.lead).reference],
        ),
        NOBODY_ELSE,
    ),
    AccessRow("suggest:index", lambda cast: reverse("suggest:index"), EVERYONE),
    AccessRow(
        "suggest:thanks",
        lambda cast: reverse("suggest:thanks", args=[_suggestion_reference(cast)]),
        NOBODY_ELSE,
    ),
    AccessRow("my_voice:index", lambda cast: reverse("my_voice:index"), family_side()),
]
