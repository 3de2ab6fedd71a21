import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from directory.models import Contact, Location, Organization, Schedule
from tests.directory import factories as df


def test_staff_add_and_remove_a_contact(owner: Any, client: Any) -> None:
    client.force_login(owner)
    service = df.service(owner=owner)
    url = reverse("directory:contact_add", args=[service.pk])
    empty = client.post(url, {"name": "Reception"})
    assert "Give an email address, a text phone or a phone number." in empty.content.decode()
    assert not Contact.objects.exists()
    client.post(url, {"name": "Reception", "email": "desk@x.example", "text_phone": "07700 900123"})
    contact = Contact.objects.get()
    page = client.get(reverse("directory:manage_service", args=[service.pk])).content.decode()
    assert "07700 900123" in page and "Contact added" in page
    response = client.post(reverse("directory:contact_remove", args=[service.pk, contact.pk]))
    assert response.status_code == 302 and not Contact.objects.exists()
    assert client.get(reverse("directory:contact_remove", args=[service.pk, contact.pk])).status_code == 405


def test_a_contact_of_another_service_is_404(owner: Any, client: Any) -> None:
    from directory import services

    client.force_login(owner)
    mine, other = df.service(owner=owner), df.service(owner=owner)
    contact = services.contact_add(actor=owner, service=other, email="x@y.example")
    assert client.post(reverse("directory:contact_remove", args=[mine.pk, contact.pk])).status_code == 404
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_staff_add_opening_times_with_clear_errors(owner: Any, client: Any) -> None:
    client.force_login(owner)
    service = df.service(owner=owner)
    url = reverse("directory:schedule_add", args=[service.pk])
    bad = client.post(url, {"opens_at": "17:00", "closes_at": "09:00", "days": ["MO"]}).content.decode()
    assert "The closing time must be after the opening time." in bad
    nodays = client.post(url, {"opens_at": "nine", "closes_at": "17:00"}).content.decode()
    assert "Choose at least one day" in nodays and "Enter a time, like 09:30" in nodays
    assert not Schedule.objects.exists()
    before = timezone.now()
    client.post(
        url, {"opens_at": "09:30", "closes_at": "17:00", "days": ["MO", "FR"], "description": "Term time"}
    )
    schedule = Schedule.objects.get()
    assert (schedule.byday, schedule.opens_at) == ("MO,FR", datetime.time(9, 30))
    # The API's modified_after sees the change to the service's opening times.
    body = client.get("/api/directory/services", {"modified_after": before.isoformat()}).json()
    assert [s["id"] for s in body["contents"]] == [str(service.pk)]
    assert "9:30am to 5pm" in client.get(reverse("directory:service", args=[service.pk])).content.decode()


def test_staff_add_an_organisation_then_its_service(owner: Any, client: Any) -> None:
    client.force_login(owner)
    response = client.post(
        reverse("directory:organization_add"), {"name": "Sure Start Centre", "email": "hi@surestart.example"}
    )
    org = Organization.objects.get(name="Sure Start Centre")
    assert response["Location"] == f"{reverse('directory:service_add')}?organization={org.pk}"
    form = client.get(response["Location"]).context["form"]
    assert str(form.initial["organization"]) == str(org.pk)
    again = client.post(reverse("directory:organization_add"), {"name": "sure start centre"})
    assert "already listed" in again.content.decode()


def test_staff_add_a_place_and_go_back_safely(owner: Any, client: Any) -> None:
    client.force_login(owner)
    url = reverse("directory:location_add")
    bad = client.post(url, {"name": "Hub", "location_type": "physical", "postcode": "nonsense"})
    assert "Enter a real postcode" in bad.content.decode()
    ok = client.post(
        url + "?next=/directory/manage/add/",
        {"name": "Hub", "location_type": "physical", "postcode": "nr13qa"},
    )
    assert ok["Location"] == "/directory/manage/add/"
    assert Location.objects.get().postcode == "NR1 3QA"
    evil = client.post(url + "?next=https://evil.example/", {"name": "Hub 2", "location_type": "physical"})
    assert evil["Location"] == reverse("directory:service_add")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("minimum_age", "9223372036854775808", "The youngest age must be 130 or less"),
        ("maximum_age", "9223372036854775808", "The oldest age must be 130 or less"),
        ("maximum_age", "-1", "The oldest age must be 0 or more"),
        ("minimum_age", "five", "The youngest age must be a whole number, like 5"),
    ],
)
def test_an_age_out_of_range_gets_a_clear_message_not_a_server_error(
    owner: Any, client: Any, full_service: Any, field: str, value: str, message: str
) -> None:
    client.force_login(owner)
    form = client.get(reverse("directory:service_edit", args=[full_service.pk])).context["form"]
    data = {
        name: form[name].value() or "" for name in form.fields if name not in ("taxonomy_terms", "locations")
    }
    data[field] = value
    response = client.post(reverse("directory:service_edit", args=[full_service.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    full_service.refresh_from_db()
    assert full_service.name == "Debt advice drop-in"


def test_the_public_search_and_api_answer_an_age_of_2_to_the_63_clearly(client: Any, db: Any) -> None:
    page = client.get(reverse("directory:search"), {"age": "9223372036854775808"})
    assert page.status_code == 200 and "Age must be 130 or less" in page.content.decode()
    api = client.get(reverse("directory:api_services"), {"minimum_age": "9223372036854775808"})
    assert api.status_code in (200, 400)
