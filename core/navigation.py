"""The service navigation: each app adds its items here, with who may see them."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: Any
    url_name: str
    visible: Callable[[Any], bool]
    prefix: str | None = None


def _is_staff_worker(user: Any) -> bool:
    return user.is_casework_staff


def _is_manager(user: Any) -> bool:
    return user.is_team_manager


def _can_manage_directory(user: Any) -> bool:
    from directory.permissions import can_manage_directory

    return can_manage_directory(user)


NAV_ITEMS: list[NavItem] = [
    NavItem(_("Families"), "families:caseload", _is_staff_worker, prefix="/families/"),
    NavItem(
        _("Referrals"), "agencies:portal_inbox", lambda u: u.is_agency_worker, prefix="/agencies/portal/"
    ),
    NavItem(
        _("Practical help"), "pots:list", lambda u: u.is_casework_staff or u.is_agency_worker, prefix="/pots/"
    ),
    NavItem(_("Approvals"), "pots:approvals", _is_manager, prefix="/pots/approvals/"),
    NavItem(_("My week"), "time:week", _is_staff_worker, prefix="/time/"),
    NavItem(_("Dashboard"), "reports:dashboard", _is_manager, prefix="/reports/"),
    NavItem(_("Services"), "directory:manage", _can_manage_directory, prefix="/directory/"),
]


def nav_items(request: HttpRequest) -> list[dict[str, Any]]:
    user = request.user
    if not user.is_authenticated:
        return []
    items = []
    for item in NAV_ITEMS:
        if not item.visible(user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        prefix = item.prefix or url
        items.append({"label": item.label, "url": url, "active": request.path.startswith(prefix)})
    return items
