import datetime

import pytest
from django.urls import reverse

from families.models import Family, Person
from tests import factories


def _caseload_sql(client, user, **params):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("families:caseload"), params)
    assert response.status_code == 200
    return [q["sql"] for q in ctx.captured_queries], response


def _families_led_by(user, n):
    for _ in range(n):
        factories.person(family=factories.family(lead_practitioner=user))


def test_the_caseload_runs_the_same_queries_for_5_families_as_for_200(client, db, django_assert_num_queries):
    team = factories.team()
    small, large = factories.lead(team), factories.lead(team)
    _families_led_by(small, 5)
    _families_led_by(large, 200)
    baseline, _ = _caseload_sql(client, small)
    client.force_login(large)
    with django_assert_num_queries(len(baseline)):
        response = client.get(reverse("families:caseload"))
    assert response.context["page_obj"].paginator.count == 200
    assert "200 families" in response.content.decode()


@pytest.mark.parametrize(("n", "pages"), [(0, 1), (5, 1), (25, 1), (26, 2)])
def test_the_caseload_pages_by_25(client, db, n, pages):
    lead = factories.lead(factories.team())
    _families_led_by(lead, n)
    _, response = _caseload_sql(client, lead)
    assert response.context["page_obj"].paginator.count == n
    assert response.context["page_obj"].paginator.num_pages == pages
    page = response.content.decode()
    if n:
        assert f"{n} famil" in page
        assert len(response.context["families"]) == min(n, 25)
    assert ("1 of 2" in page) == (pages == 2)
    _, response = _caseload_sql(client, lead, page="2")
    assert response.context["page_obj"].number == pages  # past the end: the last page
    if pages == 2:
        assert len(response.context["families"]) == 1


def test_the_caseload_lists_my_families_with_their_members(client, cast):
    client.force_login(cast.lead)
    page = client.get(reverse("families:caseload")).content.decode()
    assert cast.family.reference in page
    assert "Sam Taylor" in page


@pytest.mark.parametrize("term", ["taylor", "TAYLOR FAM", "nr1 1aa", "NR11AA"])
def test_the_caseload_finds_a_family_by_name_reference_or_postcode(client, cast, term):
    other = factories.family(lead_practitioner=cast.lead, name="Smith family", postcode="IP1 2AB")
    client.force_login(cast.lead)
    families = [
        row["reference"] for row in client.get(reverse("families:caseload"), {"q": term}).context["families"]
    ]
    assert families == [cast.family.reference]
    assert other.reference not in families


def test_the_caseload_finds_by_reference(client, cast):
    client.force_login(cast.lead)
    families = client.get(reverse("families:caseload"), {"q": cast.family.reference.lower()}).context[
        "families"
    ]
    assert [row["reference"] for row in families] == [cast.family.reference]


def test_an_empty_search_says_so(client, cast):
    client.force_login(cast.lead)
    page = client.get(reverse("families:caseload"), {"q": "nobody-here"}).content.decode()
    assert "No families match" in page


def test_a_manager_sees_the_team_and_can_narrow_to_their_own(client, cast):
    client.force_login(cast.manager)
    team = client.get(reverse("families:caseload")).content.decode()
    assert cast.family.reference in team and "Lena Lead" in team  # the team view names each lead
    mine = client.get(reverse("families:caseload"), {"scope": "mine"})
    assert mine.context["families"] == []
    assert cast.family.reference not in mine.content.decode()


def _create(client, user, **overrides):
    data = {
        "name": "Nowak family",
        "address_line_1": "12 Mill Lane",
        "address_line_2": "",
        "town": "Norwich",
        "postcode": "NR3 1AB",
        "lead_practitioner": str(user.pk),
    }
    data.update(overrides)
    client.force_login(user)
    return client.post(reverse("families:create"), data)


def test_opening_a_family_gives_it_a_reference_and_the_lead_access(client, cast):
    response = _create(client, cast.lead)
    family = Family.objects.get(name="Nowak family")
    assert response["Location"] == reverse("families:detail", args=[family.reference])
    assert family.reference.startswith("PO-")
    assert family.lead_practitioner == cast.lead
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": ""}, "name", "Enter the family's name."),
        ({"postcode": "NOT A POSTCODE"}, "postcode", "Enter a real postcode, like SW1A 1AA"),
        ({"name": "x" * 10_000}, "name", "Ensure this value has at most 120 characters (it has 10000)."),
        ({"lead_practitioner": ""}, "lead_practitioner", "Choose a lead practitioner for the family."),
    ],
)
def test_bad_input_when_opening_a_family_gets_a_clear_message_and_writes_nothing(
    client, cast, overrides, field, message
):
    before = Family.objects.count()
    response = _create(client, cast.lead, **overrides)
    assert response.status_code == 200
    assert any(message in str(e) for e in response.context["form"].errors[field])
    assert "There is a problem" in response.content.decode()
    assert Family.objects.count() == before


def test_opening_a_family_never_reveals_that_a_typed_reference_exists(client, cast):
    """The family page answers a stranger 404; the form must not tell them otherwise."""
    response = _create(client, cast.other_manager, reference=cast.family.reference, lead_practitioner="")
    assert "already exists" not in response.content.decode()
    response = _create(client, cast.other_manager, reference=cast.family.reference)
    assert response.status_code == 302
    opened = Family.objects.get(name="Nowak family")
    assert opened.reference != cast.family.reference and opened.reference.startswith("PO-")
    assert "already exists" not in client.get(response["Location"]).content.decode()
    assert Family.objects.filter(reference=cast.family.reference).count() == 1


def test_the_open_a_family_form_has_no_reference_field(client, cast):
    client.force_login(cast.lead)
    html = client.get(reverse("families:create")).content.decode()
    assert 'name="reference"' not in html


def _add_person(client, cast, **overrides):
    data = {
        "first_name": "Ruby",
        "last_name": "Taylor",
        "preferred_name": "",
        "household_role": "child",
        "date_of_birth_day": "3",
        "date_of_birth_month": "2",
        "date_of_birth_year": "2019",
        "expected_due_date_day": "",
        "expected_due_date_month": "",
        "expected_due_date_year": "",
        "phone": "",
        "email": "",
        "preferred_contact": "",
        "preferred_language": "English",
        "accessible_formats": "",
    }
    data.update(overrides)
    client.force_login(cast.lead)
    return client.post(reverse("families:person_add", args=[cast.family.reference]), data)


def test_adding_a_person_records_their_communication_needs(client, cast):
    response = _add_person(
        client, cast, preferred_language="Polish", needs_interpreter="on", large_print="on"
    )
    assert response.status_code == 302
    ruby = Person.objects.get(first_name="Ruby")
    assert ruby.date_of_birth == datetime.date(2019, 2, 3)
    assert ruby.communication_needs() == ["Prefers Polish", "Interpreter", "Large print"]
    assert ruby.history.latest().history_user == cast.lead


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"date_of_birth_year": str(datetime.date.today().year + 1)},
            "date_of_birth",
            "Date of birth must be today or in the past.",
        ),
        ({"date_of_birth_day": "31", "date_of_birth_month": "2"}, "date_of_birth", "Enter a real date"),
        ({"date_of_birth_month": ""}, "date_of_birth", "Enter a full date"),
        ({"first_name": ""}, "first_name", "Enter a first name."),
        ({"first_name": "R" * 10_000}, "first_name", "at most 80 characters"),
        ({"email": "not-an-email"}, "email", "Enter an email address in the correct format"),
    ],
)
def test_bad_input_when_adding_a_person_gets_a_clear_message_and_writes_nothing(
    client, cast, overrides, field, message
):
    before = Person.objects.count()
    response = _add_person(client, cast, **overrides)
    assert response.status_code == 200
    assert any(message in str(e) for e in response.context["form"].errors[field]), response.context[
        "form"
    ].errors
    assert Person.objects.count() == before


def test_a_note_cannot_be_dated_in_the_future(client, cast):
    client.force_login(cast.lead)
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    response = client.post(
        reverse("families:note_add", args=[cast.family.reference]),
        {
            "kind": "visit",
            "occurred_on_day": tomorrow.day,
            "occurred_on_month": tomorrow.month,
            "occurred_on_year": tomorrow.year,
            "text": "Visited",
        },
    )
    assert response.status_code == 200
    assert "The date must be today or in the past." in response.content.decode()
    assert not cast.family.case_notes.exists()


def test_a_note_appears_on_the_chronology(client, cast):
    client.force_login(cast.lead)
    today = datetime.date.today()
    response = client.post(
        reverse("families:note_add", args=[cast.family.reference]),
        {
            "kind": "visit",
            "occurred_on_day": today.day,
            "occurred_on_month": today.month,
            "occurred_on_year": today.year,
            "text": "Home visit: Sam is sleeping better.",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("families:chronology", args=[cast.family.reference])).content.decode()
    assert "Sam is sleeping better." in page


def test_hand_over_through_the_page_takes_the_family_off_my_caseload(client, cast):
    client.force_login(cast.lead)
    response = client.post(
        reverse("families:hand_over", args=[cast.family.reference]),
        {"lead_practitioner": cast.colleague.pk, "reason": "Going on maternity leave"},
    )
    assert response["Location"] == reverse("families:caseload")
    assert client.get(reverse("families:detail", args=[cast.family.reference])).status_code == 404


def test_hand_over_without_a_reason_is_refused(client, cast):
    client.force_login(cast.lead)
    response = client.post(
        reverse("families:hand_over", args=[cast.family.reference]),
        {"lead_practitioner": cast.colleague.pk, "reason": ""},
    )
    assert response.status_code == 200
    assert "Give a reason." in response.content.decode()
    cast.family.refresh_from_db()
    assert cast.family.lead_practitioner == cast.lead


def test_the_household_role_radios_offer_only_real_roles(client, cast):
    client.force_login(cast.lead)
    page = client.get(reverse("families:person_add", args=[cast.family.reference])).content.decode()
    assert 'name="household_role"' in page
    assert "---------" not in page
