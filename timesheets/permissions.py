"""Who may see whose time: the only place that decides it.

- Every worker sees and corrects their own time records.
- A team manager sees (read only) the time of the people in the teams they manage.
- Nobody else sees a worker's time: not colleagues, not administrators, not partner agencies. Anything
  else is answered with 404, so a stranger cannot learn whose records exist.
"""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from staff.models import Team, User
from timesheets.models import TimeRecord


def records_time(user: User) -> bool:
    """Lead practitioners and team managers record their time; others have no time pages."""
    return bool(user.is_authenticated and user.is_casework_staff)


def teams_managed_by(user: User) -> QuerySet[Team]:
    if not user.is_authenticated or not user.is_active or not user.is_team_manager:
        return Team.objects.none()
    # Through the managers group, the same membership that grants managers their families.
    return Team.objects.filter(managers_group__user=user)


def workers_visible_to(user: User) -> QuerySet[User]:
    """The casework staff whose time `user` may see: themselves, plus their managed teams' members."""
    if not records_time(user):
        return User.objects.none()
    casework = [User.Role.LEAD_PRACTITIONER, User.Role.TEAM_MANAGER]
    if user.is_team_manager:
        return User.objects.filter(
            is_active=True, role__in=casework, team__in=teams_managed_by(user)
        ) | User.objects.filter(pk=user.pk)
    return User.objects.filter(pk=user.pk)


def time_worker_for(user: User, worker_id: int) -> User:
    """The worker whose time `user` asks to see, or 404."""
    return get_object_or_404(workers_visible_to(user), pk=worker_id)


def time_record_for(user: User, record_id: int) -> TimeRecord:
    """One of the user's own time records (only the worker corrects their time), or 404."""
    if not records_time(user):
        raise Http404
    return get_object_or_404(
        TimeRecord.objects.select_related("category", "family"), pk=record_id, worker=user
    )
