from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from core.navigation import nav_items


def service(request: HttpRequest) -> dict[str, Any]:
    return {"service_name": _("Power of One"), "nav_items": nav_items(request)}
