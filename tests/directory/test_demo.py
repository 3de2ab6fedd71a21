import datetime
import random
from typing import Any

from core.demo import DemoContext
from directory import demo, selectors
from directory.models import Location, Service
from partners.models import Agency
from tests import factories
from tests.directory import oruk


def test_the_demo_directory_is_realistic_and_valid(db: Any, client: Any) -> None:
    team = factories.team("Demo team")
    admin = factories.user(role="administrator", is_superuser=True)
    agencies = [
        factories.agency("Northgate Primary School", kind=Agency.Kind.SCHOOL),
        factories.agency("City Housing Options", kind=Agency.Kind.HOUSING),
    ]
    ctx = DemoContext(
        rng=random.Random(7),
        today=datetime.date(2026, 11, 23),
        scale=60,
        detailed=5,
        teams=[team],
        leads=[factories.lead(team)],
        managers=[factories.manager(team)],
        agencies=agencies,
        admin=admin,
    )
    demo.seed(ctx)
    assert 20 <= Service.objects.count() <= 40
    assert Service.objects.filter(agency__in=agencies).exists()
    assert selectors.stale_services(today=ctx.today).exists()
    assert not Service.objects.filter(email="", url="").exists()
    body = client.get("/api/directory/services", {"per_page": 50}).json()
    assert oruk.errors(body, oruk.SERVICES_RESPONSE) == []
    for service in Service.objects.all()[:10]:
        assert oruk.errors(client.get(f"/api/directory/services/{service.pk}").json(), oruk.SERVICE) == []
    # The demo's places have a postcode look-up, so a search by postcode finds the nearest first.
    place = Location.objects.exclude(latitude=None).first()
    assert place is not None
    page = client.get("/directory/", {"area": place.postcode, "radius": "25"}).content.decode()
    assert "0.0 miles away" in page and "We could not find the postcode" not in page
