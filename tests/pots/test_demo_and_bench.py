import random

from django.test import Client

from core.calendar import today
from core.demo import DemoContext
from devtools.bench import BenchContext
from devtools.benches import pots as bench
from pots import demo, selectors
from pots.models import HelpRequest, LedgerEntry, Pot
from tests import factories
from tests.pots import helpers as h


def test_demo_gives_each_team_a_funded_pot_and_requests_in_several_states(cast):
    families = [cast.family, *(factories.family(lead_practitioner=cast.lead) for _ in range(3))]
    for family in families:
        h.goal(family)
    ctx = DemoContext(
        rng=random.Random(1),
        today=today(),
        scale=4,
        detailed=4,
        teams=[cast.team, cast.other_team],
        leads=[cast.lead],
        managers=[cast.manager, cast.other_manager],
        agencies=[factories.agency() for _ in range(4)],
        family_ids=[f.pk for f in families],
    )
    demo.seed(ctx)
    pot = Pot.objects.get(team=cast.team)
    assert 2 <= pot.contributions.count() <= 4
    statuses = set(pot.requests.values_list("status", flat=True))
    assert {HelpRequest.Status.APPROVED, HelpRequest.Status.PAID} <= statuses
    assert len(statuses) >= 4
    assert Pot.objects.filter(team=cast.other_team).exists()  # no families with goals there: no requests
    assert not Pot.objects.get(team=cast.other_team).requests.exists()
    demo.seed(ctx)  # a second run adds nothing
    assert Pot.objects.count() == 2


def test_the_benchmarks_build_a_pot_of_ten_thousand_entries_and_both_pages_answer(cast):
    h.goal(cast.family)
    factories.agency()
    marks = bench.benchmarks(BenchContext(scale=1, repeat=1, lead=cast.lead, manager=cast.manager))
    big = Pot.objects.get(starts_on=bench.BIG_POT_START)
    assert LedgerEntry.objects.filter(pot=big).count() == 10_000
    balance = selectors.pot_balance(pot=big)
    assert balance.available + balance.committed + balance.spent == balance.received
    for mark in marks:
        client = Client()
        client.force_login(mark.user)
        if mark.setup:
            mark.setup()
        response = client.post(mark.url, mark.data) if mark.method == "POST" else client.get(mark.url)
        assert response.status_code in (200, 302)
    assert HelpRequest.objects.get(payee="Bench Buses").status == HelpRequest.Status.APPROVED
    marks[0].setup()  # the next repetition starts by releasing this one: the family never reaches its cap
    assert HelpRequest.objects.get(payee="Bench Buses").status == HelpRequest.Status.CANCELLED
