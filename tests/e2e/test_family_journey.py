"""The family's own door in the browser (issue 11's acceptance): the lead invites a parent, the parent signs
in with the code from the email, using the keyboard only, reads the plan in Welsh, agrees it, marks their
action done and comments; the lead sees all three. JavaScript on for one run and off for the other."""

import json
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from plans.models import Action, PlanAgreement
from tests import factories
from tests.e2e.keyboard_only import Keyboard
from tests.e2e.test_browser import _axe_violations, _shot, _sign_in
from tests.family_portal.pages_helpers import action_on, plan_with_goal

MAX_INTERACTIONS = 8
SAM_EMAIL = "sam.taylor@example.org"
ACTION_TEXT = "Set two alarms for school mornings"
ACTION_NOTE = "Both alarms work, we were on time all week."
PLAN_COMMENT = "Thank you, the plan feels right for us."


def cy(text: str) -> str:
    """What the family page says in Welsh for `text` (the catalogue's word, or the English if it has none)."""
    with translation.override("cy"):
        return translation.gettext(text)


@pytest.fixture
def family_with_plan(cast: Any, settings: Any, live_server: Any) -> Any:
    """Sam Taylor with an email address, a plan with a goal, and an action Sam owns; links in emails point at
    the live server."""
    settings.SITE_URL = live_server.url
    sam = cast.family.members.get(first_name="Sam")
    sam.email = SAM_EMAIL
    sam.save(update_fields=["email"])
    _plan, goal = plan_with_goal(cast.family)
    action = action_on(goal, ACTION_TEXT, owner_person=sam)
    return sam, goal, action


def _lead_invites_sam(page: Any, cast: Any) -> str:
    """The lead invites Sam by email and returns the sign-in link from the invitation."""
    _sign_in(page, cast.lead)
    page.get_by_role("link", name=cast.family.reference).click()
    page.get_by_role("link", name="Family's own pages").click()
    page.get_by_role("link", name="Invite Sam Taylor").click()
    page.get_by_label("Email address").fill(SAM_EMAIL)
    page.get_by_role("group", name="How should we keep them informed?").get_by_label("Email").check()
    page.get_by_role("group", name="Language").get_by_label("English").check()
    mail.outbox.clear()
    page.get_by_role("button", name="Send invitation").click()
    assert page.get_by_text(f"Invitation sent to Sam Taylor at {SAM_EMAIL}.").is_visible()
    (invitation,) = mail.outbox
    assert invitation.to == [SAM_EMAIL]
    link = re.search(r"https?://\S+/my/sign-in/\S*", invitation.body)
    assert link, invitation.body
    return link.group(0)


def _code_from_email() -> str:
    found = re.search(r"\b(\d{6})\b", mail.outbox[-1].body)
    assert found and mail.outbox[-1].to == [SAM_EMAIL], mail.outbox[-1].body
    return found.group(1)


def _sam_signs_in_in_welsh_and_agrees(page: Any, keys: Keyboard) -> None:
    """Sign-in to "agreed": every step here is counted."""
    keys.fill(page.get_by_label("Email address or mobile phone number"), SAM_EMAIL)
    keys.send()
    assert page.get_by_role("heading", name="Check your email").is_visible()
    keys.fill(page.get_by_label("Code", exact=True), _code_from_email())
    keys.send()
    assert page.get_by_role("heading", name="Our plan", exact=True).is_visible()
    keys.activate(page.get_by_role("button", name="Cymraeg"))
    welsh_heading = page.get_by_role("heading", name=cy("Our plan"), exact=True)
    assert cy("Our plan") != "Our plan" and welsh_heading.is_visible()
    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.get_by_text(ACTION_TEXT, exact=True).is_visible()
    keys.activate(page.get_by_role("button", name=cy("Agree your plan")))
    keys.activate(page.get_by_role("button", name=cy("I agree to this plan")))
    assert page.get_by_text(cy("You have agreed your plan.")).is_visible()


def _sam_marks_the_action_done_and_comments(page: Any, keys: Keyboard) -> None:
    keys.activate(page.get_by_role("link", name=cy("Tell us how this is going")))
    keys.activate(page.get_by_label(cy("I have done it")), "Space", navigates=False)
    assert page.get_by_label(cy("I have done it")).is_checked()
    keys.fill(page.get_by_label(cy("Anything you want to add")), ACTION_NOTE)
    keys.activate(page.get_by_role("button", name=cy("Send"), exact=True))
    assert page.get_by_text(cy("Well done: it is marked as done on your plan.")).is_visible()
    keys.activate(page.get_by_role("link", name=cy("Comment on the plan")))
    keys.fill(page.get_by_label(cy("Your comment")), PLAN_COMMENT)
    keys.activate(page.get_by_role("button", name=cy("Send comment")))
    assert page.get_by_text(cy("Your comment has been sent.")).is_visible()


def _lead_sees_what_sam_did(page: Any, cast: Any) -> None:
    page.goto(f"/plans/{cast.family.reference}/")
    assert page.get_by_text(
        re.compile("Sam Taylor, .* \\(through the family's own page\\)", re.I)
    ).is_visible()
    action_row = page.locator("li, tr, .govuk-summary-list__row").filter(has_text=ACTION_TEXT).last
    assert "Done" in action_row.inner_text()
    page.goto(f"/families/{cast.family.reference}/chronology/")
    assert page.get_by_text("From the family").first.is_visible()
    assert page.get_by_text(PLAN_COMMENT).is_visible()
    assert page.get_by_text(ACTION_NOTE).is_visible()


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_the_lead_invites_a_parent_who_agrees_the_plan_in_welsh_by_keyboard(
    page_factory: Any, cast: Any, family_with_plan: Any, javascript: bool
) -> None:
    """The parent's interactions from sign-in to "agreed" are counted as Keyboard says (one per
    focus-and-activate: Tabs to a target plus typing into it or pressing Enter/Space on it, and Enter to
    send a form just filled), and must be at most MAX_INTERACTIONS."""
    _sam, _goal, action = family_with_plan
    lead = page_factory(javascript=javascript)
    sign_in_link = _lead_invites_sam(lead, cast)

    parent = page_factory(javascript=javascript)
    parent.goto(sign_in_link)
    keys = Keyboard(parent)
    _sam_signs_in_in_welsh_and_agrees(parent, keys)
    counted = list(keys.interactions)
    print(
        f"\nParent, sign-in to agreed: {len(counted)} interactions ({keys.strict_count} if every run of "
        f"Tabs counts on its own, {keys.presses} key presses):\n  " + "\n  ".join(counted)
    )
    assert len(counted) <= MAX_INTERACTIONS, counted
    assert PlanAgreement.objects.get().method == PlanAgreement.Method.PORTAL
    _sam_marks_the_action_done_and_comments(parent, keys)
    action.refresh_from_db()
    assert action.status == Action.Status.DONE
    _shot(parent, f"family-journey-{'js' if javascript else 'nojs'}")

    _lead_sees_what_sam_did(lead, cast)


# Every family page, by URL name (with how to build its arguments), for axe and the reflow check.
SIGNED_IN_PAGES = [
    "home",
    "timeline",
    "sharing",
    "looks",
    "worker",
    "scores",
    "agree",
    "comment",
    "action_update",
    "own_words",
    "details_change",
    "send_document",
    "stop_sharing",
]
SHOTS = Path(tempfile.gettempdir()) / "family-shots"
REFLOW_WIDTH = 320  # CSS px: 1280 px at 400% zoom (WCAG 1.4.10)


def _family_url(name: str, records: dict[str, Any]) -> str:
    args = {"action_update": "action", "own_words": "goal", "stop_sharing": "consent"}
    return reverse(f"family_portal:{name}", args=[records[args[name]].pk] if name in args else [])


def _check(page: Any, label: str, failures: dict[str, Any], shots: bool = False) -> None:
    """axe (WCAG 2.2 AA) at desktop width, then no sideways scrolling at 320 CSS px."""
    page.set_viewport_size({"width": 1280, "height": 900})
    violations = _axe_violations(page)
    if violations:
        failures[f"{label}: axe"] = violations
    if shots:
        _family_shot(page, f"{label}-1280")
    for width in (375, REFLOW_WIDTH):
        page.set_viewport_size({"width": width, "height": 800})
        if shots and width == 375:
            _family_shot(page, f"{label}-375")
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    if scroll > REFLOW_WIDTH:
        failures[f"{label}: reflow"] = f"scrollWidth {scroll} at {REFLOW_WIDTH} px"


def _family_shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _records(cast: Any, family_with_plan: Any) -> dict[str, Any]:
    from tests.agencies.conftest import consent_all, make_agency

    _sam, goal, action = family_with_plan
    consent = consent_all(cast, make_agency("Riverside Housing"), ["plan"])[0]
    return {"goal": goal, "action": action, "consent": consent}


def _sign_in_as_sam(page: Any, failures: dict[str, Any], language: str) -> None:
    page.goto(reverse("family_portal:sign_in"))
    if language == "cy":
        page.get_by_role("button", name="Cymraeg").click()
    _check(page, f"sign_in-{language}", failures)
    page.get_by_label(
        cy("Email address or mobile phone number")
        if language == "cy"
        else "Email address or mobile phone number"
    ).fill(SAM_EMAIL)
    page.locator("#main-form button[type=submit]").click()
    _check(page, f"sign_in_code-{language}", failures)
    page.locator("#main-form input[name=code]").fill(_code_from_email())
    page.locator("#main-form button[type=submit]").click()
    # The language chosen on the sign-in page is kept once signed in (it becomes the member's own).
    assert page.locator("html").get_attribute("lang") == language


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_every_family_page_meets_wcag_22_aa_and_reflows_at_320_px(
    page_factory: Any, cast: Any, family_with_plan: Any, language: str
) -> None:
    """Every page in English; the sign-in pages, the plan and agreeing in Welsh."""
    sam = family_with_plan[0]
    factories.family_member(person=sam, email=SAM_EMAIL)
    records = _records(cast, family_with_plan)
    page = page_factory()
    failures: dict[str, Any] = {}
    _sign_in_as_sam(page, failures, language)
    names = SIGNED_IN_PAGES if language == "en-gb" else ["home", "agree", "action_update"]
    for name in names:
        page.goto(_family_url(name, records))
        assert page.locator("main h1").count() == 1, name
        _check(page, f"{name}-{language}", failures, shots=name in {"home", "timeline", "agree"})
    page.get_by_role("button", name=cy("Sign out") if language == "cy" else "Sign out").click()
    _check(page, f"signed_out-{language}", failures)
    assert failures == {}, json.dumps(failures, indent=1)
