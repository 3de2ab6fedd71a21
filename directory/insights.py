"""What the floors above the directory add to its staff pages about a service ("service insights").

The directory sits below reports (and beside agencies, which it may not import), so it cannot read how a
partner agency answers referrals. An app above registers an insight here from its `AppConfig.ready()`:
`load` receives the ids of every partner agency behind the services on a page and answers, in one batched
read, a value per agency id; the staff pages render it with the insight's templates. The public pages and
the Open Referral UK API never call this module: insights are for signed-in staff only.
"""

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from directory.models import Service


@dataclass(frozen=True)
class ServiceInsight:
    """`list_template` renders a short line under the service's name on the staff list, and
    `detail_template` the rows of a summary list on the staff service page. Both see `insight` (this
    object), `value` (what `load` gave for the service's agency, None if nothing) and `agency` (the
    partner agency, None when referrals to the service are not made through the system)."""

    key: str
    heading: Any
    load: Callable[[Collection[int]], Mapping[int, Any]]
    list_template: str
    detail_template: str
    order: int


@dataclass(frozen=True)
class ShownInsight:
    insight: ServiceInsight
    value: Any
    agency: Any


_insights: dict[str, ServiceInsight] = {}


def register_service_insight(insight: ServiceInsight) -> None:
    _insights[insight.key] = insight


def service_insights() -> list[ServiceInsight]:
    return sorted(_insights.values(), key=lambda i: i.order)


def insights_for(services: Iterable["Service"]) -> dict[Any, list[ShownInsight]]:
    """Each service's insights, by service id: one `load` per registered insight for the whole page.
    The services need `agency` and `organization__agency` selected, or this reads them one by one."""
    services = list(services)
    agency_ids = {s.referral_agency.pk for s in services if s.referral_agency is not None}
    loaded = [(insight, insight.load(agency_ids) if agency_ids else {}) for insight in service_insights()]
    shown: dict[Any, list[ShownInsight]] = {}
    for service in services:
        agency = service.referral_agency
        shown[service.pk] = [
            ShownInsight(insight, values.get(agency.pk) if agency is not None else None, agency)
            for insight, values in loaded
        ]
    return shown
