"""Issue 13's step budgets for the worker's everyday tasks, counted in a real browser (tests/e2e/interactions.py),
with JavaScript on and off: a visit note in 3 interactions (4 with its time), a time entry in 4 and a
request for practical help within the limit in 6, each from the family page, each ending on what the worker
sees (the note on the chronology, the time on their week, the request in the family's practical help)."""

from typing import Any

import pytest

from families.models import CaseNote
from pots.models import Category, HelpRequest
from tests.e2e.interactions import Steps
from tests.e2e.test_browser import _axe_violations, _shot, _sign_in
from tests.pots import helpers as pot_helpers
from timesheets.models import TimeRecord

NOTE = "Sam says mornings are calmer since the new routine."
JS = pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])


def _open_family(page: Any, cast: Any) -> None:
    """Where every task starts (not counted): the family page, signed in as the lead."""
    _sign_in(page, cast.lead)
    page.goto(f"/families/{cast.family.reference}/")
    assert page.get_by_role("heading", name="Taylor family", level=1).is_visible()


def _quick_note(page: Any) -> Any:
    return page.locator("form").filter(has=page.get_by_role("button", name="Add note"))


@JS
def test_a_visit_note_takes_three_interactions(page_factory: Any, cast: Any, javascript: bool) -> None:
    page = page_factory(javascript=javascript)
    _open_family(page, cast)
    form = _quick_note(page)

    steps = Steps(page)
    steps.check(form.get_by_label("Visit"))
    steps.fill(form.get_by_label("What happened"), NOTE)
    steps.click(form.get_by_role("button", name="Add note"))
    steps.within(3, "visit note")

    assert page.get_by_text("Note added to the chronology.").is_visible()
    note = CaseNote.objects.get()
    assert (note.kind, note.author, note.text) == ("visit", cast.lead, NOTE)
    assert not TimeRecord.objects.exists()
    page.goto(f"/families/{cast.family.reference}/chronology/")
    entry = page.locator(".app-chronology li").filter(has_text=NOTE)
    assert entry.is_visible() and "Visit by Lena Lead" in entry.inner_text()


@JS
def test_a_visit_note_with_its_time_is_recorded_once_and_shown_on_the_week(
    page_factory: Any, cast: Any, javascript: bool
) -> None:
    page = page_factory(javascript=javascript)
    _open_family(page, cast)
    form = _quick_note(page)

    steps = Steps(page)
    steps.check(form.get_by_label("Visit"))
    steps.fill(form.get_by_label("What happened"), NOTE)
    steps.fill(form.get_by_label("Time spent, in minutes"), "45")
    steps.click(form.get_by_role("button", name="Add note"))
    steps.within(4, "visit note with its time")

    assert page.get_by_text("Note added to the chronology. 45 minutes of").is_visible()
    assert page.locator(".app-chronology").get_by_text(NOTE).is_visible()
    record = TimeRecord.objects.get()
    assert (record.family, record.minutes, record.worker) == (cast.family, 45, cast.lead)
    page.goto("/time/")
    day = page.locator("tr, li, .govuk-summary-list__row").filter(has_text="Taylor family").first
    assert "45 minutes" in day.inner_text()


def test_the_quick_note_says_what_to_fix(page_factory: Any, cast: Any) -> None:
    page = page_factory()
    _open_family(page, cast)
    form = _quick_note(page)
    form.get_by_label("Time spent, in minutes").fill("forty")
    form.get_by_role("button", name="Add note").click()

    summary = page.locator(".govuk-error-summary")
    summary.wait_for()  # the click starts a page load; the summary is on the page it loads
    assert summary.is_visible()
    for message in (
        "Choose the type of contact",
        "Enter what happened.",
        "Enter the time spent as a whole number of minutes, like 45",
    ):
        assert message in summary.inner_text()
    assert not CaseNote.objects.exists() and not TimeRecord.objects.exists()
    assert _axe_violations(page) == []


@JS
def test_a_time_entry_takes_at_most_four_interactions(page_factory: Any, cast: Any, javascript: bool) -> None:
    page = page_factory(javascript=javascript)
    _open_family(page, cast)
    box = page.locator(".app-time-quick-entry")

    steps = Steps(page)
    steps.click(box.get_by_text("Time spent with or for Taylor family"))
    steps.fill(box.get_by_label("Time spent, in minutes"), "35")
    steps.click(box.get_by_role("button", name="Record time"))
    steps.within(4, "time entry")

    assert page.get_by_text("35 minutes of").first.is_visible()
    assert TimeRecord.objects.get().family == cast.family
    page.goto("/time/")
    row = page.locator("tr, li, .govuk-summary-list__row").filter(has_text="Taylor family").first
    assert "35 minutes" in row.inner_text()


@pytest.fixture
def pot_and_goals(cast: Any) -> Any:
    """The team's pot with money in it, and a plan with two open goals (so the worker chooses one)."""
    pot = pot_helpers.pot(cast.manager, limit="150.00", cap="500.00")
    pot_helpers.contribute(cast.manager, pot, "1000.00")
    goal = pot_helpers.goal(cast.family, text="Get Sam to school on time")
    pot_helpers.goal(cast.family, text="Get the rent arrears under control")
    return pot, goal


@JS
def test_practical_help_within_the_limit_takes_six_interactions(
    page_factory: Any, cast: Any, pot_and_goals: Any, javascript: bool
) -> None:
    _pot, goal = pot_and_goals
    page = page_factory(javascript=javascript)
    _open_family(page, cast)

    steps = Steps(page)
    steps.click(page.get_by_role("link", name="Ask for practical help"))
    steps.select(page.get_by_label("Which goal on the family's plan is this for?"), label=goal.text)
    steps.select(page.get_by_label("What is it for?"), label="Transport")
    steps.fill(page.get_by_label("Amount (£)"), "45.50")
    steps.fill(page.get_by_label("Who will be paid"), "Norfolk Buses")
    steps.click(page.get_by_role("button", name="Save"))
    steps.within(6, "help request")

    assert page.get_by_text("Approved: £45.50 for Norfolk Buses is committed.").is_visible()
    needed = page.locator(".govuk-summary-list__row").filter(has_text="Needed by")
    assert "As soon as possible" in needed.inner_text()
    request = HelpRequest.objects.get()
    assert (request.goal, request.category, request.needed_on) == (goal, Category.TRANSPORT, None)
    page.get_by_role("link", name="Back to the family's practical help").click()
    row = page.locator("tbody tr").filter(has_text="Norfolk Buses")
    assert "£45.50" in row.inner_text() and "Approved" in row.inner_text()


@pytest.mark.parametrize("width", [375, 1280])
def test_the_quick_forms_fit_the_screen_and_meet_wcag_22_aa(
    page_factory: Any, cast: Any, pot_and_goals: Any, width: int
) -> None:
    page = page_factory()
    page.set_viewport_size({"width": width, "height": 900})
    _open_family(page, cast)
    _shot(page, f"quick-family-page-{width}")
    # The quick note fits (the household table beside it is issue 13's phone-layout work, not this form's).
    box = _quick_note(page).bounding_box()
    assert box is not None and box["x"] + box["width"] <= width
    assert _axe_violations(page) == []
    page.get_by_role("link", name="Ask for practical help").click()
    _shot(page, f"quick-help-request-{width}")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert _axe_violations(page) == []
