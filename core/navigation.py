"""The service navigation: each app registers its items here, from its AppConfig.ready().

core stands below every app, so it names none of them: an app says what it adds to the header, who
may see it and where it stands (`order`, left to right). An item is "where you are" on the paths it
claims (`prefix`, and `also` for pages other apps serve under it, such as a family's plan under
"Families"); when several claim a path, the longest claim wins, so one item is ever highlighted.
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
    also: tuple[str, ...] = ()


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
        claims = [p for p in (item.prefix or url, *item.also) if request.path.startswith(p)]
        items.append({"label": item.label, "url": url, "claim": max(map(len, claims), default=0)})
    best = max((i["claim"] for i in items), default=0)
    for i in items:
        i["active"] = best > 0 and i.pop("claim") == best
    return items
