"""Requiring two-step verification (settings.STAFF_REQUIRE_TWO_FACTOR).

With the setting on, a signed-in user whose session has not been verified with a second factor is sent
to enter a code (if they have an authenticator app) or to set one up, before any other page. Signing in
and out, the set-up pages, the accessibility statement, the public service directory and its API, and the
agencies' email-link answer pages (people with no account) stay reachable. Static files never reach
Django's views (WhiteNoise answers them first).
"""

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

EXEMPT_VIEW_NAMES = frozenset(
    {
        "login",
        "login_code",
        "logout",
        "signed_out",
        "unlock",
        "unlock_confirm",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
        "accessibility",
        "directory:search",
        "directory:service",
        "directory:api_root",
        "directory:api_services",
        "directory:api_service",
        "agencies:answer",
        "agencies:answer_code",
        "agencies:answer_shared",
    }
)
EXEMPT_NAMESPACES = frozenset({"two_factor"})


def needs_verifying(user: Any) -> bool:
    """A signed-in user whose session has no verified second factor (OTPMiddleware sets is_verified).

    Family members are never asked: the one-time code sent to their own email or phone is how they sign
    in (issue 11), and they have no staff pages to reach."""
    if getattr(user, "is_family_member", False):
        return False
    return bool(user.is_authenticated and not user.is_verified())


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        if not settings.STAFF_REQUIRE_TWO_FACTOR or not needs_verifying(request.user):
            return None
        match = request.resolver_match
        if match is None or match.view_name in EXEMPT_VIEW_NAMES or set(match.namespaces) & EXEMPT_NAMESPACES:
            return None
        from staff.two_factor_services import has_two_factor

        target = "login_code" if has_two_factor(request.user) else "two_factor:setup"  # type: ignore[arg-type]
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
