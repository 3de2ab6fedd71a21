import datetime
from typing import Any

from django import template

from family_portal.navigation import family_nav as _family_nav

register = template.Library()


@register.simple_tag(takes_context=True)
def family_nav(context: dict[str, Any]) -> list[dict[str, Any]]:
    return _family_nav(context["request"])


@register.filter
def iso_date(value: str | None) -> datetime.date | None:
    """A date kept as ISO text (a plan snapshot's) as a date, for the `date` filter."""
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None
