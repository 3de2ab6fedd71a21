from typing import Any

from django import template

from plans import selectors

register = template.Library()


@register.inclusion_tag("plans/includes/plan_summary.html")
def plan_summary(family: Any) -> dict[str, Any]:
    """The plan's next review and overdue actions, for the family overview (three small queries)."""
    return {"family": family, **selectors.plan_summary(family=family)}
