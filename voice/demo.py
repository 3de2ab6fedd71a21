"""Demo complaints (issue 12): a handful at each point of the procedure, made through the services so
each has its clocks, its history and its replies, for the complaints manager to open.

`seed_complaints(rng)` reads the demo's families and team managers already made and is deterministic for
a given `rng` seed. It names, as each stage's responsible person, a manager of another team than the
family's (the only people `may_be_responsible` allows).
"""

import datetime
import random
from typing import Any

from django.utils import timezone

from core.calendar import today
from families.demo import DEMO_PASSWORD
from families.models import Family
from staff.models import User
from staff.services import user_create
from voice.models import Complaint, ComplaintCategory, HowReceived
from voice.services import stages
from voice.services.complaints import receive_complaint

WHAT_HAPPENED = [
    "I rang three times about the housing letter and nobody called me back.",
    "The worker told the school about our money troubles without asking me.",
    "The plan says my son refused help, which is not true.",
    "We waited six weeks for the parenting course we were promised.",
    "I was spoken to rudely at the family hub in front of my children.",
    "The decision to close our case was made without talking to us.",
    "The letter was in English although I asked for Welsh.",
]
COMPLAINANTS = ["Jo Hart", "Priya Shah", "Tom Evans", "Gwen Morgan", "Ali Reza", "Kim Lee", "Dewi Price"]


def _complaints_manager() -> User:
    existing = User.objects.filter(role=User.Role.COMPLAINTS_MANAGER, is_active=True).order_by("pk").first()
    if existing is not None:
        return existing
    return user_create(
        actor=None,
        username="complaints",
        password=DEMO_PASSWORD,
        role=User.Role.COMPLAINTS_MANAGER,
        first_name="Carla",
        last_name="Complaints",
        email="carla.complaints@example.org",
        job_title="Complaints manager",
    )


def _detached(family: Family, managers: list[User], rng: random.Random) -> User:
    return rng.choice([m for m in managers if m.team_id != family.team_id])


def _investigator(complaint: Complaint, managers: list[User], rng: random.Random) -> User:
    """Stage 2's: detached from the family's team and independent of whoever handled stage 1."""
    first = complaint.stages.get(number=1).responsible
    return rng.choice([m for m in managers if m.team_id != complaint.team_id and m != first])


def _receive(
    rng: random.Random, family: Family, n: int, days_ago: int, manager: User, **extra: Any
) -> Complaint:
    categories = list(ComplaintCategory.objects.filter(active=True))
    fields: dict[str, Any] = {
        "received_at": timezone.now() - datetime.timedelta(days=days_ago),
        "how_received": rng.choice([HowReceived.ONLINE, HowReceived.PHONE, HowReceived.LETTER]),
        "who": Complaint.Who.FAMILY_MEMBER,
        "name": COMPLAINANTS[n],
        "email": f"complainant{n + 1}@example.org",
        "reply_channel": "email",
        "language": "cy" if n == 6 else "en-gb",
        "category": rng.choice(categories),
        "what_happened": WHAT_HAPPENED[n],
        "family": family,
        "team": family.team,
        "about_worker": family.lead_practitioner,
        **extra,
    }
    if fields["how_received"] != HowReceived.ONLINE:
        fields["help_given"] = "Wrote it down with them and read it back."
    return receive_complaint(
        actor=manager if fields["how_received"] != HowReceived.ONLINE else None, **fields
    )


def seed(ctx: Any) -> None:
    """The demo's complaints manager (login `complaints`, in families.demo.NAMED_LOGINS) and complaints."""
    seed_complaints(ctx.rng)


def seed_complaints(rng: random.Random) -> list[Complaint]:
    """Seven complaints: just received, acknowledged, extended, decided at stage 1, at stage 2, by-passed
    to stage 2, and withdrawn."""
    families = list(Family.objects.select_related("team", "lead_practitioner").order_by("pk")[:7])
    managers = list(User.objects.filter(role=User.Role.TEAM_MANAGER, is_active=True).order_by("pk"))
    if len(families) < 7 or len({m.team_id for m in managers}) < 2:
        return []
    carla = _complaints_manager()
    made = [
        _receive(rng, family, n, days_ago=[1, 6, 12, 20, 30, 8, 15][n], manager=carla)
        for n, family in enumerate(families)
    ]
    for complaint, family in zip(made[1:6], families[1:6], strict=True):
        stages.stage_name_responsible(
            actor=carla, complaint=complaint, person=_detached(family, managers, rng)
        )
    stages.stage_extend(
        actor=carla, complaint=made[2], reason="The family's worker is on leave until next week."
    )
    for complaint in (made[3], made[4]):
        stages.stage_decide(
            actor=carla,
            complaint=complaint,
            outcome=rng.choice(["not_upheld", "partly_upheld"]),
            decision="The records show two calls were missed; the rest were returned within a day.",
            feedback="We are sorry that two of your calls were missed. We have changed how messages are passed on.",
            decided_on=today(),
        )
    stages.stage_escalate(
        actor=carla,
        complaint=made[4],
        responsible=_investigator(made[4], managers, rng),
        requested_on=today(),
    )
    stages.stage_bypass(
        actor=carla,
        complaint=made[5],
        reason="Stage 1's manager line-manages the worker complained about.",
        responsible=_investigator(made[5], managers, rng),
    )
    stages.complaint_close(actor=carla, complaint=made[6], withdrawn=True, reason="Sorted out by phone.")
    return made
