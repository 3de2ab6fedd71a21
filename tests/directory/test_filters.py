"""Cost, delivery and language: the filters on the public page and the API, the staff form, the old data."""

import datetime
import importlib
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from core.calendar import today as local_today
from directory import selectors, services
from directory.models import CostOption, Service
from tests.directory import factories as df
from tests.directory import oruk

CostSpec = services.CostSpec
YESTERDAY = local_today() - datetime.timedelta(days=1)


@pytest.fixture
def catalogue(owner: Any) -> dict[str, Service]:
    """Six public services and a closed one, each with its own prices, ways and languages."""
    rows: dict[str, tuple[list[CostSpec], list[str], str]] = {
        "Free club": ([CostSpec(kind="free")], ["in_person"], "English, Polish"),
        "Paid class": (
            [CostSpec(kind="per_session", amount=Decimal("3.00"))],
            ["online"],
            "English, Welsh",
        ),
        "Means-tested course": (
            [CostSpec(kind="means_tested", amount=Decimal("40"))],
            ["phone", "home_visit"],
            "British Sign Language (book in advance)",
        ),
        "Free and paid": (
            [CostSpec(kind="free", option="Under 5s"), CostSpec(kind="fixed", amount=Decimal("2"))],
            ["in_person", "online"],
            "Urdu",
        ),
        "Says nothing": ([], [], "English"),
        "Free until yesterday": ([CostSpec(kind="free")], ["in_person"], "English"),
    }
    made = {
        name: df.service(
            owner=owner, name=name, cost_options=costs, delivery_methods=ways, languages=languages
        )
        for name, (costs, ways, languages) in rows.items()
    }
    made["Free until yesterday"].cost_options.update(valid_to=YESTERDAY)
    made["Closed"] = df.service(
        owner=owner, name="Closed", status="defunct", cost_options=[CostSpec(kind="free")], languages="Polish"
    )
    return made


def _names(services_found: Any) -> set[str]:
    return {s.name for s in services_found}


def _page_names(client: Any, **query: Any) -> set[str]:
    page = client.get(reverse("directory:search"), query).content.decode()
    return {name for name in CATALOGUE_NAMES if f">{name}</a>" in page}


def _api_names(client: Any, **query: Any) -> set[str]:
    response = client.get("/api/directory/services", query)
    assert response.status_code == 200, response.content
    return {item["name"] for item in response.json()["contents"]}


CATALOGUE_NAMES = (
    "Free club",
    "Paid class",
    "Means-tested course",
    "Free and paid",
    "Says nothing",
    "Free until yesterday",
    "Closed",
)


def test_free_is_a_free_option_valid_today_and_paid_includes_means_tested(catalogue: Any) -> None:
    assert _names(selectors.services_search(cost="free", public_only=True)) == {"Free club", "Free and paid"}
    assert _names(selectors.services_search(cost="paid", public_only=True)) == {
        "Paid class",
        "Means-tested course",
        "Free and paid",
    }
    assert "Says nothing" not in _names(selectors.services_search(cost="free"))  # never claimed free


def test_delivery_and_language_filters_take_any_of_the_chosen(catalogue: Any) -> None:
    assert _names(selectors.services_search(delivery=["online"])) == {"Paid class", "Free and paid"}
    assert _names(selectors.services_search(delivery=["phone", "home_visit"])) == {"Means-tested course"}
    assert _names(selectors.services_search(languages=["pl"], public_only=True)) == {"Free club"}
    assert _names(selectors.services_search(languages=["Polish"])) == {"Free club", "Closed"}
    assert _names(selectors.services_search(languages=["bfi"])) == {"Means-tested course"}
    assert _names(selectors.services_search(languages=["cy", "ur"])) == {"Paid class", "Free and paid"}
    # By code, matched to the name the entries give; the expired free option does not count.
    assert _names(selectors.services_search(languages=["en"], cost="free")) == {"Free club"}


def test_the_public_page_filters_by_cost_delivery_and_language_with_linkable_get_parameters(
    catalogue: Any, client: Any
) -> None:
    assert _page_names(client, cost="free") == {"Free club", "Free and paid"}
    assert _page_names(client, cost="paid", delivery="online") == {"Paid class", "Free and paid"}
    assert _page_names(client, delivery=["phone", "in_person"]) == {
        "Free club",
        "Means-tested course",
        "Free and paid",
        "Free until yesterday",
    }
    assert _page_names(client, language="pl") == {"Free club"}  # the closed one is not public
    page = client.get(reverse("directory:search"), {"q": "club", "cost": "free"}).content.decode()
    assert "1 service found" in page
    assert 'href="/directory/?q=club">Clear filters</a>' in page
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Cost' in page
    assert 'value="free" class="govuk-radios__input" id="id_cost_1" checked' in page
    assert (
        "Apply filters" in page
        and "Clear filters" not in client.get(reverse("directory:search")).content.decode()
    )


def test_the_public_page_offers_the_languages_entries_give_and_in_welsh(catalogue: Any, client: Any) -> None:
    page = client.get(reverse("directory:search")).content.decode()
    assert 'value="bfi"' in page and ">British Sign Language</label>" in page
    assert 'value="pl"' in page and 'value="cy"' in page
    welsh = client.get(reverse("directory:search"), HTTP_ACCEPT_LANGUAGE="cy").content.decode()
    assert ">Pwyleg</label>" in welsh and "Hidlo'r canlyniadau" in welsh and "Am ddim" in welsh


def test_bad_filter_values_are_form_errors_on_the_page(catalogue: Any, client: Any) -> None:
    page = client.get(reverse("directory:search"), {"cost": "cheap", "language": "xx"}).content.decode()
    assert "Choose a cost from the list" in page and "Choose a language from the list" in page
    assert "Correct the search above to see services." in page
    bad_way = client.get(reverse("directory:search"), {"delivery": "by-post"}).content.decode()
    assert "Choose how it is offered from the list" in bad_way


def test_the_api_honours_cost_language_and_delivery(catalogue: Any, client: Any) -> None:
    assert _api_names(client, cost="free") == {"Free club", "Free and paid", "Closed"}
    assert _api_names(client, cost="paid") == {"Paid class", "Means-tested course", "Free and paid"}
    assert _api_names(client, language="pl") == {"Free club", "Closed"}
    assert _api_names(client, delivery="home_visit") == {"Means-tested course"}
    assert _api_names(client, cost="free", delivery="online") == {"Free and paid"}


@pytest.mark.parametrize(("name", "value"), [("cost", "cheap"), ("language", "Polish"), ("delivery", "post")])
def test_a_bad_api_value_is_a_400_naming_the_parameter(
    catalogue: Any, client: Any, name: str, value: str
) -> None:
    response = client.get("/api/directory/services", {name: value})
    assert response.status_code == 400
    assert name in response.json()["errors"] and value in response.json()["message"]


def test_the_openapi_document_describes_the_filters(client: Any, db: Any) -> None:
    document = client.get("/api/directory/openapi.json").json()
    parameters = {p["name"]: p for p in document["paths"]["/services"]["get"]["parameters"]}
    assert parameters["cost"]["schema"]["enum"] == ["free", "paid"]
    assert parameters["delivery"]["schema"]["enum"] == ["in_person", "online", "phone", "home_visit"]
    assert (
        "pl" in parameters["language"]["schema"]["enum"]
        and "means-tested" in parameters["cost"]["description"]
    )


def test_the_full_service_carries_its_cost_options_valid_against_the_standard(
    catalogue: Any, client: Any
) -> None:
    service = catalogue["Free and paid"]
    body = client.get(f"/api/directory/services/{service.pk}").json()
    assert oruk.errors(body, oruk.SERVICE) == []
    assert sorted((c["option"], c["amount"], c["currency"]) for c in body["cost_options"]) == [
        ("Fixed price", 2.0, "GBP"),
        ("Under 5s", 0, "GBP"),
    ]
    assert [lang["code"] for lang in body["languages"]] == ["ur"]


def _cost_form(owner: Any, **rows: str) -> dict[str, Any]:
    org = df.organization()
    data = {
        "organization": str(org.pk),
        "name": "Swimming lessons",
        "status": "active",
        "email": "swim@pool.example",
        "languages": "English, Polish",
        "delivery_methods": ["in_person", "online"],
        "owner": str(owner.pk),
    }
    data.update(rows)
    return data


def test_the_staff_form_saves_cost_options_and_ways_with_history(owner: Any, client: Any) -> None:
    client.force_login(owner)
    response = client.post(
        reverse("directory:service_add"),
        _cost_form(
            owner,
            cost_1_kind="per_session",
            cost_1_amount="4.50",
            cost_1_amount_description="per lesson",
            cost_2_kind="free",
            cost_2_option="Children under 3",
        ),
    )
    assert response.status_code == 302
    service = Service.objects.get(name="Swimming lessons")
    assert service.delivery_methods == "in_person,online"
    assert sorted((c.kind, c.amount, c.option) for c in service.cost_options.all()) == [
        ("free", None, "Children under 3"),
        ("per_session", Decimal("4.50"), ""),
    ]
    added = CostOption.history.filter(service_id=service.pk)
    assert {(h.history_type, h.history_user) for h in added} == {("+", owner)}
    edit_page = client.get(reverse("directory:service_edit", args=[service.pk])).content.decode()
    assert 'name="cost_3_kind"' in edit_page and 'value="4.50"' in edit_page  # two rows and a spare
    kept = CostOption.objects.get(service=service, kind="free")
    edit = client.post(
        reverse("directory:service_edit", args=[service.pk]),
        _cost_form(
            owner,
            organization=str(service.organization_id),
            cost_1_kind="free",
            cost_1_option="Children under 3",
        ),
    )
    assert edit.status_code == 302
    assert list(service.cost_options.all()) == [kept]  # unchanged, so kept with its id
    removed = CostOption.history.get(service_id=service.pk, history_type="-")
    assert removed.kind == "per_session" and removed.history_user == owner
    page = client.get(reverse("directory:manage_service", args=[service.pk])).content.decode()
    assert "Children under 3" in page and "In person, Online" in page


def test_the_staff_form_explains_a_cost_row_that_does_not_add_up(owner: Any, client: Any) -> None:
    client.force_login(owner)
    missing_amount = client.post(reverse("directory:service_add"), _cost_form(owner, cost_1_kind="fixed"))
    assert "Enter the amount in pounds, like 2.50" in missing_amount.content.decode()
    no_kind = client.post(reverse("directory:service_add"), _cost_form(owner, cost_2_amount="3"))
    assert "Choose the kind of cost, or clear the row" in no_kind.content.decode()
    priced_free = client.post(
        reverse("directory:service_add"), _cost_form(owner, cost_1_kind="free", cost_1_amount="5")
    )
    assert "A free option has no amount." in priced_free.content.decode()
    assert not Service.objects.exists()


def test_the_migration_makes_a_free_option_only_where_the_old_text_says_free(owner: Any) -> None:
    plain = {
        name: df.service(owner=owner, name=name, fees=fees)
        for name, fees in (
            ("Empty", ""),
            ("Says free", " Free "),
            ("Priced", "£2 a session"),
            ("Free for some", "Free for under 5s"),
        )
    }
    already = df.service(
        owner=owner, name="Has one", cost_options=[CostSpec(kind="per_session", amount=Decimal("1"))]
    )
    migration = importlib.import_module("directory.migrations.0007_cost_delivery_languages")
    CostOption.objects.exclude(service=already).delete()
    Service.objects.filter(pk=already.pk).update(fees="x")
    # The app registry as the migration sees it (historical models send no history signals of their own).
    state = MigrationExecutor(connection).loader.project_state(("directory", "0007_cost_delivery_languages"))
    migration.free_options_from_fees(state.apps, None)
    free = set(CostOption.objects.filter(kind="free").values_list("service__name", flat=True))
    assert free == {"Empty", "Says free"}
    assert plain["Priced"].cost_options.count() == 0
    assert CostOption.history.filter(service_id=plain["Empty"].pk, history_type="+").count() == 1
