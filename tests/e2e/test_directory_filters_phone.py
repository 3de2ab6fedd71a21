"""The public directory's filter panel on a 375 px phone, without JavaScript: it fits, and it filters."""

from decimal import Decimal
from typing import Any

import pytest

from directory import services
from tests import factories
from tests.directory import factories as df


@pytest.fixture
def priced(transactional_db: Any) -> None:
    owner = factories.lead(factories.team("Directory team"))
    df.service(owner=owner, name="Free stay and play", cost_options=[services.CostSpec(kind="free")])
    df.service(
        owner=owner,
        name="Paid swimming lessons",
        cost_options=[services.CostSpec(kind="per_session", amount=Decimal("4.50"))],
        languages="English, Polish, British Sign Language (book in advance)",
        delivery_methods=["in_person", "online", "phone", "home_visit"],
    )


def test_the_filters_fit_a_phone_and_work_without_javascript(page_factory: Any, priced: Any) -> None:
    page = page_factory(javascript=False)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/directory/")
    scroll_width, inner_width = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll_width <= inner_width
    page.get_by_label("Free", exact=True).check()
    page.get_by_role("button", name="Apply filters").click()
    assert "cost=free" in page.url
    assert page.get_by_role("link", name="Free stay and play").is_visible()
    assert page.get_by_role("link", name="Paid swimming lessons").count() == 0
    assert page.get_by_text("1 service found").is_visible()
    page.get_by_role("link", name="Clear filters").click()
    assert page.get_by_role("link", name="Paid swimming lessons").is_visible()
