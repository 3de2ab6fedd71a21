import datetime
import uuid
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from directory.models import Service
from tests.directory import factories as df
from tests.directory import oruk

LIST_URL = "/api/directory/services"


def _get(client: Any, url: str, **params: Any) -> Any:
    response = client.get(url, params)
    assert response["Content-Type"].startswith("application/json")
    return response


def test_it_answers_the_api_info_as_the_profile_says(client: Any, db: Any) -> None:
    response = _get(client, reverse("directory:api_root"))
    assert response.status_code == 200
    body = response.json()
    assert body["version"] == "3.0"
    assert oruk.errors(body, oruk.API_INFO) == []


def test_it_serves_the_profile_paths(full_service: Any, client: Any) -> None:
    assert reverse("directory:api_services") == "/api/directory/services"
    assert (
        reverse("directory:api_service", args=[full_service.pk])
        == f"/api/directory/services/{full_service.pk}"
    )
    assert client.get("/api/directory/services/").status_code == 200


def test_it_validates_every_item_and_the_page_against_the_schemas(
    owner: Any, client: Any, full_service: Any
) -> None:
    df.service(owner=owner, name="Bare service")  # only the required fields and an email
    body = _get(client, LIST_URL).json()
    assert body["total_items"] == 2
    assert oruk.errors(body, oruk.PAGE) == []
    assert oruk.errors(body, oruk.SERVICES_RESPONSE) == []
    for item in body["contents"]:
        assert oruk.errors(item, oruk.SERVICE_LIST_ITEM) == []
    assert {
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
        "contents",
    } <= set(body)


def test_it_validates_the_full_service_against_service_json(full_service: Any, client: Any) -> None:
    response = _get(client, reverse("directory:api_service", args=[full_service.pk]))
    assert response.status_code == 200
    body = response.json()
    assert oruk.errors(body, oruk.SERVICE) == []
    assert body["id"] == str(full_service.pk)
    assert body["organization"]["id"] == str(full_service.organization_id)
    location = body["service_at_locations"][0]["location"]
    assert location["addresses"][0]["postal_code"] == "NR1 3QA"
    assert body["schedules"][0]["byday"] == "MO,TU,WE"
    assert body["schedules"][0]["opens_at"] == "09:30:00"
    assert {a["taxonomy_term"]["name"] for a in body["attributes"]} == {
        "Financial stability",
        "Secure housing",
    }
    # A contact is never phone-only in what we publish: the email and the text phone go out too.
    contact = body["contacts"][0]
    assert contact["email"] == "duty@advice.example"
    assert {p["type"] for p in contact["phones"]} == {"voice", "text"}
    assert [(lang["name"], lang.get("code"), lang.get("note")) for lang in body["languages"]] == [
        ("English", "en", None),
        ("Polish", "pl", None),
        ("British Sign Language", "bfi", "book in advance"),
        ("Makaton", None, None),  # no ISO 639 code: the name alone
    ]
    costs = {(c["option"], c["amount"], c["currency"]) for c in body["cost_options"]}
    assert costs == {("People on a low income", 0, "GBP"), ("Per session", 2.5, "GBP")}


def test_the_schema_check_really_checks(full_service: Any, client: Any) -> None:
    body = _get(client, reverse("directory:api_service", args=[full_service.pk])).json()
    body["status"] = "open"
    del body["organization"]["description"]
    body["contacts"][0]["id"] = "not-a-uuid"
    assert len(oruk.errors(body, oruk.SERVICE)) == 3


def test_it_answers_404_json_for_an_unknown_or_malformed_id(client: Any, db: Any) -> None:
    for service_id in (uuid.uuid4(), "not-a-uuid"):
        response = _get(client, f"/api/directory/services/{service_id}")
        assert response.status_code == 404
        assert "message" in response.json()


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page": "0"}, "page"),
        ({"page": "two"}, "page"),
        ({"per_page": "10000"}, "per_page"),
        ({"per_page": "0"}, "per_page"),
        ({"modified_after": "yesterday"}, "modified_after"),
        ({"modified_after": "2024-13-45"}, "modified_after"),
        # A time zone that moves the moment past year 9999 or before year 1 (was a server error).
        ({"modified_after": "9999-12-31T23:59:59-23:00"}, "modified_after"),
        ({"modified_after": "0001-01-01T00:00:00+23:59"}, "modified_after"),
        ({"minimum_age": "ten"}, "minimum_age"),
        ({"maximum_age": "-1"}, "maximum_age"),
        ({"taxonomy_term_id": "housing"}, "taxonomy_term_id"),
        ({"postcode": "not a postcode"}, "postcode"),
        ({"day": "Funday"}, "day"),
    ],
)
def test_it_answers_400_with_a_clear_message_for_bad_parameters(
    client: Any, db: Any, params: dict, field: str
) -> None:
    response = _get(client, LIST_URL, **params)
    assert response.status_code == 400
    body = response.json()
    assert field in body["errors"]
    assert field in body["message"]


def test_it_paginates_with_page_and_per_page(owner: Any, client: Any) -> None:
    org = df.organization()
    for n in range(5):
        df.service(owner=owner, org=org, name=f"Service {n}")
    first = _get(client, LIST_URL, per_page=2).json()
    assert (first["total_items"], first["total_pages"], first["page_number"], first["size"]) == (5, 3, 1, 2)
    assert first["first_page"] and not first["last_page"] and not first["empty"]
    last = _get(client, LIST_URL, per_page=2, page=3).json()
    assert (last["size"], last["last_page"], last["first_page"]) == (1, True, False)
    beyond = _get(client, LIST_URL, per_page=2, page=9).json()
    assert beyond["contents"] == [] and beyond["size"] == 0 and beyond["last_page"] and beyond["empty"]
    seen = [
        s["name"] for p in (1, 2, 3) for s in _get(client, LIST_URL, per_page=2, page=p).json()["contents"]
    ]
    assert sorted(seen) == [f"Service {n}" for n in range(5)]


def test_an_empty_directory_is_an_empty_page(client: Any, db: Any) -> None:
    body = _get(client, LIST_URL).json()
    assert body["empty"] and body["total_items"] == 0 and body["contents"] == [] and body["total_pages"] == 0
    assert oruk.errors(body, oruk.SERVICES_RESPONSE) == []


def test_it_filters_by_search_term_ages_postcode_and_modified_after(owner: Any, client: Any) -> None:
    norwich = df.location(name="Norwich hub", postcode="NR2 4AB")
    yarmouth = df.location(name="Yarmouth hub", postcode="NR30 1AA", city="Great Yarmouth")
    debt = df.service(
        owner=owner,
        name="Debt advice",
        needs=("money",),
        locations=(norwich,),
        minimum_age=18,
        maximum_age=99,
    )
    youth = df.service(
        owner=owner,
        name="Youth club",
        needs=("crime",),
        locations=(yarmouth,),
        minimum_age=11,
        maximum_age=18,
    )
    toddlers = df.service(
        owner=owner, name="Stay and play", description="For toddlers", minimum_age=0, maximum_age=4
    )

    def names(**params: Any) -> set[str]:
        response = _get(client, LIST_URL, **params)
        assert response.status_code == 200, response.json()
        return {s["name"] for s in response.json()["contents"]}

    assert names(search="debt") == {debt.name}
    assert names(search="TODDLERS") == {toddlers.name}
    assert names(search="financial") == {debt.name}  # matches the need's name
    assert names(taxonomy_term_id=str(df.need("crime").pk)) == {youth.name}
    assert names(taxonomy_id=str(df.need("crime").taxonomy_id)) == {debt.name, youth.name}
    # The profile: minimum_age returns services whose minimum age is at least the value; maximum_age at most.
    assert names(minimum_age=11) == {debt.name, youth.name}
    assert names(maximum_age=18) == {youth.name, toddlers.name}
    assert names(minimum_age=10, maximum_age=20) == {youth.name}
    # A postcode or a postcode district: NR2 is not NR20 or NR30.
    assert names(postcode="NR2 4XY") == {debt.name}
    assert names(postcode="nr30") == {youth.name}
    later = timezone.now() + datetime.timedelta(seconds=1)
    assert names(modified_after=later.isoformat()) == set()
    assert names(modified_after="2000-01-01") == {debt.name, youth.name, toddlers.name}
    assert names(modified_after="2000-01-01T09:00:00Z") == {debt.name, youth.name, toddlers.name}
    # "+01:00" typed unencoded in a URL arrives as " 01:00": still understood.
    assert client.get(f"{LIST_URL}?modified_after=2000-01-01T09:00:00+01:00").status_code == 200


def test_the_api_lists_withdrawn_services_with_their_status(owner: Any, client: Any) -> None:
    df.service(owner=owner, name="Old service", status=Service.Status.DEFUNCT)
    body = _get(client, LIST_URL).json()
    assert [s["status"] for s in body["contents"]] == ["defunct"]


def test_the_list_query_count_does_not_grow_with_page_size(
    owner: Any, client: Any, django_assert_max_num_queries: Any
) -> None:
    org = df.organization()
    for n in range(3):
        df.service(owner=owner, org=org, name=f"Small {n}", needs=("money",))
    # The count, the page, and when the directory last changed (Last-Modified).
    with django_assert_max_num_queries(3):
        small = _get(client, LIST_URL, per_page=3)
    for n in range(30):
        df.service(owner=owner, org=df.organization(), name=f"Big {n}", needs=("money",))
    with django_assert_max_num_queries(3):
        big = _get(client, LIST_URL, per_page=33)
    assert small.json()["size"] == 3 and big.json()["size"] == 33


def test_the_detail_query_count_does_not_grow_with_parts(
    owner: Any, client: Any, django_assert_max_num_queries: Any
) -> None:
    svc = df.full_service(owner=owner)
    with django_assert_max_num_queries(8):  # one more for the cost options
        _get(client, reverse("directory:api_service", args=[svc.pk]))
    from directory import services

    for n in range(5):
        services.contact_add(actor=owner, service=svc, name=f"C{n}", email=f"c{n}@x.example")
        services.schedule_add(
            actor=owner, service=svc, byday="FR", opens_at=None, closes_at=None, description=f"{n}"
        )
    with django_assert_max_num_queries(8):
        _get(client, reverse("directory:api_service", args=[svc.pk]))
