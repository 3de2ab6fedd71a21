"""The Open Referral UK 3.0 API, read-only and open to everyone: GET /api/directory/...

Plain JsonResponse views with the serializer module: three GET endpoints need no framework. Bad query
parameters get a 400 with a message naming the parameter, before any query runs.
"""

import uuid
from typing import Any

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from directory import selectors, serializers
from directory.forms import ApiServicesQuery


def _json(data: Any, *, status: int = 200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    # Open data: other directories and apps may read it from the browser.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(status: int, message: str, errors: dict[str, list[str]] | None = None) -> JsonResponse:
    body: dict[str, Any] = {"status": status, "message": message}
    if errors:
        body["errors"] = errors
    return _json(body, status=status)


@require_GET
def api_root(request: HttpRequest) -> JsonResponse:
    return _json(serializers.api_info())


@require_GET
def api_services(request: HttpRequest) -> JsonResponse:
    query = ApiServicesQuery(request.GET)
    if not query.is_valid():
        errors = {name: [str(m) for m in messages] for name, messages in query.errors.items()}
        detail = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in errors.items())
        return _error(400, f"Bad query parameter. {detail}", errors)
    data = query.cleaned_data
    page_number = data["page"] or 1
    per_page = data["per_page"] or settings.DIRECTORY_API_DEFAULT_PER_PAGE
    services = selectors.services_search(
        text=data["search"],
        term_id=data["taxonomy_term_id"],
        taxonomy_id=data["taxonomy_id"],
        minimum_age=data["minimum_age"],
        maximum_age=data["maximum_age"],
        area=data["postcode"],
        modified_after=data["modified_after"],
        day=data["day"],
    )
    total = services.count()
    start = (page_number - 1) * per_page
    rows = list(services[start : start + per_page]) if start < total else []
    return _json(
        serializers.page_data(
            contents=[serializers.service_summary(s) for s in rows],
            total_items=total,
            page_number=page_number,
            per_page=per_page,
        )
    )


@require_GET
def api_service(request: HttpRequest, service_id: str) -> JsonResponse:
    try:
        pk = uuid.UUID(service_id)
    except ValueError:
        return _error(404, "No service has this id.")
    service = selectors.service_detail_queryset().filter(pk=pk).first()
    if service is None:
        return _error(404, "No service has this id.")
    return _json(serializers.service_full(service))
