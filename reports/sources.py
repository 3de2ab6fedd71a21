"""Figures the dashboard borrows from the floors below it: plan reviews, referrals and practical help.

Each source reads through its app's own selectors where they exist.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from agencies.models import Referral, ReferralResponse
from core.calendar import working_days_between
from families.models import Family
from plans.selectors import with_next_review, with_review_dates
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


def reviews_overdue(*, worker_ids: list[int], on: datetime.date) -> QuerySet[Family]:
    """The open families these workers lead whose plan review is overdue, the longest overdue first: the
    list behind the dashboard's "reviews overdue" (the same filter as `caseloads_and_reviews`)."""
    families = Family.objects.filter(status=Family.Status.OPEN, lead_practitioner_id__in=worker_ids)
    return (
        with_next_review(families, on=on)
        .filter(Q(next_review_on__lt=on))
        .select_related("lead_practitioner")
        .order_by("next_review_on", "name", "pk")
    )


@dataclass(frozen=True)
class Referrals:
    awaiting: int
    late: int  # not acknowledged by the time the agency was asked to


def _awaiting_answer(*, team_id: int) -> QuerySet[ReferralResponse]:
    """The team's agencies' answers still awaited: one filter for the dashboard's figure and its list."""
    waiting = [ReferralResponse.Status.SENT, ReferralResponse.Status.ACKNOWLEDGED]
    return ReferralResponse.objects.filter(
        referral__family__team_id=team_id, referral__status=Referral.Status.OPEN, status__in=waiting
    )


def referrals_awaiting_answer(*, team_id: int) -> Referrals:
    """Agencies' answers still awaited on the team's open referrals (one query)."""
    response = ReferralResponse
    counts = _awaiting_answer(team_id=team_id).aggregate(
        awaiting=Count("pk"),
        late=Count("pk", filter=Q(status=response.Status.SENT, ack_due_at__lt=timezone.now())),
    )
    return Referrals(counts["awaiting"] or 0, counts["late"] or 0)


@dataclass(frozen=True)
class WaitingReferral:
    response: ReferralResponse
    sent_on: datetime.date
    working_days: int  # working days since it was sent, by the project's calendar (core.calendar)
    late: bool  # not acknowledged by the time the agency was asked to


def referrals_waiting(*, team_id: int, now: datetime.datetime | None = None) -> list[WaitingReferral]:
    """Every answer the team is still waiting for, the longest waiting first (one query): the list behind
    the dashboard's "referrals waiting", with the family, the agency, when it was sent and how long ago."""
    now = now or timezone.now()
    on = timezone.localdate(now)
    responses = (
        _awaiting_answer(team_id=team_id)
        .select_related("referral__family__lead_practitioner", "agency")
        .order_by("referral__sent_at", "agency__name", "pk")
    )
    rows = []
    for response in responses:
        sent_on = timezone.localdate(response.referral.sent_at)
        rows.append(
            WaitingReferral(
                response=response,
                sent_on=sent_on,
                working_days=working_days_between(sent_on, on),
                late=response.status == ReferralResponse.Status.SENT and response.ack_due_at < now,
            )
        )
    return rows


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
