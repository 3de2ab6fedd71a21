"""complaints_report (see voice/urls/__init__.py): the annual report, for complaints managers."""

from django.urls import URLPattern, path

from voice.views import report

app_name = "complaints_report"

urlpatterns: list[URLPattern] = [
    path("", report.report, name="report"),
    path("report.csv", report.report_csv, name="csv"),
    path("report.pdf", report.report_pdf, name="pdf"),
]
