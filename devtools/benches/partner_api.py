"""Benchmarks for the partner API (issue 15): one agency's referral inbox through the API, as the agency's
system reads it with its key, at 50 and at 5,000 open referrals for that agency. The larger inbox's p95
may be at most 25% above the smaller's, with the same queries (a page of 25, whatever the inbox holds).

Each size is made inside a transaction rolled back afterwards, so the bench database keeps its dataset.
"""

import datetime
from typing import Any

from django.db import connection
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from agencies.models import Category, Referral, ReferralResponse
from agencies.permissions import grant_agency_access
from devtools.bench import BenchContext, Benchmark, PageBenchmark, RolledBack
from families.models import Family
from partner_api.services import apikey_create
from partners.models import Agency

SMALL, LARGE = 50, 5000
MAX_GROWTH = 0.25  # p95 at LARGE referrals at most 1.25x the p95 at SMALL
# The key's lookup, the page's count, the page, the contact consents, the read log's one insert (and the
# key's last-used time, written at most once a minute).
MAX_QUERIES = 6


class _Inbox(RolledBack):
    """A bench agency holding `size` open referrals, with a key in `headers`, rolled back afterwards."""

    def __init__(self, size: int, lead: Any, headers: dict[str, str]) -> None:
        self.size, self.lead, self.headers = size, lead, headers
        # One client sends every request: the per-key rate limit is not what is measured.
        self._rate = override_settings(PARTNER_API_RATE="1000000/min")

    def prepare(self) -> None:
        self._rate.enable()
        self.begin()
        agency = Agency.objects.create(name=f"Partner API bench agency ({self.size})")
        families = list(Family.objects.filter(status=Family.Status.OPEN).order_by("pk")[:200])
        now = timezone.now()
        referrals = [
            Referral(
                family=families[n % len(families)],
                request="Benchmark: help with school attendance.",
                sent_by=self.lead,
                sent_at=now - datetime.timedelta(minutes=n),
                shares=[Category.CONTACT],
            )
            for n in range(self.size)
        ]
        referrals = bulk_create_with_history(
            referrals, Referral, batch_size=1000, default_change_reason="Bench"
        )
        due = now + datetime.timedelta(days=2)
        responses = [
            ReferralResponse(referral=r, agency=agency, ack_due_at=due, escalate_at=due) for r in referrals
        ]
        responses = bulk_create_with_history(
            responses, ReferralResponse, batch_size=1000, default_change_reason="Bench"
        )
        grant_agency_access(list(ReferralResponse.objects.filter(agency=agency).select_related("agency")))
        _row, key = apikey_create(actor=None, agency=agency, name="Bench system")
        self.headers["Authorization"] = f"Bearer {key}"
        if connection.vendor == "postgresql":
            tables = [m._meta.db_table for m in (Referral, ReferralResponse)]
            tables.append("agencies_referralresponsegroupobjectpermission")
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {', '.join(tables)}")

    def teardown(self) -> None:
        if self.rollback():
            self._rate.disable()


def benchmarks(ctx: BenchContext) -> list[Benchmark]:
    skip = "" if ctx.lead is not None else "no lead practitioner in the dataset"
    small_headers: dict[str, str] = {}
    large_headers: dict[str, str] = {}
    small = _Inbox(SMALL, ctx.lead, small_headers)
    large = _Inbox(LARGE, ctx.lead, large_headers)
    small_name = f"Partner API inbox, {SMALL} referrals"
    url = reverse("partner_api:referrals")
    return [
        PageBenchmark(
            small_name,
            None,
            url,
            headers=small_headers,
            prepare=small.prepare,
            teardown=small.teardown,
            max_queries=MAX_QUERIES,
            skip=skip,
        ),
        PageBenchmark(
            f"Partner API inbox, {LARGE:,} referrals",
            None,
            url,
            headers=large_headers,
            prepare=large.prepare,
            teardown=large.teardown,
            max_queries=MAX_QUERIES,
            compare_with=small_name,
            compare_on="p95",
            max_slowdown=MAX_GROWTH,
            skip=skip,
        ),
    ]
