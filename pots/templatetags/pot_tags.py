from typing import Any

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def wait(seconds: float | None) -> str:
    """A waiting time in the unit people think in: at once, minutes, hours or days."""
    if seconds is None:
        return ""
    if seconds < 60:
        return _("at once")
    if seconds < 3600:
        return _("%(n)d min") % {"n": round(seconds / 60)}
    if seconds < 2 * 86400:
        return _("%(n).1f hours") % {"n": seconds / 3600}
    return _("%(n).1f days") % {"n": seconds / 86400}


@register.filter
def get_count(counts: dict[str, int], key: str) -> Any:
    return counts.get(key, 0)
