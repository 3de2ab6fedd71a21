"""The OpenAPI 3.1 description of the directory API, as `GET /` names it in `openapi_url`.

Built from what the app serves, so it cannot drift: the paths are the API's own, and each operation's query
parameters are read from the form that checks them (directory/api_forms.py), with their types. The responses
point at the official Open Referral UK 3.0 schemas (openreferraluk.org/specifications/3.0/schema/), which
the tests validate every answer against.
"""

from typing import Any

from django import forms as django_forms
from django.conf import settings

from directory import api_forms
from directory.serializers import ORUK_SCHEMA_BASE, ORUK_VERSION

DESCRIPTIONS = {
    "search": "Every word must appear in the record's name or description (a service's also in its "
    "organisation, eligibility or needs; a term's also in its code; a service at a location's in its "
    "service).",
    "page": "Page number of the paginated result, from 1. A page past the end is empty (`empty: true`).",
    "per_page": "Number of results in one page (default {default}, at most {max}).",
    "format": "`json` (default), or `ndjson`: every result, one JSON object a line, without pagination.",
    "taxonomy_term_id": "Only records with this taxonomy term.",
    "taxonomy_id": "Only records with any term of this taxonomy.",
    "organization_id": "Only services this organisation provides.",
    "modified_after": "Only records modified on or after this ISO 8601 date or date-time.",
    "postcode": "A UK postcode or postcode district: only services at a place in that district. A full "
    "postcode that is not known is a 400; a known one also keeps services whose `service_areas` cover "
    "it, nearest first (on /services, services with no areas: a place in its district, or within "
    "`proximity`).",
    "proximity": "Distance in metres from a full postcode's centre (or, on /services, from `lat` and "
    "`long`): only services (or services at places) within it, nearest first.",
    "lat": "With `long`: the person's latitude (WGS84); services are sorted by distance from the point.",
    "long": "With `lat`: the person's longitude (WGS84).",
    "full": "true: fully nested records.",
    "full_service": "true: the organisation's services fully nested.",
    "minimal": "true: each service with only its id, name, status and last_modified, all on one page "
    "unless per_page is given (no upper limit then).",
    "minimum_age": "Only services whose youngest age is at least this.",
    "maximum_age": "Only services whose oldest age is at most this.",
    "day": "Only services open on this day of the week (iCalendar: MO, TU, WE, TH, FR, SA, SU).",
    "cost": "`free`: only services with a free cost option valid today; `paid`: only services with a "
    "fixed, per-session or means-tested option valid today (means-tested counts as paid). A service with "
    "both is in both; one with no cost options is in neither.",
    "language": "Only services offered in this language, by its ISO 639 code (639-1 where there is one: "
    "`pl`, `cy`; else 639-3: `bfi` for British Sign Language), matched to the language names entries give. "
    "The enum lists the codes the directory knows.",
    "delivery": "Only services offered this way: `in_person`, `online`, `phone` or `home_visit`.",
    "parent_id": "Only terms whose parent is this term.",
    "top_only": "true: only terms with no parent term.",
}

# path -> (operationId, summary, query form, official schema of the 200 answer)
LISTS: dict[str, tuple[str, str, type[django_forms.Form], str]] = {
    "/services": (
        "getPaginatedListOfServices",
        "Paginated services with their one-to-one fields and organisation",
        api_forms.ApiServicesQuery,
        "service_list.json",
    ),
    "/taxonomies": (
        "getPaginatedListOfTaxonomies",
        "Paginated taxonomies",
        api_forms.ApiTaxonomiesQuery,
        "taxonomy_list.json",
    ),
    "/taxonomy_terms": (
        "getPaginatedListOfTaxonomyTerms",
        "Paginated taxonomy terms",
        api_forms.ApiTaxonomyTermsQuery,
        "taxonomy_term_list.json",
    ),
    "/organizations": (
        "getPaginatedListOfOrganizations",
        "Paginated organisations",
        api_forms.ApiOrganizationsQuery,
        "organization_list.json",
    ),
    "/service_at_locations": (
        "getPaginatedListOfServiceAtLocation",
        "Paginated services at locations",
        api_forms.ApiServiceAtLocationsQuery,
        "service_at_location_list.json",
    ),
}

# path -> (operationId, summary, query form or None, official schema of the 200 answer)
ITEMS: dict[str, tuple[str, str, type[django_forms.Form] | None, str]] = {
    "/services/{id}": ("getFullyNestedServiceById", "A fully nested service", None, "service.json"),
    "/taxonomies/{id}": ("getTaxonomyById", "A taxonomy with its terms", None, "taxonomy.json"),
    "/taxonomy_terms/{id}": ("getTaxonomyTermById", "A taxonomy term", None, "taxonomy_term.json"),
    "/organizations/{id}": (
        "getOrganizationById",
        "An organisation with its services",
        api_forms.ApiOrganizationQuery,
        "organization.json",
    ),
    "/service_at_locations/{id}": (
        "getServiceAtLocationWithNestedDataById",
        "A fully nested service at a location",
        None,
        "service_at_location.json",
    ),
}


def _field_schema(field: django_forms.Field) -> dict[str, Any]:
    if isinstance(field, api_forms.ApiBooleanField):
        return {"type": "boolean"}
    if isinstance(field, django_forms.IntegerField):
        schema: dict[str, Any] = {"type": "integer"}
        if field.min_value is not None:
            schema["minimum"] = field.min_value
        return schema
    if isinstance(field, django_forms.FloatField):
        return {"type": "number", "minimum": 0}
    if isinstance(field, django_forms.UUIDField):
        return {"type": "string", "format": "uuid"}
    if isinstance(field, django_forms.DateTimeField):
        return {"type": "string", "format": "date-time"}
    if isinstance(field, django_forms.ChoiceField):
        return {"type": "string", "enum": [value for value, _label in list(field.choices) if value]}  # type: ignore[arg-type]
    schema = {"type": "string"}
    max_length = getattr(field, "max_length", None)
    if max_length:
        schema["maxLength"] = max_length
    return schema


def query_parameters(form_class: type[django_forms.Form]) -> list[dict[str, Any]]:
    """The query parameters a form accepts, as OpenAPI parameter objects."""
    described = []
    for name, field in form_class.base_fields.items():
        description = DESCRIPTIONS[name].format(
            default=settings.DIRECTORY_API_DEFAULT_PER_PAGE, max=settings.DIRECTORY_API_MAX_PER_PAGE
        )
        described.append(
            {
                "name": name,
                "in": "query",
                "required": False,
                "description": description,
                "schema": _field_schema(field),
            }
        )
    return described


def _ok(schema_file: str, description: str, *, ndjson: bool = False) -> dict[str, Any]:
    content: dict[str, Any] = {"application/json": {"schema": {"$ref": ORUK_SCHEMA_BASE + schema_file}}}
    if ndjson:
        content["application/x-ndjson"] = {
            "schema": {"type": "string", "description": "One item of `contents` per line."}
        }
    return {
        "description": description,
        "headers": {
            "ETag": {"$ref": "#/components/headers/ETag"},
            "Last-Modified": {"$ref": "#/components/headers/Last-Modified"},
            "Cache-Control": {"$ref": "#/components/headers/Cache-Control"},
        },
        "content": content,
    }


def _errors(*statuses: str) -> dict[str, Any]:
    return {status: {"$ref": f"#/components/responses/{status}"} for status in statuses}


def _error_response(description: str, *, headers: dict[str, Any] | None = None) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    if headers:
        response["headers"] = headers
    return response


def _item_path(
    path: str, operation_id: str, summary: str, item_form: Any, schema_file: str
) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "operationId": operation_id,
        "summary": summary,
        "tags": ["required" if path == "/services/{id}" else "optional"],
        "responses": {"200": _ok(schema_file, summary + "."), **_errors("304", "400", "404", "429")},
    }
    if item_form is not None:
        operation["parameters"] = query_parameters(item_form)
    else:
        operation["responses"].pop("400")
    return {
        "parameters": [
            {
                "name": "id",
                "in": "path",
                "required": True,
                "description": "The record's id.",
                "schema": {"type": "string", "format": "uuid"},
            }
        ],
        "get": operation,
    }


def _paths() -> dict[str, Any]:
    """Every path this API answers: the two documents, then each list and each item."""
    paths: dict[str, Any] = {
        "/": {
            "get": {
                "operationId": "getAPIMetaInformation",
                "summary": "Information about this API and the Open Referral UK profile it follows",
                "tags": ["required"],
                "responses": {
                    "200": _ok("api_details.json", "The API's version, profile and this document's address."),
                    **_errors("304", "429"),
                },
            }
        },
        "/openapi.json": {
            "get": {
                "operationId": "getOpenAPIDocument",
                "summary": "This document",
                "responses": {
                    "200": {
                        "description": "The OpenAPI 3.1 description of this API.",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    },
                    **_errors("304", "429"),
                },
            }
        },
    }
    for path, (operation_id, summary, form_class, schema_file) in LISTS.items():
        paths[path] = {
            "get": {
                "operationId": operation_id,
                "summary": summary,
                "tags": ["required" if path == "/services" else "optional"],
                "parameters": query_parameters(form_class),
                "responses": {
                    "200": _ok(schema_file, "One page (the profile's Page object).", ndjson=True),
                    **_errors("304", "400", "429"),
                },
            }
        }
    for path, item in ITEMS.items():
        paths[path] = _item_path(path, *item)
    return paths


def _components() -> dict[str, Any]:
    retry_after = {
        "Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer", "minimum": 1}}
    }
    return {
        "schemas": {
            "Error": {
                "type": "object",
                "required": ["status", "message"],
                "properties": {
                    "status": {"type": "integer"},
                    "message": {"type": "string"},
                    "errors": {
                        "type": "object",
                        "description": "Each bad parameter and what is wrong with it.",
                        "additionalProperties": {"type": "array", "items": {"type": "string"}},
                    },
                },
            }
        },
        "headers": {
            "ETag": {"description": "A strong validator of this answer.", "schema": {"type": "string"}},
            "Last-Modified": {
                "description": "When the directory last changed.",
                "schema": {"type": "string"},
            },
            "Cache-Control": {
                "description": "`public, max-age=` the configured number of seconds.",
                "schema": {"type": "string"},
            },
        },
        "responses": {
            "304": {"description": "Not modified since the ETag or date the request gave."},
            "400": _error_response("A query parameter has a bad value; `errors` names it."),
            "404": _error_response("No record has this id."),
            "429": _error_response("Too many requests from this address.", headers=retry_after),
        },
    }


def document(*, server_url: str) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "Power of One service directory (Open Referral UK)",
            "version": ORUK_VERSION,
            "summary": "The area's service directory as Open Referral UK 3.0, read-only and open to all.",
            "description": (
                "Every path answers GET and HEAD (and OPTIONS, for CORS preflight); any other method is a "
                "405. Every answer is JSON and carries `Access-Control-Allow-Origin: *`. Answers carry a "
                "strong ETag and a Last-Modified date and answer 304 to If-None-Match or "
                "If-Modified-Since; JSON is gzip-compressed for clients that accept it. Each client address "
                "may make a limited number of requests a minute (429 with Retry-After past it). Query "
                "parameters not listed here are ignored; a listed one with a bad value is a 400 naming it."
            ),
        },
        "servers": [{"url": server_url}],
        "tags": [
            {"name": "required", "description": "Open Referral UK Level 1"},
            {"name": "optional", "description": "Open Referral UK Level 2"},
        ],
        "paths": _paths(),
        "components": _components(),
    }
