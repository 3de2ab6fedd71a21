"""The agency manager's pages for the agency's API keys. Access goes through partner_api.permissions
(404, never 403)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.forms import add_service_errors
from partner_api import forms, permissions, services
from staff.http import AuthedRequest
from staff.models import User

NEW_KEY = "partner_api_new_key"


def _manager(request: AuthedRequest) -> User:
    if not permissions.is_agency_manager(request.user):
        raise Http404
    return request.user


@login_required
def key_list(request: AuthedRequest) -> HttpResponse:
    user = _manager(request)
    return render(
        request,
        "partner_api/key_list.html",
        {"keys": permissions.keys_managed_by(user), "agency": user.agency},
    )


@login_required
def key_new(request: AuthedRequest) -> HttpResponse:
    user = _manager(request)
    form = forms.ApiKeyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            row, key = services.apikey_create(actor=user, agency=user.agency, name=form.cleaned_data["name"])  # type: ignore[arg-type]
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            # Held in the session only until the next page shows it, once; the database keeps its hash.
            request.session[NEW_KEY] = {"pk": row.pk, "key": key}
            return redirect("partner_api_keys:made", row.pk)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("Make an API key"),
            "caption": str(user.agency),
            "lead": _("Your agency's own systems use the key to read and answer your referrals."),
            "submit_label": _("Make the key"),
            "back_url": reverse("partner_api_keys:list"),
        },
    )


@login_required
def key_made(request: AuthedRequest, pk: int) -> HttpResponse:
    """The new key, shown once: a second look finds it gone from the session and goes to the list."""
    user = _manager(request)
    row = permissions.key_for_manager(user, pk)
    held = request.session.get(NEW_KEY) or {}
    if held.get("pk") != row.pk:
        return redirect("partner_api_keys:list")
    del request.session[NEW_KEY]
    return render(
        request, "partner_api/key_made.html", {"row": row, "key": held["key"], "agency": user.agency}
    )


@login_required
def key_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    user = _manager(request)
    key = permissions.key_for_manager(user, pk)
    if key.is_revoked:
        raise Http404
    form = forms.RevokeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.apikey_revoke(actor=user, key=key)
        messages.success(request, _("The key %(name)s is revoked: it no longer works.") % {"name": key.name})
        return redirect("partner_api_keys:list")
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("Revoke the key %(name)s?") % {"name": key.name},
            "caption": str(user.agency),
            "lead": _(
                "Any system using this key will be refused from its next request. This cannot be undone."
            ),
            "submit_label": _("Revoke the key"),
            "warning": True,
            "back_url": reverse("partner_api_keys:list"),
        },
    )
