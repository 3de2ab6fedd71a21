"""Who may import a caseload, into which teams, and whose imports they may see.

- An administrator may import into any team and sees every import.
- A team manager may import into the teams they manage, and sees their own imports.
- Anyone else gets 404: the pages do not exist for them.
"""

from django.db.models import QuerySet
from django.http import Http404

from caseload_import.models import ImportJob
from staff.models import Team, User


def is_administrator(user: User) -> bool:
    return user.is_active and (user.is_superuser or user.role == User.Role.ADMINISTRATOR)


def import_teams(user: User) -> QuerySet[Team]:
    if not user.is_authenticated or not user.is_active:
        return Team.objects.none()
    if is_administrator(user):
        return Team.objects.all()
    if user.role == User.Role.TEAM_MANAGER:
        # Through the managers group, the same membership that grants managers their families.
        return Team.objects.filter(managers_group__user=user)
    return Team.objects.none()


def importer(user: User) -> User:
    if not import_teams(user).exists():
        raise Http404
    return user


def job_for(user: User, pk: int) -> ImportJob:
    jobs = ImportJob.objects.select_related("team", "uploaded_by")
    if not is_administrator(user):
        jobs = jobs.filter(uploaded_by=user, team__in=import_teams(user))
    try:
        return jobs.get(pk=pk)
    except ImportJob.DoesNotExist:
        raise Http404 from None
