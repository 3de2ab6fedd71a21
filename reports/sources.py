"""Figures the dashboard borrows from the floors below it: plan reviews, referrals and practical help.

Each source reads through its app's own selectors where they exist.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.utils import timezone

from agencies.models import Referral, ReferralResponse
from families.models import Family
from plans.selectors import with_review_dates
from pots import selectors as pots


@dataclass(frozen=True)
class WorkerCases:
    caseload: int = 0
    reviews_overdue: int = 0
    reviews_due: int = 0


def caseloads_and_reviews(*, worker_ids: list[int], on: datetime.date) -> tuple[dict[int, WorkerCases], bool]:
    """Open families led by each worker, with plan reviews overdue and due soon (one query).

    The second value says whether plan reviews are known: always, now that reports imports plans.
    """
    families = Family.objects.filter(status=Family.Status.OPEN, lead_practitioner_id__in=worker_ids)
    soon = on + datetime.timedelta(days=settings.REPORTS_REVIEW_DUE_SOON_DAYS)
    rows = (
        with_review_dates(families, on=on)
        .order_by()
        .values("lead_practitioner_id")
        .annotate(
            caseload=Count("pk"),
            overdue=Count("pk", filter=Q(next_review_on__lt=on)),
            due=Count("pk", filter=Q(next_review_on__gte=on, next_review_on__lte=soon)),
        )
    )
    return {r["lead_practitioner_id"]: WorkerCases(r["caseload"], r["overdue"], r["due"]) for r in rows}, True


@dataclass(frozen=True)
class Referrals:
    awaiting: int
    late: int  # not acknowledged by the time the agency was asked to


def referrals_awaiting_answer(*, team_id: int) -> Referrals:
    """Agencies' answers still awaited on the team's open referrals (one query)."""
    response = ReferralResponse
    waiting = [response.Status.SENT, response.Status.ACKNOWLEDGED]
    counts = response.objects.filter(
        referral__family__team_id=team_id, referral__status=Referral.Status.OPEN, status__in=waiting
    ).aggregate(
        awaiting=Count("pk"),
        late=Count("pk", filter=Q(status=response.Status.SENT, ack_due_at__lt=timezone.now())),
    )
    return Referrals(counts["awaiting"] or 0, counts["late"] or 0)


@dataclass(frozen=True)
class PracticalHelp:
    waiting: int
    waiting_amount: Decimal
    spent: Decimal | None  # from the team's current pot; None when it has none
    available: Decimal | None


def practical_help(*, team_id: int, on: datetime.date) -> PracticalHelp:
    """Requests waiting for a manager's approval, and the current pot's spend (three queries)."""
    pending: Any = (
        pots.pending_for_team(team_id=team_id).order_by().aggregate(n=Count("pk"), amount=Sum("amount"))
    )
    pot = pots.pot_current(team_id=team_id, on=on)
    balance = pots.pot_balance(pot=pot) if pot else None
    return PracticalHelp(
        waiting=pending["n"] or 0,
        waiting_amount=pending["amount"] or Decimal("0.00"),
        spent=balance.spent if balance else None,
        available=balance.available if balance else None,
    )
