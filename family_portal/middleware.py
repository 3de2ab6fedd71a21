"""The fence between the family's pages and the staff's (issue 11).

A signed-in family member reaches only /my/ (and the pages every visitor may see: static files, the
accessibility statement); every other URL answers 404, as a page they may not see always does. Staff
never use /my/: there they get 404 too, so nobody acts "as the family" from a staff account.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponseBase
from django.views.defaults import page_not_found

FAMILY_PREFIX = "/my/"
# Pages any visitor may see, whoever they are signed in as: the accessibility statement, static files,
# the public service directory (its search, its services and its API; not its management pages), and
# "Have your say" (complaints, suggestions, surveys and "you said, we did": voice/public_urls.py),
# and the health probes (core/health.py).
OPEN_TO_ALL = (
    "/accessibility/",
    "/static/",
    "/favicon.ico",
    "/directory/services/",
    "/api/directory/",
    "/have-your-say/",
)
OPEN_PATHS = {"/directory/", "/healthz", "/readyz"}


class FamilyFenceMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        path = request.path_info
        user = getattr(request, "user", None)
        open_to_all = path in OPEN_PATHS or path.startswith((*OPEN_TO_ALL, settings.STATIC_URL))
        if user is not None and user.is_authenticated and not open_to_all:
            on_family_side = path.startswith(FAMILY_PREFIX)
            if on_family_side != bool(user.is_family_member):
                return page_not_found(request, Http404("Not on this side of the service"))
        return self.get_response(request)
