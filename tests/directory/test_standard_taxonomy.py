"""The standard taxonomies ORUK uses (the LGA's esd service types and needs): loading, the needs' mapping
used by the public search, the staff form's control, and the API still valid against the official schemas."""

import uuid
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from directory import services
from directory.models import Service, Taxonomy, TaxonomyTerm, TermMapping
from directory.standard_taxonomies import ESD_NEEDS, ESD_SERVICE_TYPES, read_mapping, read_terms
from tests.directory import factories as df
from tests.directory import oruk_official as oruk

API = "/api/directory"


@pytest.fixture
def loaded(db: Any) -> dict[str, int]:
    return services.standard_taxonomies_load(actor=None)


def esd(code: str) -> TaxonomyTerm:
    return TaxonomyTerm.objects.get(pk=ESD_SERVICE_TYPES.term_id(code))


def _history_rows() -> int:
    return TaxonomyTerm.history.count() + Taxonomy.history.count() + TermMapping.history.count()


def test_loading_twice_adds_nothing_the_second_time(loaded: dict[str, int], capsys: Any) -> None:
    assert loaded == {"added": 1522, "changed": 0, "mappings": 44}
    terms, history = TaxonomyTerm.objects.count(), _history_rows()
    call_command("load_taxonomies")
    assert "Terms added: 0, changed: 0; mappings added: 0" in capsys.readouterr().out
    assert (TaxonomyTerm.objects.count(), _history_rows()) == (terms, history)
    assert TermMapping.objects.count() == 44


def test_ids_and_web_addresses_are_the_standards(loaded: dict[str, int]) -> None:
    care = esd("242")
    assert (care.name, care.code, care.term_uri) == (
        "Care at home",
        "242",
        "http://id.esd.org.uk/service/242",
    )
    # Derived from the list and the identifier: the same on every deployment (API consumers keep them).
    assert care.pk == uuid.uuid5(uuid.UUID("5b0f6a52-8f2e-4a4b-9d8e-6f0c1d7d2a10"), "esdServiceType:242")
    assert esd("1755").name == "Carers assessment"
    assert esd("833").name == "Leaving hospital"
    types = Taxonomy.objects.get(pk=ESD_SERVICE_TYPES.id)
    assert (types.name, types.uri) == ("esdServiceType", "http://id.esd.org.uk/list/services")
    need = TaxonomyTerm.objects.get(pk=ESD_NEEDS.term_id("69"))
    assert (need.name, need.term_uri, need.taxonomy.uri) == (
        "Social inclusion",
        "http://id.esd.org.uk/need/69",
        "http://id.esd.org.uk/list/needs",
    )
    for term in read_terms(ESD_SERVICE_TYPES):
        assert term.term_uri == f"http://id.esd.org.uk/service/{term.code}"


def test_every_mapped_term_is_in_the_lists_under_its_label() -> None:
    names = {t.code: t.name for t in read_terms(ESD_SERVICE_TYPES)}
    rows = read_mapping()
    assert {row.need_code for row in rows} == {
        "education",
        "early-years",
        "health",
        "substance-use",
        "family-relationships",
        "safe-from-abuse",
        "crime",
        "domestic-abuse",
        "housing",
        "money",
    }
    assert all(names[row.code] == row.label for row in rows)


def test_a_reload_puts_back_a_changed_label_with_history(loaded: dict[str, int]) -> None:
    term = esd("112")
    term.name = "Homeless help"
    term.save()
    assert services.standard_taxonomies_load(actor=None) == {"added": 0, "changed": 1, "mappings": 0}
    term.refresh_from_db()
    assert term.name == "Homelessness support"
    assert term.history.first().history_change_reason == "Standard taxonomy (directory/taxonomies)"


def test_a_need_search_finds_services_tagged_only_with_a_mapped_service_type(
    loaded: dict[str, int], owner: Any, client: Any
) -> None:
    homeless = df.service(owner=owner, name="Night shelter", needs=())
    services.service_update(
        actor=owner, service=homeless, fields=_fields(homeless, [esd("112")])
    )  # Homelessness support, mapped from "Secure housing"
    bikes = df.service(owner=owner, name="Bike pound", needs=())
    services.service_update(actor=owner, service=bikes, fields=_fields(bikes, [esd("1512")]))
    tagged = df.service(owner=owner, name="Tenancy help", needs=("housing",))
    housing = df.need("housing")
    page = client.get(reverse("directory:search"), {"need": "housing"}).content.decode()
    assert "Night shelter" in page and "Tenancy help" in page
    assert "Bike pound" not in page
    # The results say which needs it helps with: the esd label is not one of them.
    assert "Homelessness support" not in page
    # The API's taxonomy_term_id stays exact: services tagged with that very term.
    body = client.get(API + "/services", {"taxonomy_term_id": str(housing.pk)}).json()
    assert [s["name"] for s in body["contents"]] == [tagged.name]


def _fields(service: Service, terms: list[TaxonomyTerm]) -> services.ServiceFields:
    return services.ServiceFields(
        organization=service.organization,
        name=service.name,
        owner=service.owner,
        email=service.email,
        taxonomy_terms=terms,
    )


def _form(owner: Any, **overrides: Any) -> dict[str, Any]:
    data = {
        "organization": str(df.organization().pk),
        "name": "Carers' cafe",
        "description": "",
        "status": "active",
        "url": "",
        "email": "cafe@carers.example",
        "minimum_age": "",
        "maximum_age": "",
        "eligibility_description": "",
        "fees": "",
        "languages": "",
        "alert": "",
        "taxonomy_terms": [str(df.need("family-relationships").pk)],
        "owner": str(owner.pk),
        "agency": "",
    }
    return data | overrides


def test_an_owner_tags_a_service_with_service_types(loaded: dict[str, int], owner: Any, client: Any) -> None:
    client.force_login(owner)
    form = client.get(reverse("directory:service_add")).content.decode()
    assert "Types of service" in form and 'class="govuk-details' in form
    assert form.count('name="service_types"') == 1520  # every type, once, grouped by letter
    chosen = [str(esd("298").pk), str(esd("1755").pk)]
    response = client.post(reverse("directory:service_add"), _form(owner, service_types=chosen))
    assert response.status_code == 302
    service = Service.objects.get(name="Carers' cafe")
    assert {t.name for t in service.taxonomy_terms.all()} == {
        "Improved family relationships",
        "Carers support groups",
        "Carers assessment",
    }
    edit = client.get(reverse("directory:service_edit", args=[service.pk])).content.decode()
    # The letter with the chosen ones is open and says how many are ticked; the needs list has no esd type.
    assert "C (2 chosen)" in edit
    assert edit.count("checked") == 3
    staff_page = client.get(reverse("directory:manage_service", args=[service.pk])).content.decode()
    assert "Carers assessment, Carers support groups" in staff_page
    public = client.get(reverse("directory:service", args=[service.pk])).content.decode()
    assert "Improved family relationships" in public and "Carers assessment" not in public
    # Saving the form again keeps the types.
    client.post(reverse("directory:service_edit", args=[service.pk]), _form(owner, service_types=chosen))
    assert service.taxonomy_terms.count() == 3


def test_the_api_validates_with_the_standard_taxonomies(
    loaded: dict[str, int], owner: Any, client: Any
) -> None:
    service = df.service(owner=owner, name="Home care", needs=("health",))
    services.service_update(
        actor=owner, service=service, fields=_fields(service, [df.need("health"), esd("242")])
    )
    taxonomies = client.get(API + "/taxonomies").json()
    assert oruk.errors(taxonomies, oruk.response_schema("/taxonomies")) == []
    assert {"esdServiceType", "esdNeed", "needs"} <= {t["name"] for t in taxonomies["contents"]}
    terms = client.get(API + "/taxonomy_terms", {"taxonomy_id": str(ESD_SERVICE_TYPES.id), "per_page": 50})
    body = terms.json()
    assert body["total_items"] == 1520
    assert oruk.errors(body, oruk.response_schema("/taxonomy_terms")) == []
    care = client.get(API + f"/taxonomy_terms/{esd('242').pk}").json()
    assert oruk.errors(care, oruk.response_schema("/taxonomy_terms/{id}")) == []
    assert (care["taxonomy"], care["term_uri"]) == ("esdServiceType", "http://id.esd.org.uk/service/242")
    found = client.get(API + "/services", {"taxonomy_term_id": str(esd("242").pk)}).json()
    assert [s["name"] for s in found["contents"]] == ["Home care"]
    assert oruk.errors(found, oruk.response_schema("/services")) == []
    detail = client.get(API + f"/services/{service.pk}").json()
    assert oruk.errors(detail, oruk.response_schema("/services/{id}")) == []
    by_type = client.get(API + "/services", {"taxonomy_id": str(ESD_SERVICE_TYPES.id)}).json()
    assert [s["name"] for s in by_type["contents"]] == ["Home care"]


def test_a_service_of_a_type_mapped_to_domestic_abuse_offers_the_quick_exit(
    loaded: dict[str, int], owner: Any, client: Any
) -> None:
    harassment = df.service(owner=owner, name="Harassment helpline")
    services.service_update(actor=owner, service=harassment, fields=_fields(harassment, [esd("164")]))
    bikes = df.service(owner=owner, name="Bike pound")
    services.service_update(actor=owner, service=bikes, fields=_fields(bikes, [esd("1512")]))
    page = client.get(reverse("directory:service", args=[harassment.pk])).content.decode()
    assert "govuk-exit-this-page" in page  # Protection from harassment maps to "Safe from domestic abuse"
    other = client.get(reverse("directory:service", args=[bikes.pk])).content.decode()
    assert "govuk-exit-this-page" not in other
