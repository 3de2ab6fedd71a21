"""The families' invariants for `manage.py check_consistency` (core/consistency.py)."""

from collections.abc import Iterator

from django.db.models import Exists, OuterRef

from core.consistency import register
from families.models import Family, FamilyUserObjectPermission
from families.permissions import CHANGE


def _named(references: list[str]) -> str:
    return ", ".join(references[:5]) + (" and more" if len(references) > 5 else "")


@register("families: every open family has a lead practitioner who can work on it")
def open_families_have_their_lead() -> Iterator[str]:
    open_families = Family.objects.filter(status=Family.Status.OPEN)
    leaderless = list(
        open_families.filter(lead_practitioner__isnull=True).values_list("reference", flat=True)[:6]
    )
    if leaderless:
        yield f"open families without a lead practitioner: {_named(leaderless)}"
    lead_may_change = FamilyUserObjectPermission.objects.filter(
        content_object=OuterRef("pk"),
        user=OuterRef("lead_practitioner"),
        permission__codename=CHANGE,
    )
    locked_out = list(
        open_families.filter(lead_practitioner__isnull=False)
        .exclude(Exists(lead_may_change))
        .values_list("reference", flat=True)[:6]
    )
    if locked_out:
        yield f"open families whose lead practitioner may not change them: {_named(locked_out)}"
