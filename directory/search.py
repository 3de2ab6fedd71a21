"""Search by distance and by need: the distance filter, service areas, and relevance-ranked full text.

Distance is computed in the database on both engines: a bounding box on the locations' latitude and
longitude (an index covers both) keeps only places that can be near, then the haversine distance in miles
is worked out with Django's math functions (PostgreSQL has them built in; Django registers the same
functions on every SQLite connection), so the same query serves both and the order comes from SQL.

Full text on PostgreSQL: each service keeps a `search_vector` (name weight A; description and organisation
B; eligibility and needs C), built twice over, with the `english` configuration (stems: "families" finds
"family") and with `simple` (every word as written: PostgreSQL has no Welsh dictionary, and an English
stemmer would mangle Welsh). A query is read in both configurations with websearch syntax (-word,
"a phrase", or) and matches either, so Welsh text is found whatever language the entry says it is in, and
"-word" excludes an entry in both readings. Results are ordered by SearchRank. SQLite (tests, small
installs) has no full-text search: every word or "phrase" must appear, -word excludes, and entries with
more hits in their name come first.
"""

import math
import re
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import (
    Case,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import Combinable
from django.db.models.functions import ASin, Cast, Cos, Least, Power, Radians, Sin, Sqrt

from directory.models import Organization, Service, ServiceArea, ServiceAtLocation, TaxonomyTerm
from directory.postcodes import Place

EARTH_RADIUS_MILES = 3958.7613
METRES_PER_MILE = 1609.344
SEARCH_CONFIGS = ("english", "simple")
MAX_TERMS = 10


# --- distance ---------------------------------------------------------------------------------------


def bounding_box(place: Place, radius_miles: float) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """(south, north, west, east): every point within the radius is inside, rounded outwards to the
    columns' six decimal places."""
    lat_degrees = math.degrees(radius_miles / EARTH_RADIUS_MILES)
    cos_lat = max(math.cos(math.radians(place.latitude)), 1e-6)
    long_degrees = min(180.0, math.degrees(radius_miles / (EARTH_RADIUS_MILES * cos_lat)))
    step = Decimal("0.000001")

    def down(value: float) -> Decimal:
        return Decimal(repr(value)).quantize(step, rounding=ROUND_FLOOR)

    def up(value: float) -> Decimal:
        return Decimal(repr(value)).quantize(step, rounding=ROUND_CEILING)

    return (
        down(place.latitude - lat_degrees),
        up(place.latitude + lat_degrees),
        down(place.longitude - long_degrees),
        up(place.longitude + long_degrees),
    )


def haversine_miles(latitude: str, longitude: str, place: Place) -> Combinable:
    """The great-circle distance in miles from `place` to the point in the two fields, as SQL."""
    lat = Radians(Cast(latitude, FloatField()))
    long = Radians(Cast(longitude, FloatField()))
    lat0 = math.radians(place.latitude)
    long0 = math.radians(place.longitude)
    half_dlat = Sin((lat - Value(lat0)) / Value(2.0))
    half_dlong = Sin((long - Value(long0)) / Value(2.0))
    a = Power(half_dlat, 2) + Value(math.cos(lat0)) * Cos(lat) * Power(half_dlong, 2)
    return Value(2 * EARTH_RADIUS_MILES) * ASin(Least(Sqrt(a), Value(1.0)))


def in_district(district: str) -> Q:
    """A service-at-location whose place is in the postcode district ("NR2": "NR2 1AA" or just "NR2")."""
    return Q(location__postcode__istartswith=f"{district} ") | Q(location__postcode__iexact=district)


def _covering(place: Place, service: str = "pk") -> QuerySet[ServiceArea] | None:
    where = Q()
    if place.district:
        where |= Q(kind=ServiceArea.Kind.DISTRICT, code=place.district)
    if place.local_authority_code:
        where |= Q(kind=ServiceArea.Kind.LOCAL_AUTHORITY, code=place.local_authority_code)
    if not where:
        return None
    return ServiceArea.objects.filter(where, service=OuterRef(service))


def filter_near(services: QuerySet[Service], place: Place, radius_miles: float | None) -> QuerySet[Service]:
    """Services for a person at `place`, each annotated with `distance` (miles to its nearest place).

    A service with areas is included when one covers the person's district or council area, wherever its
    offices are (it visits, phones or works online there). A service with no areas is included when one of
    its places is within the radius (or, with no radius, in the person's postcode district). From a bare
    point (no postcode) the areas cannot be checked, so the radius alone decides.
    """
    links = ServiceAtLocation.objects.filter(service=OuterRef("pk"))
    if radius_miles is None:
        nearby = links.filter(in_district(place.district))
    else:
        south, north, west, east = bounding_box(place, radius_miles)
        nearby = (
            links.filter(location__latitude__range=(south, north), location__longitude__range=(west, east))
            .annotate(miles=haversine_miles("location__latitude", "location__longitude", place))
            .filter(miles__lte=radius_miles)
        )
    covering = _covering(place)
    if covering is None:
        services = services.filter(Exists(nearby))
    else:
        has_areas = ServiceArea.objects.filter(service=OuterRef("pk"))
        services = services.filter(Exists(covering) | (~Exists(has_areas) & Exists(nearby)))
    nearest = (
        links.filter(location__latitude__isnull=False, location__longitude__isnull=False)
        .annotate(miles=haversine_miles("location__latitude", "location__longitude", place))
        .order_by("miles")
        .values("miles")[:1]
    )
    return services.annotate(distance=Subquery(nearest, output_field=FloatField()))


def links_near(
    links: QuerySet[ServiceAtLocation], place: Place, radius_miles: float | None
) -> QuerySet[ServiceAtLocation]:
    """Each service at one of its places, for a person at `place`, nearest first, with `distance` (miles).

    With a radius, the place must be within it (the ORUK `proximity`). Without one, the place is in the
    person's postcode district, or its service covers the person's district or council area.
    """
    distance = haversine_miles("location__latitude", "location__longitude", place)
    if radius_miles is not None:
        south, north, west, east = bounding_box(place, radius_miles)
        links = (
            links.filter(location__latitude__range=(south, north), location__longitude__range=(west, east))
            .annotate(distance=distance)
            .filter(distance__lte=radius_miles)
        )
    else:
        near = in_district(place.district)
        covering = _covering(place, service="service_id")
        links = links.filter(near if covering is None else near | Exists(covering))
        links = links.annotate(distance=distance)
    return links.order_by(F("distance").asc(nulls_last=True), "service__name", "location__name", "id")


# --- full text --------------------------------------------------------------------------------------


@dataclass
class ParsedQuery:
    """What a websearch-style query asks for: words or "phrases" every result has, and -words none has."""

    required: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)

    def highlight_words(self) -> list[str]:
        return [word for term in self.required for word in term.split()]


QUERY_TOKEN_RE = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def parse_query(text: str) -> ParsedQuery:
    parsed = ParsedQuery()
    for negated, phrase, word in QUERY_TOKEN_RE.findall(text or ""):
        term = word if word else " ".join(phrase.split())
        if word.startswith("-"):
            negated, term = "-", word[1:]
        term = term.strip("\"'")
        if not term or (not phrase and term.lower() == "or"):
            continue
        (parsed.excluded if negated else parsed.required).append(term)
    parsed.required = parsed.required[:MAX_TERMS]
    parsed.excluded = parsed.excluded[:MAX_TERMS]
    return parsed


def term_match(term: str) -> Q:
    """The term in the name, description, organisation, eligibility or a need of the service."""
    needs = TaxonomyTerm.objects.filter(services=OuterRef("pk"), name__icontains=term)
    return Q(
        Q(name__icontains=term)
        | Q(description__icontains=term)
        | Q(organization__name__icontains=term)
        | Q(eligibility_description__icontains=term)
        | Exists(needs)
    )


def word_match(parsed: ParsedQuery) -> Q:
    """Every required term somewhere in the entry, no excluded one anywhere (the plain-SQL search)."""
    where = Q()
    for term in parsed.required:
        where &= term_match(term)
    for term in parsed.excluded:
        where &= ~term_match(term)
    return where


def _websearch(text: str) -> SearchQuery:
    english = SearchQuery(text, config="english", search_type="websearch")
    simple = SearchQuery(text, config="simple", search_type="websearch")
    return english | simple


def filter_text(services: QuerySet[Service], text: str) -> tuple[QuerySet[Service], list[Any]]:
    """The services matching `text`, and the ordering that puts the most relevant first."""
    parsed = parse_query(text)
    if not parsed.required and not parsed.excluded:
        return services, []
    if connection.vendor == "postgresql":
        query = _websearch(text[:200])
        # The GIN index finds the matches, so the cost follows what is found, not the directory's size.
        # Every write keeps the vectors (refresh_search_vectors, and vector_for_new_service for a service
        # saved by any other path); a condition on other columns beside it would make PostgreSQL read
        # every service in the area instead of the index.
        services = services.filter(search_vector=query).annotate(rank=SearchRank(F("search_vector"), query))
        return services, [F("rank").desc(nulls_last=True)]
    name_hits: Any = Value(0)
    for term in parsed.required:
        name_hits = name_hits + Case(
            When(name__icontains=term, then=Value(1)), default=Value(0), output_field=IntegerField()
        )
    services = services.filter(word_match(parsed)).annotate(rank=name_hits)
    return services, [F("rank").desc()]


def vector_expression(
    config: str, service_model: Any = Service, organization_model: Any = Organization
) -> Any:
    """A service's weighted words in one configuration. Migrations pass their historical models."""
    organisation = Subquery(
        organization_model.objects.filter(pk=OuterRef("organization_id")).values("name")[:1]
    )
    needs = Subquery(
        service_model.taxonomy_terms.through.objects.filter(service_id=OuterRef("pk"))
        .values("service_id")
        .annotate(names=StringAgg("taxonomyterm__name", delimiter=" "))
        .values("names")[:1]
    )
    return (
        SearchVector("name", weight="A", config=config)
        + SearchVector("description", organisation, weight="B", config=config)
        + SearchVector("eligibility_description", needs, weight="C", config=config)
    )


def refresh_search_vectors(services: QuerySet[Service] | None = None) -> int:
    """Rebuild the full-text vectors of these services (all by default) in one UPDATE; PostgreSQL only.

    Called by every write in directory/services.py that changes a service's words (its own fields, its
    needs, its organisation's name, a need's name), and by the demo after its bulk writes.
    """
    if connection.vendor != "postgresql":
        return 0
    rows = Service.objects.all() if services is None else Service.objects.filter(pk__in=services.values("pk"))
    english, simple = (vector_expression(config) for config in SEARCH_CONFIGS)
    return rows.update(search_vector=english + simple)


def vector_for_new_service(
    sender: Any, instance: Service, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    """post_save: a service written outside directory/services.py (a script, a fixture, a test) is
    searchable from the start; the services refresh it again once its needs are set."""
    if created and not raw and connection.vendor == "postgresql":
        refresh_search_vectors(Service.objects.filter(pk=instance.pk))
