from decimal import Decimal
from typing import Any

from django import template
from django.http import QueryDict
from django.template.context import RequestContext

from core.money import format_gbp

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context: RequestContext, **changes: Any) -> str:
    """The current query string with some parameters replaced (for pagination and sorting links)."""
    query: QueryDict = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()


@register.filter
def gbp(value: Decimal | int | str | None) -> str:
    """Money as people in the UK write it: £1,234.50."""
    return format_gbp(value)
