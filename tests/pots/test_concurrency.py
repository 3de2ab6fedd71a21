"""Fifty workers ask for money at the same moment, together for more than the pot holds (PostgreSQL)."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from pots import selectors
from pots.models import HelpRequest
from tests import factories
from tests.pots import helpers as h

pytestmark = pytest.mark.postgres


@pytest.fixture
def postgres_only(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks (DATABASE_URL=postgres://...)")


def test_fifty_simultaneous_requests_never_overspend(postgres_only, cast):
    pot = h.pot(cast.manager, limit="100.00", cap="5000.00")
    h.contribute(cast.manager, pot, "1000.00")
    families = [cast.family, *(factories.family(lead_practitioner=cast.lead) for _ in range(4))]
    goals = {f.pk: h.goal(f) for f in families}
    barrier = threading.Barrier(50)
    approved: list[HelpRequest] = []
    refused: list[str] = []
    crashed: list[BaseException] = []
    lock = threading.Lock()

    def ask(i: int) -> None:
        family = families[i % len(families)]
        try:
            barrier.wait(timeout=30)
            request = h.ask(cast.lead, family, "30.00", the_goal=goals[family.pk], payee=f"Payee {i}")
            with lock:
                approved.append(request)
        except ValidationError as exc:
            with lock:
                refused.extend(exc.messages)
        except BaseException as exc:  # a deadlock or a lost update would land here
            with lock:
                crashed.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)

    assert not crashed, crashed
    assert len(approved) + len(refused) == 50
    assert all(r.status == HelpRequest.Status.APPROVED for r in approved)
    assert sum(r.amount for r in approved) <= Decimal("1000.00")
    assert len(approved) == 33  # £990: the 34th would need £1,020
    assert refused and all("not enough money left in the pot" in message for message in refused)
    balance = selectors.pot_balance(pot=pot)
    assert balance.available == Decimal("10.00")
    assert balance.committed == Decimal("990.00")
    assert HelpRequest.objects.filter(pot=pot).count() == 33
