from typing import Any

from django import template

from family_portal.navigation import family_nav as _family_nav

register = template.Library()


@register.simple_tag(takes_context=True)
def family_nav(context: dict[str, Any]) -> list[dict[str, Any]]:
    return _family_nav(context["request"])
