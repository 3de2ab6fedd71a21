"""Responses that carry casework or personal data are never stored by a browser or a shared cache.

One rule, in one place: every response Django answers says `Cache-Control: no-store, private`, except the
few views named below whose content is public and the same for everyone (the Open Referral UK directory
API, whose own middleware, directory/api_middleware.py, gives them ETags and `Cache-Control: public`). Static files never reach this middleware: WhiteNoise, above it in
MIDDLEWARE, answers them with its own long-lived caching.

Saying no-store everywhere rather than only on "casework" views is deliberate: a new page, a PDF, a CSV
export, a receipt download or an email-link page is covered the day it is written, with no list to keep.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render

from core.exceptions import PdfTooSlow

NO_STORE = "no-store, private"

# Public, anonymous, identical for everyone: shared caches may keep them (every view named "api_..." of
# the directory, directory/urls.py).
PUBLIC_CACHEABLE_VIEW_PREFIX = "directory:api_"


def may_be_cached(request: HttpRequest) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and match.view_name.startswith(PUBLIC_CACHEABLE_VIEW_PREFIX)


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if not may_be_cached(request):
            # Replaces never_cache's longer value too: one header, the same everywhere.
            response["Cache-Control"] = NO_STORE
            if "Expires" in response:
                del response["Expires"]
        return response


class PdfTooSlowMiddleware:
    """A PDF that took too long (core/pdf.py stopped it) is a "try again" page with 503, not a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, PdfTooSlow):
            return render(request, "core/pdf_too_slow.html", status=503)
        return None
