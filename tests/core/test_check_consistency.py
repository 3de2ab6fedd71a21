"""`manage.py check_consistency`: silent on a caseload made through the services, and it names each
broken invariant when the database has been changed behind the app's back (as a bad restore, a hand-run
SQL fix or a disabled trigger would)."""

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from agencies.models import OutboxMessage
from core.calendar import today
from families.models import CaseNote
from families.permissions import revoke_lead_access
from pots.models import LedgerEntry
from tests.agencies.conftest import consent_all, make_agency, send
from tests.pots import helpers as pots

pytestmark = pytest.mark.django_db


@pytest.fixture
def caseload(cast: Any, django_capture_on_commit_callbacks: Any) -> Any:
    """A family with a referral to two agencies and a paid-for help request from a funded pot."""
    agencies = [make_agency("Norwich Housing"), make_agency("Home-Start Norfolk")]
    for agency in agencies:
        consent_all(cast, agency)
    with django_capture_on_commit_callbacks(execute=True):
        send(cast, agencies)
        the_pot = pots.pot(cast.manager)
        pots.contribute(cast.manager, the_pot, "500.00")
        pots.ask(cast.lead, cast.family, "40.00")  # under the limit: approved and committed at once
    return cast


def _run() -> tuple[str, str | None]:
    out = StringIO()
    try:
        call_command("check_consistency", stdout=out)
    except CommandError as failed:
        return out.getvalue(), str(failed)
    return out.getvalue(), None


def test_a_caseload_made_through_the_services_passes_every_check(caseload: Any) -> None:
    out, failed = _run()
    assert failed is None
    assert "Every check passed." in out
    assert out.count("ok    ") == 5


def _without_ledger_trigger(sql: str, params: list[Any]) -> None:
    """Change a ledger row as someone with the database's owner password could: trigger off, SQL, on."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Django's foreign keys are checked at commit; ALTER TABLE needs those checks done first.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE pots_ledgerentry DISABLE TRIGGER pots_ledger_append_only")
            cursor.execute(sql, params)
            cursor.execute("ALTER TABLE pots_ledgerentry ENABLE TRIGGER pots_ledger_append_only")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            cursor.execute("DROP TRIGGER pots_ledger_no_update")
            cursor.execute(sql, params)


def test_a_ledger_row_altered_behind_the_apps_back_is_named(caseload: Any) -> None:
    paid_in = LedgerEntry.objects.get(kind=LedgerEntry.Kind.CONTRIBUTION)
    _without_ledger_trigger("UPDATE pots_ledgerentry SET amount = 5 WHERE id = %s", [paid_in.pk])
    out, failed = _run()
    assert failed == "2 problem(s) found"
    assert f"contribution {paid_in.contribution_id}" in out
    assert "the ledger says £5.00 was paid in, the contribution says £500.00" in out
    assert "below £0" in out  # the £40 committed is now more than the £5 in


def test_a_commitment_larger_than_its_request_is_named(caseload: Any) -> None:
    commitment = LedgerEntry.objects.get(kind=LedgerEntry.Kind.COMMITMENT)
    _without_ledger_trigger("UPDATE pots_ledgerentry SET amount = 90 WHERE id = %s", [commitment.pk])
    out, failed = _run()
    assert failed == "1 problem(s) found"
    assert f"request {commitment.help_request_id}: the ledger holds £90.00" in out
    assert "against £40.00 asked for" in out


def test_an_open_family_whose_lead_lost_access_is_named(caseload: Any) -> None:
    revoke_lead_access(caseload.family, caseload.lead)
    out, failed = _run()
    assert failed == "1 problem(s) found"
    assert f"may not change them: {caseload.family.reference}" in out


def test_a_referral_whose_alert_vanished_is_named(caseload: Any) -> None:
    alert = (
        OutboxMessage.objects.filter(kind=OutboxMessage.Kind.ALERT).select_related("response__agency").first()
    )
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM agencies_outboxmessage WHERE id = %s", [alert.pk])
    out, failed = _run()
    assert failed == "1 problem(s) found"
    assert f"to {alert.response.agency}: no alert was ever written to the outbox" in out


def _note(caseload: Any) -> CaseNote:
    return CaseNote.objects.create(
        family=caseload.family, occurred_on=today(), text="Visited; calmer mornings.", author=caseload.lead
    )


def test_a_record_deleted_by_sql_leaves_history_the_check_names(caseload: Any) -> None:
    note = _note(caseload)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM families_casenote WHERE id = %s", [note.pk])
    out, failed = _run()
    assert failed == "1 problem(s) found"
    assert f"families.CaseNote: history rows for id {note.pk} have no record and no deletion" in out


def test_a_record_deleted_through_the_app_keeps_its_history_and_passes(caseload: Any) -> None:
    note = _note(caseload)
    note.delete()
    assert _run()[1] is None
