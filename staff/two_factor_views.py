"""Signing in with two-step verification, and the pages where a user sets it up, changes or turns it off.

Signing in is two steps for a user with an authenticator app: the password step only remembers, for a
few minutes, who passed it; the user is signed in (django.contrib.auth.login, then django_otp.login)
only after a correct code. Wrong codes count towards the same django-axes lockout as wrong passwords.
"""

import base64
import time
from io import BytesIO
from typing import Any

import qrcode
import qrcode.image.svg
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import user_login_failed
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from staff import two_factor_services as services
from staff.http import AuthedRequest
from staff.models import User
from staff.two_factor_forms import AppCodeForm, CodeForm, SignInCodeForm

PENDING_SESSION_KEY = "two_factor_pending"  # who passed the password step, when, and where they were going
SETUP_SESSION_KEY = "two_factor_setup_key"  # the secret being set up, until a code confirms it
CODES_SESSION_KEY = "two_factor_backup_codes"  # new backup codes, until they have been shown once
PENDING_MAX_AGE_SECONDS = 5 * 60


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


class SignInView(LoginView):
    """The password step. A user with an authenticator app goes on to the code step, not signed in yet."""

    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if not services.has_two_factor(user):
            return super().form_valid(form)
        self.request.session[PENDING_SESSION_KEY] = {
            "user": user.pk,
            "backend": user.backend,
            "at": time.time(),
            "next": self.get_redirect_url(),
        }
        return redirect("login_code")


def _pending_user(request: HttpRequest) -> tuple[User | None, dict[str, Any] | None]:
    pending = request.session.get(PENDING_SESSION_KEY)
    if not isinstance(pending, dict) or time.time() - float(pending.get("at", 0)) > PENDING_MAX_AGE_SECONDS:
        request.session.pop(PENDING_SESSION_KEY, None)
        return None, None
    user = User.objects.filter(pk=int(pending.get("user") or 0), is_active=True).first()
    return user, pending


def _tell_backup_codes_left(request: HttpRequest, user: Any, device: Any) -> None:
    if isinstance(device, StaticDevice):
        left = services.backup_codes_left(user)
        messages.info(request, _("You used a backup code. You have %(count)s left.") % {"count": left})


@never_cache
def sign_in_code(request: HttpRequest) -> HttpResponse:
    """The code step: after the password, or for a signed-in session that has not been verified yet."""
    signed_in: Any = request.user
    if signed_in.is_authenticated:
        user, pending = signed_in, None
        next_url = request.POST.get("next") or request.GET.get("next")
        if signed_in.is_verified():
            return redirect(_safe_next(request, next_url))
        if not services.has_two_factor(user):
            return redirect("two_factor:setup")
    else:
        started = PENDING_SESSION_KEY in request.session
        user, pending = _pending_user(request)
        if user is None or pending is None:
            if started:
                messages.info(request, _("Sign in again: the time to enter your security code ran out."))
            return redirect("login")
        next_url = pending.get("next")

    credentials = {"username": user.get_username()}
    form = SignInCodeForm(request.POST or None, initial={"next": next_url or ""})
    if request.method == "POST" and form.is_valid():
        if settings.AXES_ENABLED and not AxesProxyHandler.is_allowed(request, credentials):
            return get_lockout_response(request, None, credentials)
        device = services.verify_code(user=user, code=form.cleaned_data["code"])
        if device is None:
            # Counts towards the django-axes lockout (AxesMiddleware answers with the lockout page).
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            form.reject(
                _(
                    "The code is not right. Enter the code your authenticator app shows now "
                    "(it changes every 30 seconds), or a backup code you have not used"
                ),
            )
        else:
            if pending is not None:
                request.session.pop(PENDING_SESSION_KEY, None)
                auth_login(request, user, backend=pending["backend"])
            else:
                request.session.cycle_key()
            otp_login(request, device)
            _tell_backup_codes_left(request, user, device)
            return redirect(_safe_next(request, next_url))
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("Enter your security code"),
            "lead": _(
                "Open the authenticator app on your phone and enter the code it shows for Power of One."
            ),
            "submit_label": _("Continue"),
            "back_url": None if signed_in.is_authenticated else reverse("login"),
        },
    )


def _qr_data_uri(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=8, border=4)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@never_cache
@login_required
def overview(request: AuthedRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "staff/two_factor.html",
        {
            "device": services.app_device(user),
            "backup_codes_left": services.backup_codes_left(user),
            "required": settings.STAFF_REQUIRE_TWO_FACTOR,
        },
    )


@never_cache
@login_required
def setup(request: AuthedRequest) -> HttpResponse:
    user: Any = request.user  # OTPMiddleware adds is_verified(), which the User class does not declare
    replacing = services.has_two_factor(user)
    if replacing and not user.is_verified():
        # Replacing the app takes a session that has already shown a code.
        return redirect(f"{reverse('login_code')}?next={request.path}")
    key = request.session.get(SETUP_SESSION_KEY)
    if not isinstance(key, str):
        key = services.new_key()
        request.session[SETUP_SESSION_KEY] = key
    form = AppCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = services.two_factor_enable(actor=user, user=user, key=key, code=form.cleaned_data["code"])
        if result is None:
            form.reject(
                _(
                    "The code is not right. Check the key in your app and enter the code it shows now "
                    "(it changes every 30 seconds)"
                ),
            )
        else:
            device, codes = result
            request.session.pop(SETUP_SESSION_KEY, None)
            otp_login(request, device)
            request.session[CODES_SESSION_KEY] = codes
            return redirect("two_factor:backup_codes")
    uri = services.setup_uri(user=user, key=key)
    return render(
        request,
        "staff/two_factor_setup.html",
        {
            "form": form,
            "title": _("Set up two-step verification"),
            "submit_label": _("Turn on two-step verification"),
            "back_url": reverse("two_factor:overview"),
            "key": services.key_for_people(key),
            "uri": uri,
            "qr": _qr_data_uri(uri),
            "replacing": replacing,
            "required": settings.STAFF_REQUIRE_TWO_FACTOR and not user.is_verified(),
        },
    )


@never_cache
@login_required
def backup_codes(request: AuthedRequest) -> HttpResponse:
    """New backup codes, shown once: they are only in the session until this page has shown them."""
    codes = request.session.pop(CODES_SESSION_KEY, None)
    if not codes:
        return redirect("two_factor:overview")
    return render(request, "staff/two_factor_backup_codes.html", {"codes": codes})


def _with_code(
    request: HttpRequest, *, title: str, lead: str, submit_label: str, warning: bool = False
) -> tuple[bool, HttpResponse | None]:
    """The shared "enter a current code to confirm" step: (confirmed, page to show if not)."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.verify_code(user=request.user, code=form.cleaned_data["code"]) is not None:  # type: ignore[arg-type]
            return True, None
        form.reject(
            _("The code is not right. Enter the code your authenticator app shows now, or a backup code"),
        )
    context = {
        "form": form,
        "title": title,
        "lead": lead,
        "submit_label": submit_label,
        "warning": warning,
        "back_url": reverse("two_factor:overview"),
    }
    return False, render(request, "core/form_page.html", context)


@never_cache
@login_required
def backup_codes_new(request: AuthedRequest) -> HttpResponse:
    user = request.user
    if not services.has_two_factor(user):
        return redirect("two_factor:overview")
    confirmed, page = _with_code(
        request,
        title=_("Get new backup codes"),
        lead=_(
            "Your old backup codes will stop working. Enter a current security code to confirm it is you."
        ),
        submit_label=_("Get new backup codes"),
    )
    if not confirmed:
        return page  # type: ignore[return-value]
    request.session[CODES_SESSION_KEY] = services.backup_codes_regenerate(actor=user, user=user)
    return redirect("two_factor:backup_codes")


@never_cache
@login_required
def turn_off(request: AuthedRequest) -> HttpResponse:
    user = request.user
    if not services.has_two_factor(user) or settings.STAFF_REQUIRE_TWO_FACTOR:
        return redirect("two_factor:overview")
    confirmed, page = _with_code(
        request,
        title=_("Turn off two-step verification"),
        lead=_(
            "You will sign in with your password only, and your backup codes will stop working. "
            "Enter a current security code to confirm it is you."
        ),
        submit_label=_("Turn off two-step verification"),
        warning=True,
    )
    if not confirmed:
        return page  # type: ignore[return-value]
    services.two_factor_disable(actor=user, user=user)
    messages.success(request, _("Two-step verification is off."))
    return HttpResponseRedirect(reverse("two_factor:overview"))
