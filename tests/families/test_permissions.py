"""families.permissions answers exactly what django-guardian would, in fewer queries."""

from io import StringIO

from django.core.management import call_command
from guardian.core import ObjectPermissionChecker

from families import permissions
from families.models import Family
from staff.models import User
from tests import factories


def test_family_perms_matches_guardians_answer_for_every_user_and_family(db):
    call_command("seed_demo", families=30, detailed=6, seed=5, apps="families", stdout=StringIO())
    users = list(User.objects.all())
    families = list(Family.objects.all())
    assert any(permissions.family_perms(u, f) for u in users for f in families)
    for user in users:
        for family in families:
            expected = set(ObjectPermissionChecker(user).get_perms(family))
            assert permissions.family_perms(user, family) == expected, (user.username, family.reference)


def test_family_perms_asks_one_query(cast, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert permissions.family_perms(cast.manager, cast.family) == set(permissions.FULL_ACCESS)


def test_a_grant_made_after_a_first_look_is_seen_on_the_next_look(cast):
    """The visible-families queryset is built once per user object; its SQL still runs every time."""
    family = factories.family(lead_practitioner=cast.lead, name="Nowak family")
    assert list(permissions.families_visible_to(cast.colleague)) == []
    permissions.grant_lead_access(family, cast.colleague)
    assert list(permissions.families_visible_to(cast.colleague)) == [family]
    permissions.revoke_lead_access(family, cast.colleague)
    assert list(permissions.families_visible_to(cast.colleague)) == []
    cast.colleague.is_active = False
    permissions.grant_lead_access(family, cast.colleague)
    assert list(permissions.families_visible_to(cast.colleague)) == []
