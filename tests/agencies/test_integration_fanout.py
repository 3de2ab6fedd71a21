"""A 50-agency fan-out delivered by a real Celery worker on Redis, with PostgreSQL (run by .ci/run).

The worker dies mid-way (at a chosen message, or SIGKILLed at a random moment) and is restarted; in
the end every agency has its alert, exactly once unless the node died in the one window ADR 002 owns
up to (after the mail went, before it was marked sent), where that one alert repeats with the same
Message-ID. Tasks the dead worker had taken are not acknowledged (acks_late), so the relay sweep
(beat's job, run here by hand) re-enqueues any row still pending or whose lease ran out; the row's
state machine makes a second task for an already-sent row a no-op. See docs/decisions/002-referral-outbox.md.

How fast one worker delivers the 50 alerts (issue 4: within 10 s) is measured by `make bench`
(devtools/benches/agencies.py), not asserted here.
"""

import re
import time

import pytest

from agencies import tasks
from agencies.models import OutboxMessage
from tests.agencies.conftest import consent_all, make_agency, send
from tests.integration_support import CRASH_ENV

CRASHING_BACKEND = "tests.integration_support.CrashingFileBackend"

pytestmark = pytest.mark.integration

LEASE_SECONDS = 3


def _agencies(cast, n=50):
    agencies = [make_agency(f"Fan-out agency {i:02d}") for i in range(n)]
    for agency in agencies:
        consent_all(cast, agency, ["contact"])
    return agencies


def _alerts_by_agency(live_worker, agencies):
    """Message-IDs each agency's inbox received, in order."""
    received: dict[str, list[str]] = {a.inbox_list()[0]: [] for a in agencies}
    for message in live_worker.sent_emails():
        if "Subject: New referral" not in message:
            continue
        to = re.search(r"^To: (.+)$", message, re.MULTILINE)
        mid = re.search(r"^Message-ID: (.+)$", message, re.MULTILINE)
        assert to and mid, message[:500]
        received.setdefault(to.group(1).strip(), []).append(mid.group(1).strip())
    return received


def _sent(referral):
    return OutboxMessage.objects.filter(response__referral=referral, status="sent").count()


def test_one_worker_delivers_a_50_agency_referral_with_exactly_one_alert_per_agency(
    live_worker, transactional_db, cast
):
    agencies = _agencies(cast)
    live_worker.start()
    referral = send(cast, agencies, shares=["contact"])
    live_worker.wait_for(lambda: _sent(referral) == 50, timeout=60)
    received = _alerts_by_agency(live_worker, agencies)
    assert {inbox: len(ids) for inbox, ids in received.items()} == {a.inbox_list()[0]: 1 for a in agencies}


def _recover(live_worker, referral):
    """Restart the worker (without any crash) and run the relay as beat would, until all 50 are sent."""
    live_worker.start()

    def all_sent():
        tasks.relay_outbox.delay()  # what beat does every minute
        return _sent(referral) == 50

    live_worker.wait_for(all_sent, timeout=120, interval=LEASE_SECONDS)
    time.sleep(2)  # let any task still queued for a sent row run, so a duplicate would show


@pytest.fixture
def short_lease(monkeypatch, settings):
    # A short lease, so a row the dead worker had claimed is taken over quickly (worker and test alike).
    monkeypatch.setenv("AGENCIES_OUTBOX_LEASE_SECONDS", str(LEASE_SECONDS))
    settings.AGENCIES_OUTBOX_LEASE_SECONDS = LEASE_SECONDS


def _crash_at(live_worker, cast, point):
    agencies = _agencies(cast)
    live_worker.start(env={"EMAIL_BACKEND": CRASHING_BACKEND, CRASH_ENV: point})
    referral = send(cast, agencies, shares=["contact"])
    live_worker.wait_for(live_worker.died, timeout=60, interval=0.05)
    assert _sent(referral) < 50
    _recover(live_worker, referral)
    return agencies, _alerts_by_agency(live_worker, agencies)


def test_a_worker_dying_mid_fan_out_leaves_exactly_one_alert_per_agency(
    live_worker, transactional_db, cast, short_lease
):
    """The node dies with the 11th alert claimed but not sent, and the rest queued or prefetched."""
    agencies, received = _crash_at(live_worker, cast, "before:11")
    assert {inbox: len(ids) for inbox, ids in received.items()} == {a.inbox_list()[0]: 1 for a in agencies}


def test_a_worker_dying_between_send_and_record_repeats_that_one_alert_with_the_same_message_id(
    live_worker, transactional_db, cast, short_lease
):
    """The one window ADR 002 owns up to: the mail went, the "sent" mark did not. One repeat, same Message-ID."""
    agencies, received = _crash_at(live_worker, cast, "after:11")
    repeated = {inbox: ids for inbox, ids in received.items() if len(ids) != 1}
    assert len(repeated) == 1, repeated
    [ids] = repeated.values()
    assert len(ids) == 2 and ids[0] == ids[1]
    assert sorted(received) == sorted(a.inbox_list()[0] for a in agencies)
    assert all(len(ids) >= 1 for ids in received.values())


def test_a_worker_killed_at_a_random_moment_loses_no_alert_and_repeats_at_most_the_one_in_flight(
    live_worker, transactional_db, cast, short_lease
):
    agencies = _agencies(cast)
    live_worker.start()
    referral = send(cast, agencies, shares=["contact"])
    live_worker.wait_for(lambda: _sent(referral) >= 10, timeout=60, interval=0.02)
    live_worker.kill()
    assert _sent(referral) < 50, "the worker finished before it could be killed; nothing was tested"
    _recover(live_worker, referral)
    received = _alerts_by_agency(live_worker, agencies)
    assert sorted(received) == sorted(a.inbox_list()[0] for a in agencies)
    assert all(ids for ids in received.values()), "an agency was never alerted"
    # Every copy an agency got is the same message (one Message-ID), and only the single message in
    # flight when the node died (concurrency 1) can have gone twice.
    assert all(len(set(ids)) == 1 for ids in received.values())
    assert sum(len(ids) - 1 for ids in received.values()) <= 1
