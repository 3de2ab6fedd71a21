"""Consent for several agencies and categories in one form (issue 13), on its own page and on the
referral page, where missing consent is recorded in the same submission as the referral."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from agencies import selectors
from agencies.forms import ConsentGridForm, ReferralForm
from agencies.models import Category, Consent, Referral
from agencies.services.consent import consent_grid_give, referral_send_with_consent
from core.calendar import today
from core.submissions import FIELD_NAME
from partners.models import Agency
from tests.agencies.conftest import consent_all, make_agency


@pytest.fixture
def three(db):
    return [
        make_agency("Police Early Help", kind=Agency.Kind.POLICE),
        make_agency("Riverside Primary", kind=Agency.Kind.SCHOOL),
        make_agency("Norwich Housing"),
    ]


def _date(day: datetime.date) -> dict[str, str]:
    return {"given_on_day": str(day.day), "given_on_month": str(day.month), "given_on_year": str(day.year)}


def _grid(cast, agencies, pairs, **extra):
    data = {
        "consent": [f"{a.pk}:{c}" for a, c in pairs],
        "given_by": str(cast.family.members.first().pk),
        "how": "verbal",
        **_date(today()),
    }
    data.update(extra)
    return ConsentGridForm(data, family=cast.family, agencies=agencies)


def test_it_writes_one_consent_record_per_ticked_agency_and_category_with_history(cast, three):
    police, school, _housing = three
    sam = cast.family.members.first()
    written = consent_grid_give(
        actor=cast.lead,
        family=cast.family,
        pairs=[(police, Category.CONTACT), (police, Category.ASSESSMENT), (school, Category.CONTACT)],
        given_by=sam,
        how=Consent.How.VERBAL,
    )
    assert len(written) == 3
    rows = Consent.objects.filter(family=cast.family, withdrawn_at__isnull=True)
    assert {(c.agency.name, c.category) for c in rows} == {
        ("Police Early Help", "contact"),
        ("Police Early Help", "assessment"),
        ("Riverside Primary", "contact"),
    }
    assert all(c.given_on == today() and c.recorded_by == cast.lead for c in rows)
    history = Consent.history.filter(family=cast.family)
    assert history.count() == 3
    assert {h.history_user for h in history} == {cast.lead}


def test_it_writes_nothing_again_for_the_same_consent_sent_twice(cast, three):
    police = three[0]
    sam = cast.family.members.first()
    for _time in range(2):
        consent_grid_give(
            actor=cast.lead, family=cast.family, pairs=[(police, "contact")], given_by=sam, how="verbal"
        )
    assert Consent.objects.filter(family=cast.family).count() == 1


def test_it_writes_all_or_nothing(cast, three):
    police, school, _housing = three
    with pytest.raises(ValidationError):
        consent_grid_give(
            actor=cast.lead,
            family=cast.family,
            pairs=[(police, "contact"), (school, "contact")],
            given_by=cast.family.members.first(),
            how="verbal",
            given_on=today() + datetime.timedelta(days=1),
        )
    assert not Consent.objects.exists()


def test_it_refuses_an_empty_grid(cast):
    with pytest.raises(ValidationError) as exc:
        consent_grid_give(
            actor=cast.lead, family=cast.family, pairs=[], given_by=cast.family.members.first(), how="verbal"
        )
    assert "Tick at least one agency" in str(exc.value)


def test_the_form_with_nothing_ticked_says_to_tick_an_agency(cast, three):
    form = _grid(cast, three, [])
    assert not form.is_valid()
    assert form.errors["consent"] == ["Tick at least one agency and what the family agreed to share with it."]


def test_the_form_refuses_a_date_in_the_future(cast, three):
    form = _grid(cast, three, [(three[0], "contact")], **_date(today() + datetime.timedelta(days=1)))
    assert not form.is_valid()
    assert form.errors["given_on"] == ["The date consent was given must be today or in the past."]


def test_the_form_asks_who_and_how(cast, three):
    form = _grid(cast, three, [(three[0], "contact")], given_by="", how="")
    assert not form.is_valid()
    assert form.errors["given_by"] == ["Choose who gave consent."]
    assert form.errors["how"] == ["Choose how consent was given."]


def test_the_form_refuses_to_record_again_what_is_already_agreed(cast, three):
    consent_all(cast, three[0], ["contact"])
    form = _grid(cast, three, [(three[0], "contact")])
    assert not form.is_valid()
    assert "consent" in form.errors


def test_the_form_defaults_to_today_and_the_one_adult(cast, three):
    form = ConsentGridForm(family=cast.family, agencies=three)
    assert form.fields["given_on"].initial == today()
    assert form.fields["given_by"].initial == cast.family.members.get(first_name="Sam").pk


def test_the_grid_shows_standing_consent_as_agreed_and_every_other_cell_as_a_box(cast, three):
    consent_all(cast, three[0], ["contact"])
    rows = ConsentGridForm(family=cast.family, agencies=three).grid_rows()
    police = rows[0]["cells"]
    assert police[0]["standing"] is not None and police[0]["box"] is None
    assert all(cell["box"] is not None for cell in police[1:])
    assert police[1]["box"].data["label"] == "Police Early Help – Assessment"


def test_the_grid_page_records_consent_for_three_agencies_in_one_post(client, cast, three):
    client.force_login(cast.lead)
    url = reverse("agencies:consent_grid", args=[cast.family.reference])
    page = client.get(url)
    assert "Police Early Help – Contact details" in page.content.decode()
    data = {
        "consent": [f"{a.pk}:contact" for a in three],
        "given_by": str(cast.family.members.first().pk),
        "how": "signed",
        **_date(today()),
        FIELD_NAME: "6f1c3a8e-1d2b-4c5d-8e9f-0a1b2c3d4e5f",
    }
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert Consent.objects.filter(family=cast.family).count() == 3


def test_the_grid_page_says_what_to_fix(client, cast, three):
    client.force_login(cast.lead)
    url = reverse("agencies:consent_grid", args=[cast.family.reference])
    page = client.post(url, {"how": "verbal"}).content.decode()
    assert "There is a problem" in page
    assert 'href="#id_consent"' in page and 'id="id_consent"' in page
    assert not Consent.objects.exists()


def test_a_referral_records_the_missing_consent_and_shares_what_every_agency_agreed(cast, three):
    police, school, housing = three
    consent_all(cast, housing, ["contact", "assessment"])
    referral = referral_send_with_consent(
        actor=cast.lead,
        family=cast.family,
        agencies=three,
        consent_pairs=[
            (police, "contact"),
            (police, "assessment"),
            (school, "contact"),
            (school, "assessment"),
        ],
        given_by=cast.family.members.first(),
        how="verbal",
        request="Help with school mornings.",
    )
    assert referral.responses.count() == 3
    assert referral.shares == ["contact", "assessment"]
    assert Consent.objects.filter(family=cast.family).count() == 6


def test_a_referral_that_fails_its_checks_leaves_no_consent_behind(cast, three):
    police = three[0]
    with pytest.raises(ValidationError):
        referral_send_with_consent(
            actor=cast.lead,
            family=cast.family,
            agencies=[police],
            consent_pairs=[(police, "contact")],
            given_by=cast.family.members.first(),
            how="verbal",
            request="",
        )
    assert not Consent.objects.exists() and not Referral.objects.exists()


def test_the_referral_form_ticks_agencies_with_consent_and_does_not_ask_for_categories_again(
    client, cast, three
):
    police, school, housing = three
    consent_all(cast, police, ["contact"])
    client.force_login(cast.lead)
    url = reverse("agencies:referral_new", args=[cast.family.reference])
    form = client.get(url).context["form"]
    assert form.initial["agencies"] == [police.pk]
    assert form.fields["shares"].initial is None
    data = {
        "agencies": [police.pk, school.pk, housing.pk],
        "consent": [f"{school.pk}:contact", f"{housing.pk}:contact"],
        "given_by": str(cast.family.members.first().pk),
        "how": "verbal",
        **_date(today()),
        "request": "Help with school mornings.",
        "urgency": "routine",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    referral = Referral.objects.get()
    assert referral.shares == ["contact"]
    assert referral.responses.count() == 3
    assert selectors.categories_agreed_by_all(family=cast.family, agencies=three) == ["contact"]


def test_the_referral_form_needs_who_and_how_only_when_consent_is_ticked(cast, three):
    police = three[0]
    consent_all(cast, police, ["contact"])
    base = {"agencies": [police.pk], "request": "Help.", "urgency": "routine"}
    form = ReferralForm(
        base, family=cast.family, agencies=Agency.objects.all(), goals=None, can_override=False
    )
    assert form.is_valid(), form.errors
    ticked = {**base, "consent": [f"{police.pk}:plan"], "how": ""}
    form = ReferralForm(
        ticked, family=cast.family, agencies=Agency.objects.all(), goals=None, can_override=False
    )
    assert not form.is_valid()
    assert form.errors["how"] == ["Choose how consent was given."]


def test_the_referral_form_with_no_agency_ticked_says_so(client, cast, three):
    client.force_login(cast.lead)
    url = reverse("agencies:referral_new", args=[cast.family.reference])
    page = client.post(url, {"request": "Help.", "urgency": "routine"}).content.decode()
    assert "Choose at least one agency to send the referral to." in page
    assert not Referral.objects.exists()


def test_a_referral_posted_twice_records_consent_once(cast, three):
    client = Client()
    client.force_login(cast.lead)
    police = three[0]
    url = reverse("agencies:referral_new", args=[cast.family.reference])
    data = {
        "agencies": [police.pk],
        "consent": [f"{police.pk}:contact"],
        "given_by": str(cast.family.members.first().pk),
        "how": "verbal",
        **_date(today()),
        "request": "Help with school mornings.",
        "urgency": "routine",
        FIELD_NAME: "0b6e5a1c-2d3f-4a5b-9c8d-7e6f5a4b3c2d",
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert Referral.objects.count() == 1 and Consent.objects.count() == 1
