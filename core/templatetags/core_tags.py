from decimal import Decimal
from typing import Any

from django import template
from django.http import QueryDict
from django.template.context import RequestContext
from django.utils.html import format_html
from django.utils.safestring import SafeString

from core.money import format_gbp
from core.submissions import FIELD_NAME as SUBMISSION_FIELD
from core.submissions import new_submission_token, read_submission_token

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


@register.simple_tag
def submission_token_field(form: Any = None) -> SafeString | str:
    """The hidden one-time submission token (core/submissions.py).

    A form re-displayed with its errors keeps the token it was posted with, so correcting and sending it
    again is still one submission. A form class can leave it out with `submission_token = False`.
    """
    if form is not None and getattr(form, "submission_token", True) is False:
        return ""
    token = None
    if form is not None and getattr(form, "is_bound", False) and hasattr(form.data, "get"):
        token = read_submission_token(form.data.get(SUBMISSION_FIELD))
    value = str(token) if token is not None else new_submission_token()
    return format_html('<input type="hidden" name="{}" value="{}">', SUBMISSION_FIELD, value)
