"""The directory API behaves like a public API: JSON and CORS on every answer, a working preflight, HEAD,
405 for writes (never a CSRF 403), ETag / Last-Modified / 304, Cache-Control, gzip, a per-address limit."""

import datetime
import gzip
import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from directory import selectors
from directory.models import CostOption, Service
from tests.directory import factories as df

API = "/api/directory"
WRITES = ("POST", "PUT", "PATCH", "DELETE")


def _assert_json_with_cors(response: Any, status: int) -> Any:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json", response["Content-Type"]
    assert response["Access-Control-Allow-Origin"] == "*"
    body = json.loads(response.content)
    assert body["status"] == status and body["message"]
    return body


def _request(client: Client, method: str, url: str, **extra: Any) -> Any:
    return client.generic(method, url, **extra)


def test_200_is_json_with_cors_and_caching_headers(client: Client, full_service: Any, settings: Any) -> None:
    settings.DIRECTORY_API_MAX_AGE = 120
    response = client.get(f"{API}/services")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"] == "public, max-age=120"
    assert response["ETag"].startswith('"') and not response["ETag"].startswith("W/")
    assert response["Last-Modified"].endswith("GMT")
    assert "ETag" in response["Access-Control-Expose-Headers"]


@pytest.mark.parametrize("method", ["GET", "HEAD", *WRITES])
def test_an_unknown_path_is_a_404_in_json_for_every_method(client: Client, db: Any, method: str) -> None:
    response = _request(client, method, f"{API}/no-such-thing")
    if method == "HEAD":
        assert response.status_code == 404 and response.content == b""
        assert (
            response["Content-Type"] == "application/json" and response["Access-Control-Allow-Origin"] == "*"
        )
    else:
        _assert_json_with_cors(response, 404)


@pytest.mark.parametrize(
    "path",
    [
        "/services/{id}",
        "/organizations/{id}",
        "/taxonomies/{id}",
        "/taxonomy_terms/{id}",
        "/service_at_locations/{id}",
    ],
)
def test_an_unknown_id_is_a_404_in_json(client: Client, db: Any, path: str) -> None:
    for some_id in ("5b0f6a52-8f2e-4a4b-9d8e-6f0c1d7d2a10", "not-a-uuid"):
        _assert_json_with_cors(client.get(API + path.replace("{id}", some_id)), 404)


@pytest.mark.parametrize("method", WRITES)
@pytest.mark.parametrize("path", ["/", "/services", "/openapi.json", "/organizations"])
def test_a_write_is_a_405_in_json_never_a_csrf_403(db: Any, method: str, path: str) -> None:
    client = Client(enforce_csrf_checks=True)
    response = _request(client, method, API + path, data="{}", content_type="application/json")
    _assert_json_with_cors(response, 405)
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response["Cache-Control"].startswith("no-store")


def test_a_bad_parameter_is_a_400_in_json_with_cors(client: Client, db: Any) -> None:
    body = _assert_json_with_cors(client.get(f"{API}/services", {"organization_id": "acme"}), 400)
    assert "organization_id" in body["errors"] and "organization_id" in body["message"]
    assert _assert_json_with_cors(client.get(f"{API}/services", {"full": "maybe"}), 400)["errors"]["full"]
    assert _assert_json_with_cors(client.get(f"{API}/services", {"format": "xml"}), 400)["errors"]["format"]


def test_a_server_error_is_a_500_in_json_with_cors(db: Any, monkeypatch: Any) -> None:
    def broken(**kwargs: Any) -> Any:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(selectors, "taxonomies_list", broken)
    client = Client(raise_request_exception=False)
    body = _assert_json_with_cors(client.get(f"{API}/taxonomies"), 500)
    assert "database" not in body["message"]  # nothing of the error leaks


def test_options_is_a_preflight_answer(client: Client, db: Any) -> None:
    response = client.options(
        f"{API}/services",
        HTTP_ORIGIN="https://other.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="x-api-client, if-none-match",
    )
    assert response.status_code == 204 and response.content == b""
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert response["Access-Control-Allow-Headers"] == "x-api-client, if-none-match"
    assert int(response["Access-Control-Max-Age"]) > 0
    # Even for a path that does not exist, so the browser lets the page see the JSON 404 that follows.
    assert client.options(f"{API}/nothing-here", HTTP_ORIGIN="https://other.example").status_code == 204


def test_head_is_get_without_the_body(client: Client, full_service: Any) -> None:
    get = client.get(f"{API}/services/{full_service.pk}")
    head = client.head(f"{API}/services/{full_service.pk}")
    assert head.status_code == 200 and head.content == b""
    for header in ("Content-Type", "ETag", "Last-Modified", "Cache-Control", "Content-Length"):
        assert head[header] == get[header], header
    assert int(head["Content-Length"]) == len(get.content)


def test_a_conditional_request_is_answered_304(client: Client, full_service: Any, owner: Any) -> None:
    url = f"{API}/services"
    first = client.get(url)
    etag, last_modified = first["ETag"], first["Last-Modified"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag and again["Access-Control-Allow-Origin"] == "*"
    assert again["Cache-Control"].startswith("public, max-age=")
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200
    # A change anywhere in the directory changes both.
    from directory import services

    services.contact_add(actor=owner, service=full_service, name="New", email="new@advice.example")
    changed = client.get(f"{API}/services/{full_service.pk}", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200


def test_the_etag_changes_with_the_data(client: Client, full_service: Any, owner: Any) -> None:
    url = f"{API}/services/{full_service.pk}"
    before = client.get(url)["ETag"]
    from directory import services

    services.schedule_add(
        actor=owner, service=full_service, byday="FR", opens_at=None, closes_at=None, description="Fridays"
    )
    response = client.get(url, HTTP_IF_NONE_MATCH=before)
    assert response.status_code == 200 and response["ETag"] != before


def test_json_is_gzipped_for_clients_that_accept_it(client: Client, full_service: Any) -> None:
    plain = client.get(f"{API}/services/{full_service.pk}")
    zipped = client.get(f"{API}/services/{full_service.pk}", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert zipped["Content-Encoding"] == "gzip" and "Accept-Encoding" in zipped["Vary"]
    assert gzip.decompress(zipped.content) == plain.content
    assert int(zipped["Content-Length"]) == len(zipped.content) < len(plain.content)
    assert "Content-Encoding" not in plain
    # Another representation, another strong ETag; each is answered 304 on its own.
    assert zipped["ETag"] != plain["ETag"] and not zipped["ETag"].startswith("W/")
    again = client.get(
        f"{API}/services/{full_service.pk}", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=zipped["ETag"]
    )
    assert again.status_code == 304


def test_pages_outside_the_api_are_not_gzipped_by_it(client: Client, db: Any) -> None:
    response = client.get("/directory/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200 and "Content-Encoding" not in response
    assert "Access-Control-Allow-Origin" not in response


def test_too_many_requests_from_one_address_is_a_429_in_json(db: Any, settings: Any) -> None:
    settings.DIRECTORY_API_RATE_LIMIT = "3/m"
    client = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(3):
        assert client.get(f"{API}/").status_code == 200
    response = client.get(f"{API}/services")
    _assert_json_with_cors(response, 429)
    assert 1 <= int(response["Retry-After"]) <= 61
    assert "Retry-After" in response["Access-Control-Expose-Headers"]
    # Another address is not held back; a preflight is not counted.
    assert Client(REMOTE_ADDR="198.51.100.4").get(f"{API}/").status_code == 200
    assert client.options(f"{API}/").status_code == 204


def test_an_unchanged_answer_is_a_304_in_one_query_however_large_the_directory(
    client: Client, full_service: Any, owner: Any, django_assert_num_queries: Any
) -> None:
    url = f"{API}/services?per_page=100"
    for size in (3, 30):
        while Service.objects.count() < size:
            df.service(owner=owner)
        etag = client.get(url)["ETag"]
        with django_assert_num_queries(1):  # when the directory last changed; the answer is not built again
            again = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304 and again["ETag"] == etag
        assert again["Cache-Control"].startswith("public, max-age=") and again["Last-Modified"]
    # Another address, or another encoding, is its own answer: built, then remembered.
    assert client.get(f"{API}/services?per_page=10", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_price_changed_on_its_own_moves_last_modified(client: Client, full_service: Any) -> None:
    url = f"{API}/services/{full_service.pk}"
    first = client.get(url)
    option = CostOption.objects.create(service=full_service, kind=CostOption.Kind.FIXED, amount="3.00")
    CostOption.history.filter(id=option.pk).update(
        history_date=timezone.now() + datetime.timedelta(seconds=2)
    )
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"], HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 200 and again["Last-Modified"] != first["Last-Modified"]


def test_a_list_is_counted_once_until_the_directory_changes(
    client: Client, owner: Any, django_assert_num_queries: Any
) -> None:
    for _ in range(3):
        df.service(owner=owner)
    url = f"{API}/services?per_page=2"
    first = client.get(url).json()
    assert first["total_items"] == 3 and first["total_pages"] == 2
    with django_assert_num_queries(2):  # when the directory last changed, and the page; not the count
        second = client.get(url + "&page=2").json()
    assert second["total_items"] == 3 and len(second["contents"]) == 1
    df.service(owner=owner)
    assert client.get(url).json()["total_items"] == 4  # a change is counted afresh
