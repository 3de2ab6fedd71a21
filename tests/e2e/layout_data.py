"""Demo-like data for the layout tests: long names, many columns, a bit of everything on each page, so a
table that does not fit a phone makes the page wider than the screen and the test fails."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from pots.models import Category, HelpRequest
from tests import factories
from tests.agencies.access_rows import referred_to_worker
from tests.family_portal.pages_helpers import action_on, plan_with_goal
from tests.pots import helpers as pots
from tests.reports.conftest import add

LONG_FAMILY = "Montgomery-Fitzwilliam-Oyelaran-Abernethy household"


@dataclass
class Layout:
    family: Any  # a family with long names, a plan, referrals and a pending request


def layout_data(cast: Any) -> Layout:
    cast.lead.first_name, cast.lead.last_name = "Alexandrina-Josephine", "Wolstenholme-Featherstonehaugh"
    cast.lead.save(update_fields=["first_name", "last_name"])
    family = factories.family(lead_practitioner=cast.lead, name=LONG_FAMILY)
    for first, last in [
        ("Bartholomew-Maximilian", "Montgomery-Fitzwilliam"),
        ("Anastasia-Theodora", "Oyelaran-Abernethy"),
        ("Christopher-Sebastian", "Montgomery-Fitzwilliam"),
    ]:
        factories.person(family=family, first_name=first, last_name=last)
    for n in range(3):
        more = factories.family(lead_practitioner=cast.lead, name=f"Householdwithaverylongname{n} family")
        factories.person(family=more, first_name="Wilhelmina-Constance", last_name=f"Longsurname{n}")
    _plan, goal = plan_with_goal(
        family, goal_text="We get the children to Riverside Primary Academy on time every morning"
    )
    action_on(goal, "Set up a morning routine chart with the children and put it on the fridge")
    action_on(goal, "Ask the school about the breakfast club and whether the fee can be waived")
    # The agency worker's inbox and the dashboard's waiting referrals.
    referred_to_worker(cast, family)
    referred_to_worker(cast)
    # A request over the limit, waiting for the manager.
    # Written directly, not through the service: money in the pot means ledger rows, and the ledger is
    # append-only, which the live server's flush at the end of the test cannot empty.
    HelpRequest.objects.create(
        pot=pots.pot(cast.manager, limit="50.00"),
        family=family,
        goal=goal,
        category=Category.TRANSPORT,
        amount=Decimal("400.00"),
        payee="Norfolk and Norwich Community Transport Ltd",
        needed_on=datetime.date.today(),
        requested_by=cast.lead,
        requested_at=timezone.now(),
    )
    # Time on the dashboard, this week.
    today = datetime.date.today()
    for worker in (cast.lead, cast.colleague, cast.manager):
        add(worker, "direct", 90, today)
        add(worker, "recording", 45, today)
    return Layout(family=family)


WIDEST_ELEMENTS = """() => {
  const width = window.innerWidth;
  const out = e => e.getBoundingClientRect().right > width + 1;
  const name = e => `${e.tagName.toLowerCase()}.${e.className}`;
  // The outermost elements sticking out (their parent does not): where the page gets wider.
  const scrollers = [...document.querySelectorAll('.app-table-scroll')].map(e =>
    `scroller client=${e.clientWidth} scroll=${e.scrollWidth} right=${Math.round(e.getBoundingClientRect().right)} overflow=${getComputedStyle(e).overflowX}`);
  return scrollers.concat([...document.querySelectorAll('body *')]
    .filter(e => out(e) && e.parentElement && !out(e.parentElement))
    .slice(0, 6)
    .map(e => `${name(e)} in ${name(e.parentElement)} "${(e.textContent || '').trim().slice(0, 30)}" right=${Math.round(e.getBoundingClientRect().right)}`));
}"""
