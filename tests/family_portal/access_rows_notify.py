"""Access rows: the language switch and the plan PDF (family side), the letters to post (staff side)."""

from typing import Any

from django.urls import reverse

from family_portal.models import Channel
from family_portal.services.notify import notify_family_member
from tests.access import ROLES, AccessRow, everyone_but
from tests.family_portal.notify_helpers import member

STAFF_404 = {role: 404 for role in ROLES}


def _letter_url(name: str) -> Any:
    def build(cast: Any) -> str:
        access = member(cast.family, first_name="Robin", channel=Channel.LETTER)
        notice = notify_family_member(access=access, kind="plan_changed", key="plan:1:v1")
        assert notice is not None
        return reverse(f"family_letters:{name}", args=[notice.pk])

    return build


ROWS = [
    AccessRow(
        "family_portal:language",
        lambda cast: reverse("family_portal:language"),
        {**STAFF_404, "anonymous": 302},
        method="POST",
        data=lambda cast: {"language": "cy", "next": "/my/sign-in/"},
        note="staff never use /my/ (the fence); a visitor on the sign-in pages may choose",
    ),
    AccessRow(
        "family_portal:plan_pdf",
        lambda cast: reverse("family_portal:plan_pdf"),
        {**STAFF_404, "anonymous": 302},
        note="members only; staff get 404, visitors the family sign-in",
    ),
    AccessRow(
        "family_letters:list",
        lambda cast: reverse("family_letters:list"),
        everyone_but({"lead": 200, "colleague": 200, "manager": 200, "other_manager": 200}),
        note="each holder sees only their own families' letters (the test_notify_letters tests)",
    ),
    AccessRow(
        "family_letters:download",
        _letter_url("download"),
        everyone_but({"lead": 200, "manager": 200}),
    ),
    AccessRow(
        "family_letters:posted",
        _letter_url("posted"),
        everyone_but({"lead": 302, "manager": 302}),
        method="POST",
    ),
]
