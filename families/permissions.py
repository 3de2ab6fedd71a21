"""Who may see and do what with a family: the only place that decides it.

- The lead practitioner holds view, change and hand-over permissions on their open families (user
  object permissions). When a family closes they keep view only.
- The managers of the family's team hold all three through the team's managers group (group object
  permissions), so a manager joining or leaving a team is one group membership.
- Anyone else, including administrators and partner-agency workers, holds none. Partner agencies see
  what a referral and the family's consent allow, through the agencies app.

Views never fetch a family themselves: they call `family_for(user, reference)`, which answers 404 for a
family the user may not see, so a stranger cannot learn that it exists.
"""

from typing import Any

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.http import Http404
from guardian.core import ObjectPermissionChecker
from guardian.shortcuts import remove_perm

from families.access_log import note_family
from families.models import Family, FamilyGroupObjectPermission, FamilyUserObjectPermission
from staff.models import User

VIEW = "view_family"
CHANGE = "change_family"
HAND_OVER = "hand_over_family"
FULL_ACCESS = (VIEW, CHANGE, HAND_OVER)


def families_visible_to(user: User, perm: str = VIEW) -> QuerySet[Family]:
    if not user.is_authenticated or not user.is_active:
        return Family.objects.none()
    # Building this queryset costs about a millisecond of ORM work, and one page can ask several times
    # (the family, the time-recording forms, ...): the unevaluated queryset is kept on the user object
    # (one per request, like Django's own permission caches) and each caller gets a fresh copy, so the
    # SQL runs afresh every time and a grant or revocation earlier in the request is always seen.
    cache: dict[str, QuerySet[Family]] | None = getattr(user, "_families_visible_cache", None)
    if cache is None:
        cache = user._families_visible_cache = {}  # type: ignore[attr-defined]
    if perm not in cache:
        cache[perm] = _visible(user, perm)
    return cache[perm].all()


def _visible(user: User, perm: str) -> QuerySet[Family]:
    # The same rows as guardian's get_objects_for_user(user, perm, klass=Family, with_superuser=False,
    # accept_global_perms=False), but as one `id IN (user grants UNION group grants)`: guardian's
    # `id IN (...) OR id IN (...)` makes PostgreSQL scan every family (a team manager's caseload took
    # 50-70 ms at 100,000 families; with the UNION it is an index lookup per visible family).
    content_type = ContentType.objects.get_for_model(Family)
    own = FamilyUserObjectPermission.objects.filter(
        user=user, permission__content_type=content_type, permission__codename=perm
    ).values("content_object_id")
    through_groups = FamilyGroupObjectPermission.objects.filter(
        group_id__in=user.groups.through.objects.filter(user_id=user.pk).values("group_id"),
        permission__content_type=content_type,
        permission__codename=perm,
    ).values("content_object_id")
    return Family.objects.filter(pk__in=own.union(through_groups))


def family_for(user: User, reference: str, perm: str = VIEW) -> Family:
    """The family with this reference if the user holds `perm` on it; otherwise 404 (never 403).

    Every family page asks here, so this is also where the read log learns which family a page shows.
    """
    try:
        family = (
            families_visible_to(user, perm)
            .select_related("team", "lead_practitioner")
            .get(reference=reference)
        )
    except Family.DoesNotExist:
        raise Http404("No family found") from None
    # The read log (families/access_log.py) writes this look once the page has answered 2xx.
    note_family(family)
    return family


def family_perms(user: User, family: Family) -> set[str]:
    """The codenames the user holds on this family: their own grants and their groups' (one query)."""
    if not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:  # guardian's answer for a superuser: every family permission
        return set(ObjectPermissionChecker(user).get_perms(family))
    # What guardian's ObjectPermissionChecker(user).get_perms(family) answers, in one UNION query instead
    # of two (and without its queryset building, which cost more than the SQL).
    own = FamilyUserObjectPermission.objects.filter(user=user, content_object=family).values_list(
        "permission__codename", flat=True
    )
    through_groups = FamilyGroupObjectPermission.objects.filter(
        group_id__in=user.groups.through.objects.filter(user_id=user.pk).values("group_id"),
        content_object=family,
    ).values_list("permission__codename", flat=True)
    return set(own.union(through_groups))


def _grant(family: Family, codenames: tuple[str, ...], *, user: Any = None, group: Any = None) -> None:
    """The rows guardian's `assign_perm` writes, one per permission, in two queries for them all rather
    than three per permission (a caseload import opens tens of thousands of families); a grant already
    held is left as it is (the tables' unique keys)."""
    permissions = Permission.objects.filter(
        content_type=ContentType.objects.get_for_model(Family), codename__in=codenames
    )
    if user is not None:
        FamilyUserObjectPermission.objects.bulk_create(
            [FamilyUserObjectPermission(user=user, permission=p, content_object=family) for p in permissions],
            ignore_conflicts=True,
        )
    else:
        FamilyGroupObjectPermission.objects.bulk_create(
            [
                FamilyGroupObjectPermission(group=group, permission=p, content_object=family)
                for p in permissions
            ],
            ignore_conflicts=True,
        )


def grant_lead_access(family: Family, user: User) -> None:
    _grant(family, FULL_ACCESS if family.is_open else (VIEW,), user=user)


def revoke_lead_access(family: Family, user: User, *, keep_view: bool = False) -> None:
    for perm in FULL_ACCESS:
        if keep_view and perm == VIEW:
            continue
        remove_perm(perm, user, family)


def grant_team_access(family: Family, team: Any) -> None:
    _grant(family, FULL_ACCESS, group=team.managers_group)


def revoke_team_access(family: Family, team: Any) -> None:
    for perm in FULL_ACCESS:
        remove_perm(perm, team.managers_group, family)
