"""Benchmarks for referrals (issue 4).

- Submitting one referral to 50 agencies: the service call a web request makes, up to and including
  the commit. Delivery is asynchronous: the enqueue that runs after the commit is captured (no broker
  publish, no eager delivery), so this measures what the lead practitioner waits for.
- All 50 alerts delivered by one real worker: one Celery worker (concurrency 1, a subprocess on the
  bench database, see devtools/live_worker.py) takes the 50 tasks from the broker; timed from the submit
  until all 50 outbox rows are marked sent. The worker writes the emails with Django's file backend,
  so SMTP's round trips are not in the figure. Needs CELERY_BROKER_URL; without it, reported as not run.
- The family's Referrals tab and the partner-agency inbox, as pages.
"""

import os
import shutil
from contextlib import ExitStack
from typing import Any
from unittest import mock

from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse

from agencies.models import Category, Consent, OutboxMessage, Referral
from agencies.services import agency as agency_services
from agencies.services import consent as consent_services
from agencies.services import outbox as outbox_services
from agencies.services import referral as referral_services
from devtools.bench import BenchContext, Benchmark, CallableBenchmark, PageBenchmark
from devtools.live_worker import LiveWorker, sending_tasks_to
from families.models import Family
from partners.models import Agency

FAN_OUT = 50
DELIVERY_RUNS = 5  # each run sends 50 emails through a real worker: seconds, not milliseconds
DELIVERY_TIMEOUT = 60  # seconds; beyond this a run is an error, not a slow figure


BENCH_REFERENCE = "BENCH-REFER-50"


def _bench_family(lead: Any) -> Family:
    """A family of the bench lead's own, so the submit benchmark's referrals pile up nowhere else."""
    from families import services as family_services

    family = Family.objects.filter(reference=BENCH_REFERENCE).first()
    if family is None:
        family = family_services.family_create(
            actor=lead,
            name="Referral bench family",
            team=lead.team,
            lead_practitioner=lead,
            reference=BENCH_REFERENCE,
        )
        family_services.person_add(
            actor=lead, family=family, first_name="Jo", last_name="Bench", household_role="parent"
        )
    return family


def _tab_family(lead: Any) -> Family:
    """A demo family with referrals, for the Referrals tab."""
    family = (
        Family.objects.filter(lead_practitioner=lead, status=Family.Status.OPEN, referrals__isnull=False)
        .order_by("pk")
        .first()
    )
    return family or _bench_family(lead)


def _bench_agencies(lead: Any, family: Family) -> list[Agency]:
    agencies = []
    person = family.members.order_by("pk").first()
    assert person is not None  # _bench_family picked a family with members
    for n in range(FAN_OUT):
        name = f"Bench agency {n:02d}"
        agency = Agency.objects.filter(name=name).first() or agency_services.agency_create(
            actor=None, name=name, inboxes=[f"referrals@bench-{n:02d}.example.org"]
        )
        if not Consent.objects.filter(family=family, agency=agency, category=Category.CONTACT).exists():
            consent_services.consent_give(
                actor=lead,
                family=family,
                agency=agency,
                category=Category.CONTACT,
                given_by=person,
                how="signed",
            )
        agencies.append(agency)
    return agencies


def _delivery(lead: Any, family: Family, agencies: list[Agency]) -> CallableBenchmark:
    """Submit a referral to the 50 agencies and wait until one real worker has sent all 50 alerts."""
    name = "referral: 50 alerts delivered by one real worker"
    if not os.environ.get("CELERY_BROKER_URL"):
        return CallableBenchmark(
            name=name,
            fn=lambda: None,
            target_p95_ms=10_000,
            skip="needs a broker (CELERY_BROKER_URL) for a real Celery worker",
        )
    worker = LiveWorker(queue_prefix="bench")
    running = ExitStack()

    def start_worker() -> None:  # before each run, untimed: starts the worker the first time
        if worker.process is None:
            running.callback(shutil.rmtree, worker.mail_dir, ignore_errors=True)
            running.enter_context(sending_tasks_to(worker))
            running.callback(worker.stop)
            worker.start(concurrency=1)  # on the bench database: the settings the command switched to

    def submit_and_deliver() -> None:
        referral = referral_services.referral_send(  # commits, then publishes the 50 tasks
            actor=lead,
            family=family,
            agencies=agencies,
            request="Benchmark: help with rent arrears, delivered by a worker.",
            shares=[Category.CONTACT],
        )
        worker.wait_for(lambda: _all_sent(referral, worker), timeout=DELIVERY_TIMEOUT, interval=0.02)

    return CallableBenchmark(
        name=name,
        fn=submit_and_deliver,
        target_p95_ms=10_000,
        setup=start_worker,
        teardown=running.close,
        max_repeat=DELIVERY_RUNS,
        measure_memory=False,  # the work is in the worker process
    )


def _all_sent(referral: Referral, worker: LiveWorker) -> bool:
    """True once every alert is sent; an alert the worker failed to send stops the run, saying why."""
    rows = OutboxMessage.objects.filter(response__referral=referral)
    counts = rows.aggregate(
        sent=Count("pk", filter=Q(status=OutboxMessage.Status.SENT)),
        failed=Count("pk", filter=~Q(last_error="")),
    )
    if counts["failed"]:
        error = rows.exclude(last_error="").values_list("last_error", flat=True).first()
        raise RuntimeError(f"the worker could not send an alert: {error} (worker log: {worker.log_path})")
    return counts["sent"] == FAN_OUT


def benchmarks(ctx: BenchContext) -> list[Benchmark]:
    lead = ctx.lead
    family = _bench_family(lead)
    agencies = _bench_agencies(lead, family)
    enqueued: list[int] = []

    def submit() -> None:
        with mock.patch.object(outbox_services, "outbox_enqueue", enqueued.extend), transaction.atomic():
            referral_services.referral_send(
                actor=lead,
                family=family,
                agencies=agencies,
                request="Benchmark: help with rent arrears.",
                shares=[Category.CONTACT],
            )

    result: list[Benchmark] = [
        CallableBenchmark(name="referral: submit to 50 agencies", fn=submit, target_p95_ms=200),
        _delivery(lead, family, agencies),
        PageBenchmark(
            name="referral: family Referrals tab",
            user=lead,
            url=reverse("agencies:family_referrals", args=[_tab_family(lead).reference]),
            target_p95_ms=300,
        ),
    ]
    worker = next((w for w in Agency.objects.get(pk=agencies[0].pk).staff.all() if w.is_active), None)
    if worker is not None:
        result.append(
            PageBenchmark(
                name="referral: agency portal inbox", user=worker, url=reverse("agencies:portal_inbox")
            )
        )
    return result
