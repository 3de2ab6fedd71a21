"""A parent makes a complaint from the public form in Welsh, in the browser (issue 12's acceptance): they
switch the page to Cymraeg, fill in the form (JavaScript on, so the contact field is revealed under its
radio, and off, so every revealed part simply shows), see their reference and the date they will hear by,
and the acknowledgement arrives by email in Welsh. The complaints manager's side is added once their list
of complaints exists."""

from typing import Any

import pytest
from django.core import mail
from django.utils import formats, translation

from tests.e2e.test_browser import _axe_violations, _shot
from tests.voice.public_helpers import cy
from voice.models import Complaint, ComplaintCategory, Deadline

PARENT_EMAIL = "rhiant@example.org"


@pytest.fixture
def links_to_the_live_server(settings: Any, live_server: Any) -> None:
    settings.SITE_URL = live_server.url


def _violations(page: Any) -> list[Any]:
    """axe's findings, less the one GOV.UK keeps on purpose: `aria-expanded` on a radio that reveals a
    conditional part (alphagov/govuk-frontend#979, a documented known issue), and only on those radios."""
    revealing = page.eval_on_selector_all(
        ".govuk-radios__input[aria-controls], [data-aria-controls]", "els => els.map(e => '#' + e.id)"
    )
    return [
        v
        for v in _axe_violations(page)
        if not (v["id"] == "aria-allowed-attr" and all(n[0] in revealing for n in v["nodes"]))
    ]


def _fill_in_the_complaint_in_welsh(page: Any, javascript: bool) -> None:
    page.get_by_label(cy("A member of the family"), exact=True).check()
    category = ComplaintCategory.objects.get(name="Unreasonable delay").label("cy")
    page.get_by_role("group", name=cy("What is it about?")).get_by_label(category).check()
    page.get_by_label(cy("What happened?")).fill("Ni wnaeth neb fy ffonio yn ôl am dair wythnos.")
    page.get_by_label(cy("Your name")).fill("Rhian Jones")
    replies = page.get_by_role("group", name=cy("How would you like to hear from us?"))
    email_box = page.get_by_label(cy("Email address"))
    if javascript:  # revealed only once its radio is chosen
        assert not email_box.is_visible()
    replies.get_by_label(cy("Email"), exact=True).check()
    assert email_box.is_visible()
    email_box.fill(PARENT_EMAIL)
    page.get_by_role("group", name=cy("Which language should we reply in?")).get_by_label("Cymraeg").check()


@pytest.mark.usefixtures("links_to_the_live_server")
@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_parent_makes_a_complaint_in_welsh_and_hears_back_in_welsh(
    page_factory: Any, db: Any, javascript: bool
) -> None:
    page = page_factory(javascript=javascript)
    page.goto("/have-your-say/")
    page.get_by_role("link", name="Cymraeg").click()
    assert page.get_by_role("heading", name=cy("Have your say"), level=1).is_visible()
    page.get_by_role("link", name=cy("Make a complaint online")).click()
    assert page.get_by_role("heading", name=cy("Make a complaint"), level=1).is_visible()
    assert not javascript or _violations(page) == []  # axe needs JavaScript to run
    mail.outbox.clear()
    _fill_in_the_complaint_in_welsh(page, javascript)
    page.get_by_role("button", name=cy("Send complaint")).click()

    complaint = Complaint.objects.get()
    due = Deadline.objects.get(complaint=complaint, kind=Deadline.Kind.ACKNOWLEDGE).due_on
    with translation.override("cy"):
        due_in_welsh = formats.date_format(due, "j F Y")
    assert page.get_by_role("heading", name=cy("Complaint sent")).is_visible()
    assert page.locator(".govuk-panel__body").get_by_text(complaint.reference).is_visible()
    assert page.get_by_text(due_in_welsh).is_visible()
    assert not javascript or _violations(page) == []  # axe needs JavaScript to run
    _shot(page, f"voice-complaint-{'js' if javascript else 'nojs'}")

    assert (complaint.language, complaint.email, complaint.how_received) == ("cy", PARENT_EMAIL, "online")
    (acknowledgement,) = mail.outbox
    assert acknowledgement.to == [PARENT_EMAIL]
    assert (
        acknowledgement.subject == cy("We have received your complaint") != "We have received your complaint"
    )
    assert "Annwyl Rhian Jones," in acknowledgement.body and complaint.reference in acknowledgement.body
