"""The complaints staff's pages: the list, a complaint, and recording one with the person.

Every complaint is reached through `voice.selectors.complaints_for`: anyone it leaves out gets 404, the
worker complained about first, as if the complaint did not exist (ADR 008).
"""

from axes.helpers import get_client_ip_address
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, Min, Q, Value, When
from django.db.models.fields import IntegerField
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.calendar import today
from core.forms import add_service_errors
from core.submissions import once_per_submission
from core.views import form_page
from staff.http import AuthedRequest
from staff.models import User
from voice.complaint_forms import RecordComplaintForm
from voice.models import Complaint, ComplaintLook, Deadline, Stage
from voice.selectors import complaint_history, complaints_for
from voice.services.complaints import receive_complaint

PAGE_SIZE = 25
CLOSED = (Complaint.Status.CLOSED, Complaint.Status.WITHDRAWN)
SHOW = {"open": ~Q(status__in=CLOSED), "closed": Q(status__in=CLOSED), "all": Q()}


def complaints_manager(request: AuthedRequest) -> User:
    if not request.user.is_complaints_manager:
        raise Http404
    return request.user


def complaint_for(user: User, reference: str) -> Complaint:
    """The complaint, if the user may see it; 404 otherwise, whether or not it exists."""
    return get_object_or_404(complaints_for(user).select_related("category"), reference=reference)


def may_act(user: User, complaint: Complaint) -> bool:
    """Complaints managers act on every stage; the named person on the stage they are responsible for."""
    if user.is_complaints_manager:
        return True
    stage = complaint.current_stage
    return stage is not None and stage.responsible_id == user.pk


@login_required
def complaint_list(request: AuthedRequest) -> HttpResponse:
    visible = complaints_for(request.user)
    if not request.user.is_complaints_manager and not visible.exists():
        raise Http404
    show = request.GET.get("show") or "all"
    if show not in SHOW:
        show = "all"
    rows = (
        visible.filter(SHOW[show])
        .select_related("category")
        .annotate(
            next_due=Min("deadlines__due_on", filter=Q(deadlines__met_on__isnull=True)),
            closed_first=Case(
                When(status__in=CLOSED, then=Value(1)), default=Value(0), output_field=IntegerField()
            ),
        )
        .order_by("closed_first", "next_due", "-received_at", "-pk")
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "voice/complaints/list.html",
        {
            "page_obj": page,
            "show": show,
            "today": today(),
            "may_record": request.user.is_complaints_manager,
        },
    )


def _record_look(request: AuthedRequest, complaint: Complaint) -> None:
    ComplaintLook.objects.create(
        complaint=complaint,
        user=request.user,
        url_name=request.resolver_match.view_name if request.resolver_match else "",
        ip_address=get_client_ip_address(request) or None,
    )


def _actions(user: User, complaint: Complaint, stage: Stage | None) -> list[tuple[str, str]]:
    """The stage actions open now, as (label, URL), for the person looking."""
    if stage is None or not complaint.is_open or not may_act(user, complaint):
        return []
    manager = user.is_complaints_manager
    over = bool(stage.decided_on or stage.bypassed)
    open_kinds = {d.kind: d for d in stage.deadlines.all() if d.met_on is None}
    respond = open_kinds.get(Deadline.Kind.RESPOND)
    wanted = [
        ("responsible", _("Name the responsible person"), manager and not over),
        ("extend", _("Extend the stage"), bool(respond and respond.latest_on and not respond.extended)),
        ("panel_held", _("Record that the review panel met"), Deadline.Kind.PANEL in open_kinds),
        (
            "panel_reported",
            _("Record that the panel's report was sent"),
            Deadline.Kind.PANEL_REPORT in open_kinds,
        ),
        (
            "decide",
            _("Record the final response") if stage.number == 3 else _("Record the stage's decision"),
            not over and (stage.number < 3 or Deadline.Kind.FINAL_RESPONSE in open_kinds),
        ),
        ("escalate", _("Start the next stage"), manager and bool(stage.decided_on) and stage.number < 3),
        ("bypass", _("By-pass this stage"), manager and not over and stage.number < 3),
        ("close", _("Close or withdraw the complaint"), manager),
    ]
    return [
        (label, reverse(f"complaints:{name}", args=[complaint.reference]))
        for name, label, shown in wanted
        if shown
    ]


@login_required
def complaint_detail(request: AuthedRequest, reference: str) -> HttpResponse:
    complaint = complaint_for(request.user, reference)
    stages = list(complaint.stages.select_related("responsible").prefetch_related("deadlines"))
    current = stages[-1] if stages else None
    _record_look(request, complaint)
    return render(
        request,
        "voice/complaints/detail.html",
        {
            "complaint": complaint,
            "stages": stages,
            "current": current,
            "acknowledge": complaint.deadlines.filter(kind=Deadline.Kind.ACKNOWLEDGE).first(),
            "replies": complaint.replies.all(),
            "today": today(),
            "actions": _actions(request.user, complaint, current),
            "about": {
                "family": complaint.family,
                "team": complaint.team,
                "worker": complaint.about_worker,
                "agency": complaint.agency,
            },
        },
    )


@login_required
def complaint_history_page(request: AuthedRequest, reference: str) -> HttpResponse:
    """Who changed what on the complaint and why; for the complaints manager, also who has looked.

    Seen by exactly those who may see the complaint (the detail page's rule); opening it is a look."""
    complaint = complaint_for(request.user, reference)
    _record_look(request, complaint)
    page = Paginator(complaint_history(complaint), 50).get_page(request.GET.get("page"))
    looks = (
        complaint.looks.select_related("user").order_by("-at", "-pk")[:50]
        if request.user.is_complaints_manager
        else None
    )
    return render(
        request,
        "voice/complaints/history.html",
        {"complaint": complaint, "page_obj": page, "looks": looks},
    )


@login_required
@once_per_submission(message=gettext_lazy("This complaint was already recorded at %(time)s."))
def complaint_record(request: AuthedRequest) -> HttpResponse:
    user = complaints_manager(request)
    form = RecordComplaintForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            complaint = receive_complaint(actor=user, **form.complaint_fields())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Complaint %(ref)s recorded. Name the person responsible for stage 1 to acknowledge it.")
                % {"ref": complaint.reference},
            )
            return redirect("complaints:detail", complaint.reference)
    return form_page(
        request,
        form,
        title=_("Record a complaint"),
        lead=_(
            "Fill this in with the person, in their words, from a call, a letter or a conversation. "
            "The acknowledgement and stage 1 clocks start from today."
        ),
        submit_label=_("Record the complaint"),
        back_url=reverse("complaints:list"),
    )
