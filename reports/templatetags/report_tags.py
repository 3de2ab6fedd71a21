from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def share(value: float | None) -> SafeString:
    """A share as "37.5%"; a dash (read out as "no time recorded") where there is nothing to divide."""
    if value is None:
        return format_html(
            '<span aria-hidden="true">–</span><span class="govuk-visually-hidden">{}</span>',
            _("no time recorded"),
        )
    return format_html("{}%", value)
