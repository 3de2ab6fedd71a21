"""The annual complaints report: a page, a PDF and a CSV, for complaints managers only (everyone else
404, as for any page they may not see). Thin: the year, access, one selector call."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from core.calendar import today
from core.csv import csv_response
from staff.http import AuthedRequest
from voice import report_exports
from voice.forms_report import YearForm
from voice.selectors_report import AnnualReport, annual_report, timeliness_headings, year_of


def _report(request: AuthedRequest) -> tuple[YearForm, AnnualReport]:
    if not request.user.is_complaints_manager:
        raise Http404
    form = YearForm(request.GET or None)
    year = year_of(today())
    if form.is_bound and form.is_valid():
        year = form.cleaned_data["year"]
    return form, annual_report(year=year)


@login_required
def report(request: AuthedRequest) -> HttpResponse:
    form, data = _report(request)
    query = f"?year={data.year.start.year}"
    return render(
        request,
        "voice/report/annual.html",
        {
            "form": form,
            "report": data,
            "headings": timeliness_headings(),
            "query": query,
            "small_number": settings.VOICE_SMALL_NUMBER,
        },
    )


@login_required
def report_csv(request: AuthedRequest) -> HttpResponse:
    _form, data = _report(request)
    return csv_response(
        report_exports.report_rows(data), filename=f"complaints-report-{data.year.start.year}.csv"
    )


@login_required
def report_pdf(request: AuthedRequest) -> HttpResponse:
    _form, data = _report(request)
    response = HttpResponse(report_exports.report_pdf(data), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="complaints-report-{data.year.start.year}.pdf"'
    return response
