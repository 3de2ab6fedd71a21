"""A complaint's stage actions, each one form calling one service of voice/services/stages.py.

Complaints managers may do all of them; the named responsible person of the current stage may extend it,
record the panel and its report, and record its decision. Anyone else gets 404.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import add_service_errors
from core.submissions import once_per_submission
from core.views import form_page
from staff.http import AuthedRequest
from voice import complaint_forms as forms
from voice.models import Complaint
from voice.services import stages
from voice.views.complaints import complaint_for, may_act

Action = Callable[[Any, Complaint, dict[str, Any]], Any]
REPEATED = gettext_lazy("This was already saved at %(time)s.")


def _days() -> dict[str, int]:
    """The clocks' lengths as the settings give them, for the pages that state them."""
    return {
        "s1": settings.VOICE_STAGE_1_WORKING_DAYS,
        "s1_max": settings.VOICE_STAGE_1_MAX_WORKING_DAYS,
        "s2": settings.VOICE_STAGE_2_WORKING_DAYS,
        "s2_max": settings.VOICE_STAGE_2_MAX_WORKING_DAYS,
        "panel": settings.VOICE_PANEL_WORKING_DAYS,
        "report": settings.VOICE_PANEL_REPORT_WORKING_DAYS,
        "final": settings.VOICE_FINAL_RESPONSE_WORKING_DAYS,
    }


def _action_page(
    request: AuthedRequest,
    reference: str,
    *,
    form_class: type[Any],
    act: Action,
    title: str,
    done: str,
    managers_only: bool = False,
    **context: Any,
) -> HttpResponse:
    complaint = complaint_for(request.user, reference)
    allowed = request.user.is_complaints_manager if managers_only else may_act(request.user, complaint)
    if not allowed or not complaint.is_open:
        raise Http404
    needs_complaint = issubclass(form_class, forms.ResponsibleForm)
    extra = {"complaint": complaint} if needs_complaint else {}
    form = form_class(request.POST or None, **extra)
    if request.method == "POST" and form.is_valid():
        try:
            act(request.user, complaint, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("complaints:detail", complaint.reference)
    return form_page(
        request,
        form,
        title=title,
        caption=_("Complaint %(ref)s") % {"ref": complaint.reference},
        back_url=reverse("complaints:detail", args=[complaint.reference]),
        **context,
    )


@login_required
@once_per_submission(message=REPEATED)
def name_responsible(request: AuthedRequest, reference: str) -> HttpResponse:
    return _action_page(
        request,
        reference,
        form_class=forms.ResponsibleForm,
        act=lambda user, c, d: stages.stage_name_responsible(
            actor=user, complaint=c, person=d["responsible"]
        ),
        title=_("Name the responsible person"),
        lead=_(
            "The person must be detached from the complaint: never the worker it is about or anyone in "
            "the team it is about. Naming stage 1's person acknowledges the complaint."
        ),
        done=_("Responsible person named."),
        managers_only=True,
        submit_label=_("Name them"),
    )


@login_required
@once_per_submission(message=REPEATED)
def extend(request: AuthedRequest, reference: str) -> HttpResponse:
    return _action_page(
        request,
        reference,
        form_class=forms.ExtendForm,
        act=lambda user, c, d: stages.stage_extend(actor=user, complaint=c, reason=d["reason"]),
        title=_("Extend the stage"),
        lead=_(
            "Stage 1 may be extended from %(s1)s to %(s1_max)s working days, stage 2 from %(s2)s to "
            "%(s2_max)s. The complainant is told the new date and the reason."
        )
        % _days(),
        done=_("Stage extended. The complainant has been told the new date."),
        submit_label=_("Extend the stage"),
    )


@login_required
@once_per_submission(message=REPEATED)
def decide(request: AuthedRequest, reference: str) -> HttpResponse:
    return _action_page(
        request,
        reference,
        form_class=forms.DecisionForm,
        act=lambda user, c, d: stages.stage_decide(
            actor=user,
            complaint=c,
            outcome=d["outcome"],
            decision=d["decision"],
            feedback=d["feedback"],
            decided_on=d["decided_on"],
        ),
        title=_("Record the stage's decision"),
        lead=_(
            "The complainant is sent what you write below, with how to go to the Ombudsman, mediation "
            "and legal redress and their time limits."
        ),
        done=_("Decision recorded and sent to the complainant."),
        submit_label=_("Record and send the decision"),
    )


@login_required
@once_per_submission(message=REPEATED)
def escalate(request: AuthedRequest, reference: str) -> HttpResponse:
    return _action_page(
        request,
        reference,
        form_class=forms.EscalateForm,
        act=lambda user, c, d: stages.stage_escalate(
            actor=user, complaint=c, responsible=d["responsible"], requested_on=d["requested_on"]
        ),
        title=_("Start the next stage"),
        lead=_(
            "Stage 2 is an investigation (%(s2)s working days, at most %(s2_max)s); stage 3 a review "
            "panel, held within %(panel)s working days of the request."
        )
        % _days(),
        done=_("Next stage started. The complainant has been told."),
        managers_only=True,
        submit_label=_("Start the next stage"),
    )


@login_required
@once_per_submission(message=REPEATED)
def bypass(request: AuthedRequest, reference: str) -> HttpResponse:
    return _action_page(
        request,
        reference,
        form_class=forms.BypassForm,
        act=lambda user, c, d: stages.stage_bypass(
            actor=user, complaint=c, reason=d["reason"], responsible=d["responsible"]
        ),
        title=_("By-pass this stage"),
        lead=_(
            "The complainant may by-pass a stage when its responsible person is not detached from the "
            "cause. The stage's clock stops and the next stage starts today."
        ),
        done=_("Stage by-passed and the next stage started."),
        managers_only=True,
        submit_label=_("By-pass the stage"),
    )


@login_required
@once_per_submission(message=REPEATED)
def panel_held(request: AuthedRequest, reference: str) -> HttpResponse:
    return _action_page(
        request,
        reference,
        form_class=forms.DateForm,
        act=lambda user, c, d: stages.panel_held(actor=user, complaint=c, held_on=d["on"]),
        title=_("Record that the review panel met"),
        lead=_("Its report is then due within %(report)s working days.") % _days(),
        done=_("Panel recorded."),
        submit_label=_("Record the panel"),
    )


@login_required
@once_per_submission(message=REPEATED)
def panel_reported(request: AuthedRequest, reference: str) -> HttpResponse:
    return _action_page(
        request,
        reference,
        form_class=forms.DateForm,
        act=lambda user, c, d: stages.panel_reported(actor=user, complaint=c, reported_on=d["on"]),
        title=_("Record that the panel's report was sent"),
        lead=_("The final response is then due within %(final)s working days.") % _days(),
        done=_("Panel report recorded."),
        submit_label=_("Record the report"),
    )


@login_required
@once_per_submission(message=REPEATED)
def close(request: AuthedRequest, reference: str) -> HttpResponse:
    return _action_page(
        request,
        reference,
        form_class=forms.CloseForm,
        act=lambda user, c, d: stages.complaint_close(
            actor=user, complaint=c, withdrawn=d["how"] == "withdrawn", reason=d["reason"]
        ),
        title=_("Close or withdraw the complaint"),
        done=_("Complaint closed."),
        managers_only=True,
        submit_label=_("Close the complaint"),
        warning=True,
    )
