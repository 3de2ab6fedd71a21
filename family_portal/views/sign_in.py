"""Signing in to the family's own pages with a one-time code, and signing out.

The first page takes an email address or a mobile number and always answers the same way, so a stranger
cannot learn whether an address is registered. The second takes the 6-digit code.
"""

import time
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from core.submissions import once_per_submission
from family_portal.language import SESSION_KEY as LANGUAGE_KEY
from family_portal.member_forms import CodeForm, SignInForm
from family_portal.middleware import FAMILY_PREFIX
from family_portal.services.language import member_language_set
from family_portal.services.sign_in import Outcome, sign_in_code_check, sign_in_code_send
from staff.sign_in import client_ip

PENDING = "family_sign_in"  # the address a code was asked for, in this browser's session
PENDING_SECONDS = 60 * 60
BACKEND = "django.contrib.auth.backends.ModelBackend"


def _pending(request: HttpRequest) -> dict[str, Any] | None:
    pending = request.session.get(PENDING)
    if not isinstance(pending, dict) or time.time() - float(pending.get("at", 0)) > PENDING_SECONDS:
        return None
    return pending


def _safe_next(value: Any) -> str:
    if (
        isinstance(value, str)
        and value.startswith(FAMILY_PREFIX)
        and url_has_allowed_host_and_scheme(value, allowed_hosts=None)
    ):
        return value
    return ""


def _signed_in_home() -> str:
    return reverse("family_portal:home")


@require_http_methods(["GET", "POST"])
@once_per_submission(message=gettext_lazy("You asked for a code at %(time)s. Check your email or phone."))
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(_signed_in_home())
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        kind, address = form.cleaned_data["address"]
        sign_in_code_send(kind=kind, address=address, ip_address=client_ip(request))
        request.session[PENDING] = {
            "kind": kind,
            "address": address,
            "next": _safe_next(request.POST.get("next") or request.GET.get("next")),
            "tries": 0,
            "at": time.time(),
        }
        return redirect("family_portal:sign_in_code")
    return render(
        request,
        "family_portal/sign_in.html",
        {"form": form, "next": _safe_next(request.GET.get("next"))},
    )


@require_http_methods(["GET", "POST"])
def sign_in_code(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(_signed_in_home())
    pending = _pending(request)
    if pending is None:
        return redirect("family_portal:sign_in")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome, access = Outcome.LOCKED, None
        if int(pending.get("tries", 0)) < settings.FAMILY_CODE_MAX_ATTEMPTS:  # this browser, any address
            outcome, access = sign_in_code_check(
                kind=pending["kind"],
                address=pending["address"],
                code=form.cleaned_data["code"],
                ip_address=client_ip(request),
            )
        if outcome == Outcome.SIGNED_IN and access is not None:
            destination = pending.get("next") or _signed_in_home()
            chosen = request.session.get(LANGUAGE_KEY)
            login(request, access.user, backend=BACKEND)
            request.session.pop(PENDING, None)
            if chosen:  # the language chosen on the sign-in pages becomes the member's own
                member_language_set(actor=access.user, access=access, language=chosen)
            return redirect(destination)
        pending["tries"] = int(pending.get("tries", 0)) + 1
        request.session[PENDING] = pending
        form.add_error("code", _message(outcome))
    return render(
        request,
        "family_portal/sign_in_code.html",
        {"form": form, "pending": pending, "code_minutes": settings.FAMILY_CODE_LIFETIME_MINUTES},
    )


def _message(outcome: Outcome) -> str:
    if outcome == Outcome.LOCKED:
        return _("Too many wrong codes. Wait an hour, then ask for a new code.")
    if outcome == Outcome.STALE:
        return _("This code has expired or has already been used. Send yourself a new code.")
    return _("The code is not right. Check it and try again, or send yourself a new code.")


@require_POST
def sign_in_resend(request: HttpRequest) -> HttpResponse:
    """Not received? Send a new code to the address asked for (it ends the older one)."""
    pending = _pending(request)
    if request.user.is_authenticated or pending is None:
        return redirect("family_portal:sign_in")
    sign_in_code_send(kind=pending["kind"], address=pending["address"], ip_address=client_ip(request))
    messages.success(request, _("If this address is registered, we have sent a new code."))
    return redirect("family_portal:sign_in_code")


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect("family_portal:sign_in")
    logout(request)
    return redirect("family_portal:signed_out")


def signed_out(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(_signed_in_home())
    reason = request.GET.get("reason")
    context = {
        "reason": reason if reason in ("idle", "absolute") else "",
        "idle_minutes": settings.FAMILY_SESSION_IDLE_MINUTES,
        "absolute_minutes": settings.FAMILY_SESSION_ABSOLUTE_MINUTES,
    }
    return render(request, "family_portal/signed_out.html", context)


urls: list[URLPattern] = [
    path("sign-in/", sign_in, name="sign_in"),
    path("sign-in/code/", sign_in_code, name="sign_in_code"),
    path("sign-in/new-code/", sign_in_resend, name="sign_in_resend"),
    path("sign-out/", sign_out, name="sign_out"),
    path("signed-out/", signed_out, name="signed_out"),
]
