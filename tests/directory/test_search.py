"""Search by distance and need: postcodes, the radius, service areas, relevance and highlighting."""

import importlib
import io
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory import search, selectors
from directory.models import Postcode, ServiceArea
from directory.postcode_import import import_postcodes
from directory.postcodes import Place
from directory.templatetags.directory_search import highlight
from tests.directory import factories as df

# Norwich Market (the person), and places at hand-computed haversine distances from it (R = 3958.76 mi):
# one degree of latitude is 69.09 miles, so 0.01 deg north is 0.69 miles and 0.05 deg north 3.45 miles.
HOME = Place(latitude=52.6280, longitude=1.2930, district="NR2")


def _at(owner: Any, name: str, lat: str, long: str, postcode: str = "NR2 1AA", **extra: Any) -> Any:
    place = df.location(name=f"{name} hub", postcode=postcode, latitude=lat, longitude=long)
    return df.service(owner=owner, name=name, locations=(place,), **extra)


def test_services_within_the_radius_come_nearest_first_and_the_rest_are_left_out(owner: Any) -> None:
    _at(owner, "Far", "52.7280", "1.2930")  # 0.1 deg north: 6.91 miles
    _at(owner, "Near", "52.6380", "1.2930")  # 0.69 miles
    _at(owner, "Middle", "52.6580", "1.2930")  # 2.07 miles
    found = list(selectors.services_search(place=HOME, radius_miles=5))
    assert [s.name for s in found] == ["Near", "Middle"]
    assert [round(s.distance, 2) for s in found] == [0.69, 2.07]
    assert search.bounding_box(HOME, 5)[0] < 52.6280 - 5 / 69.1


def test_service_areas_leave_out_services_that_do_not_cover_the_postcode(owner: Any) -> None:
    covers = _at(owner, "Covers NR2", "52.6380", "1.2930")
    other = _at(owner, "Covers NR30 only", "52.6380", "1.2930")
    council = _at(owner, "Covers the council", "52.9000", "1.9000")  # 20 miles off, but covers the council
    ServiceArea.objects.create(service=covers, kind="district", code="NR2", name="NR2")
    ServiceArea.objects.create(service=other, kind="district", code="NR30", name="NR30")
    ServiceArea.objects.create(service=council, kind="local_authority", code="E07000148", name="Norwich")
    place = Place(latitude=52.628, longitude=1.293, district="NR2", local_authority_code="E07000148")
    names = [s.name for s in selectors.services_search(place=place, radius_miles=5)]
    assert names == ["Covers NR2", "Covers the council"]


def test_the_public_page_searches_by_postcode_shows_miles_and_says_when_a_postcode_is_unknown(
    owner: Any, client: Any
) -> None:
    Postcode.objects.create(postcode="NR2 1AA", latitude=52.628, longitude=1.293, district="NR2")
    _at(owner, "Near", "52.6380", "1.2930")
    _at(owner, "Far", "52.7280", "1.2930")
    page = client.get(reverse("directory:search"), {"area": "nr21aa", "radius": "5"}).content.decode()
    assert "Near" in page and "0.7 miles away" in page and "Far" not in page
    wider = client.get(reverse("directory:search"), {"area": "NR2 1AA", "radius": "10"}).content.decode()
    assert wider.index("Near") < wider.index("Far")
    bad = client.get(reverse("directory:search"), {"area": "NR2 9ZZ"}).content.decode()
    assert "We could not find the postcode NR2 9ZZ" in bad


def test_the_api_sorts_by_distance_and_names_an_unknown_postcode(owner: Any, client: Any) -> None:
    Postcode.objects.create(postcode="NR2 1AA", latitude=52.628, longitude=1.293, district="NR2")
    _at(owner, "Middle", "52.6580", "1.2930")
    _at(owner, "Near", "52.6380", "1.2930")
    url = reverse("directory:api_services")
    answer = client.get(url, {"lat": "52.628", "long": "1.293", "proximity": "5000"}).json()
    assert [s["name"] for s in answer["contents"]] == ["Near", "Middle"]
    by_postcode = client.get(url, {"postcode": "NR2 1AA", "proximity": "2000"}).json()
    assert [s["name"] for s in by_postcode["contents"]] == ["Near"]
    unknown = client.get(url, {"postcode": "NR2 9ZZ", "proximity": "2000"})
    assert unknown.status_code == 400 and "postcode" in unknown.json()["errors"]


def test_services_at_locations_within_proximity_come_nearest_first(owner: Any, client: Any) -> None:
    Postcode.objects.create(
        postcode="NR2 1AA", latitude=52.628, longitude=1.293, district="NR2", local_authority_code="E07000148"
    )
    _at(owner, "Middle", "52.6580", "1.2930")  # 2.07 miles: 3,331 metres
    _at(owner, "Near", "52.6380", "1.2930", postcode="NR3 1AA")  # 0.69 miles: 1,112 metres
    _at(owner, "Far", "52.7280", "1.2930", postcode="NR12 1AA")  # 6.91 miles
    visits = _at(owner, "Visits the council", "52.9000", "1.9000", postcode="NR30 1AA")
    ServiceArea.objects.create(service=visits, kind="local_authority", code="E07000148", name="Norwich")
    url = reverse("directory:api_service_at_locations")

    def names(**query: str) -> list[str]:
        answer = client.get(url, query)
        assert answer.status_code == 200, answer.content
        return [link["service"]["name"] for link in answer.json()["contents"]]

    assert names(postcode="NR2 1AA", proximity="4000", full="true") == ["Near", "Middle"]
    assert names(postcode="NR2 1AA", proximity="1200", full="true") == ["Near"]
    # Without a distance: places in the district, and services whose areas cover the postcode.
    assert names(postcode="NR2 1AA", full="true") == ["Middle", "Visits the council"]
    refused = client.get(url, {"postcode": "NR2", "proximity": "4000"})
    assert refused.status_code == 400 and "proximity" in refused.json()["errors"]


def test_import_reads_onspd_and_code_point_and_updates_on_reimport(db: Any) -> None:
    onspd = "pcd,pcds,doterm,oslaud,lat,long\nNR2 1AA,NR2 1AA,,E07000148,52.628,1.293\nXX,ZZ99 9ZZ,,,99.999999,0\n"
    assert import_postcodes(io.StringIO(onspd), area_names={"E07000148": "Norwich"}) == 1
    row = Postcode.objects.get()
    assert (row.district, row.local_authority_code, row.local_authority_name) == (
        "NR2",
        "E07000148",
        "Norwich",
    )
    # Code-Point Open: no header, OSGB36 eastings/northings (Buckingham Palace: 529090, 179645).
    codepoint = '"SW1A 1AA",10,529090,179645,"E92000001","","","","E09000033",""\n'
    assert import_postcodes(io.StringIO(codepoint)) == 1
    palace = Postcode.objects.get(postcode="SW1A 1AA")
    assert abs(palace.latitude - 51.5010) < 0.001 and abs(palace.longitude + 0.1416) < 0.001
    moved = "pcds,lat,long\nNR2 1AA,52.7,1.3\n"
    import_postcodes(io.StringIO(moved))
    assert Postcode.objects.count() == 2 and Postcode.objects.get(postcode="NR2 1AA").latitude == 52.7


def test_relevance_puts_name_hits_first_and_websearch_syntax_works(owner: Any) -> None:
    df.service(owner=owner, name="Family support", description="Help with debt and money.")
    df.service(owner=owner, name="Debt advice", description="Free advice for families.")
    df.service(owner=owner, name="Youth club", description="Games, no debt talk.")
    assert next(s.name for s in selectors.services_search(text="debt")) == "Debt advice"
    assert "Youth club" not in [s.name for s in selectors.services_search(text="debt -games")]
    assert [s.name for s in selectors.services_search(text='"debt and money"')] == ["Family support"]


def test_welsh_text_is_found(owner: Any) -> None:
    df.service(owner=owner, name="Cymorth i deuluoedd", description="Cyngor am ddim.", languages="Welsh")
    assert [s.name for s in selectors.services_search(text="deuluoedd")] == ["Cymorth i deuluoedd"]


def test_highlight_escapes_before_marking() -> None:
    marked = highlight('<script>alert("debt")</script> Debt & money', ["debt", "amp"])
    assert "<script>" not in marked
    assert "<mark>Debt</mark> &amp; money" in marked and "&lt;script&gt;" in marked


def test_the_search_page_makes_as_many_queries_for_20_services_as_for_5(owner: Any, client: Any) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("directory:search"), {"q": "help"}).status_code == 200
        return len(queries)

    for _ in range(5):
        _at(owner, f"Help {_}", "52.63", "1.29")
    five = count()
    for index in range(15):
        _at(owner, f"More help {index}", "52.63", "1.29")
    assert count() == five


@pytest.mark.postgres
def test_postgres_ranks_by_weight_and_reads_websearch_syntax(owner: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")
    df.service(owner=owner, name="Family support", description="Debt and money help.")
    df.service(owner=owner, name="Debt advice", description="Advice for families.")
    df.service(owner=owner, name="Youth club", description="Games, and no debt talk.")
    assert next(s.name for s in selectors.services_search(text="debt")) == "Debt advice"
    assert "Youth club" not in [s.name for s in selectors.services_search(text="debt -games")]
    assert [s.name for s in selectors.services_search(text='"debt and money"')] == ["Family support"]
    assert "Debt advice" in [s.name for s in selectors.services_search(text="family")]  # stemmed
    welsh = df.service(owner=owner, name="Cymorth i deuluoedd", description="Cyngor am ddim.")
    assert [s.name for s in selectors.services_search(text="deuluoedd")] == [welsh.name]


def test_the_manage_form_takes_districts_and_known_council_areas_and_names_unknown_ones(owner: Any) -> None:
    from django import forms as django_forms

    from directory import services
    from directory.forms import ServiceAreasField

    Postcode.objects.create(
        postcode="NR2 1AA",
        latitude=52.628,
        longitude=1.293,
        district="NR2",
        local_authority_code="E07000148",
        local_authority_name="Norwich",
    )
    field = ServiceAreasField(required=False)
    with pytest.raises(django_forms.ValidationError, match="We do not know Atlantis"):
        field.clean("NR1\nAtlantis")
    areas = field.clean("nr1\n\nnorwich")
    service = _at(owner, "Visits at home", "52.9", "1.9")
    fields = services.ServiceFields(
        organization=service.organization, name=service.name, owner=owner, email="a@b.example", areas=areas
    )
    services.service_update(actor=owner, service=service, fields=fields)
    assert sorted(service.service_areas.values_list("kind", "code", "name")) == [
        ("district", "NR1", "NR1"),
        ("local_authority", "E07000148", "Norwich"),
    ]


def test_a_search_without_a_chosen_distance_shows_the_default_distance_it_used(
    owner: Any, client: Any, settings: Any
) -> None:
    settings.DIRECTORY_SEARCH_RADIUS_MILES = 5
    Postcode.objects.create(postcode="NR2 1AA", latitude=52.628, longitude=1.293, district="NR2")
    _at(owner, "Three miles off", "52.6700", "1.2930")
    page = client.get(reverse("directory:search"), {"area": "NR2 1AA"}).content.decode()
    assert "Three miles off" in page
    assert '<option value="5" selected>' in page


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text vectors are PostgreSQL's")
def test_the_upgrade_builds_the_vectors_of_services_written_before_it(owner: Any) -> None:
    from types import SimpleNamespace

    from django.apps import apps

    from directory.models import Service

    old = df.service(owner=owner, name="Family swimming")
    Service.objects.filter(pk=old.pk).update(search_vector=None)  # as 0004 left an existing row
    assert list(selectors.services_search(text="swims")) == []  # only word by word: no stemming

    upgrade = importlib.import_module("directory.migrations.0005_backfill_search_vectors")
    upgrade.backfill(apps, SimpleNamespace(connection=connection))
    assert [s.name for s in selectors.services_search(text="swims")] == ["Family swimming"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text vectors are PostgreSQL's")
def test_a_service_saved_outside_the_directory_services_is_found_by_its_words(owner: Any) -> None:
    from directory.models import Service

    made = df.service(owner=owner, name="Template")
    script = Service.objects.create(
        organization=made.organization,
        name="Homework club",
        description="Quiet rooms.",
        owner=owner,
        last_reviewed_on=made.last_reviewed_on,
    )
    assert [s.name for s in selectors.services_search(text="homework rooms")] == [script.name]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text vectors are PostgreSQL's")
def test_a_text_search_asks_only_what_the_words_index_answers(owner: Any) -> None:
    """The words are matched by the vector alone: a LIKE or an "IS NULL" beside it, which no index covers,
    made PostgreSQL read every service in the district before the GIN index (issue 14's bench)."""
    place = df.location(name="Busy hub", postcode="NR2 4AB")
    df.service(owner=owner, name="Homework help", description="Quiet rooms.", locations=(place,))
    df.service(owner=owner, name="Games club", description="Sport.", locations=(place,))
    found = selectors.services_search(text="homework", area="NR2")
    assert [s.name for s in found] == ["Homework help"]
    sql = str(found.query)
    in_area = str(selectors.services_search(area="NR2").query)
    assert "@@" in sql and '"search_vector" IS NULL' not in sql
    assert sql.count(" LIKE ") == in_area.count(" LIKE ")  # the district's own, and no word by word
