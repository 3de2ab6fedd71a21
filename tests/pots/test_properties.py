"""Property-based: whatever people do, in whatever order, the pot never goes below zero, never loses a
penny, and every penny committed or spent is attributed to a funder's contribution."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from pots import funding, selectors, services
from pots.models import Category, HelpRequest, LedgerEntry
from tests import factories
from tests.pots import helpers as h

pennies = st.integers(min_value=1, max_value=60_000).map(lambda p: Decimal(p) / 100)
small_pennies = st.integers(min_value=1, max_value=30_000).map(lambda p: Decimal(p) / 100)
categories = st.sampled_from([Category.CHILDCARE, Category.TRANSPORT, Category.DEBT])
operations = st.lists(
    st.one_of(
        st.tuples(
            st.just("contribute"), pennies, st.sampled_from([[], [Category.CHILDCARE], [Category.DEBT]])
        ),
        st.tuples(st.just("ask"), small_pennies, categories, st.integers(0, 2)),
        st.tuples(st.just("approve"), st.integers(0, 30)),
        st.tuples(st.just("refuse"), st.integers(0, 30)),
        st.tuples(st.just("cancel"), st.integers(0, 30)),
        st.tuples(st.just("pay"), st.integers(0, 30), st.booleans()),
        st.tuples(st.just("refund"), st.integers(0, 30), st.booleans()),
        st.tuples(st.just("correct"), st.integers(0, 10), pennies),
    ),
    min_size=10,
    max_size=25,
)


@pytest.fixture
def world(cast):
    families = [cast.family, *(factories.family(lead_practitioner=cast.lead) for _ in range(2))]
    goals = {f.pk: h.goal(f) for f in families}
    funders = [factories.agency(f"Funder {i}") for i in range(3)]
    return {"cast": cast, "families": families, "goals": goals, "funders": funders, "n": 0}


def _pick(items: list[Any], index: int) -> Any:
    return items[index % len(items)] if items else None


def _check_invariants(pot: Any) -> None:
    balance = selectors.pot_balance(pot=pot)
    assert balance.available >= 0
    assert balance.committed >= 0
    assert balance.spent >= 0
    # Not a penny lost or made: what came in (less corrections) is exactly what is available,
    # committed or spent.
    assert balance.available + balance.committed + balance.spent == balance.received
    per_contribution = selectors.contribution_balances(pot=pot)
    for b in per_contribution.values():
        assert b.available >= 0 and b.committed >= 0 and b.spent >= 0
    # Every penny of every request is attributed to contributions, and the parts add up to the whole.
    for help_request in pot.requests.all():
        money = selectors.request_money(help_request=help_request)
        allocations = selectors.request_allocations(help_request=help_request)
        assert sum(a["committed"] for a in allocations) == money.committed
        assert sum(a["spent"] for a in allocations) == money.spent
        assert all(a["funder"] for a in allocations)
        if help_request.status == HelpRequest.Status.APPROVED:
            assert money.committed == help_request.amount
        if help_request.status in (HelpRequest.Status.PENDING, HelpRequest.Status.REFUSED):
            assert money.committed == money.spent == 0
        if help_request.status in (HelpRequest.Status.CANCELLED, HelpRequest.Status.REFUNDED):
            assert money.committed == money.spent == 0
        # Restricted money only ever paid for its own categories.
        for entry in help_request.ledger.select_related("contribution"):
            assert entry.contribution.may_fund(help_request.category)
    assert sum((b.available for b in per_contribution.values()), Decimal(0)) == balance.available
    # The family cap held.
    for family_id in set(pot.requests.values_list("family_id", flat=True)):
        assert selectors.family_usage(pot=pot, family_id=family_id) <= pot.family_cap


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=operations, initial=st.integers(0, 150_000).map(lambda p: Decimal(p) / 100))
def test_no_sequence_of_actions_overspends_loses_a_penny_or_leaves_money_unattributed(world, ops, initial):
    cast = world["cast"]
    world["n"] += 1
    # A fresh pot per example (a new period for the same team), so examples do not share money.
    start = datetime.date(2000, 4, 1) + datetime.timedelta(days=400 * world["n"])
    pot = h.pot(cast.manager, limit="200.00", cap="700.00", starts_on=start, name=f"Pot {world['n']}")
    pot.starts_on, pot.ends_on = start, start + datetime.timedelta(days=364)
    requests: list[HelpRequest] = []
    contributions: list[Any] = []
    # Most examples start with some money in, so the interesting paths (approve, pay, refund) are reached.
    if initial:
        contributions.append(
            funding.contribution_add(
                actor=cast.manager,
                pot=pot,
                funder=world["funders"][0],
                amount=initial,
                received_on=datetime.date(2000, 1, 1),
            )
        )
    for op in ops:
        kind = op[0]
        if kind != "contribute" and not (requests if kind not in ("ask", "correct") else True):
            continue
        if kind == "correct" and not contributions:
            continue
        try:
            _apply(op, world, pot, start, requests, contributions)
            event(f"{kind}: done")
        except ValidationError as exc:
            # Refusals are fine; they must say why.
            assert exc.messages and all(m.strip() for m in exc.messages)
            event(f"{kind}: refused")
        _check_invariants(pot)
    assert LedgerEntry.objects.filter(pot=pot, contribution__isnull=True).count() == 0


def _apply(
    op: tuple[Any, ...],
    world: dict[str, Any],
    pot: Any,
    start: datetime.date,
    requests: list[HelpRequest],
    contributions: list[Any],
) -> None:
    """Carry out one generated action through the services (a refusal raises ValidationError)."""
    cast, kind = world["cast"], op[0]
    if kind == "contribute":
        contributions.append(
            funding.contribution_add(
                actor=cast.manager,
                pot=pot,
                funder=_pick(world["funders"], len(contributions)),
                amount=op[1],
                received_on=datetime.date(2000, 1, 1),
                restricted_to=op[2],
            )
        )
    elif kind == "ask":
        family = _pick(world["families"], op[3])
        with _today_in(pot):
            requests.append(
                services.help_request_submit(
                    actor=cast.lead,
                    family=family,
                    goal=world["goals"][family.pk],
                    category=op[2],
                    amount=op[1],
                    payee="Payee",
                    needed_on=start,
                    pot=pot,
                )
            )
    elif kind == "approve" and requests:
        services.help_request_approve(actor=cast.manager, help_request=_pick(requests, op[1]))
    elif kind == "refuse" and requests:
        services.help_request_refuse(actor=cast.manager, help_request=_pick(requests, op[1]), reason="No")
    elif kind == "cancel" and requests:
        services.help_request_cancel(
            actor=cast.lead, help_request=_pick(requests, op[1]), reason="Not needed"
        )
    elif kind == "pay" and requests:
        r = _pick(requests, op[1])
        amount = None if op[2] else (r.amount / 2).quantize(Decimal("0.01")) or None
        services.help_request_pay(actor=cast.lead, help_request=r, amount=amount)
    elif kind == "refund" and requests:
        r = _pick(requests, op[1])
        amount = None if op[2] else Decimal("0.01")
        services.help_request_refund(actor=cast.lead, help_request=r, amount=amount, reason="Back")
    elif kind == "correct" and contributions:
        funding.contribution_correct(
            actor=cast.manager, contribution=_pick(contributions, op[1]), amount=op[2], reason="Fix"
        )


class _today_in:
    """Submit as if today fell inside the example's (historic) pot period."""

    def __init__(self, pot: Any) -> None:
        self.pot = pot

    def __enter__(self) -> None:
        from unittest import mock

        self.patch = mock.patch(
            "pots.services.today", return_value=self.pot.starts_on + datetime.timedelta(days=10)
        )
        self.patch.start()

    def __exit__(self, *exc: object) -> None:
        self.patch.stop()
