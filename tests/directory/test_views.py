import datetime
from typing import Any

from django.urls import reverse

from directory.models import Service
from directory.needs import NEEDS
from directory.selectors import months_before
from tests import factories
from tests.directory import factories as df


def test_the_needs_vocabulary_holds_the_ten_outcome_areas(db: Any) -> None:
    names = {str(name) for _code, name, _d in NEEDS}
    assert len(names) == 10
    assert {df.need(code).name for code, _n, _d in NEEDS} == names


def test_anyone_can_search_without_signing_in(client: Any, full_service: Any) -> None:
    response = client.get(reverse("directory:search"))
    assert response.status_code == 200
    assert full_service.name in response.content.decode()


def test_it_searches_by_need_area_text_and_age(owner: Any, client: Any) -> None:
    norwich = df.location(name="Norwich hub", postcode="NR2 4AB", city="Norwich")
    yarmouth = df.location(name="Yarmouth hub", postcode="NR30 1AA", city="Great Yarmouth")
    df.service(owner=owner, name="Debt advice", needs=("money",), locations=(norwich,), minimum_age=18)
    df.service(
        owner=owner,
        name="Youth club",
        needs=("crime",),
        locations=(yarmouth,),
        minimum_age=11,
        maximum_age=18,
    )

    def found(**params: Any) -> list[str]:
        response = client.get(reverse("directory:search"), params)
        assert response.status_code == 200
        return [s.name for s in response.context["services"]]

    assert found(need="money") == ["Debt advice"]
    assert found(area="Great Yarmouth") == ["Youth club"]
    assert found(area="nr2") == ["Debt advice"]
    assert found(area="NR30 9ZZ") == ["Youth club"]
    assert found(q="youth") == ["Youth club"]
    assert found(age="15") == ["Youth club"]
    assert found(age="30") == ["Debt advice"]


def test_it_shows_an_empty_state_and_clear_errors(owner: Any, client: Any) -> None:
    df.service(owner=owner, name="Debt advice")
    empty = client.get(reverse("directory:search"), {"q": "zebra"})
    assert "No services found" in empty.content.decode()
    bad = client.get(reverse("directory:search"), {"age": "seven", "need": "nonsense"})
    assert bad.status_code == 200
    page = bad.content.decode()
    assert "There is a problem" in page and "Age must be a number, like 7" in page
    assert bad.context["services"].__len__() == 0


def test_the_public_pages_hide_withdrawn_services(owner: Any, client: Any) -> None:
    gone = df.service(owner=owner, name="Closed club", status=Service.Status.INACTIVE)
    assert "Closed club" not in client.get(reverse("directory:search")).content.decode()
    assert client.get(reverse("directory:service", args=[gone.pk])).status_code == 404


def test_the_public_search_paginates(owner: Any, client: Any, settings: Any) -> None:
    settings.DIRECTORY_PUBLIC_PAGE_SIZE = 2
    org = df.organization()
    for n in range(5):
        df.service(owner=owner, org=org, name=f"Service {n}")
    page3 = client.get(reverse("directory:search"), {"page": 3})
    assert [s.name for s in page3.context["services"]] == ["Service 4"]
    assert "3 of 3" in page3.content.decode()


def test_a_service_page_never_offers_a_phone_only_route(full_service: Any, client: Any) -> None:
    page = client.get(reverse("directory:service", args=[full_service.pk])).content.decode()
    assert "mailto:help@service.example" in page
    assert "https://advice.example/debt" in page
    assert "NR1 3QA" in page
    assert "07700 900000" in page  # the text phone
    assert "Relay UK" in page
    assert "Monday, Tuesday, Wednesday" in page
    assert "Step-free entrance" in page


def test_the_public_pages_query_count_does_not_grow(
    owner: Any, client: Any, django_assert_max_num_queries: Any
) -> None:
    # 7: the session and page, the needs list, the languages the filter offers, the results with their
    # needs, places and prices.
    for n in range(3):
        df.service(owner=owner, name=f"A{n}", needs=("money", "housing"))
    with django_assert_max_num_queries(7):
        client.get(reverse("directory:search"))
    for n in range(15):
        df.service(owner=owner, name=f"B{n}", needs=("money", "housing"), languages=f"English, Lang{n}")
    with django_assert_max_num_queries(7):
        client.get(reverse("directory:search"))


def test_the_staff_list_query_count_does_not_grow(
    owner: Any, client: Any, django_assert_max_num_queries: Any
) -> None:
    client.force_login(owner)
    df.service(owner=owner, name="First")
    client.get(reverse("directory:manage"))
    with django_assert_max_num_queries(8):
        client.get(reverse("directory:manage"))
    for n in range(20):
        df.service(owner=owner, name=f"More {n}")
    with django_assert_max_num_queries(8):
        client.get(reverse("directory:manage"))


def _form(service_org: Any, owner_user: Any, **overrides: Any) -> dict[str, Any]:
    data = {
        "organization": str(service_org.pk),
        "name": "Parenting group",
        "description": "Weekly group for parents.",
        "status": "active",
        "url": "",
        "email": "parents@group.example",
        "minimum_age": "",
        "maximum_age": "",
        "eligibility_description": "",
        "fees": "",
        "languages": "English,  Polish",
        "alert": "",
        "taxonomy_terms": [str(df.need("family-relationships").pk)],
        "owner": str(owner_user.pk),
        "agency": "",
    }
    data.update(overrides)
    return data


def test_staff_add_a_service_with_history(owner: Any, client: Any) -> None:
    client.force_login(owner)
    org = df.organization(website="")
    hub = df.location()
    response = client.post(reverse("directory:service_add"), _form(org, owner, locations=[str(hub.pk)]))
    service = Service.objects.get(name="Parenting group")
    assert response.status_code == 302
    assert service.languages == "English, Polish"
    assert list(service.taxonomy_terms.all()) == [df.need("family-relationships")]
    assert [sal.location for sal in service.service_at_locations.all()] == [hub]
    assert service.history.first().history_user == owner
    edit = client.post(
        reverse("directory:service_edit", args=[service.pk]), _form(org, owner, name="Parents together")
    )
    assert edit.status_code == 302
    service.refresh_from_db()
    assert service.name == "Parents together"
    assert service.service_at_locations.count() == 0
    page = client.get(reverse("directory:manage_service", args=[service.pk])).content.decode()
    assert "Parenting group" in page and "Parents together" in page  # the change, old and new


def test_a_phone_only_service_is_refused(owner: Any, client: Any) -> None:
    client.force_login(owner)
    org = df.organization(website="")
    response = client.post(reverse("directory:service_add"), _form(org, owner, email=""))
    assert response.status_code == 200
    assert "so people who cannot use a phone can get in touch" in response.content.decode()
    assert not Service.objects.exists()


def test_bad_ages_and_duplicate_names_get_clear_messages(owner: Any, client: Any) -> None:
    client.force_login(owner)
    org = df.organization()
    df.service(owner=owner, org=org, name="Parenting group")
    response = client.post(
        reverse("directory:service_add"), _form(org, owner, minimum_age="12", maximum_age="5")
    )
    page = response.content.decode()
    assert "The oldest age must be the same as or more than the youngest age." in page
    assert "already lists a service called Parenting group" in page
    assert Service.objects.count() == 1
    typo = client.post(reverse("directory:service_add"), _form(org, owner, name="New", minimum_age="five"))
    assert "The youngest age must be a whole number" in typo.content.decode()


def test_a_partner_agency_worker_cannot_own_an_entry(owner: Any, client: Any) -> None:
    client.force_login(owner)
    worker = factories.agency_worker()
    response = client.post(
        reverse("directory:service_add"), _form(df.organization(), owner, owner=str(worker.pk))
    )
    assert response.status_code == 200
    assert not Service.objects.exists()


def test_stale_entries_are_flagged_and_marking_reviewed_clears_the_flag(owner: Any, client: Any) -> None:
    client.force_login(owner)
    old = df.service(owner=owner, name="Old entry", reviewed=months_before(datetime.date.today(), 7))
    df.service(owner=owner, name="Fresh entry")
    listing = client.get(reverse("directory:manage"), {"stale": "1"})
    assert [s.name for s in listing.context["services"]] == ["Old entry"]
    assert "govuk-tag--orange" in listing.content.decode()
    assert "Review due" in client.get(reverse("directory:manage_service", args=[old.pk])).content.decode()
    response = client.post(reverse("directory:service_review", args=[old.pk]))
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.history.first().history_change_reason == "Checked and still correct"
    assert "govuk-tag--orange" not in client.get(reverse("directory:manage")).content.decode()


def test_staff_navigation_offers_services(owner: Any, client: Any) -> None:
    client.force_login(owner)
    page = client.get(reverse("directory:manage")).content.decode()
    assert f'href="{reverse("directory:manage")}"' in page


def test_outcome_areas_of_the_assessment_become_needs(db: Any) -> None:
    from assessments.models import Domain, Framework
    from directory import services

    assert services.need_terms_sync(actor=None) == []  # the default framework's areas are the ten needs
    framework = Framework.objects.create(name="Local framework", scale_min=1, scale_max=5)
    Domain.objects.create(framework=framework, name="Secure housing", order=1)
    Domain.objects.create(framework=framework, name="Young carers", order=2, description="Children who care")
    created = services.need_terms_sync(actor=None)
    assert [(t.code, t.name) for t in created] == [("young-carers", "Young carers")]
    assert services.need_terms_sync(actor=None) == []
