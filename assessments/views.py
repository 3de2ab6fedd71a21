"""Thin views: access through assessments.permissions (the family's rules), writes through services."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessments import charts, forms, permissions, selectors, services
from assessments.models import DomainEntry
from core.calendar import today
from core.exceptions import EditConflict
from core.forms import add_service_errors
from core.submissions import once_per_submission
from core.views import form_page
from families.permissions import family_perms
from staff.http import AuthedRequest


@login_required
def assessment_detail(request: AuthedRequest, reference: str) -> HttpResponse:
    family, assessment = permissions.assessment_for(request.user, reference)
    context: dict[str, Any] = {
        "family": family,
        "tab": "assessment",
        "perms": family_perms(request.user, family),
        "assessment": assessment,
    }
    if assessment is not None:
        framework = assessment.framework
        reviews, journeys = selectors.distance_travelled(assessment=assessment)
        entries = selectors.assessment_entries(assessment=assessment)
        context.update(
            entries=entries,
            empty_entries=[e for e in entries if selectors.entry_is_empty(e)],
            framework=framework,
            reviews=reviews,
            journeys=[
                (j, charts.journey_chart(j, scale_min=framework.scale_min, scale_max=framework.scale_max))
                for j in journeys
            ],
        )
    return render(request, "assessments/detail.html", context)


@login_required
@once_per_submission(message=gettext_lazy("This assessment was already started at %(time)s."))
def assessment_start(request: AuthedRequest, reference: str) -> HttpResponse:
    family, assessment = permissions.assessment_for(request.user, reference, permissions.CHANGE)
    if assessment is not None:
        messages.info(request, _("This family already has an assessment: one family, one assessment."))
        return redirect("assessments:detail", family.reference)
    form = forms.AssessmentStartForm(request.POST or None, initial={"started_on": today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_start(
                actor=request.user, family=family, started_on=form.cleaned_data["started_on"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Assessment started. Begin with what is working well."))
            return redirect("assessments:detail", family.reference)
    return form_page(
        request,
        form,
        family=family,
        back_to="assessments:detail",
        title=_("Start the family's assessment"),
        submit_label=_("Start"),
    )


@login_required
def assessment_edit(request: AuthedRequest, reference: str) -> HttpResponse:
    family, assessment = permissions.existing_assessment_for(request.user, reference, permissions.CHANGE)
    form = forms.AssessmentSummaryForm(request.POST or None, initial={"summary": assessment.summary})
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_update(
                actor=request.user, assessment=assessment, summary=form.cleaned_data["summary"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Summary saved."))
            return redirect("assessments:detail", family.reference)
    return form_page(
        request, form, family=family, back_to="assessments:detail", title=_("Assessment summary")
    )


def _entry_rows(entry: DomainEntry) -> list[tuple[str, Any]]:
    return [
        (_("What is working well"), entry.strengths),
        (_("Worries"), entry.worries),
        (_("In the family's own words"), entry.family_words),
        (_("The family's score"), entry.family_score),
        (_("Worker's score"), entry.worker_score),
        (_("The family identified this need"), _("Yes") if entry.need_identified_by_family else _("No")),
    ]


@login_required
def entry_edit(request: AuthedRequest, reference: str, entry_id: int) -> HttpResponse:
    family, assessment = permissions.existing_assessment_for(request.user, reference, permissions.CHANGE)
    entry = permissions.entry_for(assessment, entry_id)
    framework = assessment.framework
    initial = {f: getattr(entry, f) for f in (*services.ENTRY_FIELDS, "version")}
    form = forms.DomainEntryForm(request.POST or None, framework=framework, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.domain_entry_update(actor=request.user, entry=entry, version=version, **data)
        except EditConflict as exc:
            conflict = exc.current
            post = request.POST.copy()
            post["version"] = str(conflict.version)
            form = forms.DomainEntryForm(post, framework=framework)
            form.is_valid()
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(area)s saved.") % {"area": entry.domain.name})
            return redirect("assessments:detail", family.reference)
    return form_page(
        request,
        form,
        family=family,
        back_to="assessments:detail",
        template="plans/conflict_form_page.html",
        title=entry.domain.name,
        lead=entry.domain.description,
        conflict=conflict,
        conflict_rows=_entry_rows(conflict) if conflict else [],
    )


@login_required
@once_per_submission(message=gettext_lazy("These scores were already recorded at %(time)s."))
def review_add(request: AuthedRequest, reference: str) -> HttpResponse:
    family, assessment = permissions.existing_assessment_for(request.user, reference, permissions.CHANGE)
    form = forms.ReassessmentForm(request.POST or None, initial={"reviewed_on": today()})
    first = not assessment.reviews.exists()
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_review_record(actor=request.user, assessment=assessment, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Scores recorded. They now show on the family's journey."))
            return redirect("assessments:detail", family.reference)
    return form_page(
        request,
        form,
        family=family,
        back_to="assessments:detail",
        title=_("Record the first scores") if first else _("Record a re-assessment"),
        lead=_(
            "This keeps today's scores for every area as a dated point, so the family and you can see how far "
            "they have come. Update the areas first if anything has changed."
        ),
        submit_label=_("Record scores"),
    )
