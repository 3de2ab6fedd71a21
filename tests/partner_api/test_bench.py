from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from agencies.models import ReferralResponse
from devtools.bench import BenchContext
from devtools.benches import partner_api as bench


def test_the_inbox_is_measured_at_50_and_5000_referrals_and_left_as_it_was(api: Any) -> None:
    small, large = bench.benchmarks(BenchContext(scale=10, repeat=2, lead=api.lead))
    assert (large.compare_with, large.compare_on, large.max_slowdown) == (small.name, "p95", 0.25)
    before = ReferralResponse.objects.count()
    seen = []
    for benchmark in (small, large):
        benchmark.prepare()  # type: ignore[misc]
        try:
            with CaptureQueriesContext(connection) as queries:
                reply = Client().get(benchmark.url, headers=benchmark.headers)
            assert reply.status_code == 200 and len(reply.json()["results"]) == 25
            seen.append((reply.json()["count"], len(queries)))
        finally:
            benchmark.teardown()  # type: ignore[misc]
    assert [count for count, _queries in seen] == [50, 5000]
    assert seen[0][1] == seen[1][1] <= bench.MAX_QUERIES
    assert ReferralResponse.objects.count() == before
