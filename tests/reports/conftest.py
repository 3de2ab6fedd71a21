import datetime
from dataclasses import dataclass
from typing import Any

import pytest

from core.calendar import today
from families.services import family_close
from plans.services import plan_create
from tests import factories
from tests.timesheets.time_fixtures import category
from timesheets import services as time_services

# A past week, Monday 3 to Sunday 9 March 2025.
WEEK_START = datetime.date(2025, 3, 3)


@dataclass
class Board:
    nina: Any  # a worker in the team who recorded nothing


def add(worker: Any, kind: str, minutes: int, day: datetime.date = WEEK_START) -> None:
    time_services.time_record_add(actor=worker, date=day, minutes=minutes, category=category(kind))


@pytest.fixture
def board(cast: Any) -> Board:
    """The hand-computed fixture (see test_dashboard.py for the sums)."""
    nina = factories.lead(cast.team, first_name="Nina", last_name="Nothing")
    # Lena: 300 minutes. Direct 120 + 60 = 180 (60.0%), recording 60 (20.0%), travel 60 (20.0%).
    add(cast.lead, "direct", 120)
    time_services.time_record_add(
        actor=cast.lead,
        date=WEEK_START + datetime.timedelta(days=2),
        minutes=60,
        category=category_named("Phone or video call with the family"),
    )
    add(cast.lead, "recording", 60, WEEK_START + datetime.timedelta(days=4))
    add(cast.lead, "travel", 60, WEEK_START + datetime.timedelta(days=6))
    # Outside the week: does not count.
    add(cast.lead, "direct", 600, WEEK_START + datetime.timedelta(days=7))
    add(cast.lead, "recording", 600, WEEK_START - datetime.timedelta(days=1))
    # Colin: 120 minutes. Recording 100 (83.3%), meetings 20 (16.7%), direct 0 (0.0%).
    add(cast.colleague, "recording", 100, WEEK_START + datetime.timedelta(days=1))
    add(cast.colleague, "meetings", 20, WEEK_START + datetime.timedelta(days=1))
    # Maya (the manager): supervision 60 (100%).
    add(cast.manager, "supervision", 60)
    # Another team's worker in the same week: not this team's figures.
    add(factories.lead(cast.other_team), "recording", 500)

    # Caseloads: Lena leads 2 open families (1 review overdue, 1 due within two weeks); Colin 1 open
    # (review in 6 weeks) and 1 closed; Maya and Nina none.
    plan_create(actor=cast.lead, family=cast.family, started_on=today() - datetime.timedelta(weeks=10))
    second = factories.family(lead_practitioner=cast.lead, name="Second family")
    plan_create(actor=cast.lead, family=second, started_on=today() - datetime.timedelta(weeks=5))
    third = factories.family(lead_practitioner=cast.colleague, name="Third family")
    plan_create(actor=cast.colleague, family=third, started_on=today())
    closed = factories.family(lead_practitioner=cast.colleague, name="Closed family")
    family_close(actor=cast.colleague, family=closed, reason="Goals met")
    return Board(nina=nina)


def category_named(name: str) -> Any:
    from timesheets.models import TimeCategory

    return TimeCategory.objects.get(name=name)
