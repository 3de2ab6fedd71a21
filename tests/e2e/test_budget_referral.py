"""Issue 13's budget for "referral with consent": a new family referred to three agencies, with the
family's consent recorded on the same page, in at most 15 interactions, with JavaScript on and off."""

import json
from typing import Any

import pytest
from playwright.sync_api import expect

from agencies.models import Consent, Referral
from partners.models import Agency
from tests import factories
from tests.agencies.conftest import make_agency
from tests.e2e.interactions import Steps
from tests.e2e.test_browser import _axe_violations, _shot, _sign_in

BUDGET = 15
AGENCIES = ("Police Early Help", "Riverside Primary", "Norwich Housing")
REQUEST = "Help to get the children to school on time and keep the home."


@pytest.fixture
def new_family(cast: Any) -> Any:
    family = factories.family(lead_practitioner=cast.lead, name="Okafor family")
    factories.person(family=family, first_name="Bola", last_name="Okafor")
    factories.person(
        family=family, first_name="Tayo", last_name="Okafor", household_role="child", date_of_birth=None
    )
    for name, kind in zip(
        AGENCIES, (Agency.Kind.POLICE, Agency.Kind.SCHOOL, Agency.Kind.HOUSING), strict=True
    ):
        make_agency(name, kind=kind)
    return family


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_new_family_is_referred_to_three_agencies_with_consent_within_budget(
    page_factory: Any, cast: Any, new_family: Any, javascript: bool
) -> None:
    page = page_factory(javascript=javascript)
    _sign_in(page, cast.lead)
    page.goto(f"/families/{new_family.reference}/")

    steps = Steps(page)
    steps.click(page.get_by_role("link", name="Referrals", exact=True))
    steps.click(page.get_by_role("button", name="Send a referral"))
    expect(page.get_by_role("heading", name="Send a referral")).to_be_visible()
    if javascript:
        page.set_viewport_size({"width": 375, "height": 800})
        _shot(page, "referral-with-consent-375")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"the page scrolls sideways at 375 px ({width} px)"
        page.set_viewport_size({"width": 1280, "height": 900})
        _shot(page, "referral-with-consent-1280")
        violations = _axe_violations(page)
        assert violations == [], json.dumps(violations, indent=1)
    for agency in AGENCIES:
        steps.check(page.get_by_label(f"Send the referral to {agency}"))
        steps.check(page.get_by_label(f"{agency} – Contact details", exact=True))
        steps.check(page.get_by_label(f"{agency} – Assessment", exact=True))
    # Who agreed (the one adult) and when (today) are filled in; how is the worker's to say.
    steps.check(page.get_by_label("Verbally, in person"))
    steps.fill(page.get_by_label("What are you asking the agencies to do?"), REQUEST)
    steps.click(page.get_by_role("button", name="Send referral"))

    referral = Referral.objects.get(family=new_family)
    assert page.get_by_text(f"Referral {referral.number} sent to 3 agencies.").is_visible()
    for agency in AGENCIES:
        assert page.get_by_text(agency).first.is_visible()
    assert sorted(r.agency.name for r in referral.responses.all()) == sorted(AGENCIES)
    assert referral.shares == ["contact", "assessment"]
    assert Consent.objects.filter(family=new_family, withdrawn_at__isnull=True).count() == 6
    steps.within(BUDGET, "referral with consent")
