"""The manager's dashboard, and its CSV and PDF exports. Thin: filters, access, one selector call."""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.calendar import today
from core.csv import csv_response
from reports import charts, exports, permissions, selectors, sources, unusual_access
from reports.forms import DashboardFilterForm
from reports.periods import CUSTOM, WEEK, Period, custom_period, period_for
from staff.http import AuthedRequest
from staff.models import Team


@dataclass
class DashboardView:
    form: DashboardFilterForm
    dashboard: selectors.Dashboard
    query: str
    # The team and worker the figures are for: the lists behind "What needs attention" show the same.
    list_query: str = ""

    def context(self) -> dict[str, Any]:
        board = self.dashboard
        return {
            "form": self.form,
            "board": board,
            "query": self.query,
            "list_query": self.list_query,
            "worker_chart": charts.worker_bars(board.rows),
            "trend_chart": charts.trend_columns(board.trend, board.period),
            "legend": charts.legend(),
            "kinds": [(kind, selectors.SHORT_LABELS[kind]) for kind, _label in selectors.KINDS],
            "previous": board.period.previous() if board.period.kind != CUSTOM else None,
            "next": board.period.next()
            if board.period.kind != CUSTOM and board.period.end < today()
            else None,
        }


def _team_chosen(request: AuthedRequest, teams: list[Team]) -> Team | None:
    """The team in `?team=` if the viewer manages it, else their first: the dashboard and its lists agree."""
    return next((t for t in teams if str(t.pk) == request.GET.get("team")), teams[0] if teams else None)


def _dashboard_view(request: AuthedRequest) -> DashboardView:
    user = permissions.dashboard_viewer(request.user)
    teams = permissions.dashboard_teams(user)
    team = _team_chosen(request, teams)
    workers = permissions.dashboard_workers(user, team)
    chosen = {"team": team.pk} if team else {}
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
            chosen["worker"] = data["worker"]
    board = selectors.dashboard(workers=workers, period=period, team=team)
    return DashboardView(form, board, request.GET.urlencode(), urlencode(chosen))


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


def _managed_team(request: AuthedRequest) -> Team:
    """For the lists behind "What needs attention": the team chosen, if the viewer manages one; else 404."""
    user = permissions.dashboard_viewer(request.user)
    team = _team_chosen(request, permissions.dashboard_teams(user))
    if team is None:
        raise Http404
    return team


@login_required
def referrals_waiting(request: AuthedRequest) -> HttpResponse:
    """Across the team: every agency's answer still awaited, with how many working days it has waited."""
    team = _managed_team(request)
    return render(
        request,
        "reports/referrals_waiting.html",
        {
            "team": team,
            "waiting": sources.referrals_waiting(team_id=team.pk),
            "query": request.GET.urlencode(),
        },
    )


@login_required
def reviews_overdue(request: AuthedRequest) -> HttpResponse:
    """Across the team (or one of its workers, as the dashboard was filtered): plan reviews overdue."""
    team = _managed_team(request)
    workers = permissions.dashboard_workers(request.user, team)
    # As the dashboard filters by worker: only by one of the team's workers, otherwise the whole team.
    chosen = [w for w in workers if str(w.pk) == request.GET.get("worker")]
    workers = chosen or workers
    families = list(sources.reviews_overdue(worker_ids=[w.pk for w in workers], on=today()))
    return render(
        request,
        "reports/reviews_overdue.html",
        {"team": team, "families": families, "query": request.GET.urlencode()},
    )


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
