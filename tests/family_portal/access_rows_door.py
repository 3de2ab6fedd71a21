"""The door's URLs: the family's sign-in pages (staff get 404: the fence) and the staff's tab on the
family record (the lead and the team's manager only)."""

from django.urls import reverse

from tests.access import AccessRow, everyone_but, family_side
from tests.family_portal.door_helpers import invited

# A signed-in member is sent on from the sign-in pages (to their plan, or signed out); staff get 404.
SIGN_IN_PAGE = family_side(member=302, other_member=302, anonymous=200)
SENT_ON = family_side(member=302, other_member=302, anonymous=302)
HOLDERS = everyone_but({"lead": 200, "manager": 200})


def _person(cast):
    return invited(cast).person


ROWS = [
    AccessRow("family_portal:sign_in", lambda cast: reverse("family_portal:sign_in"), SIGN_IN_PAGE),
    AccessRow(
        "family_portal:sign_in_code",
        lambda cast: reverse("family_portal:sign_in_code"),
        SENT_ON,
        note="with no code asked for in this browser, back to the first page",
    ),
    AccessRow(
        "family_portal:sign_in_resend",
        lambda cast: reverse("family_portal:sign_in_resend"),
        SENT_ON,
        method="POST",
    ),
    AccessRow(
        "family_portal:sign_out",
        lambda cast: reverse("family_portal:sign_out"),
        SENT_ON,
        method="POST",
    ),
    AccessRow("family_portal:signed_out", lambda cast: reverse("family_portal:signed_out"), SIGN_IN_PAGE),
    AccessRow(
        "family_access:family",
        lambda cast: reverse("family_access:family", args=[cast.family.reference]),
        HOLDERS,
    ),
    AccessRow(
        "family_access:invite",
        lambda cast: reverse("family_access:invite", args=[cast.family.reference, _person(cast).pk]),
        HOLDERS,
    ),
    AccessRow(
        "family_access:withdraw",
        lambda cast: reverse("family_access:withdraw", args=[cast.family.reference, _person(cast).pk]),
        HOLDERS,
    ),
]
