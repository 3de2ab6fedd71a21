"""Getting back in: forgotten passwords, unlocking an account, and the page that says why you were signed out.

The password reset is Django's own views with GOV.UK pages. It never signs the user in: after a new
password they sign in as usual, and a user with two-step verification is asked for their code then. The
reset and unlock pages answer the same whether or not an account exists.
"""

from typing import Any

from django import forms as django_forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import Form, GovukFormMixin
from staff import sessions, sign_in
from staff.models import User

FORM_PAGE = "core/form_page.html"
MESSAGE_PAGE = "staff/account_message.html"


class PasswordResetForm(GovukFormMixin, auth_forms.PasswordResetForm):
    pass


class SetPasswordForm(GovukFormMixin, auth_forms.SetPasswordForm):
    pass


class UnlockForm(Form):
    username = django_forms.CharField(
        label=gettext_lazy("Username"),
        max_length=150,
        error_messages={"required": gettext_lazy("Enter your username")},
    )


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = FORM_PAGE
    email_template_name = "staff/password_reset_email.txt"
    subject_template_name = "staff/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")
    extra_context = {
        "title": gettext_lazy("Reset your password"),
        "lead": gettext_lazy(
            "Enter the email address of your account. If it has one, we will email you a link to choose "
            "a new password."
        ),
        "submit_label": gettext_lazy("Send the link"),
        "back_url": reverse_lazy("login"),
    }


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = MESSAGE_PAGE
    extra_context = {
        "title": gettext_lazy("Check your email"),
        "body": gettext_lazy(
            "If there is an account with that address, we have sent it a link to choose a new password. "
            "The link works once, for a short time. If nothing arrives, ask your administrator."
        ),
    }


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "staff/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")
    # Never: a reset link must not stand in for the password step, let alone the second step.
    post_reset_login = False
    extra_context = {"title": gettext_lazy("Choose a new password"), "submit_label": gettext_lazy("Save")}

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        # A new password also ends a lockout, and every session signed in with the old one.
        sign_in.sign_in_failures_clear(user=form.user)
        sessions.user_sessions_end(user=form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = MESSAGE_PAGE
    extra_context = {
        "title": gettext_lazy("Your password has been changed"),
        "body": gettext_lazy("Sign in with your new password."),
        "link_url": reverse_lazy("login"),
        "link_label": gettext_lazy("Sign in"),
    }


def unlock_request(request: HttpRequest) -> HttpResponse:
    form = UnlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sign_in.unlock_email_send(request=request, username=form.cleaned_data["username"])
        return render(
            request,
            MESSAGE_PAGE,
            {
                "title": _("Check your email"),
                "body": _(
                    "If there is an account with that username, we have emailed a link that unlocks it "
                    "to the address we have for it. The link works for %(minutes)s minutes."
                )
                % {"minutes": settings.STAFF_UNLOCK_LINK_MAX_AGE_MINUTES},
            },
        )
    context = {
        "form": form,
        "title": _("Unlock your account"),
        "lead": _("Enter your username. We will email you a link that unlocks your account."),
        "submit_label": _("Email me a link"),
        "back_url": reverse("login"),
    }
    return render(request, FORM_PAGE, context)


def unlock_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """A GET only shows the button, so a mail scanner that follows links changes nothing."""
    user: User | None = sign_in.user_for_unlock_token(token)
    if user is None:
        return render(
            request,
            MESSAGE_PAGE,
            {
                "title": _("This link has expired"),
                "body": _("Links to unlock an account work for a short time. Ask for a new one."),
                "link_url": reverse("unlock"),
                "link_label": _("Get a new link"),
            },
            status=404,
        )
    if request.method == "POST":
        sign_in.sign_in_failures_clear(user=user)
        messages.success(request, _("Your account is unlocked. Sign in with your password."))
        return redirect("login")
    return render(
        request,
        FORM_PAGE,
        {
            "form": Form(),
            "title": _("Unlock your account"),
            "lead": _("This clears the failed attempts to sign in as %(username)s.")
            % {"username": user.get_username()},
            "submit_label": _("Unlock my account"),
        },
    )


SIGNED_OUT_REASONS = {
    sessions.IDLE: gettext_lazy(
        "You were signed out because you did nothing for %(minutes)s minutes. This keeps families' "
        "records safe on a computer left unattended."
    ),
    sessions.ABSOLUTE: gettext_lazy(
        "You were signed out because you had been signed in for %(hours)s hours, the length of a working "
        "day. Sign in again to carry on."
    ),
}


def signed_out(request: HttpRequest) -> HttpResponse:
    reason = SIGNED_OUT_REASONS.get(request.GET.get("reason", ""))
    body = (
        reason
        % {"minutes": settings.SESSION_IDLE_TIMEOUT_MINUTES, "hours": settings.SESSION_ABSOLUTE_TIMEOUT_HOURS}
        if reason
        else _("You have been signed out.")
    )
    context = {
        "title": _("You have been signed out"),
        "body": body,
        "extra": _("Anything you had not saved has not been kept."),
        "link_url": reverse("login"),
        "link_label": _("Sign in"),
    }
    return render(request, MESSAGE_PAGE, context)
