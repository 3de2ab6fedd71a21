"""The manager's dashboard at a desk (1280 px) and on phones (375 and 320 px): the worker table shows every
column without being cut off at 1280 px, and no width makes the page scroll sideways (issue 13, item 6)."""

from typing import Any

from tests.e2e.layout_data import layout_data
from tests.e2e.test_browser import _axe_violations, _shot, _sign_in
from tests.e2e.test_phone_layout import sideways_scroll

TABLE_EDGES = """() => [...document.querySelectorAll('table.app-worker-table')].map(table => {
  const scroller = table.closest('.app-table-scroll');
  return {right: table.getBoundingClientRect().right, width: innerWidth,
          clipped: scroller ? scroller.scrollWidth > scroller.clientWidth : false};
})"""


def test_the_worker_table_fits_at_1280_px_and_the_page_on_phones(page_factory: Any, cast: Any) -> None:
    layout_data(cast)
    page = page_factory()
    page.set_viewport_size({"width": 1280, "height": 900})
    _sign_in(page, cast.manager)
    page.goto("/reports/dashboard/")
    _shot(page, "dashboard-1280")
    tables = page.evaluate(TABLE_EDGES)
    assert len(tables) == 2
    assert all(t["right"] <= t["width"] and not t["clipped"] for t in tables), tables
    assert sideways_scroll(page, 1280) == []
    assert _axe_violations(page) == []
    # Every figure in "What needs attention" is a link to its list.
    attention = page.locator("h2:has-text('What needs attention') + ul li")
    linked = [attention.nth(i).locator("a").count() for i in range(3)]
    assert linked == [1, 1, 1], attention.all_inner_texts()
    for width in (375, 320):
        page.set_viewport_size({"width": width, "height": 800})
        page.reload()
        _shot(page, f"dashboard-{width}")
        assert sideways_scroll(page, width) == []
