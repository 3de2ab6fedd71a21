"""The manager's dashboard, and its CSV and PDF exports. Thin: filters, access, one selector call."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.calendar import today
from core.csv import csv_response
from reports import charts, exports, permissions, selectors, unusual_access
from reports.forms import DashboardFilterForm
from reports.periods import CUSTOM, WEEK, Period, custom_period, period_for
from staff.http import AuthedRequest


@dataclass
class DashboardView:
    form: DashboardFilterForm
    dashboard: selectors.Dashboard
    query: str

    def context(self) -> dict[str, Any]:
        board = self.dashboard
        return {
            "form": self.form,
            "board": board,
            "query": self.query,
            "worker_chart": charts.worker_bars(board.rows),
            "trend_chart": charts.trend_columns(board.trend, board.period),
            "legend": charts.legend(),
            "kinds": [(kind, selectors.SHORT_LABELS[kind]) for kind, _label in selectors.KINDS],
            "previous": board.period.previous() if board.period.kind != CUSTOM else None,
            "next": board.period.next()
            if board.period.kind != CUSTOM and board.period.end < today()
            else None,
        }


def _dashboard_view(request: AuthedRequest) -> DashboardView:
    user = permissions.dashboard_viewer(request.user)
    teams = permissions.dashboard_teams(user)
    team = next((t for t in teams if str(t.pk) == request.GET.get("team")), teams[0] if teams else None)
    workers = permissions.dashboard_workers(user, team)
    form = DashboardFilterForm(request.GET or None, teams=teams, workers=workers)
    # By default the current week, today's work included (Monday's digest covers the week before).
    period: Period = period_for(WEEK, today())
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        kind = data.get("period") or WEEK
        if kind == CUSTOM:
            period = custom_period(data["start"], data["end"])
        else:
            period = period_for(kind, data.get("on") or today())
        if data.get("worker"):
            workers = [w for w in workers if str(w.pk) == data["worker"]]
    board = selectors.dashboard(workers=workers, period=period, team=team)
    return DashboardView(form, board, request.GET.urlencode())


@login_required
def dashboard(request: AuthedRequest) -> HttpResponse:
    view = _dashboard_view(request)
    return render(request, "reports/dashboard.html", view.context())


@login_required
def dashboard_csv(request: AuthedRequest) -> HttpResponse:
    board = _dashboard_view(request).dashboard
    return csv_response(exports.dashboard_rows(board), filename=f"time-{board.period.start:%Y-%m-%d}.csv")


@login_required
def dashboard_pdf(request: AuthedRequest) -> HttpResponse:
    view = _dashboard_view(request)
    pdf = exports.dashboard_pdf(view.context() | {"title": _("Where the team's time goes")})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="time-{view.dashboard.period.start:%Y-%m-%d}.pdf"'
    )
    return response


@login_required
def unusual_access_report(request: AuthedRequest) -> HttpResponse:
    """For team managers: their teams' workers who opened many families they do not lead in a day."""
    user = permissions.dashboard_viewer(request.user)
    teams = permissions.dashboard_teams(user)
    if not teams:
        raise Http404
    workers = [w for team in teams for w in permissions.dashboard_workers(user, team) if w.pk != user.pk]
    return render(
        request,
        "reports/unusual_access.html",
        {
            "days": unusual_access.unusual_access(workers=workers),
            "limit": settings.READ_LOG_UNUSUAL_FAMILIES_PER_DAY,
            "period_days": unusual_access.DAYS,
        },
    )
