"""Who may do what in the service directory.

The public pages and the API are open to everyone (no sign-in): the directory describes services, never
families. Maintaining entries is for casework staff (lead practitioners and managers) and administrators;
anyone else gets a 404 for the staff pages, as everywhere on the site.
"""

from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404

from directory.models import Contact, Schedule, Service
from staff.models import User


def can_manage_directory(user: User) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_casework_staff or user.role == user.Role.ADMINISTRATOR or user.is_superuser)


def directory_manager(user: User) -> Any:
    """The signed-in user if they may maintain the directory, else 404."""
    if not can_manage_directory(user):
        raise Http404
    return user


def service_for_staff(user: User, service_id: Any) -> Service:
    directory_manager(user)
    return get_object_or_404(Service.objects.select_related("organization", "owner", "agency"), pk=service_id)


def public_service(service_id: Any) -> Service:
    """A service the public may see: withdrawn services are 404 on the public pages."""
    return get_object_or_404(Service.objects.filter(status__in=Service.PUBLIC_STATUSES), pk=service_id)


def contact_for_staff(user: User, service_id: Any, contact_id: Any) -> Contact:
    directory_manager(user)
    return get_object_or_404(Contact.objects.select_related("service"), pk=contact_id, service_id=service_id)


def schedule_for_staff(user: User, service_id: Any, schedule_id: Any) -> Schedule:
    directory_manager(user)
    return get_object_or_404(
        Schedule.objects.select_related("service"), pk=schedule_id, service_id=service_id
    )
