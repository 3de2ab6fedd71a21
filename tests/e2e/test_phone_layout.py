"""On a phone (320 and 375 px) no page of the worker's day scrolls sideways: tables collapse to GOV.UK
summary cards or scroll in their own `app-table-scroll` container, and the header's "Sign out" fits
(issue 13, item 7; ADR 009). One data set and one sign-in per role for all pages: a browser test is slow."""

import json
from typing import Any

import pytest

from tests.e2e.layout_data import WIDEST_ELEMENTS, layout_data
from tests.e2e.test_browser import _shot, _sign_in

PAGES = {
    "caseload": ("lead", "/families/?scope=mine"),
    "team-caseload": ("manager", "/families/?scope=team"),
    "family": ("lead", "/families/{ref}/"),
    "plan": ("lead", "/plans/{ref}/"),
    "agency-inbox": ("agency_worker", "/agencies/portal/"),
    "approvals": ("manager", "/pots/approvals/"),
    "dashboard": ("manager", "/reports/dashboard/"),
    "referrals-waiting": ("manager", "/reports/dashboard/referrals-waiting/"),
}


def sideways_scroll(page: Any, width: int) -> list[str]:
    """What sticks out at this width: [] when the page does not scroll sideways and Sign out is on screen."""
    page.set_viewport_size({"width": width, "height": 800})
    problems = []
    scroll_width, inner_width = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    if scroll_width > inner_width:
        problems.append(f"page is {scroll_width} px wide: {page.evaluate(WIDEST_ELEMENTS)}")
    sign_out = page.get_by_role("button", name="Sign out").bounding_box()
    if sign_out is None or sign_out["x"] < 0 or sign_out["x"] + sign_out["width"] > inner_width:
        problems.append(f"Sign out is off screen: {sign_out}")
    return problems


@pytest.mark.parametrize("width", [320, 375])
def test_no_page_scrolls_sideways_on_a_phone(page_factory: Any, cast: Any, width: int) -> None:
    data = layout_data(cast)
    pages: dict[str, Any] = {}
    problems: dict[str, list[str]] = {}
    for name, (role, path) in PAGES.items():
        if role not in pages:
            pages[role] = page_factory()
            pages[role].set_viewport_size({"width": width, "height": 800})
            _sign_in(pages[role], getattr(cast, role))
        page = pages[role]
        response = page.goto(path.format(ref=data.family.reference))
        assert response is not None and response.status == 200, name
        _shot(page, f"phone-{name}-{width}")
        if found := sideways_scroll(page, width):
            problems[name] = found
    assert not problems, json.dumps(problems, indent=1)
