"""Reads for the pots app. Every balance is a sum over the ledger; nothing is cached."""

import datetime
import math
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Case, Count, DecimalField, F, IntegerField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce

from assessments.models import Domain
from pots.models import (
    AVAILABLE_SIGN,
    CATEGORY_LABELS,
    COMMITTED_SIGN,
    PENNY,
    SPENT_SIGN,
    Category,
    Contribution,
    HelpRequest,
    LedgerEntry,
    Pot,
)

ZERO = Decimal("0.00")
# Requests whose money is committed or spent (what "requests" counts in a breakdown).
MONEY_STATUSES = ("approved", "paid")
MONEY: Any = DecimalField(max_digits=14, decimal_places=2)


def _signed_sum(signs: dict[str, int], prefix: str = "") -> Coalesce:
    """SUM(amount * sign(kind)) in the database: one pass over the pot's index, no rows to Python."""
    whens = [
        When(**{f"{prefix}kind": kind}, then=F(f"{prefix}amount") * Value(sign))
        for kind, sign in signs.items()
    ]
    return Coalesce(Sum(Case(*whens, default=Value(0), output_field=MONEY)), Value(ZERO), output_field=MONEY)


BUCKETS = {"available": AVAILABLE_SIGN, "committed": COMMITTED_SIGN, "spent": SPENT_SIGN}


def _kind_total(kind: str) -> Coalesce:
    return Coalesce(Sum("amount", filter=Q(kind=kind)), Value(ZERO), output_field=MONEY)


@dataclass(frozen=True)
class Balance:
    contributed: Decimal = ZERO
    corrected: Decimal = ZERO
    available: Decimal = ZERO
    committed: Decimal = ZERO
    spent: Decimal = ZERO

    @property
    def received(self) -> Decimal:
        """Money paid in, less corrections: always available + committed + spent."""
        return self.contributed - self.corrected


def _pennies(value: Any) -> Decimal:
    # SQLite hands back sums as long decimals ("39.6700000000000"); the value is exact, the shape is not.
    return Decimal(value).quantize(PENNY)


def _balance_from(row: dict[str, Any]) -> Balance:
    return Balance(
        **{
            name: _pennies(row[name])
            for name in ("contributed", "corrected", "available", "committed", "spent")
        }
    )


BALANCE_AGGREGATES = {
    "contributed": _kind_total("contribution"),
    "corrected": _kind_total("correction"),
    **{name: _signed_sum(signs) for name, signs in BUCKETS.items()},
}


def pot_balance(*, pot: Pot) -> Balance:
    return _balance_from(LedgerEntry.objects.filter(pot=pot).aggregate(**BALANCE_AGGREGATES))


def contribution_balances(*, pot: Pot) -> dict[int, Balance]:
    """Each contribution's own buckets: what is left of each funder's money, and where the rest went."""
    rows = LedgerEntry.objects.filter(pot=pot).values("contribution_id").annotate(**BALANCE_AGGREGATES)
    return {row["contribution_id"]: _balance_from(row) for row in rows.order_by()}


def family_usage(*, pot: Pot, family_id: int) -> Decimal:
    """Money committed to or spent on the family from this pot (what counts against its cap)."""
    usage = LedgerEntry.objects.filter(pot=pot, help_request__family_id=family_id).aggregate(
        used=_signed_sum({"commitment": 1, "release": -1, "refund": -1})
    )["used"]
    return _pennies(usage)


def family_pending(*, pot: Pot, family_id: int) -> Decimal:
    total = HelpRequest.objects.filter(
        pot=pot, family_id=family_id, status=HelpRequest.Status.PENDING
    ).aggregate(total=Coalesce(Sum("amount"), Value(ZERO), output_field=MONEY))["total"]
    return _pennies(total)


def request_money(*, help_request: HelpRequest) -> Balance:
    """The request's own buckets: committed now, paid (net of refunds)."""
    row = LedgerEntry.objects.filter(help_request=help_request).aggregate(**BALANCE_AGGREGATES)
    return _balance_from(row)


def request_allocations(*, help_request: HelpRequest) -> list[dict[str, Any]]:
    """Per contribution: how much of this request it funds (committed + spent)."""
    rows = (
        LedgerEntry.objects.filter(help_request=help_request)
        .values("contribution_id", "contribution__funder__name", "contribution__received_on")
        .annotate(committed=_signed_sum(COMMITTED_SIGN), spent=_signed_sum(SPENT_SIGN))
        .order_by("contribution__received_on", "contribution_id")
    )
    return [
        {
            "contribution_id": r["contribution_id"],
            "funder": r["contribution__funder__name"],
            "received_on": r["contribution__received_on"],
            "committed": _pennies(r["committed"]),
            "spent": _pennies(r["spent"]),
            "total": _pennies(r["committed"]) + _pennies(r["spent"]),
        }
        for r in rows
    ]


def pots_for_team(*, team_id: int | None) -> QuerySet[Pot]:
    if team_id is None:
        return Pot.objects.none()
    return Pot.objects.filter(team_id=team_id).select_related("team")


def pot_current(*, team_id: int, on: datetime.date) -> Pot | None:
    return (
        Pot.objects.filter(team_id=team_id, starts_on__lte=on, ends_on__gte=on).order_by("-starts_on").first()
    )


def pot_contributions(*, pot: Pot) -> list[Contribution]:
    return list(pot.contributions.select_related("funder").order_by("received_on", "pk"))


def spending_breakdown(
    *, pot: Pot, funder_id: int | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Committed and spent money by category and by outcome area of the goal each request served (optionally
    only one funder's money), from one grouped query over the ledger."""
    qs = LedgerEntry.objects.filter(pot=pot, help_request__isnull=False)
    if funder_id is not None:
        qs = qs.filter(contribution__funder_id=funder_id)
    # Grouped by ids, not names, and without COUNT(DISTINCT): a hash aggregate, no sort of every entry.
    rows = (
        qs.values("help_request__category", "help_request__goal__domain_id")
        .annotate(committed=_signed_sum(COMMITTED_SIGN), spent=_signed_sum(SPENT_SIGN))
        .order_by()
    )
    requests = HelpRequest.objects.filter(pot=pot, status__in=MONEY_STATUSES)
    if funder_id is not None:
        requests = requests.filter(ledger__contribution__funder_id=funder_id)
    counts = dict(
        requests.values("category")
        .annotate(n=Count("pk", distinct=funder_id is not None))
        .values_list("category", "n")
        .order_by()
    )
    domain_names = dict(Domain.objects.values_list("pk", "name"))
    categories: dict[str, dict[str, Any]] = {}
    domains: dict[str, dict[str, Any]] = {}
    for r in rows:
        committed, spent = _pennies(r["committed"]), _pennies(r["spent"])
        if not committed and not spent:
            continue
        category = r["help_request__category"]
        c = categories.setdefault(
            category,
            {
                "category": category,
                "label": CATEGORY_LABELS.get(category, category),
                "committed": ZERO,
                "spent": ZERO,
                "requests": counts.get(category, 0),
            },
        )
        c["committed"] += committed
        c["spent"] += spent
        name = domain_names.get(r["help_request__goal__domain_id"], "–")
        d = domains.setdefault(name, {"domain": name, "committed": ZERO, "spent": ZERO})
        d["committed"] += committed
        d["spent"] += spent
    order = {c: i for i, (c, _label) in enumerate(Category.choices)}
    return (
        sorted(categories.values(), key=lambda c: order.get(c["category"], 99)),
        sorted(domains.values(), key=lambda d: d["domain"]),
    )


def by_category(*, pot: Pot, funder_id: int | None = None) -> list[dict[str, Any]]:
    return spending_breakdown(pot=pot, funder_id=funder_id)[0]


def by_domain(*, pot: Pot, funder_id: int | None = None) -> list[dict[str, Any]]:
    return spending_breakdown(pot=pot, funder_id=funder_id)[1]


def total_of(balances: Any) -> Balance:
    total = Balance()
    for b in balances:
        total = Balance(
            contributed=total.contributed + b.contributed,
            corrected=total.corrected + b.corrected,
            available=total.available + b.available,
            committed=total.committed + b.committed,
            spent=total.spent + b.spent,
        )
    return total


@dataclass
class FunderRow:
    funder_id: int
    funder: str
    balance: Balance
    contributions: list[Contribution] = field(default_factory=list)
    shown: list[Contribution] = field(default_factory=list)


def by_funder(*, pot: Pot) -> list[FunderRow]:
    balances = contribution_balances(pot=pot)
    rows: dict[int, FunderRow] = {}
    for contribution in pot_contributions(pot=pot):
        b = balances.get(contribution.pk, Balance())
        row = rows.setdefault(
            contribution.funder_id, FunderRow(contribution.funder_id, contribution.funder.name, Balance())
        )
        row.contributions.append(contribution)
        row.balance = Balance(
            contributed=row.balance.contributed + b.contributed,
            corrected=row.balance.corrected + b.corrected,
            available=row.balance.available + b.available,
            committed=row.balance.committed + b.committed,
            spent=row.balance.spent + b.spent,
        )
    return sorted(rows.values(), key=lambda r: r.funder)


def family_requests(*, family_id: int) -> QuerySet[HelpRequest]:
    return HelpRequest.objects.filter(family_id=family_id).select_related("pot", "requested_by", "decided_by")


def pending_for_team(*, team_id: int | None) -> QuerySet[HelpRequest]:
    if team_id is None:
        return HelpRequest.objects.none()
    return (
        HelpRequest.objects.filter(pot__team_id=team_id, status=HelpRequest.Status.PENDING)
        .select_related("pot", "family", "requested_by")
        .order_by("requested_at", "pk")
    )


def pot_requests(*, pot: Pot) -> QuerySet[HelpRequest]:
    return pot.requests.select_related("family", "requested_by")


def _percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile: an observed value, so "90% were decided within X" is literally true."""
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class ApprovalTimes:
    team: str
    month: datetime.date
    approved: int
    auto_approved: int
    median_seconds: float
    p90_seconds: float


def approval_times(*, team_ids: list[int], since: datetime.datetime | None = None) -> list[ApprovalTimes]:
    """Time from request to approval, median and 90th percentile, per team and calendar month."""
    qs = HelpRequest.objects.filter(pot__team_id__in=team_ids, decided_at__isnull=False).exclude(
        status=HelpRequest.Status.REFUSED
    )
    if since is not None:
        qs = qs.filter(requested_at__gte=since)
    groups: dict[tuple[str, datetime.date], list[tuple[float, bool]]] = defaultdict(list)
    for team, requested_at, decided_at, auto in qs.values_list(
        "pot__team__name", "requested_at", "decided_at", "auto_approved"
    ).order_by():
        if decided_at is None:
            continue
        month = requested_at.date().replace(day=1)
        groups[(team, month)].append(((decided_at - requested_at).total_seconds(), auto))
    result = []
    for (team, month), items in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1]), reverse=False):
        seconds = [s for s, _auto in items]
        result.append(
            ApprovalTimes(
                team=team,
                month=month,
                approved=len(items),
                auto_approved=sum(1 for _s, auto in items if auto),
                median_seconds=statistics.median(seconds),
                p90_seconds=_percentile(seconds, 90),
            )
        )
    return result


def status_counts(*, pot: Pot) -> dict[str, int]:
    rows = pot.requests.values("status").annotate(n=Count("pk", output_field=IntegerField())).order_by()
    return {r["status"]: r["n"] for r in rows}


@dataclass
class Statement:
    """What one funder's money in one pot did: totals, by category, by outcome area. No personal data."""

    pot: Pot
    funder: Any
    balance: Balance
    contributions: list[dict[str, Any]]
    categories: list[dict[str, Any]]
    domains: list[dict[str, Any]]
    families_helped: int
    generated_on: datetime.date


def funder_statement(*, pot: Pot, funder: Any, on: datetime.date) -> Statement:
    contributions = [c for c in pot_contributions(pot=pot) if c.funder_id == funder.pk]
    balances = contribution_balances(pot=pot)
    total = Balance()
    rows = []
    for c in contributions:
        b = balances.get(c.pk, Balance())
        total = Balance(
            contributed=total.contributed + b.contributed,
            corrected=total.corrected + b.corrected,
            available=total.available + b.available,
            committed=total.committed + b.committed,
            spent=total.spent + b.spent,
        )
        rows.append({"contribution": c, "balance": b})
    categories, domains = spending_breakdown(pot=pot, funder_id=funder.pk)
    families = (
        LedgerEntry.objects.filter(pot=pot, contribution__funder=funder, kind=LedgerEntry.Kind.PAYMENT)
        .values("help_request__family_id")
        .distinct()
        .count()
    )
    return Statement(
        pot=pot,
        funder=funder,
        balance=total,
        contributions=rows,
        categories=categories,
        domains=domains,
        families_helped=families,
        generated_on=on,
    )


def funders_of(*, agency_id: int | None) -> QuerySet[Pot]:
    """Pots an agency has paid into (what a funder's own workers may see statements for)."""
    if agency_id is None:
        return Pot.objects.none()
    return Pot.objects.filter(contributions__funder_id=agency_id).distinct().select_related("team")


def pot_history(*, pot: Pot) -> list[Any]:
    from core.history import history_entries, history_records

    return history_entries(
        [
            (str(Pot._meta.verbose_name).capitalize(), history_records(Pot).filter(id=pot.pk)),
            (
                lambda r: f"{str(Contribution._meta.verbose_name).capitalize()} ({r.amount})",
                history_records(Contribution).filter(pot_id=pot.pk),
            ),
            (
                lambda r: f"{str(HelpRequest._meta.verbose_name).capitalize()} #{r.id}",
                history_records(HelpRequest).filter(pot_id=pot.pk),
            ),
        ]
    )


def request_history(*, help_request: HelpRequest) -> list[Any]:
    from core.history import history_entries, history_records

    return history_entries(
        [
            (
                str(HelpRequest._meta.verbose_name).capitalize(),
                history_records(HelpRequest).filter(id=help_request.pk),
            )
        ]
    )
