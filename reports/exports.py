"""The dashboard as CSV rows and as a PDF (WeasyPrint, never fetching anything from outside)."""

from collections.abc import Iterator
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from weasyprint import HTML

from reports.selectors import KINDS, Dashboard, TimeSplit


def _cell(value: Any) -> Any:
    """Defuse spreadsheet formulas in text (a name typed as =HYPERLINK(...) stays text)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def _time_columns(split: TimeSplit) -> list[Any]:
    columns: list[Any] = [split.total]
    for kind, _label in KINDS:
        columns += [split.minutes(kind), split.share(kind)]
    return columns


def dashboard_rows(board: Dashboard) -> Iterator[list[Any]]:
    yield [_("Period"), board.period.label, str(board.period.start), str(board.period.end)]
    if board.team:
        yield [_("Team"), _cell(board.team.name)]
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
            _cell(row.worker.get_full_name() or row.worker.username),
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


def _fetcher() -> Any:
    """The plans PDF's fetcher (only the app's own static files), else one that refuses everything."""
    try:
        from plans.pdf import StaticOnlyFetcher
    except ImportError:  # pragma: no cover - the plans app ships with the project

        def refuse(url: str, *args: Any, **kwargs: Any) -> Any:
            raise ValueError(f"The dashboard PDF fetches nothing, not {url[:200]}")

        return refuse
    return StaticOnlyFetcher()


def dashboard_pdf(context: dict[str, Any]) -> bytes:
    html = render_to_string("reports/dashboard_pdf.html", context)
    return HTML(string=html, base_url="https://dashboard-pdf.invalid/", url_fetcher=_fetcher()).write_pdf()
