"""Writes to staff accounts and teams."""

from typing import Any

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.history import save_with_actor
from staff.models import Team, User
from staff.sessions import user_sessions_end


@transaction.atomic
def team_create(*, actor: User | None, name: str, area: str = "") -> Team:
    if Team.objects.filter(name__iexact=name.strip()).exists():
        raise ValidationError({"name": _("A team called %(name)s already exists.") % {"name": name}})
    group = Group.objects.create(name=f"Managers of {name.strip()}"[:150])
    team = Team(name=name.strip(), area=area, managers_group=group)
    save_with_actor(team, actor=actor)
    return team


def _sync_manager_groups(user: User) -> None:
    """A team manager belongs to their team's managers group, and to no other team's."""
    manager_groups = Group.objects.filter(managed_team__isnull=False)
    manages = user.is_active and user.is_team_manager and user.team_id
    # A manager who leaves the role or is deactivated leaves their team's group too, not only others'.
    user.groups.remove(*manager_groups.exclude(managed_team=user.team_id) if manages else manager_groups)
    if manages:
        user.groups.add(user.team.managers_group)  # type: ignore[union-attr]


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    password: str | None,
    role: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    team: Team | None = None,
    agency: Any = None,
    job_title: str = "",
    phone: str = "",
    is_superuser: bool = False,
) -> User:
    user = User(
        username=username,
        role=role,
        first_name=first_name,
        last_name=last_name,
        email=email,
        team=team,
        agency=agency,
        job_title=job_title,
        phone=phone,
        is_staff=is_superuser or role == User.Role.ADMINISTRATOR,
        is_superuser=is_superuser,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    save_with_actor(user, actor=actor)
    _sync_manager_groups(user)
    return user


@transaction.atomic
def user_change_team(*, actor: User | None, user: User, team: Team | None, reason: str = "") -> User:
    user = User.objects.select_for_update().get(pk=user.pk)
    user.team = team
    save_with_actor(user, actor=actor, reason=reason)
    _sync_manager_groups(user)
    return user


@transaction.atomic
def user_change_role(*, actor: User | None, user: User, role: str, reason: str = "") -> User:
    user = User.objects.select_for_update().get(pk=user.pk)
    user.role = role
    user.full_clean(exclude=["password"])
    save_with_actor(user, actor=actor, reason=reason)
    _sync_manager_groups(user)
    return user


@transaction.atomic
def user_deactivate(*, actor: User | None, user: User, reason: str = "") -> User:
    """The account can no longer sign in, and every session it has ends now, in the same transaction."""
    user = User.objects.select_for_update().get(pk=user.pk)
    user.is_active = False
    save_with_actor(user, actor=actor, reason=reason or _("Deactivated"))
    _sync_manager_groups(user)
    user_sessions_end(user=user)
    return user


@transaction.atomic
def team_update(*, actor: User | None, team: Team, name: str, area: str = "", reason: str = "") -> Team:
    team = Team.objects.select_for_update().get(pk=team.pk)
    name = name.strip()
    if Team.objects.filter(name__iexact=name).exclude(pk=team.pk).exists():
        raise ValidationError({"name": _("A team called %(name)s already exists.") % {"name": name}})
    team.name, team.area = name, area
    save_with_actor(team, actor=actor, reason=reason)
    return team


USER_ADMIN_FIELDS = (
    "username",
    "first_name",
    "last_name",
    "email",
    "is_active",
    "is_staff",
    "is_superuser",
    "role",
    "team",
    "agency",
    "job_title",
    "phone",
)


@transaction.atomic
def user_update(*, actor: User | None, user: User, reason: str = "", **fields: Any) -> User:
    """Change an account's details, role, team or whether it is active; the managers' groups follow."""
    unknown = set(fields) - set(USER_ADMIN_FIELDS)
    if unknown:
        raise ValueError(f"user_update cannot change {sorted(unknown)}")
    user = User.objects.select_for_update().get(pk=user.pk)
    was_active = user.is_active
    for name, value in fields.items():
        setattr(user, name, value)
    user.full_clean(exclude=["password"])
    save_with_actor(user, actor=actor, reason=reason)
    _sync_manager_groups(user)
    if was_active and not user.is_active:
        user_sessions_end(user=user)  # deactivated: signed out everywhere, now
    return user
