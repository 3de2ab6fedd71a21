from django.urls import reverse

from tests.access import ROLES, AccessRow, everyone_but
from tests.directory import factories as df

EVERYONE = dict.fromkeys(ROLES, 200)
DIRECTORY_STAFF = everyone_but(
    {"lead": 200, "colleague": 200, "manager": 200, "other_manager": 200, "admin": 200}
)


def _service_url(name: str):
    def build(cast):
        service = df.service(owner=cast.lead, name="Food bank")
        return reverse(f"directory:{name}", args=[service.pk])

    return build


def _api_item(name: str, kind: str, cast=None):
    from directory.models import Taxonomy, TaxonomyTerm

    if kind == "taxonomy":
        pk = Taxonomy.objects.order_by("name").first().pk
    elif kind == "term":
        pk = TaxonomyTerm.objects.order_by("name").first().pk
    elif kind == "org":
        pk = df.organization("Food bank trust").pk
    else:
        service = df.service(owner=cast.lead, name="Food bank", locations=(df.location(),))
        pk = service.service_at_locations.get().pk
    return reverse(f"directory:{name}", args=[pk])


ROWS = [
    # Public: families and the public, no sign-in.
    AccessRow("directory:search", lambda cast: reverse("directory:search"), EVERYONE),
    AccessRow("directory:service", _service_url("service"), EVERYONE),
    AccessRow("directory:api_root", lambda cast: reverse("directory:api_root"), EVERYONE),
    AccessRow("directory:api_services", lambda cast: reverse("directory:api_services"), EVERYONE),
    AccessRow("directory:api_service", _service_url("api_service"), EVERYONE),
    AccessRow("directory:api_openapi", lambda cast: reverse("directory:api_openapi"), EVERYONE),
    *[
        AccessRow(f"directory:{name}", lambda cast, name=name: reverse(f"directory:{name}"), EVERYONE)
        for name in ("api_taxonomies", "api_taxonomy_terms", "api_organizations", "api_service_at_locations")
    ],
    AccessRow("directory:api_taxonomy", lambda cast: _api_item("api_taxonomy", "taxonomy"), EVERYONE),
    AccessRow("directory:api_taxonomy_term", lambda cast: _api_item("api_taxonomy_term", "term"), EVERYONE),
    AccessRow(
        "directory:api_organization", lambda cast: _api_item("api_organization", "org", cast), EVERYONE
    ),
    AccessRow(
        "directory:api_service_at_location",
        lambda cast: _api_item("api_service_at_location", "link", cast),
        EVERYONE,
    ),
    # Keeping the directory right: casework staff and administrators; partner agencies 404.
    AccessRow("directory:manage", lambda cast: reverse("directory:manage"), DIRECTORY_STAFF),
    AccessRow("directory:service_add", lambda cast: reverse("directory:service_add"), DIRECTORY_STAFF),
    AccessRow("directory:manage_service", _service_url("manage_service"), DIRECTORY_STAFF),
    AccessRow("directory:service_edit", _service_url("service_edit"), DIRECTORY_STAFF),
    AccessRow("directory:service_review", _service_url("service_review"), DIRECTORY_STAFF),
    AccessRow(
        "directory:service_review",
        _service_url("service_review"),
        everyone_but({"lead": 302, "colleague": 302, "manager": 302, "other_manager": 302, "admin": 302}),
        method="POST",
    ),
]


def _contact_remove(cast):
    from directory import services

    service = df.service(owner=cast.lead, name="Food bank")
    contact = services.contact_add(actor=cast.lead, service=service, email="a@b.example")
    return reverse("directory:contact_remove", args=[service.pk, contact.pk])


def _schedule_remove(cast):
    from directory import services

    service = df.service(owner=cast.lead, name="Food bank")
    schedule = services.schedule_add(
        actor=cast.lead, service=service, byday="MO", opens_at=None, closes_at=None
    )
    return reverse("directory:schedule_remove", args=[service.pk, schedule.pk])


STAFF_POST = everyone_but({"lead": 302, "colleague": 302, "manager": 302, "other_manager": 302, "admin": 302})

ROWS += [
    AccessRow("directory:contact_add", _service_url("contact_add"), DIRECTORY_STAFF),
    AccessRow("directory:schedule_add", _service_url("schedule_add"), DIRECTORY_STAFF),
    AccessRow(
        "directory:organization_add", lambda cast: reverse("directory:organization_add"), DIRECTORY_STAFF
    ),
    AccessRow("directory:location_add", lambda cast: reverse("directory:location_add"), DIRECTORY_STAFF),
    # Removing is a POST; a GET is refused (405) for staff, and strangers still get 404.
    AccessRow("directory:contact_remove", _contact_remove, STAFF_POST, method="POST"),
    AccessRow("directory:schedule_remove", _schedule_remove, STAFF_POST, method="POST"),
]
