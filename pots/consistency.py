"""The pots' invariants for `manage.py check_consistency` (core/consistency.py): the ledger is the only
record of money, so each funder's money and each request's money must add up from it."""

from collections.abc import Iterator
from decimal import Decimal

from core.consistency import register
from pots.models import Contribution, HelpRequest, LedgerEntry
from pots.selectors import BALANCE_AGGREGATES, _balance_from

ZERO = Decimal("0.00")


@register("pots: every contribution's ledger adds up to what the funder paid, and no bucket is below £0")
def contributions_add_up() -> Iterator[str]:
    rows = LedgerEntry.objects.values("contribution_id").annotate(**BALANCE_AGGREGATES).order_by()
    ledgers = {row["contribution_id"]: _balance_from(row) for row in rows}
    for contribution in Contribution.objects.select_related("pot").order_by("pk").iterator():
        balance = ledgers.get(contribution.pk)
        where = f"contribution {contribution.pk} to {contribution.pot}"
        if balance is None:
            yield f"{where}: the ledger has no entry for the £{contribution.amount} the funder paid in"
            continue
        if balance.contributed != contribution.amount:
            yield (
                f"{where}: the ledger says £{balance.contributed} was paid in, "
                f"the contribution says £{contribution.amount}"
            )
        for bucket in ("available", "committed", "spent"):
            if getattr(balance, bucket) < ZERO:
                yield f"{where}: its {bucket} money is £{getattr(balance, bucket)}, below £0"
        total = balance.available + balance.committed + balance.spent
        if total != balance.contributed - balance.corrected:
            yield f"{where}: its buckets add up to £{total}, not £{balance.contributed - balance.corrected}"


@register("pots: no request has more committed or paid from the ledger than it asked for")
def requests_add_up() -> Iterator[str]:
    rows = (
        LedgerEntry.objects.filter(help_request__isnull=False)
        .values("help_request_id")
        .annotate(**BALANCE_AGGREGATES)
        .order_by()
    )
    ledgers = {row["help_request_id"]: _balance_from(row) for row in rows}
    amounts = dict(HelpRequest.objects.filter(pk__in=ledgers).values_list("pk", "amount"))
    for pk, balance in sorted(ledgers.items()):
        held = balance.committed + balance.spent  # what the request holds of the pot now
        if balance.committed < ZERO or balance.spent < ZERO or held > amounts[pk]:
            yield (
                f"request {pk}: the ledger holds £{held} for it (committed £{balance.committed}, "
                f"paid £{balance.spent}) against £{amounts[pk]} asked for"
            )
