"""The public "Have your say" pages speak the visitor's language, English or Welsh (issue 12).

The choice is the family's pages' own (family_portal/language.py): kept in the same session key, so a
visitor who chose Cymraeg on the family's sign-in page finds the public pages in Welsh too, and a signed-in
member's pages follow their choice. A `?lang=cy` or `?lang=en` link (the GOV.UK language select, and the
links in emails and PDFs) sets it: a link, so it works without JavaScript and can be shared.
"""

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import translation

from family_portal.language import SESSION_KEY, language_for
from family_portal.models import Language

# What a `?lang=` link may say, and the language it means.
LINK_CODES = {"cy": Language.WELSH.value, "en": Language.ENGLISH.value, "en-gb": Language.ENGLISH.value}


def visitor_language(request: HttpRequest) -> str | None:
    """The visitor's choice: a `?lang=` link (remembered in the session), else what they chose before on
    these or the family's pages; None when they have not chosen (the site's default then)."""
    linked = LINK_CODES.get(request.GET.get("lang", "").lower())
    if linked and hasattr(request, "session"):
        request.session[SESSION_KEY] = linked
    chosen = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if chosen in Language.values:
        return str(chosen)
    return language_for(request)


def in_visitors_language(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Render a public page, and everything it sends, in the visitor's language."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        language = visitor_language(request)
        if language is None:
            return view(request, *args, **kwargs)
        with translation.override(language):
            request.LANGUAGE_CODE = translation.get_language()
            response = view(request, *args, **kwargs)
        response.headers["Content-Language"] = language
        return response

    return wrapped
