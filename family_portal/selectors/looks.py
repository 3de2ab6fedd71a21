"""Who has looked at the family's record, from the read log: by organisation and category, with dates and
how many times, never the names of individual staff."""

import datetime
from dataclasses import dataclass

from django.db.models import Case, Count, F, IntegerField, Max, When
from django.utils.translation import gettext as _

from agencies.models import ReferralResponse
from families.models import RecordLook
from family_portal.visibility import MemberView
from staff.models import User


@dataclass
class LookGroup:
    organisation: str
    category: str
    last_at: datetime.datetime
    times: int


def _organisation(row: dict, view: MemberView, inbox_agencies: dict[int, str]) -> str:
    if row["family_user"] is not None:
        return _("You") if row["family_user"] == view.access.user_id else _("Your family")
    if row["user__agency__name"]:
        return row["user__agency__name"]
    if row["user__team__name"]:
        return _("%(team)s team (the council)") % {"team": row["user__team__name"]}
    if not row["no_user"]:
        return _("The council")
    response_agency = inbox_agencies.get(row["referral_response_id"] or 0)
    return response_agency or _("A partner agency")


def member_looks(view: MemberView) -> list[LookGroup]:
    """One row per (organisation, category), the latest look first (one grouped query, one for inboxes)."""
    rows = list(
        RecordLook.objects.filter(family=view.family)
        .annotate(
            family_user=Case(
                When(user__role=User.Role.FAMILY_MEMBER, then=F("user_id")),
                default=None,
                output_field=IntegerField(),
            ),
            no_user=Case(When(user__isnull=True, then=1), default=0, output_field=IntegerField()),
        )
        .values(
            "family_user",
            "user__agency__name",
            "user__team__name",
            "no_user",
            "referral_response_id",
            "category",
        )
        .annotate(last_at=Max("at"), times=Count("id"))
        .order_by()
    )
    response_ids = {r["referral_response_id"] for r in rows if r["referral_response_id"]}
    inbox_agencies = dict(
        ReferralResponse.objects.filter(pk__in=response_ids, referral__family=view.family).values_list(
            "pk", "agency__name"
        )
    )
    categories = dict(RecordLook.Category.choices)
    groups: dict[tuple[str, str], LookGroup] = {}
    for row in rows:
        organisation = _organisation(row, view, inbox_agencies)
        category = str(categories.get(row["category"], row["category"]))
        group = groups.get((organisation, category))
        if group is None:
            groups[(organisation, category)] = LookGroup(organisation, category, row["last_at"], row["times"])
        else:
            group.last_at = max(group.last_at, row["last_at"])
            group.times += row["times"]
    return sorted(groups.values(), key=lambda g: g.last_at, reverse=True)
