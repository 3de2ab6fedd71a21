"""The family's pages speak each member's language (issue 11): English or Welsh, chosen per member.

A signed-in member's choice is on their `MemberAccess`; a visitor on the sign-in pages chooses in their
session. Only /my/ follows the choice: staff pages stay as they are.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from django.utils import translation

from family_portal.middleware import FAMILY_PREFIX
from family_portal.models import Language
from family_portal.visibility import open_access_for

SESSION_KEY = "family_language"


def language_for(request: HttpRequest) -> str | None:
    """The language this visitor chose for the family's pages, if any."""
    access = open_access_for(getattr(request, "user", None))
    if access is not None:
        return access.language
    chosen = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    return chosen if chosen in Language.values else None


class FamilyLanguageMiddleware:
    """After authentication: every /my/ page is in the member's (or visitor's) chosen language."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not request.path_info.startswith(FAMILY_PREFIX):
            return self.get_response(request)
        language = language_for(request)
        if language is None:
            return self.get_response(request)
        previous = translation.get_language()
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        try:
            response = self.get_response(request)
        finally:
            translation.activate(previous)
        response.headers["Content-Language"] = language
        return response
