"""The directory's hook for staff-only figures from the floors above (directory/insights.py)."""

from typing import Any

import pytest

from directory import insights
from tests import factories
from tests.directory import factories as df


@pytest.fixture
def counting_insight() -> Any:
    calls: list[set[int]] = []

    def load(agency_ids: Any) -> dict[int, str]:
        calls.append(set(agency_ids))
        return {pk: f"figures for {pk}" for pk in agency_ids}

    insight = insights.ServiceInsight(
        key="test_counting", heading="Test", load=load, list_template="", detail_template="", order=99
    )
    insights.register_service_insight(insight)
    yield insight, calls
    insights._insights.pop("test_counting")


def test_it_loads_once_for_every_agency_on_the_page(owner: Any, counting_insight: Any) -> None:
    insight, calls = counting_insight
    direct, behind_org = factories.agency("Direct"), factories.agency("Behind the organisation")
    with_agency = df.service(owner=owner, agency=direct)
    through_org = df.service(owner=owner, org=df.organization(agency=behind_org))
    also_direct = df.service(owner=owner, agency=direct)
    without = df.service(owner=owner)
    shown = insights.insights_for([with_agency, through_org, also_direct, without])
    assert calls == [{direct.pk, behind_org.pk}]
    ours = {pk: next(s for s in row if s.insight is insight) for pk, row in shown.items()}
    assert ours[with_agency.pk].value == ours[also_direct.pk].value == f"figures for {direct.pk}"
    assert ours[through_org.pk].agency == behind_org
    assert (ours[without.pk].agency, ours[without.pk].value) == (None, None)


def test_a_page_with_no_agency_reads_nothing(owner: Any, counting_insight: Any) -> None:
    _insight, calls = counting_insight
    insights.insights_for([df.service(owner=owner)])
    assert calls == []
