"""A 50-agency fan-out delivered by a real Celery worker on Redis, with PostgreSQL (run by .ci/run).

The worker is SIGKILLed mid-way and restarted; in the end every agency has exactly one alert. Tasks
the dead worker had taken are not acknowledged (acks_late), so the relay sweep (beat's job, run here
by hand) re-enqueues any row still pending or whose lease ran out; the row's state machine makes a
second task for an already-sent row a no-op. See docs/decisions/002-referral-outbox.md.
"""

import re
import time
from collections import Counter

import pytest

from agencies import tasks
from agencies.models import OutboxMessage
from tests.agencies.conftest import consent_all, make_agency, send

pytestmark = pytest.mark.integration

LEASE_SECONDS = 3


def _agencies(cast, n=50):
    agencies = [make_agency(f"Fan-out agency {i:02d}") for i in range(n)]
    for agency in agencies:
        consent_all(cast, agency, ["contact"])
    return agencies


def _alerts_by_inbox(live_worker):
    counts: Counter[str] = Counter()
    for message in live_worker.sent_emails():
        if "Subject: New referral" not in message:
            continue
        match = re.search(r"^To: (.+)$", message, re.MULTILINE)
        if match:
            counts[match.group(1).strip()] += 1
    return counts


def _sent(referral):
    return OutboxMessage.objects.filter(response__referral=referral, status="sent").count()


def test_50_alerts_are_delivered_by_one_worker_within_10_seconds(live_worker, transactional_db, cast):
    agencies = _agencies(cast)
    live_worker.start()
    started = time.monotonic()
    referral = send(cast, agencies, shares=["contact"])
    live_worker.wait_for(lambda: _sent(referral) == 50, timeout=60)
    elapsed = time.monotonic() - started
    print(f"\n50 referral alerts delivered by one worker in {elapsed:.2f} s")
    counts = _alerts_by_inbox(live_worker)
    assert sorted(counts) == sorted(a.inbox_list()[0] for a in agencies)
    assert set(counts.values()) == {1}
    assert elapsed < 10


def test_a_worker_killed_mid_fan_out_still_leaves_exactly_one_alert_per_agency(
    live_worker, transactional_db, cast, monkeypatch, settings
):
    # A short lease, so a row the dead worker had claimed is taken over quickly (worker and test alike).
    monkeypatch.setenv("AGENCIES_OUTBOX_LEASE_SECONDS", str(LEASE_SECONDS))
    settings.AGENCIES_OUTBOX_LEASE_SECONDS = LEASE_SECONDS
    agencies = _agencies(cast)
    live_worker.start()
    referral = send(cast, agencies, shares=["contact"])
    live_worker.wait_for(lambda: _sent(referral) >= 10, timeout=60, interval=0.02)
    live_worker.kill()
    assert _sent(referral) < 50, "the worker finished before it could be killed; nothing was tested"
    live_worker.start()

    def all_sent():
        tasks.relay_outbox.delay()  # what beat does every minute
        return _sent(referral) == 50

    live_worker.wait_for(all_sent, timeout=120, interval=LEASE_SECONDS)
    time.sleep(2)  # let any task still queued for a sent row run, so a duplicate would show
    counts = _alerts_by_inbox(live_worker)
    assert sorted(counts) == sorted(a.inbox_list()[0] for a in agencies)
    duplicates = {inbox: n for inbox, n in counts.items() if n != 1}
    assert not duplicates
