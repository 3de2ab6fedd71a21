"""Directory entries as Open Referral UK 3.0 JSON (../shared/standards/oruk-3.0-official/).

`service_summary` is the shape of one item of `GET /services` (service_list.json: the service's own
fields and its organisation); `service_full` is `GET /services/{id}` (service.json: everything nested).
Absent values are left out rather than sent as null, because the schemas type them as strings and numbers.
A few keys the UK profile leaves out but HSDS 3.0 has (a contact's email and phones, a language's name)
are added: the schemas allow extra keys, and they are what makes a contact route not phone-only.
"""

import uuid
from decimal import Decimal
from typing import Any

from directory import offer
from directory.models import (
    DIRECTORY_NAMESPACE,
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
)

ORUK_VERSION = "3.0"
ORUK_PROFILE_URL = "https://openreferraluk.org/"
# Where the official schemas live: the app's OpenAPI document points its responses at them.
ORUK_SCHEMA_BASE = "https://openreferraluk.org/specifications/3.0/schema/"


# What the API says a cost option is when the entry gives no condition (always in English, like the data).


def _present(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value is not None and value != ""}


def _number(value: Decimal | int | None) -> float | int | None:
    if value is None:
        return None
    return float(value) if isinstance(value, Decimal) else value


def _derived_id(*parts: Any) -> str:
    return str(uuid.uuid5(DIRECTORY_NAMESPACE, ":".join(str(p) for p in parts)))


def organization_data(org: Organization) -> dict[str, Any]:
    data = _present({"id": str(org.id), "name": org.name, "email": org.email, "website": org.website})
    data["description"] = org.description  # required by the schema, even when empty
    return data


def service_summary(service: Service, *, with_organization: bool = True) -> dict[str, Any]:
    """One item of the services page (service_list.json)."""
    data = _present(
        {
            "id": str(service.id),
            "organization_id": str(service.organization_id),
            "name": service.name,
            "description": service.description,
            "url": service.url,
            "email": service.email,
            "status": service.status,
            "fees": service.fees,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "assured_date": service.last_reviewed_on.isoformat() if service.last_reviewed_on else None,
            "alert": service.alert,
            "last_modified": service.updated_at.isoformat() if service.updated_at else None,
        }
    )
    if with_organization:
        data["organization"] = organization_data(service.organization)
    return data


def service_minimal(service: Service) -> dict[str, Any]:
    """`minimal=true`: the id and when it last changed, with the fields service_list.json requires."""
    return {
        "id": str(service.id),
        "name": service.name,
        "status": service.status,
        "last_modified": service.updated_at.isoformat(),
    }


def taxonomy_data(taxonomy: Taxonomy, *, with_terms: bool = False) -> dict[str, Any]:
    """A taxonomy (taxonomy.json); `with_terms` nests its terms, as `GET /taxonomies/{id}` does."""
    data = _present(
        {
            "id": str(taxonomy.id),
            "name": taxonomy.name,
            "uri": taxonomy.uri,
            "version": taxonomy.version,
        }
    )
    data["description"] = taxonomy.description  # required by the schema, even when empty
    if with_terms:
        data["taxonomy_terms"] = [taxonomy_term_data(term) for term in taxonomy.terms.all()]
    return data


def organization_full(organization: Organization, *, full_service: bool = False) -> dict[str, Any]:
    """A fully nested organisation (organization.json) with its services: one-to-one fields only, or
    (`full_service`) each service fully nested. Expects selectors.organization_detail_queryset()."""
    data = organization_data(organization)
    data["organization_identifiers"] = []
    data["services"] = [
        service_full(s) if full_service else service_summary(s, with_organization=False)
        for s in organization.services.all()
    ]
    return data


def taxonomy_term_data(term: TaxonomyTerm) -> dict[str, Any]:
    data = _present(
        {
            "id": str(term.id),
            "name": term.name,
            "parent_id": str(term.parent_id) if term.parent_id else None,
            "taxonomy": term.taxonomy.name,
            "taxonomy_id": str(term.taxonomy_id),
            "term_uri": term.term_uri,
            "code": term.code,
        }
    )
    data["description"] = term.description
    return data


def _attribute(service: Service, term: TaxonomyTerm) -> dict[str, Any]:
    return {
        "id": _derived_id("attribute", service.id, term.id),
        "link_id": str(service.id),
        "link_type": "service",
        "taxonomy_term_id": str(term.id),
        "taxonomy_term": taxonomy_term_data(term),
    }


def location_data(location: Location, *, nested: bool = True) -> dict[str, Any]:
    """A location (location.json); without `nested`, only its one-to-one fields (as lists carry it)."""
    data = _present(
        {
            "id": str(location.id),
            "location_type": location.location_type,
            "name": location.name,
            "description": location.description,
            "latitude": _number(location.latitude),
            "longitude": _number(location.longitude),
        }
    )
    if not nested:
        return data
    if location.address_1 or location.postcode:
        address = {
            "id": _derived_id("address", location.id),
            "location_id": str(location.id),
            "address_1": location.address_1,
            "address_2": location.address_2,
            "city": location.city,
            "state_province": location.county,
            "postal_code": location.postcode,
            "country": "GB",
            "address_type": "physical" if location.location_type == Location.Kind.PHYSICAL else "postal",
        }
        data["addresses"] = [{k: v for k, v in address.items() if v is not None}]
    if location.accessibility:
        data["accessibility"] = [
            {
                "id": _derived_id("accessibility", location.id),
                "location_id": str(location.id),
                "description": location.accessibility,
            }
        ]
    return data


def contact_data(contact: Contact) -> dict[str, Any]:
    data = _present(
        {
            "id": str(contact.id),
            "service_id": str(contact.service_id),
            "name": contact.name,
            "title": contact.title,
            "email": contact.email,
        }
    )
    phones = []
    if contact.phone:
        phones.append({"id": _derived_id("phone", contact.id), "number": contact.phone, "type": "voice"})
    if contact.text_phone:
        phones.append(
            {"id": _derived_id("textphone", contact.id), "number": contact.text_phone, "type": "text"}
        )
    if phones:
        data["phones"] = phones
    return data


def schedule_data(schedule: Schedule) -> dict[str, Any]:
    return _present(
        {
            "id": str(schedule.id),
            "service_id": str(schedule.service_id),
            "freq": schedule.freq,
            "interval": 1,
            "byday": schedule.byday,
            "opens_at": schedule.opens_at.strftime("%H:%M:%S") if schedule.opens_at else None,
            "closes_at": schedule.closes_at.strftime("%H:%M:%S") if schedule.closes_at else None,
            "description": schedule.description,
        }
    )


def service_full(service: Service) -> dict[str, Any]:
    """One service with everything nested (service.json). Expects selectors.service_detail_queryset()."""
    data = service_summary(service)
    data["service_at_locations"] = [
        {
            "id": str(sal.id),
            "service_id": str(service.id),
            "location_id": str(sal.location_id),
            "location": location_data(sal.location),
        }
        for sal in service.service_at_locations.all()
    ]
    data["contacts"] = [contact_data(c) for c in service.contacts.all()]
    data["schedules"] = [schedule_data(s) for s in service.schedules.all()]
    data["languages"] = [language_data(service, name) for name in service.language_list()]
    data["cost_options"] = [cost_option_data(option) for option in service.cost_options.all()]
    data["attributes"] = [_attribute(service, term) for term in service.taxonomy_terms.all()]
    data["service_areas"] = [service_area_data(area) for area in service.service_areas.all()]
    if service.eligibility_description:
        # HSDS 3.0 keeps eligibility in the description of who may use the service.
        data["eligibility_description"] = service.eligibility_description
    return data


def language_data(service: Service, written: str) -> dict[str, Any]:
    """A language of the service (language.json, with HSDS 3.0's name, code and note): "British Sign
    Language (book in advance)" is the name, its ISO 639 code where it has one, and the note in brackets."""
    name = offer.language_base_name(written) or written
    return _present(
        {
            "id": _derived_id("language", service.id, written.lower()),
            "service_id": str(service.id),
            "name": name,
            "code": offer.language_code(name),
            "note": written[len(name) :].strip().removeprefix("(").removesuffix(")").strip(),
        }
    )


def cost_option_data(option: CostOption) -> dict[str, Any]:
    """A price (cost_option.json). `option` says who it is for, or else the kind ("Free", "Means-tested"),
    so a reader of the API alone can tell a free option from a price not given; amounts are in GBP."""
    return _present(
        {
            "id": str(option.id),
            "service_id": str(option.service_id),
            "valid_from": option.valid_from.isoformat() if option.valid_from else None,
            "valid_to": option.valid_to.isoformat() if option.valid_to else None,
            "option": option.option or offer.COST_KINDS_IN_API.get(option.kind, ""),
            "currency": "GBP",
            "amount": 0 if option.kind == CostOption.Kind.FREE else _number(option.amount),
            "amount_description": option.amount_description,
        }
    )


def service_area_data(area: ServiceArea) -> dict[str, Any]:
    """A place the service covers (service_area.json): its name, and its code as a text extent."""
    return _present(
        {
            "id": str(area.id),
            "service_id": str(area.service_id),
            "name": area.name,
            "service_area": area.name,
            "extent": area.code,
            "extent_type": "text",
            "uri": area.uri,
        }
    )


def service_at_location_data(link: ServiceAtLocation, *, full: bool = False) -> dict[str, Any]:
    """A service at a location: one-to-one fields (service_at_location_list.json), or `full`
    (service_at_location.json) with the location's addresses and accessibility and the service's
    organisation. Expects selectors.service_at_location_detail_queryset()."""
    return {
        "id": str(link.id),
        "service_id": str(link.service_id),
        "location_id": str(link.location_id),
        "location": location_data(link.location, nested=full),
        "service": service_summary(link.service, with_organization=full),
    }


def page_data(
    *, contents: list[dict[str, Any]], total_items: int, page_number: int, per_page: int
) -> dict[str, Any]:
    """The profile's Page object (openapi.json components.schemas.Page) around one page of contents."""
    total_pages = max(1, -(-total_items // per_page)) if total_items else 0
    return {
        "total_items": total_items,
        "total_pages": total_pages,
        "page_number": page_number,
        "size": len(contents),
        "first_page": page_number == 1,
        "last_page": page_number >= total_pages,
        # "Is this page empty": a page past the end is, whatever the total.
        "empty": not contents,
        "contents": contents,
    }


def api_info(*, openapi_url: str) -> dict[str, Any]:
    """`GET /` (api_details.json); `openapi_url` is the app's own description of what it serves."""
    return {"version": ORUK_VERSION, "profile": ORUK_PROFILE_URL, "openapi_url": openapi_url}
