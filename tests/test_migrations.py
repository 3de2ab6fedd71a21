"""The migration graph follows the floors, and a database built before the floors moved keeps every row.

ADR 004 explains the layout: `Agency` moved to `partners` and time records to `timesheets` with their
tables, and the apps whose migrations had to change start again from one `0001_floors` migration that
`replaces` their earlier ones.
"""

import json
import os
import subprocess
import sys
import tomllib
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader

ROOT = Path(__file__).resolve().parent.parent
# The last commit of the layout before the floors (agencies held Agency, staff held time records).
OLD_LAYOUT = "bbd730b"


def project_apps() -> list[str]:
    return [app for app in settings.INSTALLED_APPS if (ROOT / app / "apps.py").exists()]


def migration_edges() -> set[tuple[str, str]]:
    """(app, app it depends on) for every migration on disk, between the project's own apps.

    The swappable user model is left out: every app's history rows point at the user who acted, and
    Django draws that arrow from every app to the first staff migration (partners adds those columns
    in a migration of their own, after staff's first, so no migration waits on a later one).
    """
    apps = set(project_apps())
    edges = set()
    for (app, _name), migration in MigrationLoader(None, ignore_no_migrations=True).graph.nodes.items():
        if app not in apps:
            continue
        for dependency in migration.dependencies:
            if getattr(dependency, "setting", None) == settings.AUTH_USER_MODEL:
                continue
            if dependency[0] in apps and dependency[0] != app:
                edges.add((app, dependency[0]))
    return edges


def layer_rank() -> dict[str, int]:
    """Each app's floor, from the import-linter layers contract in pyproject.toml (lowest is 0)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers")
    ranks = {}
    for height, layer in enumerate(reversed(contract["layers"])):
        for app in layer.replace("(", "").replace(")", "").replace("|", " ").split():
            ranks[app] = height
    return ranks


def test_no_two_apps_depend_on_each_other_through_migrations():
    edges = migration_edges()
    mutual = sorted((a, b) for a, b in edges if (b, a) in edges and a < b)
    assert mutual == []


def test_no_cycle_between_apps_in_the_migration_graph():
    edges = migration_edges()
    graph: dict[str, set[str]] = {}
    for app, dependency in edges:
        graph.setdefault(app, set()).add(dependency)
    state: dict[str, str] = {}

    def visit(app: str, path: list[str]) -> None:
        state[app] = "visiting"
        for dependency in sorted(graph.get(app, ())):
            assert state.get(dependency) != "visiting", f"migration cycle: {' -> '.join([*path, dependency])}"
            if dependency not in state:
                visit(dependency, [*path, dependency])
        state[app] = "done"

    for app in sorted(graph):
        if app not in state:
            visit(app, [app])


def test_every_migration_arrow_points_down_the_floors():
    ranks = layer_rank()
    assert set(project_apps()) <= set(ranks), "every app has a floor in the layers contract"
    upward = sorted((a, b) for a, b in migration_edges() if ranks[b] >= ranks[a])
    assert upward == []


# --- Upgrading a database built by the old layout --------------------------------------------------------


def _run(args: list[str], cwd: Path, database_url: str) -> str:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "config.settings.base"}
    env.pop("CELERY_BROKER_URL", None)  # eager: the old code's tasks run in its own process
    result = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


COUNT_ROWS = (
    "import json; from django.db import connection; c = connection.cursor(); "
    "print(json.dumps({t: c.execute(f'SELECT COUNT(*) FROM \"{t}\"').fetchone()[0] "
    "for t in connection.introspection.table_names(c)}))"
)
CONTENT_TYPES = (
    "import json; from django.contrib.contenttypes.models import ContentType; "
    "print(json.dumps(sorted(ContentType.objects.values_list('app_label', 'model'))))"
)


# Models added since the old layout: each brings a new, empty table, and the content type and four
# permissions Django makes for every model. Those are new rows, not rows the move kept or lost.
ADDED_SINCE_OLD_LAYOUT = {
    "core_submissiontoken",
    "staff_usersession",
    "families_recordlook",
    "directory_postcode",
    "directory_servicearea",
    "directory_historicalservicearea",
    "directory_termmapping",
    "directory_historicaltermmapping",
    "directory_costoption",
    "directory_historicalcostoption",
    "directory_directoryfeed",
    "directory_historicaldirectoryfeed",
    *(
        f"family_portal_{model}"
        for model in (
            "memberaccess",
            "historicalmemberaccess",
            "signincode",
            "signinfailure",
            "restriction",
            "historicalrestriction",
            "familymessage",
            "historicalfamilymessage",
            "familynotice",
        )
    ),
    *(
        f"voice_{model}"
        for model in (
            "complaintcategory",
            "historicalcomplaintcategory",
            "complaint",
            "historicalcomplaint",
            "stage",
            "historicalstage",
            "deadline",
            "historicaldeadline",
            "reply",
            "historicalreply",
            "complaintlook",
            "reviewmeeting",
            "historicalreviewmeeting",
            "suggestion",
            "historicalsuggestion",
            "survey",
            "historicalsurvey",
            "surveyinvitation",
            "surveyresponse",
            "change",
            "historicalchange",
            "publicpost",
        )
    ),
    *(
        f"caseload_import_{model}"
        for model in (
            "importmapping",
            "historicalimportmapping",
            "importjob",
            "historicalimportjob",
            "importedrow",
        )
    ),
    "partner_api_apikey",
    "partner_api_historicalapikey",
}
# New tables a data migration fills (voice/migrations/0002_categories.py: seed 004's categories;
# directory/migrations/0007_cost_delivery_languages.py: a free cost option, and its history row, for each
# of the old demo's services whose cost text was empty).
SEEDED_SINCE_OLD_LAYOUT = {
    "voice_complaintcategory": 7,
    "directory_costoption": 26,
    "directory_historicalcostoption": 26,
}


def _json(output: str) -> Any:
    return json.loads(output.strip().splitlines()[-1])


@pytest.fixture
def scratch_database_url(tmp_path: Path):
    """A database of its own (a file on SQLite, a new database on PostgreSQL), dropped afterwards."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'upgrade.sqlite3'}"
        return
    import psycopg

    name = f"poo_upgrade_{uuid.uuid4().hex[:10]}"
    params = connection.settings_dict
    server = f"host={params['HOST'] or '127.0.0.1'} port={params['PORT'] or 5432} user={params['USER']} dbname=postgres"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"postgres://{params['USER']}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/{name}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.slow
def test_a_database_built_by_the_old_layout_migrates_in_place_keeping_every_row(
    tmp_path, scratch_database_url
):
    old = tmp_path / "old"
    old.mkdir()
    archive = subprocess.run(  # noqa: S603
        ["git", "archive", OLD_LAYOUT],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)  # noqa: S603, S607
    _run(["migrate", "--noinput"], old, scratch_database_url)
    _run(["seed_demo", "--families", "8"], old, scratch_database_url)
    before = _json(_run(["shell", "-c", COUNT_ROWS], old, scratch_database_url))

    _run(["migrate", "--noinput"], ROOT, scratch_database_url)
    after = _json(_run(["shell", "-c", COUNT_ROWS], ROOT, scratch_database_url))
    content_types = {
        tuple(ct) for ct in _json(_run(["shell", "-c", CONTENT_TYPES], ROOT, scratch_database_url))
    }

    before.pop("django_migrations")
    after.pop("django_migrations")
    assert {table: after.pop(table) for table in ADDED_SINCE_OLD_LAYOUT} == {
        table: SEEDED_SINCE_OLD_LAYOUT.get(table, 0) for table in ADDED_SINCE_OLD_LAYOUT
    }
    after["django_content_type"] -= len(ADDED_SINCE_OLD_LAYOUT)
    after["auth_permission"] -= 4 * len(ADDED_SINCE_OLD_LAYOUT)
    assert (
        before["agencies_agency"] > 0
        and before["staff_timerecord"] > 0
        and before["agencies_historicalagency"] > 0
    )
    assert after == before  # the same tables, each with the same number of rows, history included
    assert {("partners", "agency"), ("timesheets", "timerecord")} <= content_types
    assert not {("agencies", "agency"), ("staff", "timerecord")} & content_types
    _run(["migrate", "--check"], ROOT, scratch_database_url)  # nothing left to apply
