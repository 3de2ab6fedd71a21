from typing import Any

from django import template

from families.registry import family_tab_links

register = template.Library()


@register.inclusion_tag("families/includes/tabs.html")
def family_record_tabs(family: Any, current: str) -> dict[str, Any]:
    return {"tabs": family_tab_links(family.reference, current)}
