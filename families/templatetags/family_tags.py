from typing import Any

from django import template

from families.tabs import family_tabs

register = template.Library()


@register.inclusion_tag("families/includes/tabs.html")
def family_record_tabs(family: Any, current: str) -> dict[str, Any]:
    return {"tabs": family_tabs(family.reference, current)}
