import contextlib
import functools
import importlib
from dataclasses import dataclass
from typing import Any

import pytest

from tests import factories


@dataclass
class Cast:
    """The standing people of the access matrix, around one family led by `lead`."""

    team: Any
    other_team: Any
    lead: Any
    colleague: Any
    manager: Any
    other_manager: Any
    agency_worker: Any
    admin: Any
    family: Any

    # Made on first use, so tests that never meet a family member count the same people as before.
    @functools.cached_property
    def family_member(self) -> Any:
        """The user of Sam, the first member of `family`, with open access to the family's own pages (the
        access a row made for Sam already, or a new one)."""
        from family_portal.models import MemberAccess

        sam = self.family.members.order_by("pk").first()
        access = MemberAccess.objects.filter(person=sam).first() or factories.family_member(person=sam)
        return access.user

    @functools.cached_property
    def complaints_manager(self) -> Any:
        """Carla, who handles complaints, suggestions and surveys and holds no family (issue 12)."""
        return factories.complaints_manager(first_name="Carla", last_name="Complaints")

    @functools.cached_property
    def complaint(self) -> Any:
        """A complaint about `lead` and `team`, made by Sam, at stage 1 with `other_manager` responsible:
        the lead, the colleague and the manager must never see it."""
        return factories.complaint(
            family=self.family,
            about_worker=self.lead,
            responsible=self.other_manager,
            name="Sam Taylor",
        )

    @functools.cached_property
    def other_family_member(self) -> Any:
        """The same, of another family (led by another team)."""
        other_family = factories.family(
            lead_practitioner=factories.lead(self.other_team), name="Other family"
        )
        parent = factories.person(family=other_family, first_name="Olu", last_name="Other")
        return factories.family_member(person=parent).user


@pytest.fixture
def cast(db: Any) -> Cast:
    team = factories.team("Norwich North")
    other_team = factories.team("Great Yarmouth")
    lead = factories.lead(team, first_name="Lena", last_name="Lead")
    colleague = factories.lead(team, first_name="Colin", last_name="Colleague")
    manager = factories.manager(team, first_name="Maya", last_name="Manager")
    other_manager = factories.manager(other_team, first_name="Otto", last_name="Other")
    agency_worker = factories.agency_worker(first_name="Ada", last_name="Agency")
    admin = factories.user(role="administrator", is_superuser=True, first_name="Ann", last_name="Admin")
    family = factories.family(lead_practitioner=lead, name="Taylor family")
    factories.person(family=family, first_name="Sam", last_name="Taylor")
    return Cast(team, other_team, lead, colleague, manager, other_manager, agency_worker, admin, family)


# A real Celery worker for tests marked `integration` (see tests/integration_support.py).
from tests.integration_support import live_worker  # noqa: E402, F401

# Rows the data migrations write (the default assessment framework, the directory's needs, the time
# categories). A transactional test (live server, real worker, threads) ends with a flush that empties
# every table, these included; later tests must still see the database `migrate` makes.
REFERENCE_DATA = [
    ("assessments.migrations.0002_default_framework", "create"),
    ("directory.migrations.0002_needs_taxonomy", "seed_needs"),
    ("directory.migrations.0003_needs_from_assessment_domains", "sync"),
    ("timesheets.migrations.0002_time_categories", "seed"),
    ("voice.migrations.0002_categories", "seed"),
]


@pytest.fixture(autouse=True)
def _reference_data(request: Any) -> None:
    names = set(request.fixturenames)
    if not names & {"db", "transactional_db"}:
        return
    request.getfixturevalue("transactional_db" if "transactional_db" in names else "db")
    from django.apps import apps

    from assessments.models import Framework

    if Framework.objects.exists():
        return
    for module, function in REFERENCE_DATA:
        getattr(importlib.import_module(module), function)(apps, None)


@contextlib.contextmanager
def _ledger_emptied_for_the_flush(alias: str) -> Any:
    """The pot's ledger refuses DELETE (pots migration 0002); on SQLite the flush that ends a live-server
    test deletes, so the trigger steps aside for the flush alone and is put back straight after."""
    from django.db import connections

    connection = connections[alias]
    if connection.vendor != "sqlite":
        yield
        return
    ledger = importlib.import_module("pots.migrations.0002_ledger_append_only")
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER IF EXISTS pots_ledger_no_delete")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER IF EXISTS pots_ledger_no_delete")
            cursor.execute(next(sql for sql in ledger.SQLITE_CREATE if "no_delete" in sql))


def _flush_through_the_read_log_gate() -> None:
    """A transactional test ends with `flush`, which on SQLite is DELETE (PostgreSQL's TRUNCATE passes the
    triggers): let it through the read log's purge gate, as the retention purge goes, and nothing else."""
    from django.core.management.commands import flush

    from families import access_log

    handle = flush.Command.handle

    def handle_through_gate(self: Any, *args: Any, **options: Any) -> Any:
        token = access_log._sqlite_gate.set("9999-12-31")
        try:
            with _ledger_emptied_for_the_flush(options.get("database", "default")):
                return handle(self, *args, **options)
        finally:
            access_log._sqlite_gate.reset(token)

    flush.Command.handle = handle_through_gate  # type: ignore[method-assign]


_flush_through_the_read_log_gate()
