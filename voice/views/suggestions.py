"""Suggestions on the staff side: the list, one suggestion, recording one from a call or a conversation,
naming the responsible person and acknowledging it. Access through voice/review_permissions.py (404 for
anyone else), writes through voice/services/suggestions_review.py."""

import datetime
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.calendar import add_working_days
from core.forms import add_service_errors
from core.submissions import once_per_submission
from core.views import form_page
from staff.http import AuthedRequest
from voice import forms_suggestions as forms
from voice import review_permissions as permissions
from voice import selectors
from voice.models import Suggestion
from voice.services import clocks
from voice.services import suggestions_review as services

STATUS_TAGS = {
    Suggestion.Status.RECEIVED: "govuk-tag--yellow",
    Suggestion.Status.ACKNOWLEDGED: "govuk-tag--blue",
    Suggestion.Status.DECIDED: "govuk-tag--green",
    Suggestion.Status.ANSWERED: "govuk-tag--grey",
}


def acknowledgement_due(suggestion: Suggestion) -> datetime.date:
    """The clock's row when there is one (rows prefetched as `ack_deadlines`), else the same rule."""
    rows = getattr(suggestion, "ack_deadlines", None)
    if rows is None:
        rows = list(suggestion.deadlines.filter(kind="suggestion_ack"))
    if rows:
        return rows[0].due_on
    start = clocks.received_on(suggestion.received_at)
    return add_working_days(start, settings.VOICE_SUGGESTION_ACK_WORKING_DAYS)


def _row(suggestion: Suggestion) -> dict[str, Any]:
    return {
        "suggestion": suggestion,
        "ack_due": acknowledgement_due(suggestion),
        "tag": STATUS_TAGS.get(suggestion.status, ""),  # type: ignore[call-overload]
        "is_open": suggestion.status in services.OPEN,
    }


@login_required
def suggestion_list(request: AuthedRequest) -> HttpResponse:
    permissions.require_suggestion_list(request.user)
    page = Paginator(selectors.suggestions_page(request.user), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "voice/suggestions/list.html",
        {
            "page_obj": page,
            "rows": [_row(s) for s in page.object_list],
            "handles": permissions.handles_suggestions(request.user),
        },
    )


@login_required
def suggestion_detail(request: AuthedRequest, reference: str) -> HttpResponse:
    suggestion = permissions.suggestion_for(request.user, reference)
    return render(
        request,
        "voice/suggestions/detail.html",
        {
            **_row(suggestion),
            "handles": permissions.handles_suggestions(request.user),
            "may_acknowledge": permissions.may_acknowledge(request.user, suggestion)
            and suggestion.status == Suggestion.Status.RECEIVED,
            "replies": list(suggestion.replies.all()),
        },
    )


@login_required
@once_per_submission(message=gettext_lazy("This suggestion was already recorded at %(time)s."))
def suggestion_record(request: AuthedRequest) -> HttpResponse:
    permissions.require_suggestion_handler(request.user)
    form = forms.RecordSuggestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            suggestion = services.suggestion_record(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Suggestion %(reference)s recorded.") % {"reference": suggestion.reference}
            )
            return redirect("suggestions:detail", suggestion.reference)
    return form_page(
        request,
        form,
        title=_("Record a suggestion"),
        lead=_("A suggestion someone made by phone, by letter, by email or in person."),
        submit_label=_("Record suggestion"),
        back_url=reverse("suggestions:list"),
    )


@login_required
def suggestion_responsible(request: AuthedRequest, reference: str) -> HttpResponse:
    permissions.require_suggestion_handler(request.user)
    suggestion = permissions.suggestion_for(request.user, reference)
    form = forms.ResponsibleForm(request.POST or None, initial={"responsible": suggestion.responsible_id})
    if request.method == "POST" and form.is_valid():
        try:
            services.suggestion_name_responsible(
                actor=request.user, suggestion=suggestion, responsible=form.cleaned_data["responsible"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Responsible person named."))
            return redirect("suggestions:detail", suggestion.reference)
    return form_page(
        request,
        form,
        title=_("Name the responsible person"),
        caption=suggestion.reference,
        back_url=reverse("suggestions:detail", args=[suggestion.reference]),
    )


@login_required
@once_per_submission(message=gettext_lazy("This suggestion was already acknowledged at %(time)s."))
def suggestion_acknowledge(request: AuthedRequest, reference: str) -> HttpResponse:
    suggestion = permissions.suggestion_for(request.user, reference)
    if not permissions.may_acknowledge(request.user, suggestion):
        raise Http404
    form = forms.ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.suggestion_acknowledge(actor=request.user, suggestion=suggestion)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Suggestion acknowledged."))
            return redirect("suggestions:detail", suggestion.reference)
    return form_page(
        request,
        form,
        title=_("Acknowledge the suggestion"),
        caption=suggestion.reference,
        lead=_("If they asked to hear back, they are told we have it and will tell them what we decide."),
        submit_label=_("Acknowledge"),
        back_url=reverse("suggestions:detail", args=[suggestion.reference]),
    )
