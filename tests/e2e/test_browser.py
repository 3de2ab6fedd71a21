import datetime
import json
import os
import tempfile
from pathlib import Path

import pytest

from tests import factories
from tests.factories import PASSWORD

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", tempfile.gettempdir())) / "poo-screenshots"


def _sign_in(page, user):
    page.goto("/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def _axe_violations(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => (await axe.run(document, {runOnly: {type: 'tag',
             values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})).violations"""
    )
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:3]} for v in result]


def _shot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_a_lead_practitioner_records_a_visit_without_javascript(page_factory, cast):
    page = page_factory(javascript=False)
    _sign_in(page, cast.lead)
    assert page.get_by_role("heading", name="My families").is_visible()
    page.get_by_role("link", name=cast.family.reference).click()
    page.get_by_role("link", name="Add a case note").first.click()
    page.get_by_label("Visit").check()
    today = datetime.date.today()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    page.get_by_label("What happened").fill("Sam says mornings are calmer since the new routine.")
    page.get_by_role("button", name="Add note").click()
    assert page.get_by_text("Note added to the chronology.").is_visible()
    assert page.get_by_text("mornings are calmer").is_visible()


def test_a_form_with_mistakes_says_what_to_fix_and_links_to_the_field(page_factory, cast):
    page = page_factory()
    _sign_in(page, cast.lead)
    page.goto("/families/new/")
    page.get_by_label("Postcode").fill("not a postcode")
    page.get_by_role("button", name="Open family").click()
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert "Enter the family's name." in summary.inner_text()
    assert "Enter a real postcode, like SW1A 1AA" in summary.inner_text()
    _shot(page, "family-create-errors")
    assert _axe_violations(page) == []


@pytest.mark.parametrize(
    "path",
    [
        "/families/",
        "/families/{ref}/",
        "/families/{ref}/chronology/",
        "/families/{ref}/history/",
        "/families/{ref}/members/new/",
        "/families/{ref}/hand-over/",
    ],
)
def test_family_pages_meet_wcag_22_aa(page_factory, cast, path):
    factories.family(lead_practitioner=cast.lead, name="Okafor family")
    page = page_factory()
    _sign_in(page, cast.manager)
    page.goto(path.format(ref=cast.family.reference))
    _shot(page, path.strip("/").replace("/", "_").replace("{ref}", "family") or "home")
    violations = _axe_violations(page)
    assert violations == [], json.dumps(violations, indent=1)


def test_the_sign_in_page_meets_wcag_22_aa(page_factory, db):
    page = page_factory()
    page.goto("/sign-in/")
    _shot(page, "sign-in")
    assert _axe_violations(page) == []
