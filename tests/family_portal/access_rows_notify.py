"""Access rows: the language switch and the plan PDF (family side), the letters to post (staff side)."""

from typing import Any

from django.urls import reverse

from family_portal.models import Channel
from family_portal.services.notify import notify_family_member
from tests.access import AccessRow, everyone_but, family_side
from tests.family_portal.notify_helpers import member


def _letter_url(name: str) -> Any:
    def build(cast: Any) -> str:
        access = member(cast.family, first_name="Robin", channel=Channel.LETTER)
        notice = notify_family_member(access=access, kind="plan_changed", key="plan:1:v1")
        assert notice is not None
        return reverse(f"family_letters:{name}", args=[notice.pk])

    return build


def _plan_pdf(cast):
    from tests.family_portal.actions_helpers import plan_with_goal

    plan_with_goal(cast.family)
    return reverse("family_portal:plan_pdf")


ROWS = [
    AccessRow(
        "family_portal:language",
        lambda cast: reverse("family_portal:language"),
        family_side(member=302, other_member=302),
        method="POST",
        data=lambda cast: {"language": "cy", "next": "/my/sign-in/"},
        note="staff never use /my/ (the fence); a visitor on the sign-in pages may choose",
    ),
    AccessRow(
        "family_portal:plan_pdf",
        _plan_pdf,
        family_side(other_member=404),  # the other family has no plan
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
