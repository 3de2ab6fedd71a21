"""Reads of the directory: searches for the public pages, the staff list and the API, and stale entries."""

import calendar
import datetime
import re
import uuid
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from core.calendar import today as local_today
from directory import offer, search
from directory.models import (
    Contact,
    CostOption,
    Location,
    Organization,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
    TermMapping,
)
from directory.needs import NEEDS_TAXONOMY_NAME, need_term_id
from directory.postcodes import Place
from directory.search import filter_near, filter_text, term_match
from directory.standard_taxonomies import ESD_SERVICE_TYPES

FULL_POSTCODE_RE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$")
DISTRICT_RE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` months earlier (the last day of the month where that day does not exist)."""
    month_index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(month_index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def stale_cutoff(*, today: datetime.date | None = None) -> datetime.date:
    """Entries last reviewed before this date are stale."""
    return months_before(today or local_today(), settings.DIRECTORY_STALE_AFTER_MONTHS)


def postcode_district(area: str) -> str | None:
    """The outward code of a postcode or a postcode district ("NR1 3QA" or "nr1" -> "NR1"), else None."""
    compact = re.sub(r"\s+", " ", area or "").strip().upper()
    full = FULL_POSTCODE_RE.match(compact)
    if full:
        return full.group(1)
    if DISTRICT_RE.match(compact):
        return compact
    return None


def filter_by_area(services: QuerySet[Service], area: str) -> QuerySet[Service]:
    """Services with a location in a postcode district, or in a town, as people type an area."""
    area = (area or "").strip()
    if not area:
        return services
    district = postcode_district(area)
    if district:
        where = search.in_district(district)
    else:
        where = Q(location__city__icontains=area) | Q(location__county__iexact=area)
    at = ServiceAtLocation.objects.filter(where, service=OuterRef("pk"))
    return services.filter(Exists(at))


def filter_by_text(services: QuerySet[Service], text: str) -> QuerySet[Service]:
    """Every word must appear in the name, description, organisation, eligibility or a need of the service."""
    for word in (text or "").split()[:10]:
        services = services.filter(term_match(word))
    return services


def _filter_terms(
    services: QuerySet[Service],
    *,
    term_id: uuid.UUID | None,
    taxonomy_id: uuid.UUID | None,
    with_mapped_terms: bool = False,
) -> QuerySet[Service]:
    links = Service.taxonomy_terms.through.objects.filter(service=OuterRef("pk"))
    if term_id is not None:
        tagged = Q(taxonomyterm_id=term_id)
        if with_mapped_terms:
            # A need also finds services tagged only with the standard terms it maps to (TermMapping).
            mapped = TermMapping.objects.filter(from_term_id=term_id).values("to_term_id")
            tagged |= Q(taxonomyterm_id__in=mapped)
        services = services.filter(Exists(links.filter(tagged)))
    if taxonomy_id is not None:
        services = services.filter(Exists(links.filter(taxonomyterm__taxonomy_id=taxonomy_id)))
    return services


def services_search(
    *,
    text: str = "",
    term_id: uuid.UUID | None = None,
    taxonomy_id: uuid.UUID | None = None,
    area: str = "",
    age: int | None = None,
    minimum_age: float | None = None,
    maximum_age: float | None = None,
    modified_after: datetime.datetime | None = None,
    day: str = "",
    organization_id: uuid.UUID | None = None,
    public_only: bool = False,
    place: Place | None = None,
    radius_miles: float | None = None,
    with_mapped_terms: bool = False,
    cost: str = "",
    languages: Sequence[str] = (),
    delivery: Sequence[str] = (),
) -> QuerySet[Service]:
    """The services matching every filter given, with their organisation, in a stable order.

    `age`: it takes people of that age; `minimum_age`, `maximum_age`: its limits are at least / at most
    these (ORUK). With a `place` the nearest come first, with their `distance` in miles; with `text`, the
    most relevant. `with_mapped_terms`: also services tagged with terms the term maps to."""
    services = Service.objects.select_related("organization")
    if public_only:
        services = services.filter(status__in=Service.PUBLIC_STATUSES)
    if organization_id is not None:
        services = services.filter(organization_id=organization_id)
    services = _filter_terms(
        services, term_id=term_id, taxonomy_id=taxonomy_id, with_mapped_terms=with_mapped_terms
    )
    if age is not None:
        services = services.filter(
            Q(minimum_age__isnull=True) | Q(minimum_age__lte=age),
            Q(maximum_age__isnull=True) | Q(maximum_age__gte=age),
        )
    if minimum_age is not None:
        services = services.filter(minimum_age__gte=minimum_age)
    if maximum_age is not None:
        services = services.filter(maximum_age__lte=maximum_age)
    if modified_after is not None:
        services = services.filter(updated_at__gte=modified_after)
    if day:
        services = services.filter(
            Exists(Schedule.objects.filter(service=OuterRef("pk"), byday__contains=day))
        )
    services = offer.filter_cost(services, cost)
    services = offer.filter_languages(services, languages)
    services = offer.filter_delivery(services, delivery)
    ordering: list[Any] = []
    if place is not None:
        services = filter_near(services, place, radius_miles)
        ordering.append(F("distance").asc(nulls_last=True))
    else:
        services = filter_by_area(services, area)
    services, by_relevance = filter_text(services, text)
    return services.order_by(*ordering, *by_relevance, "name", "id")


def with_service_details(services: QuerySet[Service]) -> QuerySet[Service]:
    """Everything one service shows (public page, staff page, API) in a fixed number of queries."""
    terms = TaxonomyTerm.objects.select_related("taxonomy").order_by("name")
    return services.select_related(
        "organization", "agency", "organization__agency", "owner"
    ).prefetch_related(
        Prefetch("taxonomy_terms", queryset=terms),
        Prefetch("service_at_locations", queryset=ServiceAtLocation.objects.select_related("location")),
        "contacts",
        "schedules",
        "service_areas",
        "cost_options",
    )


def service_detail_queryset() -> QuerySet[Service]:
    return with_service_details(Service.objects.all())


def service_at_locations_search(
    *,
    text: str = "",
    term_id: uuid.UUID | None = None,
    taxonomy_id: uuid.UUID | None = None,
    organization_id: uuid.UUID | None = None,
    modified_after: datetime.datetime | None = None,
    area: str = "",
    place: Place | None = None,
    radius_miles: float | None = None,
) -> QuerySet[ServiceAtLocation]:
    """Each service at each of its places, for the services matching the filters.

    For a known `place` (a full postcode), the places near it nearest first (directory/search.py); for a
    postcode district alone, the places in that district.
    """
    services = services_search(
        text=text,
        term_id=term_id,
        taxonomy_id=taxonomy_id,
        organization_id=organization_id,
        modified_after=modified_after,
    )
    links = ServiceAtLocation.objects.filter(service__in=services.order_by().values("pk")).select_related(
        "service", "service__organization", "location"
    )
    if place is not None:
        return search.links_near(links, place, radius_miles)
    district = postcode_district(area) if area else None
    if district:
        links = links.filter(search.in_district(district))
    return links.order_by("service__name", "location__name", "id")


def service_at_location_detail_queryset() -> QuerySet[ServiceAtLocation]:
    return ServiceAtLocation.objects.select_related("service", "service__organization", "location")


def taxonomies_list(*, text: str = "") -> QuerySet[Taxonomy]:
    found = Taxonomy.objects.all()
    for word in (text or "").split()[:10]:
        found = found.filter(Q(name__icontains=word) | Q(description__icontains=word))
    return found.order_by("name", "id")


def taxonomy_detail_queryset() -> QuerySet[Taxonomy]:
    terms = TaxonomyTerm.objects.select_related("taxonomy").order_by("name", "id")
    return Taxonomy.objects.prefetch_related(Prefetch("terms", queryset=terms))


def taxonomy_terms_list(
    *,
    text: str = "",
    taxonomy_id: uuid.UUID | None = None,
    parent_id: uuid.UUID | None = None,
    top_only: bool = False,
) -> QuerySet[TaxonomyTerm]:
    found = TaxonomyTerm.objects.select_related("taxonomy")
    if taxonomy_id is not None:
        found = found.filter(taxonomy_id=taxonomy_id)
    if parent_id is not None:
        found = found.filter(parent_id=parent_id)
    if top_only:
        found = found.filter(parent__isnull=True)
    for word in (text or "").split()[:10]:
        found = found.filter(
            Q(name__icontains=word) | Q(description__icontains=word) | Q(code__icontains=word)
        )
    return found.order_by("taxonomy__name", "name", "id")


def organizations_list(*, text: str = "") -> QuerySet[Organization]:
    found = Organization.objects.all()
    for word in (text or "").split()[:10]:
        found = found.filter(Q(name__icontains=word) | Q(description__icontains=word))
    return found.order_by("name", "id")


def with_organization_services(
    organizations: QuerySet[Organization], *, full_service: bool = False
) -> QuerySet[Organization]:
    """Organisations with their services: one-to-one fields, or (full_service) everything nested."""
    services = service_detail_queryset() if full_service else Service.objects.all()
    return organizations.prefetch_related(Prefetch("services", queryset=services.order_by("name", "id")))


def organization_detail_queryset(*, full_service: bool = False) -> QuerySet[Organization]:
    return with_organization_services(Organization.objects.all(), full_service=full_service)


def directory_last_modified() -> datetime.datetime | None:
    """When anything in the directory last changed: the newest history row of any of its tables.

    History records every save and every deletion, so a removed place or contact counts too. One query
    (MAX over indexed columns), whatever the directory's size.
    """
    history_tables = [
        model.history.model._meta.db_table
        for model in (
            Taxonomy,
            TaxonomyTerm,
            Organization,
            Location,
            Service,
            ServiceAtLocation,
            ServiceArea,
            CostOption,
            Contact,
            Schedule,
        )
    ]
    quote = connection.ops.quote_name
    # Table and column names from the models, quoted: no input reaches this SQL.
    parts = [f"SELECT MAX({quote('history_date')}) AS m FROM {quote(t)}" for t in history_tables]  # noqa: S608
    parts += [
        f"SELECT MAX({quote('updated_at')}) AS m FROM {quote(m._meta.db_table)}"  # noqa: S608
        for m in (Organization, Service)
    ]
    sql = f"SELECT MAX(m) FROM ({' UNION ALL '.join(parts)}) AS changes"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    value = row[0] if row else None
    if isinstance(value, str):  # SQLite answers a MAX over a date-time column as text
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value


def service_type_terms() -> QuerySet[TaxonomyTerm]:
    """The esd service types a service can be tagged with (directory/taxonomies/), by name."""
    return TaxonomyTerm.objects.filter(taxonomy_id=ESD_SERVICE_TYPES.id).order_by("name", "id")


def terms_map_to_need(terms: list[TaxonomyTerm], code: str) -> bool:
    """Whether one of these (standard) terms is mapped from the need with this code (no query if none)."""
    if not terms:
        return False
    return TermMapping.objects.filter(from_term_id=need_term_id(code), to_term__in=terms).exists()


def need_terms() -> QuerySet[TaxonomyTerm]:
    """The "needs" vocabulary the public search offers."""
    return TaxonomyTerm.objects.filter(taxonomy__name=NEEDS_TAXONOMY_NAME).order_by("name")


def taxonomies() -> QuerySet[Taxonomy]:
    return Taxonomy.objects.order_by("name")


def staff_services(*, text: str = "", stale_only: bool = False, owner: Any = None) -> QuerySet[Service]:
    # The agencies too: the staff list shows how the agency behind each service answers referrals.
    services = Service.objects.select_related("organization", "organization__agency", "agency", "owner")
    if stale_only:
        services = services.filter(last_reviewed_on__lt=stale_cutoff())
    if owner is not None:
        services = services.filter(owner=owner)
    return filter_by_text(services, text).order_by("name", "id")


def stale_services(*, today: datetime.date | None = None) -> QuerySet[Service]:
    """Entries due a review, oldest review first. Withdrawn entries are not chased."""
    return (
        Service.objects.filter(last_reviewed_on__lt=stale_cutoff(today=today))
        .exclude(status=Service.Status.DEFUNCT)
        .select_related("organization", "owner")
        .order_by("owner_id", "last_reviewed_on", "name")
    )
