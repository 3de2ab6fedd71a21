from types import SimpleNamespace
from typing import Any

import pytest

from agencies.models import Category, Consent, ReferralResponse
from agencies.services.agency import agency_inbox_add
from agencies.services.consent import consent_give
from agencies.services.referral import referral_send
from partner_api.services import apikey_create
from partners.models import Agency
from tests import factories


def consented(family: Any, agency: Agency, categories: list[str] | None = None) -> None:
    for category in categories or Category.values:
        consent_give(
            actor=family.lead_practitioner,
            family=family,
            agency=agency,
            category=category,
            given_by=family.members.first(),
            how=Consent.How.SIGNED,
        )


def refer(family: Any, agency: Agency, request: str = "Help with school attendance.") -> ReferralResponse:
    if not agency.inboxes.exists():
        agency_inbox_add(actor=None, agency=agency, email=f"referrals-{agency.pk}@example.org")
    consented(family, agency)
    referral = referral_send(
        actor=family.lead_practitioner,
        family=family,
        agencies=[agency],
        request=request,
        shares=Category.values,
    )
    return referral.responses.get()


def bearer(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def api(db: Any) -> SimpleNamespace:
    """Two agencies, each with a key and a manager; the cast-like family referred to agency A."""
    team = factories.team("Norwich North")
    lead = factories.lead(team, first_name="Lena", last_name="Lead")
    family = factories.family(lead_practitioner=lead, name="Taylor family")
    factories.person(family=family, first_name="Sam", last_name="Taylor")
    agency_a = factories.agency("Norwich Primary")
    agency_b = factories.agency("Yarmouth Housing")
    agency_a.manager_email = "head@primary.example.org"
    agency_a.save()
    manager_a = factories.agency_worker(agency_a, email="head@primary.example.org", first_name="Hana")
    worker_a = factories.agency_worker(agency_a, email="teacher@primary.example.org")
    key_a_row, key_a = apikey_create(actor=manager_a, agency=agency_a, name="School MIS")
    key_b_row, key_b = apikey_create(actor=None, agency=agency_b, name="Housing CRM")
    response_a = refer(family, agency_a)
    other_family = factories.family(lead_practitioner=lead, name="Brown family")
    factories.person(family=other_family, first_name="Bo", last_name="Brown")
    response_b = refer(other_family, agency_b, "Help with housing.")
    return SimpleNamespace(
        lead=lead,
        family=family,
        agency_a=agency_a,
        agency_b=agency_b,
        manager_a=manager_a,
        worker_a=worker_a,
        key_a=key_a,
        key_a_row=key_a_row,
        key_b=key_b,
        key_b_row=key_b_row,
        response_a=response_a,
        response_b=response_b,
    )
