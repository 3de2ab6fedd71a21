from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from core import demo as core_demo
from core.postcodes import POSTCODE_RE
from families import permissions
from families.demo import DEMO_PASSWORD, NAMED_LOGINS
from families.models import (
    Family,
    FamilyEvent,
    FamilyGroupObjectPermission,
    FamilyUserObjectPermission,
    Person,
)
from staff.models import User


def seed(**options: Any) -> str:
    out = StringIO()
    options.setdefault("families", 30)
    options.setdefault("seed", 7)
    options.setdefault("detailed", 10)
    options.setdefault("apps", "families")
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def snapshot() -> list[tuple[Any, ...]]:
    return [
        (
            f.reference,
            f.name,
            f.postcode,
            f.status,
            f.lead_practitioner.username,
            tuple(
                (p.first_name, p.household_role, p.date_of_birth, p.preferred_language)
                for p in f.members.order_by("pk")
            ),
        )
        for f in Family.objects.select_related("lead_practitioner").order_by("reference")
    ]


def test_it_makes_the_same_data_for_the_same_seed(db):
    with transaction.atomic():
        seed()
        first = snapshot()
        transaction.set_rollback(True)
    assert not Family.objects.exists()
    seed()
    assert snapshot() == first
    assert len(first) == 30


def test_a_different_seed_makes_different_families(db):
    with transaction.atomic():
        seed(seed=1)
        first = snapshot()
        transaction.set_rollback(True)
    seed(seed=2)
    assert {row[0] for row in snapshot()} != {row[0] for row in first}


def test_families_look_real_and_every_row_has_history_with_its_actor(db):
    output = seed(families=40, detailed=10)
    assert Family.objects.count() == 40
    assert "families: done in" in output
    for family in Family.objects.all():
        assert POSTCODE_RE.match(family.postcode), family.postcode
        assert (
            family.search_text
            == " ".join([family.name, family.reference, family.postcode.replace(" ", "")]).lower()
        )
        assert 1 <= family.members.count() <= 6
    for model in (Family, Person, FamilyEvent):
        objects = model.objects.count()
        assert objects
        created = model.history.filter(history_type="+")
        assert created.count() == objects
        assert not created.filter(history_user__isnull=True).exists(), model
    # The bulk families' history names their lead practitioner as the one who opened them.
    bulk = Family.objects.order_by("-pk").first()
    assert Family.history.get(id=bulk.pk).history_user == bulk.lead_practitioner
    languages = set(Person.objects.values_list("preferred_language", flat=True))
    assert "English" in languages and len(languages) > 1


def test_the_lead_sees_their_full_caseload_and_the_manager_their_team(db):
    seed(families=60, detailed=25)
    lead = User.objects.get(username="lead")
    manager = User.objects.get(username="manager")
    colleague = User.objects.get(username="colleague")
    own = Family.objects.filter(lead_practitioner=lead)
    assert 20 <= own.count() <= 25
    assert own.filter(status="open").count() == own.count()
    assert set(permissions.families_visible_to(lead)) == set(own)
    assert set(permissions.families_visible_to(manager)) == set(Family.objects.filter(team=lead.team))
    assert not set(permissions.families_visible_to(colleague)) & set(own)
    agency = User.objects.get(username="agency")
    assert not permissions.families_visible_to(agency).exists()


def test_bulk_permission_rows_match_what_the_services_grant(db):
    seed(families=50, detailed=5)
    bulk_families = Family.objects.order_by("pk")[5:]
    for family in bulk_families:
        lead_perms = set(
            FamilyUserObjectPermission.objects.filter(content_object=family).values_list(
                "permission__codename", flat=True
            )
        )
        expected = set(permissions.FULL_ACCESS) if family.is_open else {permissions.VIEW}
        assert lead_perms == expected
        group_perms = set(
            FamilyGroupObjectPermission.objects.filter(
                content_object=family, group=family.team.managers_group
            ).values_list("permission__codename", flat=True)
        )
        assert group_perms == set(permissions.FULL_ACCESS)
        assert permissions.family_perms(family.lead_practitioner, family) == expected


def test_if_empty_leaves_an_existing_database_alone(db):
    seed()
    before = snapshot()
    output = seed(if_empty=True, seed=99)
    assert "already has 30 families" in output
    assert snapshot() == before


def test_without_if_empty_it_refuses_a_database_with_families(db):
    seed()
    with pytest.raises(CommandError, match="already has 30 families"):
        seed()


@override_settings(IS_PRODUCTION=True)
def test_it_refuses_to_make_known_passwords_in_production(db):
    with pytest.raises(CommandError, match="production"):
        seed()
    with pytest.raises(CommandError, match="production"):
        call_command("demo_logins", stdout=StringIO())
    assert not User.objects.exists()


def test_every_printed_login_signs_in_through_the_form(client, db):
    seed(families=30, detailed=30)
    out = StringIO()
    call_command("demo_logins", stdout=out)
    printed = out.getvalue()
    assert "http://127.0.0.1:8000/sign-in/" in printed
    assert DEMO_PASSWORD in printed
    for login in NAMED_LOGINS:
        assert login.username in printed
        client.logout()
        response = client.post(reverse("login"), {"username": login.username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, login.username
        assert client.get(reverse("home"), follow=True).status_code == 200
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="agency").agency is not None
    client.logout()
    client.post(reverse("login"), {"username": "lead", "password": DEMO_PASSWORD})
    assert client.get(reverse("families:caseload")).status_code == 200


def test_an_app_without_a_demo_module_is_skipped(db, monkeypatch):
    monkeypatch.setattr(core_demo, "DEMO_APPS", ["families", "tests.demo.no_demo_app"])
    output = seed(apps="")
    assert "tests.demo.no_demo_app: no demo module, skipped" in output


def test_a_failing_app_seeder_stops_everything_and_is_named(db, monkeypatch):
    monkeypatch.setattr(core_demo, "DEMO_APPS", ["families", "tests.demo.broken_app"])
    err = StringIO()
    with pytest.raises(RuntimeError, match="boom") as excinfo:
        call_command("seed_demo", families=5, stdout=StringIO(), stderr=err)
    assert "tests.demo.broken_app" in err.getvalue()
    assert any("tests.demo.broken_app" in note for note in excinfo.value.__notes__)
    assert not Family.objects.exists()  # rolled back


def test_every_demo_app_seeds_a_small_dataset(db):
    """The `make demo` flow: all of DEMO_APPS on a small dataset."""
    output = seed(families=12, detailed=12, apps="")
    assert "Seeded 12 families" in output
    assert "Per app:" in output


def test_the_demo_agency_login_manages_its_agency_and_makes_its_api_keys(client, db):
    seed(families=20, detailed=10, apps="families,plans,agencies")
    agency = User.objects.get(username="agency")
    assert agency.agency.manager_email == agency.email
    client.post(reverse("login"), {"username": "agency", "password": DEMO_PASSWORD})
    assert client.get("/agencies/portal/api-keys/").status_code == 200
