"""Upload, match the columns, read the dry run, import, watch it go. Thin: access, a form, a service."""

import contextlib

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from caseload_import import permissions, selectors, services
from caseload_import.forms import MappingForm, UploadForm
from caseload_import.models import ImportJob
from core.csv import csv_response
from core.views import form_page
from staff.http import AuthedRequest


@login_required
@require_http_methods(["GET", "POST"])
def start(request: AuthedRequest) -> HttpResponse:
    user = permissions.importer(request.user)
    teams = permissions.import_teams(user).order_by("name")
    form = UploadForm(request.POST or None, request.FILES or None, teams=teams)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.job_create(
                actor=user,
                upload=form.cleaned_data["file"],
                team=form.cleaned_data["team"],
                mapping=form.cleaned_data["mapping"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("caseload_import:mapping", job.pk)
    return form_page(
        request,
        form,
        template="caseload_import/start.html",
        title=_("Import a caseload"),
        lead=_(
            "Bring families from an old system. Nothing is written until you have seen what the import would do."
        ),
        submit_label=_("Upload and match the columns"),
        jobs=selectors.jobs_visible_to(user)[:10],
    )


@login_required
@require_http_methods(["GET", "POST"])
def mapping(request: AuthedRequest, pk: int) -> HttpResponse:
    job = permissions.job_for(request.user, pk)
    if job.status not in (ImportJob.Status.UPLOADED, ImportJob.Status.CHECKED):
        return redirect("caseload_import:progress", job.pk)
    headers = services.job_sheet(job).headers
    form = MappingForm(request.POST or None, headers=headers, initial_columns=job.columns)
    if request.method == "POST" and form.is_valid():
        columns = form.columns()
        try:
            services.job_check(
                actor=request.user, job=job, columns=columns, save_as=form.cleaned_data["save_as"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("caseload_import:report", job.pk)
    return form_page(
        request,
        form,
        title=_("Match the columns"),
        caption=job.filename,
        lead=_("For each column of the file, choose the field it holds."),
        submit_label=_("Check the file"),
        back_url=reverse("caseload_import:start"),
    )


def _start(request: AuthedRequest, job: ImportJob) -> HttpResponse:
    """Start (or carry on with) the import, then show its progress. A second click while it runs, or
    after it is done, starts nothing: the progress page says where it is."""
    with contextlib.suppress(ValidationError):
        services.job_start(actor=request.user, job=job)
    return redirect("caseload_import:progress", job.pk)


@login_required
@require_http_methods(["GET", "POST"])
def report(request: AuthedRequest, pk: int) -> HttpResponse:
    job = permissions.job_for(request.user, pk)
    if request.method == "POST":
        return _start(request, job)
    return render(
        request,
        "caseload_import/report.html",
        {"job": job, "problems": job.report, "blocking_rows": selectors.blocking_rows(job)},
    )


@login_required
def report_csv(request: AuthedRequest, pk: int) -> HttpResponse:
    job = permissions.job_for(request.user, pk)
    rows = [[_("Row"), _("Column"), _("Problem"), _("Row imported")]]
    rows += [[p["row"], p["column"], p["problem"], _("No") if p["blocks"] else _("Yes")] for p in job.report]
    return csv_response(rows, filename=f"import-{job.pk}-report.csv")


@login_required
@require_http_methods(["GET", "POST"])
def progress(request: AuthedRequest, pk: int) -> HttpResponse:
    job = permissions.job_for(request.user, pk)
    if request.method == "POST":
        return _start(request, job)
    return render(
        request,
        "caseload_import/progress.html",
        {
            "job": job,
            "duplicates": selectors.duplicates_with_families(job)
            if job.status == ImportJob.Status.DONE
            else [],
        },
    )
