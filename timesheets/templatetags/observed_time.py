from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from timesheets.observed_time import FIELD_NAME, form_opened_token, read_form_opened_token

register = template.Library()


@register.simple_tag
def form_opened_field(form: Any = None) -> SafeString | str:
    """The hidden "form opened at" token (see staff/observed_time.py).

    A form re-displayed with errors keeps the token it was first opened with. A form class can opt out
    with `observe_time = False` (search and filter forms sent by GET).
    """
    if form is not None and getattr(form, "observe_time", True) is False:
        return ""
    token = None
    if form is not None and getattr(form, "is_bound", False):
        posted = form.data.get(FIELD_NAME) if hasattr(form.data, "get") else None
        if posted and read_form_opened_token(posted):
            token = posted
    if token is None:
        token = form_opened_token(type(form).__name__ if form is not None else "")
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD_NAME, token)
