from typing import Any

from django import template
from django.template.context import Context
from django.utils.translation import gettext as _

from pots import permissions

register = template.Library()


@register.inclusion_tag("pots/includes/family_page_link.html", takes_context=True)
def practical_help_link(context: Context, family: Any) -> dict[str, Any]:
    """ "Ask for practical help" on the family page, for a worker in the family's team who may change it:
    one click to the request form (no query: the form says so if the team has no pot today)."""
    request = context.get("request")
    show = bool(
        request is not None
        and family.is_open
        and "change_family" in (context.get("perms") or ())
        and permissions.is_team_worker(request.user, family.team_id)
    )
    return {"show": show, "family": family}


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
