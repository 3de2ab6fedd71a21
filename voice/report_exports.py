"""The annual complaints report as CSV rows (core.csv neutralises formulas) and as a PDF (core.pdf):
the same counts as the page, with small numbers already hidden (voice/selectors_report.py)."""

from collections.abc import Iterator
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from core.pdf import html_to_pdf
from voice.selectors_report import AnnualReport, Breakdown, timeliness_headings


def _breakdown_rows(breakdown: Breakdown) -> Iterator[list[Any]]:
    yield [breakdown.title]
    yield [breakdown.heading, _("Number")]
    for row in breakdown.rows:
        yield [row.label, row.text]
    yield [_("Total"), breakdown.total_text]
    yield []


def report_rows(report: AnnualReport) -> Iterator[list[Any]]:
    yield [_("Complaints, suggestions and surveys: annual report"), report.year.label]
    yield []
    yield [_("Complaints received"), report.complaints.total_text]
    yield []
    for breakdown in (report.by_stage, report.by_category, report.by_outcome):
        yield from _breakdown_rows(breakdown)
    yield [_("Deadlines met")]
    yield [_("Deadline"), *timeliness_headings()]
    for line in report.timeliness:
        yield [line.label, *(cell.text for cell in line.cells)]
    yield []
    for breakdown in (report.suggestions, report.surveys):
        yield from _breakdown_rows(breakdown)
    yield [_("You said, we did")]
    yield [_("Published on"), _("You said"), _("We did")]
    for change in report.changes:
        yield [str(change.published_on), change.you_said, change.we_did]


def report_pdf(report: AnnualReport) -> bytes:
    return html_to_pdf(
        render_to_string(
            "voice/report/annual_pdf.html",
            {"report": report, "headings": timeliness_headings(), "title": _("Annual complaints report")},
        )
    )
