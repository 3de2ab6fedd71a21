"""The Open Referral UK 3.0 API, read-only and open to everyone: GET /api/directory/...

Plain JSON views with the serializer module: a dozen GET endpoints need no framework. Bad query
parameters get a 400 with a message naming the parameter, before any query runs. What every answer under
/api/directory/ shares (CORS, methods, caching, compression, the rate limit, JSON errors) is in
directory/api_middleware.py.
"""

import functools
import json
import uuid
from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from directory import api_forms, openapi, selectors, serializers
from directory.api_middleware import changed_at, remembered_key
from directory.search import METRES_PER_MILE

NDJSON = "application/x-ndjson"


def _json(data: Any, *, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def error(status: int, message: str, errors: dict[str, list[str]] | None = None) -> JsonResponse:
    body: dict[str, Any] = {"status": status, "message": message}
    if errors:
        body["errors"] = errors
    return _json(body, status=status)


def _bad_query(query: django_forms.Form) -> JsonResponse:
    errors = {name: [str(m) for m in messages] for name, messages in query.errors.items()}
    detail = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in errors.items())
    return error(400, f"Bad query parameter. {detail}", errors)


def _uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def _count(request: HttpRequest, rows: QuerySet[Any]) -> int:
    """How many rows the list has, counted once per query and state of the directory (remembered as its
    ETag is), so a later page does not count them all again."""
    changed = changed_at(request)
    if changed is None or settings.DIRECTORY_API_MAX_AGE <= 0:
        return rows.count()
    try:
        sql, params = rows.query.sql_with_params()
    except EmptyResultSet:  # a filter nothing can match: Django counts 0 without asking the database
        return rows.count()
    key = remembered_key("count", changed, sql, repr(params))
    total = cache.get(key)
    if total is None:
        total = rows.count()
        cache.set(key, total, settings.DIRECTORY_API_MAX_AGE)
    return int(total)


def _listing(
    request: HttpRequest,
    data: dict[str, Any],
    rows: QuerySet[Any],
    item: Callable[[Any], dict[str, Any]],
    *,
    per_page_default: int | None = None,
) -> HttpResponse:
    """One page of `rows` (the profile's Page object), or with format=ndjson every row, a line each."""
    if data.get("format") == "ndjson":
        lines = (json.dumps(item(row), ensure_ascii=False) + "\n" for row in rows.iterator(chunk_size=500))
        return HttpResponse("".join(lines).encode(), content_type=NDJSON)
    total = _count(request, rows)
    page_number = data["page"] or 1
    per_page = data["per_page"] or per_page_default or settings.DIRECTORY_API_DEFAULT_PER_PAGE
    start = (page_number - 1) * per_page
    page = list(rows[start : start + per_page]) if start < total else []
    return _json(
        serializers.page_data(
            contents=[item(row) for row in page],
            total_items=total,
            page_number=page_number,
            per_page=per_page,
        )
    )


def _one(
    rows: QuerySet[Any], record_id: str, what: str, item: Callable[[Any], dict[str, Any]]
) -> JsonResponse:
    pk = _uuid(record_id)
    found: Model | None = rows.filter(pk=pk).first() if pk else None
    if found is None:
        return error(404, f"No {what} has this id.")
    return _json(item(found))


def _get(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """GET and HEAD only, and never a CSRF check: nothing here writes (other methods: a 405 in JSON)."""
    return csrf_exempt(require_safe(view))


def _get_with(query_form: type[django_forms.Form]) -> Callable[[Callable[..., HttpResponse]], Any]:
    """`_get`, and the query parameters checked by `query_form` first: a bad one is a 400 naming it, before
    any query runs; the view is given the cleaned parameters after the request."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            query = query_form(request.GET)
            if not query.is_valid():
                return _bad_query(query)
            return view(request, query.cleaned_data, *args, **kwargs)

        return _get(checked)

    return decorate


@_get
def api_root(request: HttpRequest) -> HttpResponse:
    openapi_url = request.build_absolute_uri(reverse("directory:api_openapi"))
    return _json(serializers.api_info(openapi_url=openapi_url))


@_get
def api_openapi(request: HttpRequest) -> HttpResponse:
    server_url = request.build_absolute_uri(reverse("directory:api_root")).rstrip("/")
    return _json(openapi.document(server_url=server_url))


def _radius_miles(data: dict[str, Any]) -> float | None:
    """`proximity` in miles; from a bare point without it, the public search's default radius."""
    if data["proximity"]:
        return float(data["proximity"]) / METRES_PER_MILE
    place = data["place"]
    if place is not None and not place.district:
        return float(settings.DIRECTORY_SEARCH_RADIUS_MILES)
    return None


@_get_with(api_forms.ApiServicesQuery)
def api_services(request: HttpRequest, data: dict[str, Any]) -> HttpResponse:
    services = selectors.services_search(
        text=data["search"],
        term_id=data["taxonomy_term_id"],
        taxonomy_id=data["taxonomy_id"],
        organization_id=data["organization_id"],
        minimum_age=data["minimum_age"],
        maximum_age=data["maximum_age"],
        area=data["postcode"],
        modified_after=data["modified_after"],
        day=data["day"],
        place=data["place"],
        radius_miles=_radius_miles(data),
        cost=data["cost"],
        languages=[data["language"]] if data["language"] else [],
        delivery=[data["delivery"]] if data["delivery"] else [],
    )
    item: Callable[[Any], dict[str, Any]] = serializers.service_summary
    per_page_default = None
    if data["minimal"]:
        item = serializers.service_minimal
        per_page_default = max(1, services.count())  # every service on one page, as the profile asks
    elif data["full"]:
        services = selectors.with_service_details(services)
        item = serializers.service_full
    return _listing(request, data, services, item, per_page_default=per_page_default)


@_get
def api_service(request: HttpRequest, service_id: str) -> HttpResponse:
    return _one(selectors.service_detail_queryset(), service_id, "service", serializers.service_full)


@_get_with(api_forms.ApiTaxonomiesQuery)
def api_taxonomies(request: HttpRequest, data: dict[str, Any]) -> HttpResponse:
    return _listing(request, data, selectors.taxonomies_list(text=data["search"]), serializers.taxonomy_data)


@_get
def api_taxonomy(request: HttpRequest, taxonomy_id: str) -> HttpResponse:
    return _one(
        selectors.taxonomy_detail_queryset(),
        taxonomy_id,
        "taxonomy",
        lambda taxonomy: serializers.taxonomy_data(taxonomy, with_terms=True),
    )


@_get_with(api_forms.ApiTaxonomyTermsQuery)
def api_taxonomy_terms(request: HttpRequest, data: dict[str, Any]) -> HttpResponse:
    terms = selectors.taxonomy_terms_list(
        text=data["search"],
        taxonomy_id=data["taxonomy_id"],
        parent_id=data["parent_id"],
        top_only=bool(data["top_only"]),
    )
    return _listing(request, data, terms, serializers.taxonomy_term_data)


@_get
def api_taxonomy_term(request: HttpRequest, term_id: str) -> HttpResponse:
    return _one(selectors.taxonomy_terms_list(), term_id, "taxonomy term", serializers.taxonomy_term_data)


@_get_with(api_forms.ApiOrganizationsQuery)
def api_organizations(request: HttpRequest, data: dict[str, Any]) -> HttpResponse:
    organizations = selectors.organizations_list(text=data["search"])
    full_service = bool(data["full_service"])
    if data["full"] or full_service:
        organizations = selectors.with_organization_services(organizations, full_service=full_service)
        return _listing(
            request,
            data,
            organizations,
            lambda org: serializers.organization_full(org, full_service=full_service),
        )
    return _listing(request, data, organizations, serializers.organization_data)


@_get_with(api_forms.ApiOrganizationQuery)
def api_organization(request: HttpRequest, data: dict[str, Any], organization_id: str) -> HttpResponse:
    full_service = bool(data["full_service"])
    return _one(
        selectors.organization_detail_queryset(full_service=full_service),
        organization_id,
        "organization",
        lambda org: serializers.organization_full(org, full_service=full_service),
    )


@_get_with(api_forms.ApiServiceAtLocationsQuery)
def api_service_at_locations(request: HttpRequest, data: dict[str, Any]) -> HttpResponse:
    links = selectors.service_at_locations_search(
        text=data["search"],
        term_id=data["taxonomy_term_id"],
        taxonomy_id=data["taxonomy_id"],
        organization_id=data["organization_id"],
        modified_after=data["modified_after"],
        area=data["postcode"],
        place=data["place"],
        radius_miles=float(data["proximity"]) / METRES_PER_MILE if data["proximity"] else None,
    )
    full = bool(data["full"])
    return _listing(request, data, links, lambda link: serializers.service_at_location_data(link, full=full))


@_get
def api_service_at_location(request: HttpRequest, link_id: str) -> HttpResponse:
    return _one(
        selectors.service_at_location_detail_queryset(),
        link_id,
        "service at location",
        lambda link: serializers.service_at_location_data(link, full=True),
    )
