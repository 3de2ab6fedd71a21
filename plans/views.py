"""Thin views: access through plans.permissions (the family's rules), reads through selectors, writes
through services."""

import datetime
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from assessments.services import default_framework
from core.calendar import today
from core.exceptions import EditConflict
from core.forms import add_service_errors
from core.submissions import once_per_submission
from core.views import form_page
from families.permissions import family_perms
from plans import forms, pdf, permissions, selectors, services
from plans.models import Action, Goal, Plan, PlanDocument
from staff.http import AuthedRequest


def _page(request: AuthedRequest, template: str, family: Any, **context: Any) -> HttpResponse:
    return render(
        request,
        template,
        {"family": family, "tab": "plan", "perms": family_perms(request.user, family), **context},
    )


@login_required
def plan_detail(request: AuthedRequest, reference: str) -> HttpResponse:
    family, plan = permissions.plan_for(request.user, reference)
    if plan is None:
        return _page(request, "plans/detail.html", family, plan=None)
    plan = selectors.plan_page(plan=plan)
    agreements = list(plan.agreements.all())
    agreement = agreements[0] if agreements else None
    goals = list(plan.goals.all())
    reviews = list(plan.reviews.all())
    attendees = selectors.review_attendees(reviews=reviews)
    on = today()
    return _page(
        request,
        "plans/detail.html",
        family,
        plan=plan,
        goals=goals,
        reviews=[(review, attendees[review.pk]) for review in reviews],
        agreement=agreement,
        changes_since=len(selectors.changes_since_agreement(plan=plan, agreement=agreement, names=False))
        if agreement
        else 0,
        today=on,
        review_overdue=bool(plan.next_review_on and plan.next_review_on < on),
        overdue_count=sum(1 for g in goals for a in g.actions.all() if a.is_overdue(on)),
    )


@login_required
@once_per_submission(message=gettext_lazy("This plan was already started at %(time)s."))
def plan_start(request: AuthedRequest, reference: str) -> HttpResponse:
    family, plan = permissions.plan_for(request.user, reference, permissions.CHANGE)
    if plan is not None:
        messages.info(request, _("This family already has a plan: one family, one plan."))
        return redirect("plans:detail", family.reference)
    form = forms.PlanStartForm(request.POST or None, initial={"started_on": today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_create(actor=request.user, family=family, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Plan started. Add the family's goals next."))
            return redirect("plans:detail", family.reference)
    return form_page(
        request,
        form,
        family=family,
        back_to="plans:detail",
        title=_("Start the family's plan"),
        submit_label=_("Start plan"),
    )


@login_required
def plan_edit(request: AuthedRequest, reference: str) -> HttpResponse:
    family, plan = permissions.existing_plan_for(request.user, reference, permissions.CHANGE)
    form = forms.PlanHopesForm(request.POST or None, initial={"family_hopes": plan.family_hopes})
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(
                actor=request.user, plan=plan, family_hopes=form.cleaned_data["family_hopes"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Plan saved."))
            return redirect("plans:detail", family.reference)
    return form_page(
        request, form, family=family, back_to="plans:detail", title=_("What the family wants to be different")
    )


@login_required
@once_per_submission(message=gettext_lazy("This goal was already added at %(time)s."))
def goal_add(request: AuthedRequest, reference: str) -> HttpResponse:
    family, plan = permissions.existing_plan_for(request.user, reference, permissions.CHANGE)
    form = forms.GoalForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.goal_add(
                actor=request.user,
                plan=plan,
                domain=data["domain"],
                text=data["text"],
                success_looks_like=data["success_looks_like"],
                target_on=data["target_on"],
                shared_with_family=data["shared_with_family"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Goal added."))
            return redirect("plans:detail", family.reference)
    return form_page(
        request,
        form,
        family=family,
        back_to="plans:detail",
        title=_("Add a goal"),
        submit_label=_("Add goal"),
    )


def _conflict_form(form_class: Any, request: HttpRequest, current: Any, **kwargs: Any) -> Any:
    """The user's own edit, re-displayed and now based on the saved version, so saving again is a choice."""
    data = request.POST.copy()
    data["version"] = str(current.version)
    form = form_class(data, **kwargs)
    form.is_valid()
    return form


@login_required
def goal_edit(request: AuthedRequest, reference: str, goal_id: int) -> HttpResponse:
    family, plan = permissions.existing_plan_for(request.user, reference, permissions.CHANGE)
    goal = permissions.goal_for(plan, goal_id)
    initial = {
        f: getattr(goal, f)
        for f in ("text", "success_looks_like", "target_on", "status", "shared_with_family", "version")
    }
    initial["domain"] = goal.domain_id
    form = forms.GoalForm(request.POST or None, plan=plan, goal=goal, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.goal_update(
                actor=request.user,
                goal=goal,
                version=data["version"] if data["version"] is not None else goal.version,
                **{f: data[f] for f in services.GOAL_FIELDS},
            )
        except EditConflict as exc:
            conflict = exc.current
            form = _conflict_form(forms.GoalForm, request, conflict, plan=plan, goal=goal)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Goal saved."))
            return redirect("plans:detail", family.reference)
    return render(
        request,
        "plans/conflict_form_page.html",
        {
            "form": form,
            "family": family,
            "title": _("Change a goal"),
            "caption": family.name,
            "back_url": reverse("plans:detail", args=[family.reference]),
            "conflict": conflict,
            "conflict_rows": _goal_rows(conflict) if conflict else [],
        },
    )


def _goal_rows(goal: Goal) -> list[tuple[str, Any]]:
    return [
        (_("Goal"), goal.text),
        (_("Outcome area"), goal.domain.name),
        (_("What success looks like"), goal.success_looks_like),
        (_("Target date"), goal.target_on.strftime("%-d %B %Y") if goal.target_on else ""),
        (_("Status"), goal.get_status_display()),
    ]


@login_required
@once_per_submission(message=gettext_lazy("This action was already added at %(time)s."))
def action_add(request: AuthedRequest, reference: str) -> HttpResponse:
    family, plan = permissions.existing_plan_for(request.user, reference, permissions.CHANGE)
    if not plan.goals.exists():
        messages.info(request, _("Add a goal first: every action serves a goal."))
        return redirect("plans:goal_add", family.reference)
    initial = {"goal": request.GET.get("goal")} if (request.GET.get("goal") or "").isdigit() else {}
    form = forms.ActionForm(request.POST or None, plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.action_add(
                actor=request.user,
                goal=data["goal"],
                text=data["text"],
                due_on=data["due_on"],
                status=data["status"],
                shared_with_family=data["shared_with_family"],
                **form.owners(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Action added."))
            return redirect("plans:detail", family.reference)
    return form_page(
        request,
        form,
        family=family,
        back_to="plans:detail",
        title=_("Add an action"),
        submit_label=_("Add action"),
    )


@login_required
def action_edit(request: AuthedRequest, reference: str, action_id: int) -> HttpResponse:
    family, plan = permissions.existing_plan_for(request.user, reference, permissions.CHANGE)
    action = permissions.action_for(plan, action_id)
    initial = {
        f: getattr(action, f)
        for f in ("text", "due_on", "status", "status_note", "shared_with_family", "version")
    }
    initial.update(goal=action.goal_id, owner=forms.owner_value(action))
    form = forms.ActionForm(request.POST or None, plan=plan, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["goal"].pk != action.goal_id:
                raise ValidationError(
                    {"goal": _("An action stays with its goal. Add a new action to another goal.")}
                )
            services.action_update(
                actor=request.user,
                action=action,
                version=data["version"] if data["version"] is not None else action.version,
                text=data["text"],
                due_on=data["due_on"],
                status=data["status"],
                status_note=data["status_note"],
                shared_with_family=data["shared_with_family"],
                **form.owners(),
            )
        except EditConflict as exc:
            conflict = exc.current
            form = _conflict_form(forms.ActionForm, request, conflict, plan=plan)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Action saved."))
            return redirect("plans:detail", family.reference)
    return render(
        request,
        "plans/conflict_form_page.html",
        {
            "form": form,
            "family": family,
            "title": _("Change an action"),
            "caption": family.name,
            "back_url": reverse("plans:detail", args=[family.reference]),
            "conflict": conflict,
            "conflict_rows": _action_rows(conflict) if conflict else [],
        },
    )


def _action_rows(action: Action) -> list[tuple[str, Any]]:
    return [
        (_("What will be done"), action.text),
        (_("Who"), str(action.owner)),
        (_("By when"), action.due_on.strftime("%-d %B %Y") if action.due_on else ""),
        (_("Status"), action.get_status_display()),
        (_("Latest update"), action.status_note),
    ]


@login_required
@once_per_submission(message=gettext_lazy("This review was already recorded at %(time)s."))
def review_add(request: AuthedRequest, reference: str) -> HttpResponse:
    family, plan = permissions.existing_plan_for(request.user, reference, permissions.CHANGE)
    framework = default_framework()
    goals = list(plan.goals.filter(status=Goal.Status.OPEN).order_by("order", "pk"))
    form = forms.ReviewForm(
        request.POST or None,
        plan=plan,
        goals=goals,
        scale=(framework.scale_min, framework.scale_max),
        initial={"held_on": today(), "attending_workers": [request.user.pk]},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.plan_review_record(
                actor=request.user,
                plan=plan,
                held_on=data["held_on"],
                next_review_on=data["next_review_on"],
                decisions=data["decisions"],
                people=list(data["attending_people"]),
                workers=list(data["attending_workers"]),
                agencies=list(data["attending_agencies"]),
                other_attendees=data["other_attendees"],
                progress=form.progress(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Review recorded."))
            return redirect("plans:detail", family.reference)
    return form_page(
        request,
        form,
        family=family,
        back_to="plans:detail",
        title=_("Record a plan review"),
        lead=_("A Team Around the Family meeting: who came, progress on each goal and what was decided."),
        submit_label=_("Record review"),
    )


@login_required
@once_per_submission(message=gettext_lazy("The family's agreement was already recorded at %(time)s."))
def plan_agree(request: AuthedRequest, reference: str) -> HttpResponse:
    family, plan = permissions.existing_plan_for(request.user, reference, permissions.CHANGE)
    form = forms.AgreeForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        agreed_on: datetime.date = data["agreed_on"]
        now = timezone.localtime()
        agreed_at = (
            now
            if agreed_on == now.date()
            else timezone.make_aware(datetime.datetime.combine(agreed_on, datetime.time(12)))
        )
        try:
            services.plan_agree(
                actor=request.user,
                plan=plan,
                agreed_by=data["agreed_by"],
                method=data["method"],
                agreed_at=agreed_at,
                comment=data["comment"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Recorded that the family agreed the plan."))
            return redirect("plans:detail", family.reference)
    return form_page(
        request,
        form,
        family=family,
        back_to="plans:detail",
        title=_("Record that the family agreed the plan"),
        submit_label=_("Record"),
    )


@login_required
def plan_changes(request: AuthedRequest, reference: str) -> HttpResponse:
    family, plan = permissions.existing_plan_for(request.user, reference)
    agreement = plan.agreements.select_related("agreed_by").first()
    entries = selectors.changes_since_agreement(plan=plan, agreement=agreement) if agreement else []
    return _page(request, "plans/changes.html", family, plan=plan, agreement=agreement, entries=entries)


def _item_count(plan: Plan) -> int:
    return plan.goals.count() + Action.objects.filter(goal__plan=plan).count()


@login_required
@require_http_methods(["GET", "POST"])
def plan_pdf(request: AuthedRequest, reference: str) -> HttpResponse:
    """Small plans come straight back as a PDF; long ones are made in the background."""
    family, plan = permissions.existing_plan_for(request.user, reference)
    large_print = request.GET.get("large_print") == "1" or request.POST.get("large_print") == "1"
    if request.method == "POST":
        document = services.plan_document_request(actor=request.user, plan=plan, large_print=large_print)
        return redirect("plans:document", family.reference, document.pk)
    if _item_count(plan) > settings.PLAN_PDF_INLINE_MAX_ITEMS:
        return _page(request, "plans/pdf_background.html", family, plan=plan, large_print=large_print)
    data = pdf.render_plan_pdf(selectors.plan_for_document(plan=plan), large_print=large_print)
    response = HttpResponse(data, content_type="application/pdf")
    name = f"plan-{family.reference}{'-large-print' if large_print else ''}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@login_required
def document_status(request: AuthedRequest, reference: str, document_id: int) -> HttpResponse:
    family, plan = permissions.existing_plan_for(request.user, reference)
    document = permissions.document_for(plan, document_id)
    return _page(request, "plans/document.html", family, plan=plan, document=document)


@login_required
def document_download(request: AuthedRequest, reference: str, document_id: int) -> FileResponse:
    family, plan = permissions.existing_plan_for(request.user, reference)
    document = permissions.document_for(plan, document_id)
    if document.status != PlanDocument.Status.READY or not document.file:
        raise Http404
    name = f"plan-{family.reference}{'-large-print' if document.large_print else ''}.pdf"
    return FileResponse(document.file.open("rb"), content_type="application/pdf", filename=name)
