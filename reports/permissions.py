"""Who may see which dashboard: built on timesheets.permissions (who may see whose time).

- A team manager sees the dashboard of the teams they manage: every worker's figures and the team's
  panels (reviews, referrals, practical help).
- A lead practitioner sees their own figures only.
- Anyone else gets 404.
"""

from django.http import Http404

from staff.models import Team, User
from timesheets import permissions as staff_permissions


def dashboard_viewer(user: User) -> User:
    if not staff_permissions.records_time(user):
        raise Http404
    return user


def dashboard_teams(user: User) -> list[Team]:
    return list(staff_permissions.teams_managed_by(user).order_by("name"))


def dashboard_workers(user: User, team: Team | None) -> list[User]:
    visible = staff_permissions.workers_visible_to(user)
    if team is not None:
        visible = visible.filter(team=team)
    return list(visible.order_by("first_name", "last_name", "pk"))
