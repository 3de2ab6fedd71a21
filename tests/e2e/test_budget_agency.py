"""The agency's side in the browser (issue 13): an agency answers a referral from the link in its email in
at most three interactions (open the link, choose, send), with JavaScript on and off, and the lead sees the
answer on the referral and in the family's chronology. A signed-in agency worker goes from the referral
straight to the plan action given to them, updates it, and comes back to the referral."""

import re
from typing import Any

import pytest
from django.core import mail

from agencies.models import Category, ReferralResponse
from assessments.models import Domain
from plans import services as plan_services
from tests.agencies.access_rows import referred_to_worker
from tests.agencies.conftest import consent_all, make_agency, send
from tests.e2e.interactions import Steps
from tests.e2e.test_browser import _shot, _sign_in
from tests.e2e.test_voice_complaint_journey import _violations

AGENCY = "Norwich Housing"


@pytest.fixture
def emailed_link(cast: Any, settings: Any, live_server: Any) -> tuple[str, ReferralResponse]:
    """A referral of the Taylors to Norwich Housing; returns the link from the email the agency got."""
    settings.SITE_URL = live_server.url
    agency = make_agency(AGENCY)
    consent_all(cast, agency, list(Category.values))
    mail.outbox.clear()
    response = send(cast, [agency]).responses.get()
    (email,) = [m for m in mail.outbox if agency.inbox_list()[0] in m.to]
    found = re.search(r"https?://\S+/agencies/answer/\S+?/(?=\s|$)", email.body)
    assert found, email.body
    return found.group(0), response


def _lead_sees_the_answer(page: Any, cast: Any, response: ReferralResponse, status: str, note: str) -> None:
    _sign_in(page, cast.lead)
    page.goto(f"/agencies/families/{cast.family.reference}/referrals/{response.referral_id}/")
    row = page.locator("tr").filter(has_text=AGENCY)
    assert status in row.inner_text()
    if note:
        assert note in row.inner_text()
    page.goto(f"/families/{cast.family.reference}/chronology/")
    assert page.get_by_text(f"{AGENCY}, by email link").first.is_visible()
    assert page.get_by_text(
        re.compile(f"{AGENCY} – {status.lower()} \\(answered from the email link\\)")
    ).is_visible()


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_an_agency_answers_from_the_email_in_three_interactions_and_the_lead_sees_it(
    page_factory: Any, cast: Any, emailed_link: tuple[str, ReferralResponse], javascript: bool
) -> None:
    link, response = emailed_link
    page = page_factory(javascript=javascript)
    steps = Steps(page)

    steps.visit(link)
    answers = page.get_by_role("group", name="Your answer")
    assert answers.get_by_text("You have it and are finding out whether you can help").is_visible()
    steps.check(answers.get_by_label("Accept", exact=True))
    steps.click(page.get_by_role("button", name="Send answer"))
    assert page.get_by_text(
        "Thank you. Your answer has been sent to the family's lead practitioner."
    ).is_visible()
    steps.within(3, "agency answer from the email")

    response.refresh_from_db()
    assert response.status == "accepted" and response.events.filter(status="accepted").count() == 1
    _lead_sees_the_answer(page_factory(javascript=javascript), cast, response, "Accepted", "")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_declining_from_the_email_asks_for_the_reason_on_its_own_field(
    page_factory: Any, cast: Any, emailed_link: tuple[str, ReferralResponse], javascript: bool
) -> None:
    link, response = emailed_link
    for width in (375, 1280):
        page = page_factory(javascript=javascript)
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(link)
        reason = page.get_by_label("Why are you declining?")
        # With JavaScript the box is revealed under its radio; without, it simply shows.
        assert reason.is_visible() is (not javascript)
        page.get_by_role("group", name="Your answer").get_by_label("Decline", exact=True).check()
        assert reason.is_visible()
        assert not javascript or _violations(page) == []
        _shot(page, f"agency-answer-{'js' if javascript else 'nojs'}-{width}")
        page.get_by_role("button", name="Send answer").click()
        summary = page.locator(".govuk-error-summary")
        assert "Give a reason for declining." in summary.inner_text()
        summary.get_by_role("link", name="Give a reason for declining.").click()
        if javascript:
            assert page.evaluate("document.activeElement.id") == "id_decline_reason"
        else:
            assert page.url.endswith("#id_decline_reason")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert not javascript or _violations(page) == []
        _shot(page, f"agency-answer-error-{'js' if javascript else 'nojs'}-{width}")
    reason.fill("The family live outside our area.")
    page.get_by_label("Note (optional)").fill("Try Broadland Housing.")
    page.get_by_role("button", name="Send answer").click()
    assert page.get_by_text("Thank you. Your answer has been sent").is_visible()
    response.refresh_from_db()
    assert response.status == "declined" and response.decline_reason == "The family live outside our area."
    _lead_sees_the_answer(page_factory(), cast, response, "Declined", "Try Broadland Housing.")


def test_an_agency_worker_goes_from_the_referral_to_their_plan_action_and_back(
    page_factory: Any, cast: Any, live_server: Any
) -> None:
    response = referred_to_worker(cast)
    plan = plan_services.plan_create(actor=cast.lead, family=cast.family)
    goal = plan_services.goal_add(
        actor=cast.lead, plan=plan, domain=Domain.objects.first(), text="Jo goes to school every day"
    )
    plan_services.action_add(
        actor=cast.lead, goal=goal, text="Attendance officer visits", owner_agency=response.agency
    )
    page = page_factory()
    _sign_in(page, cast.agency_worker)
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"/agencies/portal/referrals/{response.pk}/")
        _shot(page, f"agency-portal-referral-{width}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert _violations(page) == []
    page.get_by_role("link", name="Update Attendance officer visits").first.click()
    assert page.get_by_role("heading", name="Update an action").is_visible()
    page.get_by_label("Status").select_option("in_progress")
    page.get_by_label("Update (optional)").fill("Visited on Monday.")
    page.get_by_role("button", name="Save update").click()
    assert page.get_by_role("heading", name=f"Referral {response.referral.number}").is_visible()
    assert page.get_by_text("Action updated.").is_visible()
    assert page.get_by_text("Visited on Monday.").first.is_visible()
