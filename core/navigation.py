"""The service navigation: each app registers its items here, from its AppConfig.ready().

core stands below every app, so it names none of them: an app says what it adds to the header, who
may see it and where it stands (`order`, left to right).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    label: Any
    url_name: str
    visible: Callable[[Any], bool]
    prefix: str | None = None
    order: int = 100


_ITEMS: list[NavItem] = []


def register(*items: NavItem) -> None:
    """Add `items` to the header; an item for a URL already there is not added twice."""
    for item in items:
        if all(existing.url_name != item.url_name for existing in _ITEMS):
            _ITEMS.append(item)
    _ITEMS.sort(key=lambda item: item.order)


def registered() -> list[NavItem]:
    return list(_ITEMS)


def nav_items(request: HttpRequest) -> list[dict[str, Any]]:
    user = request.user
    if not user.is_authenticated:
        return []
    items = []
    for item in _ITEMS:
        if not item.visible(user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        prefix = item.prefix or url
        items.append({"label": item.label, "url": url, "active": request.path.startswith(prefix)})
    return items
