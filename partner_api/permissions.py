"""Who may manage an agency's API keys, and what a key may reach: the only place that decides it.

- An agency's keys are managed by its manager: an active partner-agency worker of the agency whose email is
  the manager's email on the agency's record (set in the admin). Other staff of the agency, and everyone
  else, get 404 on the keys pages.
- A key acts as its agency: it reaches exactly what the agency's staff reach in the portal
  (agencies.permissions, consent checked at every request), and nothing once it is revoked.
"""

from django.db.models import QuerySet
from django.http import Http404

from agencies import permissions as agency_permissions
from partner_api.models import ApiKey
from staff.models import User


def is_agency_manager(user: object) -> bool:
    if not isinstance(user, User) or not agency_permissions.is_agency_worker(user):
        return False
    manager_email = (user.agency.manager_email or "").strip().casefold()  # type: ignore[union-attr]
    return bool(manager_email) and (user.email or "").strip().casefold() == manager_email


def keys_managed_by(user: User) -> QuerySet[ApiKey]:
    if not is_agency_manager(user) or user.agency_id is None:
        return ApiKey.objects.none()
    return ApiKey.objects.filter(agency_id=user.agency_id).select_related("created_by")


def key_for_manager(user: User, pk: int) -> ApiKey:
    try:
        return keys_managed_by(user).get(pk=pk)
    except ApiKey.DoesNotExist:
        raise Http404("No API key found") from None
