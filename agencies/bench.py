"""Benchmarks for referrals (issue 4).

- Submitting one referral to 50 agencies: the service call a web request makes, up to and including
  the commit. Delivery is asynchronous: the enqueue that runs after the commit is captured (no broker
  publish, no eager delivery), so this measures what the lead practitioner waits for. "All 50 alerts
  delivered within 10 s by one real worker" is measured by tests/agencies/test_integration_fanout.py.
- The family's Referrals tab and the partner-agency inbox, as pages.
"""

from typing import Any
from unittest import mock

from django.db import transaction
from django.urls import reverse

from agencies import services
from agencies.models import Agency, Category, Consent
from core.bench import BenchContext, Benchmark, CallableBenchmark, PageBenchmark
from families.models import Family

FAN_OUT = 50


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
        agency = Agency.objects.filter(name=name).first() or services.agency_create(
            actor=None, name=name, inboxes=[f"referrals@bench-{n:02d}.example.org"]
        )
        if not Consent.objects.filter(family=family, agency=agency, category=Category.CONTACT).exists():
            services.consent_give(
                actor=lead,
                family=family,
                agency=agency,
                category=Category.CONTACT,
                given_by=person,
                how="signed",
            )
        agencies.append(agency)
    return agencies


def benchmarks(ctx: BenchContext) -> list[Benchmark]:
    lead = ctx.lead
    family = _bench_family(lead)
    agencies = _bench_agencies(lead, family)
    enqueued: list[int] = []

    def submit() -> None:
        with mock.patch.object(services, "_enqueue", enqueued.extend), transaction.atomic():
            services.referral_send(
                actor=lead,
                family=family,
                agencies=agencies,
                request="Benchmark: help with rent arrears.",
                shares=[Category.CONTACT],
            )

    result: list[Benchmark] = [
        CallableBenchmark(name="referral: submit to 50 agencies", fn=submit, target_p95_ms=200),
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
