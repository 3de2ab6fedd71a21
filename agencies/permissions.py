"""Who may see what of a referral: the only place that decides it.

- Casework staff reach referrals through the family (`families.permissions.family_for`): whoever may see
  the family may see its referrals; whoever may change it may send them and record consent.
- A partner agency reaches one referral through its response. While the response is open, the agency's
  staff group holds `view_referralresponse` on it (a guardian group object permission, in the direct
  foreign-key table), granted by `referral_send` and removed in the same transaction as whatever ends
  it: the agency declines or completes, the referral closes, or the family withdraws consent.
- What an agency may read of the family is the categories the referral shares for which consent stands
  today (or a manager's safeguarding override). Agency staff never hold `families.view_family`.

Everything else is a 404, so an agency cannot learn that another agency's referral or a family exists.
"""

from typing import Any, TypeGuard

from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from agencies.models import Category, Consent, ReferralResponse, ReferralResponseGroupObjectPermission
from core.calendar import today
from core.history import save_with_actor
from partners.models import Agency
from staff.models import User

VIEW = "view_referralresponse"


def _view_permission() -> Permission:
    return Permission.objects.get(content_type__app_label="agencies", codename=VIEW)


def agency_staff_group(agency: Agency) -> Group:
    """The agency's staff group, made the first time the agency is referred to."""
    if agency.staff_group_id:
        return agency.staff_group  # type: ignore[return-value]
    group, _created = Group.objects.get_or_create(name=f"Staff of agency {agency.pk}")
    agency.staff_group = group
    # Through history like every other write: the agency's record shows when its group was made.
    save_with_actor(agency, actor=None, reason="Staff group created", update_fields=["staff_group"])
    return group


def grant_agency_access(responses: list[ReferralResponse]) -> None:
    """Give each response's agency view access to it (one bulk insert for a whole fan-out)."""
    if not responses:
        return
    perm = _view_permission()
    rows = [
        ReferralResponseGroupObjectPermission(
            permission=perm, group=agency_staff_group(response.agency), content_object=response
        )
        for response in responses
    ]
    ReferralResponseGroupObjectPermission.objects.bulk_create(rows, ignore_conflicts=True)


def revoke_agency_access(response: ReferralResponse) -> None:
    ReferralResponseGroupObjectPermission.objects.filter(content_object=response).delete()


def is_agency_worker(user: User | AnonymousUser) -> TypeGuard[User]:
    return bool(isinstance(user, User) and user.is_active and user.is_agency_worker and user.agency_id)


def worker_agency_id(user: User | AnonymousUser) -> int | None:
    """The agency an active agency worker works for; None for anyone else."""
    return user.agency_id if is_agency_worker(user) else None


def responses_open_to(user: User | AnonymousUser) -> QuerySet[ReferralResponse]:
    """The responses the user's agency currently holds view access to."""
    return responses_open_to_agency(worker_agency_id(user))


def responses_open_to_agency(agency_id: int | None) -> QuerySet[ReferralResponse]:
    """The responses the agency currently holds view access to (its staff in the portal, its API keys)."""
    if not agency_id:
        return ReferralResponse.objects.none()
    granted = ReferralResponseGroupObjectPermission.objects.filter(
        content_object=OuterRef("pk"),
        group__staffed_agency=OuterRef("agency_id"),
        permission__codename=VIEW,
    )
    return ReferralResponse.objects.filter(agency_id=agency_id).filter(Exists(granted))


def response_for(user: User, pk: int) -> ReferralResponse:
    return response_for_agency(worker_agency_id(user), pk)


def response_for_agency(agency_id: int | None, pk: int) -> ReferralResponse:
    try:
        return (
            responses_open_to_agency(agency_id)
            .select_related("referral__family", "referral__sent_by", "agency")
            .get(pk=pk)
        )
    except ReferralResponse.DoesNotExist:
        raise Http404("No referral found") from None


def shared_categories(response: ReferralResponse, *, consents: list[Consent] | None = None) -> list[str]:
    """The categories the referral shares with this agency that may be read today."""
    referral = response.referral
    if response.is_closed or not referral.is_open:
        return []
    if referral.override_by_id:
        return [c for c in Category.values if c in referral.shares]
    if consents is None:
        consents = list(
            Consent.objects.filter(
                family_id=referral.family_id, agency_id=response.agency_id, withdrawn_at__isnull=True
            )
        )
    day = today()
    allowed = {c.category for c in consents if c.agency_id == response.agency_id and c.is_valid(day)}
    return [c for c in Category.values if c in referral.shares and c in allowed]


def family_for_agency(user: User, reference: str) -> tuple[Any, list[ReferralResponse], list[str]]:
    """A family referred to the user's agency, its open responses and the categories readable; else 404."""
    responses = list(
        responses_open_to(user)
        .filter(referral__family__reference=reference, referral__status="open")
        .select_related("referral__family__team", "referral__family__lead_practitioner", "agency")
    )
    if not responses:
        raise Http404("No family found")
    family = responses[0].referral.family
    consents = list(
        # responses_open_to(user) holds only the user's agency's responses.
        Consent.objects.filter(family=family, agency_id=responses[0].agency_id, withdrawn_at__isnull=True)
    )
    categories: set[str] = set()
    for response in responses:
        categories |= set(shared_categories(response, consents=consents))
    return family, responses, [c for c in Category.values if c in categories]
