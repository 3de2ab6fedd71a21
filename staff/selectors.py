"""Reads about staff and teams."""

from django.db.models import QuerySet

from staff.models import Team, User


def team_managers(*, team: Team | int) -> QuerySet[User]:
    """The team's active managers: the people who decide for it and are told what needs a decision.

    The same people as the team's managers group (staff.services keeps the group in step with role and
    team), read from the user rows so no join through the group is needed.
    """
    return User.objects.filter(team=team, role=User.Role.TEAM_MANAGER, is_active=True)
