"""What referrals teach: how each partner agency has answered the referrals sent to it.

Staff choosing a service in the directory see, for the agency behind it, how quickly it acknowledges
referrals, how many it accepts and how many it turns down for want of capacity, counted from the
referral records of the last `REPORTS_REFERRAL_OUTCOMES_MONTHS` months. The figures are aggregates of one
agency's answers: they carry no family, no worker and no text of any referral (the decline reasons are
matched inside the database and never read out).

Time to acknowledge is counted in working days (core.calendar: weekends and bank holidays do not count),
as the acknowledgement deadline itself is (`AGENCIES_ACK_WORKING_DAYS`): 0 is "the same day".
Withdrawn responses (the worker took the referral back) are the worker's doing, not the agency's, and are
left out of every figure.
"""

import datetime
import statistics
from collections.abc import Collection
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import NamedTuple

from django.conf import settings
from django.db.models import BooleanField, Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agencies.models import ReferralResponse
from core.calendar import today, working_days_between
from directory.selectors import months_before

Status = ReferralResponse.Status
ACCEPTED = (Status.ACCEPTED, Status.COMPLETED)  # a completed referral was accepted first
DECIDED = (*ACCEPTED, Status.DECLINED)
# The decline reason is free text; these words in it (any case) count the decline as "no capacity".
NO_CAPACITY_WORDS = (
    "capacity",
    "waiting list",
    "waitlist",
    "no space",
    "no places",
    "no availability",
    "fully booked",
    "oversubscribed",
    "caseload is full",
    "caseloads are full",
)


@dataclass(frozen=True)
class ReferralOutcomes:
    """One agency's answers to the referrals sent to it in the window."""

    referrals: int = 0
    acknowledged: int = 0
    late_unacknowledged: int = 0  # still not acknowledged, and its deadline has passed
    median_ack_working_days: float | None = None
    decided: int = 0  # accepted (or completed) or declined
    accepted: int = 0
    declined: int = 0
    declined_no_capacity: int = 0

    @property
    def enough(self) -> bool:
        """Below the threshold the figures would mislead (one slow answer is not a pattern)."""
        return self.referrals >= settings.REPORTS_REFERRAL_OUTCOMES_MIN

    @property
    def enough_answered(self) -> bool:
        """Shares of a handful of answers would mislead too: below the threshold they are not given."""
        return self.decided >= settings.REPORTS_REFERRAL_OUTCOMES_MIN

    def summary(self) -> str:
        """One line for the staff list (the service page gives the counts behind it)."""
        values = {
            "count": self.referrals,
            "accepted": self.accepted_percent,
            "no_capacity": self.no_capacity_percent,
            "median": self.median_ack_text,
        }
        if not self.acknowledged:
            text = ngettext(
                "%(count)s referral: none acknowledged yet",
                "%(count)s referrals: none acknowledged yet",
                self.referrals,
            )
        elif self.enough_answered:
            text = ngettext(
                "%(count)s referral: %(accepted)s%% accepted, %(no_capacity)s%% declined for no capacity, acknowledged in %(median)s (median)",
                "%(count)s referrals: %(accepted)s%% accepted, %(no_capacity)s%% declined for no capacity, acknowledged in %(median)s (median)",
                self.referrals,
            )
        else:
            text = ngettext(
                "%(count)s referral: acknowledged in %(median)s (median), too few answered yet to say how many are accepted",
                "%(count)s referrals: acknowledged in %(median)s (median), too few answered yet to say how many are accepted",
                self.referrals,
            )
        return text % values

    @property
    def accepted_percent(self) -> int | None:
        return _percent(self.accepted, self.decided)

    @property
    def no_capacity_percent(self) -> int | None:
        return _percent(self.declined_no_capacity, self.decided)

    @property
    def median_ack_text(self) -> str:
        days = self.median_ack_working_days
        if days is None:
            return _("None acknowledged yet")
        if days == 0:
            return _("The same day")
        number = f"{days:g}"
        return ngettext("%(days)s working day", "%(days)s working days", 1 if days == 1 else 2) % {
            "days": number
        }

    @property
    def months(self) -> int:
        return int(settings.REPORTS_REFERRAL_OUTCOMES_MONTHS)


class _Answer(NamedTuple):
    """One agency's answer to one referral, as the statistics need it (no family, no text)."""

    status: str
    sent_at: datetime.datetime
    acknowledged_at: datetime.datetime | None
    ack_due_at: datetime.datetime
    no_capacity: bool


def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def window_start(*, on: datetime.date | None = None) -> datetime.datetime:
    """Midnight (London) at the start of the window that ends today."""
    first_day = months_before(on or today(), settings.REPORTS_REFERRAL_OUTCOMES_MONTHS)
    return timezone.make_aware(datetime.datetime.combine(first_day, datetime.time.min))


def _no_capacity() -> Case:
    says_no_capacity = reduce(or_, (Q(decline_reason__icontains=word) for word in NO_CAPACITY_WORDS))
    return Case(
        When(Q(status=Status.DECLINED) & says_no_capacity, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def agency_referral_stats(
    agency_ids: Collection[int], *, now: datetime.datetime | None = None
) -> dict[int, ReferralOutcomes]:
    """How each agency answered the referrals sent to it in the window, by agency id, in one query.
    Every id asked about is in the answer (with zero referrals when none were sent)."""
    now = now or timezone.now()
    rows = (
        ReferralResponse.objects.filter(
            agency_id__in=list(agency_ids), referral__sent_at__gte=window_start(on=timezone.localdate(now))
        )
        .exclude(status=Status.WITHDRAWN)
        .annotate(no_capacity=_no_capacity())
        .values_list(
            "agency_id", "status", "referral__sent_at", "acknowledged_at", "ack_due_at", "no_capacity"
        )
        .order_by()
    )
    by_agency: dict[int, list[_Answer]] = {agency_id: [] for agency_id in agency_ids}
    for agency_id, *row in rows:
        by_agency[agency_id].append(_Answer(*row))
    return {agency_id: _outcomes(answers, now=now) for agency_id, answers in by_agency.items()}


def _outcomes(answers: list[_Answer], *, now: datetime.datetime) -> ReferralOutcomes:
    local = timezone.localtime
    waits = [
        working_days_between(local(a.sent_at).date(), local(a.acknowledged_at).date())
        for a in answers
        if a.acknowledged_at is not None
    ]
    statuses = [a.status for a in answers]
    return ReferralOutcomes(
        referrals=len(answers),
        acknowledged=len(waits),
        late_unacknowledged=sum(1 for a in answers if a.acknowledged_at is None and a.ack_due_at < now),
        median_ack_working_days=statistics.median(waits) if waits else None,
        decided=sum(1 for status in statuses if status in DECIDED),
        accepted=sum(1 for status in statuses if status in ACCEPTED),
        declined=statuses.count(Status.DECLINED),
        declined_no_capacity=sum(1 for a in answers if a.no_capacity),
    )
