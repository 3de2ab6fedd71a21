"""The partner-agency portal, for agency staff with accounts. Access goes through
agencies.permissions (404, never 403)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from agencies import forms, permissions, selectors
from agencies.models import Category, ResponseEvent
from agencies.views.answer import answer_form, answer_post, shared_context
from core.forms import add_service_errors
from families.access_log import record_look
from plans import services as plan_services
from staff.http import AuthedRequest
from staff.models import User


def _agency_worker(request: AuthedRequest) -> User:
    if not permissions.is_agency_worker(request.user):
        raise Http404
    return request.user


@login_required
def portal_inbox(request: AuthedRequest) -> HttpResponse:
    user = _agency_worker(request)
    box = request.GET.get("box") or "new"
    if box not in selectors.PORTAL_BOXES:
        box = "new"
    page = Paginator(selectors.portal_inbox(user=user, box=box), 25).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    named = selectors.contact_consented(user=user, family_ids=[r.referral.family_id for r in rows])
    for row in rows:
        row.show_family_name = row.referral.family_id in named and not row.is_closed
        row.wait = selectors.waited(row)
    return render(
        request,
        "agencies/portal_inbox.html",
        {
            "box": box,
            "rows": rows,
            "page_obj": page,
            "counts": selectors.portal_counts(user=user),
            "agency": user.agency,
        },
    )


@login_required
def portal_response(request: AuthedRequest, pk: int) -> HttpResponse:
    _agency_worker(request)
    response = permissions.response_for(request.user, pk)
    bound = None
    if request.method == "POST":
        bound, done = answer_post(request, response, via=ResponseEvent.Via.APP)
        if done:
            return (
                redirect("agencies:portal_response", pk)
                if permissions.responses_open_to(request.user).filter(pk=pk).exists()
                else redirect("agencies:portal_inbox")
            )
        response.refresh_from_db()
    record_look(request=request, family=response.referral.family_id, referral_response_id=response.pk)
    return render(
        request,
        "agencies/portal_response.html",
        {
            **shared_context(response, user=request.user),
            "answer_form": answer_form(response, bound),
            "events": selectors.response_events(response=response),
            "wait": selectors.waited(response),
        },
    )


@login_required
def portal_family(request: AuthedRequest, reference: str) -> HttpResponse:
    _agency_worker(request)
    family, responses, categories = permissions.family_for_agency(request.user, reference)
    record_look(request=request, family=family)
    return render(
        request,
        "agencies/portal_family.html",
        {
            "family": family,
            "responses": responses,
            "categories": categories,
            "shared": selectors.shared_information(family=family, categories=categories),
            "not_shared": [label for value, label in Category.choices if value not in categories],
        },
    )


@login_required
def portal_actions(request: AuthedRequest) -> HttpResponse:
    user = _agency_worker(request)
    page = Paginator(selectors.agency_actions(user=user), 25).get_page(request.GET.get("page"))
    return render(request, "agencies/portal_actions.html", {"page_obj": page, "agency": user.agency})


def _back_to_referral(user: User, value: str) -> str:
    """The referral page the worker came from (`?referral=<id>`), if it is one open to them."""
    if not (value.isdecimal() and len(value) <= 12):
        return ""
    if not permissions.responses_open_to(user).filter(pk=int(value)).exists():
        return ""
    return reverse("agencies:portal_response", args=[int(value)])


@login_required
def portal_action_update(request: AuthedRequest, pk: int) -> HttpResponse:
    user = _agency_worker(request)
    action = get_object_or_404(selectors.agency_actions(user=user), pk=pk)
    record_look(request=request, family=action.goal.plan.family_id)
    back_url = _back_to_referral(user, request.GET.get("referral", "")) or reverse("agencies:portal_actions")
    form = forms.ActionStatusForm(request.POST or None, initial={"status": action.status})
    if request.method == "POST" and form.is_valid():
        try:
            plan_services.action_update_status(
                actor=user, action=action, status=form.cleaned_data["status"], note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Action updated. The family's lead practitioner can see it on the plan.")
            )
            return redirect(back_url)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("Update an action"),
            "caption": action.text[:120],
            "submit_label": _("Save update"),
            "back_url": back_url,
        },
    )
