"""The family's own navigation: every page a signed-in member can open from the menu, in order."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

ITEMS: list[tuple[Any, str]] = [
    (_("Our plan"), "family_portal:home"),
    (_("Our scores"), "family_portal:scores"),
    (_("What has happened"), "family_portal:timeline"),
    (_("Who we share with"), "family_portal:sharing"),
    (_("Who has looked"), "family_portal:looks"),
    (_("Our worker"), "family_portal:worker"),
    (_("Have your say"), "my_voice:index"),
]


def family_nav(request: HttpRequest) -> list[dict[str, Any]]:
    current = request.resolver_match.view_name if request.resolver_match else ""
    return [{"label": label, "url": reverse(name), "active": name == current} for label, name in ITEMS]
