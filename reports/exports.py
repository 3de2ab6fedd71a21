"""The dashboard as CSV rows (core.csv neutralises formulas) and as a PDF (core.pdf fetches nothing from outside)."""

from collections.abc import Iterator
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from core.pdf import html_to_pdf
from reports.selectors import KINDS, Dashboard, TimeSplit


def _time_columns(split: TimeSplit) -> list[Any]:
    columns: list[Any] = [split.total]
    for kind, _label in KINDS:
        columns += [split.minutes(kind), split.share(kind)]
    return columns


def dashboard_rows(board: Dashboard) -> Iterator[list[Any]]:
    yield [_("Period"), board.period.label, str(board.period.start), str(board.period.end)]
    if board.team:
        yield [_("Team"), board.team.name]
    yield []
    header = [_("Worker"), _("Minutes recorded")]
    for _kind, label in KINDS:
        header += [_("%(kind)s minutes") % {"kind": label}, _("%(kind)s %%") % {"kind": label}]
    header += [
        _("Minutes on the system's forms (observed)"),
        _("Open families led"),
        _("Plan reviews overdue"),
        _("Plan reviews due soon"),
    ]
    yield header
    for row in board.rows:
        cases = row.cases
        reviews: list[Any] = [cases.reviews_overdue, cases.reviews_due] if board.reviews_known else ["", ""]
        yield [
            row.worker.get_full_name() or row.worker.username,
            *_time_columns(row.time),
            row.observed_minutes,
            cases.caseload,
            *reviews,
        ]
    team_reviews: list[Any] = [board.reviews_overdue, board.reviews_due] if board.reviews_known else ["", ""]
    yield [
        _("Everyone"),
        *_time_columns(board.team_time),
        board.observed_minutes,
        board.caseload,
        *team_reviews,
    ]
    yield []
    yield [_("Trend from"), _("Minutes recorded"), _("Directly with families %"), _("Recording and admin %")]
    for point in board.trend:
        yield [str(point.start), point.time.total, point.time.direct_share, point.time.recording_share]


def dashboard_pdf(context: dict[str, Any]) -> bytes:
    return html_to_pdf(render_to_string("reports/dashboard_pdf.html", context))
