"""The ORUK validator's checks, with the official 3.0 schemas: `/` and every Level 1 and Level 2 endpoint,
the first, a middle and the last page of every list, and every item of those pages by its id: no schema
error, required fields and formats (uuid, date-time, email, uri) included."""

import json
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from jsonschema import Draft202012Validator

from directory import services
from directory.models import Taxonomy, TaxonomyTerm
from tests.directory import factories as df
from tests.directory import oruk_official as oruk

API = "/api/directory"
# list path -> (the detail path of its items, the official schema of a `full=true` item, if it has one)
LISTS = {
    "/services": ("/services/{id}", "service.json"),
    "/taxonomies": ("/taxonomies/{id}", None),
    "/taxonomy_terms": ("/taxonomy_terms/{id}", None),
    "/organizations": ("/organizations/{id}", "organization.json"),
    "/service_at_locations": ("/service_at_locations/{id}", "service_at_location.json"),
}
PER_PAGE = 2


@pytest.fixture
def directory(owner: Any) -> None:
    """Enough of everything for three pages or more of every list at two a page."""
    vocabulary = services.taxonomy_save(
        actor=None, taxonomy=Taxonomy(name="Service types", description="", uri="https://types.example/")
    )
    services.taxonomy_save(actor=None, taxonomy=Taxonomy(name="Delivery", description="How it is given."))
    services.taxonomy_save(actor=None, taxonomy=Taxonomy(name="Cost", description="What it costs."))
    services.taxonomy_save(actor=None, taxonomy=Taxonomy(name="Languages", version="2024"))
    parent = services.taxonomy_term_save(
        actor=None, term=TaxonomyTerm(taxonomy=vocabulary, code="advice", name="Advice", description="")
    )
    services.taxonomy_term_save(
        actor=None,
        term=TaxonomyTerm(
            taxonomy=vocabulary,
            code="debt-advice",
            name="Debt advice",
            parent=parent,
            term_uri="https://types.example/debt-advice",
        ),
    )
    hub = df.location(name="Hub", accessibility="Step-free.")
    library = df.location(name="Library", postcode="NR2 4AB", latitude="52.630000", longitude="1.290000")
    online = df.location(name="Online", postcode="", address_1="", city="", location_type="virtual")
    orgs = [df.organization(f"Org {n}", email=f"org{n}@example.org") for n in range(5)]
    orgs.append(df.organization("Bare org", description="", website=""))
    df.full_service(owner=owner, name="Full", org=orgs[0])
    for n in range(6):
        df.service(
            owner=owner,
            name=f"Service {n}",
            org=orgs[n % 3],
            needs=(("money",), ("housing", "crime"), ())[n % 3],
            locations=((hub, library), (online,), ())[n % 3],
            minimum_age=n,
        )


def _get(client: Any, path: str, **params: Any) -> Any:
    response = client.get(API + path, params)
    assert response.status_code == 200, (path, params, response.content[:500])
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def _assert_valid(body: Any, ref: str, where: str) -> None:
    assert oruk.errors(body, ref) == [], where


def test_the_api_details_and_its_openapi_url(client: Any, db: Any) -> None:
    body = _get(client, "/")
    _assert_valid(body, oruk.response_schema("/"), "/")
    assert body["openapi_url"] == "http://testserver/api/directory/openapi.json"
    assert client.get(body["openapi_url"]).status_code == 200


@pytest.mark.parametrize("path", list(LISTS))
def test_the_first_a_middle_and_the_last_page_and_every_item_on_them(
    client: Any, directory: None, path: str
) -> None:
    detail_path, full_schema = LISTS[path]
    first = _get(client, path, per_page=PER_PAGE)
    last_page = first["total_pages"]
    assert last_page >= 3, (path, first["total_items"])
    pages = {1: first}
    for number in (last_page // 2 + 1, last_page):
        pages[number] = _get(client, path, per_page=PER_PAGE, page=number)
    seen = 0
    for number, page in pages.items():
        where = f"{path}?page={number}"
        _assert_valid(page, oruk.response_schema(path), where)
        _assert_valid(page, oruk.PAGE, where)
        assert page["page_number"] == number and page["first_page"] == (number == 1)
        assert page["last_page"] == (number == last_page) and page["empty"] is False
        for item in page["contents"]:
            seen += 1
            detail = _get(client, detail_path.format(id=item["id"]))
            _assert_valid(detail, oruk.response_schema(detail_path), detail_path.format(id=item["id"]))
            assert detail["id"] == item["id"]
        if full_schema:
            full = _get(client, path, per_page=PER_PAGE, page=number, full="true")
            _assert_valid(full, oruk.response_schema(path), where + "&full=true")
            for item in full["contents"]:
                _assert_valid(item, oruk.schema(full_schema), f"{where}&full=true: {item['id']}")
    assert seen >= 5
    beyond = _get(client, path, per_page=PER_PAGE, page=last_page + 1)
    assert beyond["empty"] is True and beyond["contents"] == [] and beyond["last_page"] is True
    _assert_valid(beyond, oruk.response_schema(path), f"{path}?page={last_page + 1}")


def test_the_variants_validate_too(client: Any, directory: None) -> None:
    minimal = _get(client, "/services", minimal="true")
    assert minimal["total_pages"] == 1 and minimal["size"] == minimal["total_items"] == 7
    assert set(minimal["contents"][0]) == {"id", "name", "status", "last_modified"}
    _assert_valid(minimal, oruk.response_schema("/services"), "minimal")
    org = _get(client, "/organizations", search="Org 0")["contents"][0]
    for full_service in ("false", "true"):
        detail = _get(client, f"/organizations/{org['id']}", full_service=full_service)
        _assert_valid(detail, oruk.response_schema("/organizations/{id}"), full_service)
        assert [s["name"] for s in detail["services"]] == ["Full", "Service 0", "Service 3"]
    for item in detail["services"]:
        _assert_valid(item, oruk.schema("service.json"), item["name"])
    everything = _get(client, "/organizations", full_service="true", per_page=100)
    _assert_valid(everything, oruk.response_schema("/organizations"), "full_service")
    for item in everything["contents"]:
        _assert_valid(item, oruk.schema("organization.json"), item["name"])


def test_ndjson_gives_every_item_a_line_without_pagination(client: Any, directory: None) -> None:
    for path in LISTS:
        response = client.get(API + path, {"format": "ndjson", "per_page": 1})
        assert response.status_code == 200 and response["Content-Type"] == "application/x-ndjson"
        lines = response.content.decode().splitlines()
        assert len(lines) == _get(client, path)["total_items"]
        list_ref = oruk.response_schema(path)
        page = {"contents": [json.loads(line) for line in lines], "empty": not lines}
        _assert_valid(page, list_ref, path + "?format=ndjson")


def test_the_check_really_checks_formats(client: Any, directory: None) -> None:
    item = _get(client, "/service_at_locations")["contents"][0]
    item["location"]["id"] = "not-a-uuid"
    item["service"]["email"] = "not an email"
    item["service"]["url"] = "example.org/no-scheme"
    item["service"]["last_modified"] = "yesterday"
    assert len(oruk.errors({"contents": [item]}, oruk.response_schema("/service_at_locations"))) == 4


# The app's own OpenAPI document: valid, and exactly what the app serves.

OAS_31 = Path(__file__).with_name("standards") / "oas-3.1-schema.json"


def _document(client: Any) -> Any:
    return _get(client, "/openapi.json")


def test_the_apps_openapi_document_is_valid_openapi_3_1(client: Any, db: Any) -> None:
    document = _document(client)
    meta = json.loads(OAS_31.read_text())
    validator = Draft202012Validator(meta, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert [e.message for e in validator.iter_errors(document)] == []
    broken = {**document, "info": {"title": "no version"}, "paths": {"no-slash": {}}}
    assert len(list(validator.iter_errors(broken))) >= 2  # the meta-schema really checks
    for component in document["components"]["schemas"].values():
        Draft202012Validator.check_schema(component)
    for path_item in document["paths"].values():
        for parameter in path_item["get"].get("parameters", []) + path_item.get("parameters", []):
            Draft202012Validator.check_schema(parameter["schema"])
    assert document["servers"] == [{"url": "http://testserver/api/directory"}]


def test_the_document_has_every_official_path_and_parameter(client: Any, db: Any) -> None:
    ours = _document(client)["paths"]
    official = oruk.openapi()
    for path, item in official["paths"].items():
        assert path in ours, path
        names = set()
        for parameter in item["get"].get("parameters", []):
            if "$ref" in parameter:
                parameter = official["components"]["parameters"][parameter["$ref"].rsplit("/", 1)[1]]
            names.add(parameter["name"])
        assert names <= {p["name"] for p in ours[path]["get"].get("parameters", [])}, path


def _url(path: str, some_id: str) -> str:
    return API + path.replace("{id}", some_id)


def test_every_documented_path_is_served_and_nothing_else(client: Any, full_service: Any) -> None:
    document = _document(client)
    assert reverse("directory:api_root") == API + "/"
    assert reverse("directory:api_openapi") == API + "/openapi.json"
    for path in document["paths"]:
        some_id = str(full_service.pk)
        response = client.get(_url(path, some_id))
        assert response.status_code in (200, 404), path  # 404: the id is a service's, not this kind's
    from directory import urls

    api_patterns = [p for p in urls.urlpatterns if p.name and p.name.startswith("api_")]
    assert len(api_patterns) == len(document["paths"])


VALID = {
    "boolean": "true",
    "integer": "1",
    "number": "1",
    "uuid": "5b0f6a52-8f2e-4a4b-9d8e-6f0c1d7d2a10",
    "date-time": "2020-01-01T00:00:00Z",
    "string": "NR1",
}


def _valid_value(parameter: dict[str, Any]) -> str:
    schema = parameter["schema"]
    if "enum" in schema:
        return schema["enum"][0]
    return VALID[schema.get("format", schema["type"])]


def test_every_documented_parameter_is_honoured_or_a_400_naming_it(client: Any, full_service: Any) -> None:
    document = _document(client)
    for path, item in document["paths"].items():
        for parameter in item["get"].get("parameters", []):
            name = parameter["name"]
            url = _url(
                path, str(full_service.organization_id if "organizations" in path else full_service.pk)
            )
            response = client.get(url, {name: _valid_value(parameter)})
            if name == "proximity":  # needs a place: a full postcode (or, on /services, lat and long)
                assert response.status_code == 400 and name in response.json()["errors"], path
                continue
            if name in ("lat", "long"):  # one needs the other
                other = "long" if name == "lat" else "lat"
                assert response.status_code == 400 and other in response.json()["errors"], path
                continue
            assert response.status_code == 200, (path, name, response.content[:300])
            if (
                parameter["schema"]["type"] != "string"
                or "format" in parameter["schema"]
                or "enum" in parameter["schema"]
            ):
                bad = client.get(url, {name: "not-valid-at-all"})
                assert bad.status_code == 400, (path, name)
                assert name in bad.json()["errors"] and name in bad.json()["message"], (path, name)
