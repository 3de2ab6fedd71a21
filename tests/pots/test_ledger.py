"""The ledger is append-only, everywhere: the ORM, the admin and the database itself."""

from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, transaction

from pots import funding, selectors, services
from pots.models import AVAILABLE_SIGN, COMMITTED_SIGN, SPENT_SIGN, LedgerEntry
from tests.pots import helpers as h


@pytest.fixture
def entry(cast):
    pot = h.pot(cast.manager)
    h.contribute(cast.manager, pot, "250.00")
    return LedgerEntry.objects.get(pot=pot)


def test_an_entry_cannot_be_saved_again(entry):
    entry.amount = Decimal("1000.00")
    with pytest.raises(TypeError, match="immutable"):
        entry.save()
    entry.refresh_from_db()
    assert entry.amount == Decimal("250.00")


def test_an_entry_cannot_be_deleted(entry):
    with pytest.raises(TypeError, match="never deleted"):
        entry.delete()
    assert LedgerEntry.objects.filter(pk=entry.pk).exists()


def test_querysets_cannot_update_or_delete_entries(entry):
    with pytest.raises(TypeError):
        LedgerEntry.objects.filter(pk=entry.pk).update(amount=Decimal("1.00"))
    with pytest.raises(TypeError):
        LedgerEntry.objects.all().delete()
    with pytest.raises(TypeError):
        entry.pot.ledger.all().update(amount=Decimal("1.00"))
    with pytest.raises(TypeError):
        LedgerEntry.objects.bulk_update([entry], ["amount"])
    assert LedgerEntry.objects.get(pk=entry.pk).amount == Decimal("250.00")


def test_the_pot_and_contribution_cannot_be_deleted_from_under_the_ledger(entry):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        entry.contribution.delete()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE pots_ledgerentry SET amount = 1 WHERE id = %s",
        "DELETE FROM pots_ledgerentry WHERE id = %s",
    ],
)
def test_the_database_refuses_raw_updates_and_deletes(entry, sql):
    """Even SQL that goes round Django is refused by a trigger (PostgreSQL and SQLite)."""
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [entry.pk])
    assert LedgerEntry.objects.get(pk=entry.pk).amount == Decimal("250.00")


def test_the_database_refuses_a_zero_or_negative_entry(entry):
    from django.db import IntegrityError

    for amount in ("0", "-5"):
        with pytest.raises(IntegrityError), transaction.atomic():
            LedgerEntry.objects.create(
                pot=entry.pot, contribution=entry.contribution, kind="contribution", amount=Decimal(amount)
            )


def test_the_ledger_is_not_in_the_admin(client, cast, entry):
    """Casework, not configuration (README "Who can do what"): the admin neither shows nor changes it."""
    client.force_login(cast.admin)
    base = "/admin/pots/ledgerentry/"
    for path in (base, f"{base}{entry.pk}/change/", f"{base}{entry.pk}/delete/"):
        assert client.get(path).status_code == 404
        assert client.post(path, {"amount": "1.00", "post": "yes"}).status_code == 404
    assert LedgerEntry.objects.get(pk=entry.pk).amount == Decimal("250.00")


def _signed(entries, signs):
    return sum((e.amount * signs.get(e.kind, 0) for e in entries), Decimal("0"))


def test_the_balance_always_equals_the_sum_of_the_entries(cast):
    pot = h.pot(cast.manager, limit="500.00")
    h.contribute(cast.manager, pot, "400.00")
    contribution = h.contribute(cast.manager, pot, "300.00")
    first = h.ask(cast.lead, cast.family, "120.00")
    second = h.ask(cast.lead, cast.family, "80.00")
    services.help_request_pay(actor=cast.lead, help_request=first, amount="100.00")
    services.help_request_cancel(actor=cast.lead, help_request=second, reason="Not needed")
    services.help_request_refund(actor=cast.lead, help_request=first, amount="25.00", reason="Change")
    funding.contribution_correct(actor=cast.manager, contribution=contribution, amount="10.00", reason="Typo")
    entries = list(LedgerEntry.objects.filter(pot=pot))
    balance = selectors.pot_balance(pot=pot)
    assert balance.available == _signed(entries, AVAILABLE_SIGN) == Decimal("615.00")
    assert balance.committed == _signed(entries, COMMITTED_SIGN) == 0
    assert balance.spent == _signed(entries, SPENT_SIGN) == Decimal("75.00")
    assert balance.available + balance.committed + balance.spent == balance.received == Decimal("690.00")
