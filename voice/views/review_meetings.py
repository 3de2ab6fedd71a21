"""The suggestions' review meetings: the list, arranging one, putting suggestions on it and recording
each decision (complaints managers only; 404 for anyone else)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import add_service_errors
from core.submissions import once_per_submission
from core.views import form_page
from staff.http import AuthedRequest
from voice import forms_suggestions as forms
from voice import review_permissions as permissions
from voice import selectors
from voice.models import Suggestion
from voice.services import suggestions_review as services


@login_required
def meeting_list(request: AuthedRequest) -> HttpResponse:
    permissions.require_suggestion_handler(request.user)
    page = Paginator(selectors.review_meetings(), 50).get_page(request.GET.get("page"))
    return render(request, "voice/suggestions/meetings.html", {"page_obj": page})


@login_required
@once_per_submission(message=gettext_lazy("This review meeting was already arranged at %(time)s."))
def meeting_create(request: AuthedRequest) -> HttpResponse:
    permissions.require_suggestion_handler(request.user)
    form = forms.MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Review meeting arranged. Put the suggestions on it next."))
            return redirect("suggestions:meeting", meeting.pk)
    return form_page(
        request,
        form,
        title=_("Arrange a review meeting"),
        submit_label=_("Arrange meeting"),
        back_url=reverse("suggestions:meetings"),
    )


@login_required
def meeting_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = permissions.meeting_for(request.user, pk)
    listed = list(meeting.suggestions.select_related("responsible").order_by("received_at", "pk"))
    return render(
        request,
        "voice/suggestions/meeting.html",
        {
            "meeting": meeting,
            "listed": listed,
            "open_statuses": services.OPEN,
            "may_add": _candidates(request.user).exists(),
        },
    )


def _candidates(user: Any) -> QuerySet[Suggestion]:
    return (
        selectors.suggestions_for(user)
        .filter(status__in=services.OPEN, meeting=None)
        .order_by("received_at", "pk")
    )


@login_required
@once_per_submission(message=gettext_lazy("These suggestions were already put on the meeting at %(time)s."))
def meeting_add(request: AuthedRequest, pk: int) -> HttpResponse:
    meeting = permissions.meeting_for(request.user, pk)
    form = forms.AddToMeetingForm(request.POST or None, candidates=_candidates(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_add_suggestions(
                actor=request.user, meeting=meeting, suggestions=list(form.cleaned_data["suggestions"])
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Suggestions put on the meeting."))
            return redirect("suggestions:meeting", meeting.pk)
    return form_page(
        request,
        form,
        title=_("Put suggestions on the meeting"),
        caption=str(meeting),
        submit_label=_("Put on the meeting"),
        back_url=reverse("suggestions:meeting", args=[meeting.pk]),
    )


@login_required
@once_per_submission(message=gettext_lazy("This decision was already recorded at %(time)s."))
def suggestion_decide(request: AuthedRequest, reference: str) -> HttpResponse:
    permissions.require_suggestion_handler(request.user)
    suggestion = permissions.suggestion_for(request.user, reference)
    back = (
        reverse("suggestions:meeting", args=[suggestion.meeting_id])
        if suggestion.meeting_id
        else reverse("suggestions:detail", args=[suggestion.reference])
    )
    form = forms.DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.suggestion_decide(actor=request.user, suggestion=suggestion, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _decided_message(suggestion))
            return redirect(back)
    return form_page(
        request,
        form,
        title=_("Record the meeting's decision"),
        caption=suggestion.reference,
        template="voice/suggestions/decide.html",
        suggestion=suggestion,
        submit_label=_("Record decision"),
        back_url=back,
    )


def _decided_message(suggestion: Suggestion) -> str:
    if suggestion.reply_channel == "none":
        return _("Decision recorded. They asked not to hear back, so nothing is sent.")
    return _("Decision recorded. They will be sent it by %(channel)s.") % {
        "channel": suggestion.get_reply_channel_display().lower()
    }
