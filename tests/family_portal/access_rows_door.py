"""The door's URLs: the family's sign-in pages (staff get 404: the fence) and the staff's tab on the
family record (the lead and the team's manager only)."""

from django.urls import reverse

from tests.access import AccessRow, everyone_but
from tests.family_portal.door_helpers import invited

STAFF_404 = everyone_but({}, anonymous=200)
HOLDERS = everyone_but({"lead": 200, "manager": 200})


def _person(cast):
    return invited(cast).person


ROWS = [
    AccessRow("family_portal:sign_in", lambda cast: reverse("family_portal:sign_in"), STAFF_404),
    AccessRow(
        "family_portal:sign_in_code",
        lambda cast: reverse("family_portal:sign_in_code"),
        everyone_but({}, anonymous=302),
        note="with no code asked for in this browser, back to the first page",
    ),
    AccessRow(
        "family_portal:sign_in_resend",
        lambda cast: reverse("family_portal:sign_in_resend"),
        everyone_but({}, anonymous=302),
        method="POST",
    ),
    AccessRow(
        "family_portal:sign_out",
        lambda cast: reverse("family_portal:sign_out"),
        everyone_but({}, anonymous=302),
        method="POST",
    ),
    AccessRow("family_portal:signed_out", lambda cast: reverse("family_portal:signed_out"), STAFF_404),
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
