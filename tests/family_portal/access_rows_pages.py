"""Access rows of what the family sees (each member's own family's pages) and the lead's restrictions
(those who hold the family may change them; everyone else, family members included, gets 404)."""

from django.urls import reverse

from family_portal.models import Restriction
from tests.access import AccessRow, everyone_but, family_side

OURS = family_side()
HOLDERS = everyone_but({"lead": 200, "manager": 200})


def _page(name: str) -> AccessRow:
    return AccessRow(f"family_portal:{name}", lambda cast: reverse(f"family_portal:{name}"), OURS)


def _restriction(cast) -> Restriction:
    from family_portal.models import MemberAccess

    cast.family_member  # noqa: B018  (makes Sam's access)
    access = MemberAccess.objects.get(person__family=cast.family)
    return Restriction.objects.create(
        access=access, kind=Restriction.Kind.ADDRESS, reason="Safety plan", created_by=cast.lead
    )


ROWS = [
    *(_page(name) for name in ("home", "worker", "scores", "timeline", "sharing", "looks")),
    AccessRow(
        "family_sharing:restrictions",
        lambda cast: reverse("family_sharing:restrictions", args=[cast.family.reference]),
        HOLDERS,
    ),
    AccessRow(
        "family_sharing:restriction_add",
        lambda cast: reverse(
            "family_sharing:restriction_add",
            args=[cast.family.reference, cast.family_member.family_access.pk],
        ),
        HOLDERS,
    ),
    AccessRow(
        "family_sharing:restriction_remove",
        lambda cast: reverse(
            "family_sharing:restriction_remove", args=[cast.family.reference, _restriction(cast).pk]
        ),
        everyone_but({"lead": 302, "manager": 302}),
        method="POST",
    ),
]
