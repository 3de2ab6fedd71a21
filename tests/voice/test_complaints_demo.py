"""The demo's complaints: one at each point of the procedure, made through the services."""

import random

import pytest

from tests import factories
from voice.demo import seed_complaints
from voice.models import Complaint, Deadline

pytestmark = pytest.mark.django_db


def test_the_demo_makes_complaints_at_every_point_of_the_procedure() -> None:
    teams = [factories.team(f"Team {n}") for n in range(3)]
    for team in teams:
        factories.manager(team)
        factories.manager(team)
    for n in range(7):
        factories.family(lead_practitioner=factories.lead(teams[n % 3]))
    made = seed_complaints(random.Random(4))
    statuses = [c.status for c in Complaint.objects.filter(pk__in=[c.pk for c in made]).order_by("pk")]
    assert statuses == ["received", "stage_1", "stage_1", "stage_1", "stage_2", "stage_2", "withdrawn"]
    assert Deadline.objects.filter(extended=True).count() == 1
    assert Complaint.objects.filter(stages__bypassed=True).count() == 1
