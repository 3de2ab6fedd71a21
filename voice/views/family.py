"""The family's way in to "Have your say" (issue 12): the member's own complaints and suggestions, with
where each has got to in plain words, and the links to make another. Only the member's own: another
member of the family never sees them, nor does any worker."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from family_portal.decorators import family_page
from voice.models import Complaint, Suggestion

COMPLAINT_STATUS: dict[str, Any] = {
    Complaint.Status.RECEIVED: _("We have received it"),
    Complaint.Status.STAGE_1: _("We are looking into it"),
    Complaint.Status.STAGE_2: _("It is being investigated"),
    Complaint.Status.STAGE_3: _("A review panel is looking at it"),
    Complaint.Status.CLOSED: _("Finished: we have sent you our answer"),
    Complaint.Status.WITHDRAWN: _("Withdrawn"),
}
SUGGESTION_STATUS: dict[str, Any] = {
    Suggestion.Status.RECEIVED: _("We have received it"),
    Suggestion.Status.ACKNOWLEDGED: _("We will talk about it at our next review meeting"),
    Suggestion.Status.DECIDED: _("We have decided what to do"),
    Suggestion.Status.ANSWERED: _("We have told you what we decided"),
}


@family_page
def index(request: HttpRequest) -> HttpResponse:
    access = request.member.access  # type: ignore[attr-defined]
    language = access.language
    complaints = [
        {
            "reference": c.reference,
            "received_at": c.received_at,
            "about": c.category.label(language),
            "status": COMPLAINT_STATUS[c.status],
        }
        for c in Complaint.objects.filter(member=access).select_related("category")
    ]
    suggestions = [
        {
            "reference": s.reference,
            "received_at": s.received_at,
            "status": SUGGESTION_STATUS[s.status],
            "decision": s.get_decision_display() if s.decision else "",
        }
        for s in Suggestion.objects.filter(member=access)
    ]
    context = {"title": _("Have your say"), "complaints": complaints, "suggestions": suggestions}
    return render(request, "voice/family/index.html", context)


urls: list[URLPattern] = [path("", index, name="index")]
