"""The lead's controls: what each family member sees, what is hidden from whom, and the case note's
"share with the family" box."""

import datetime
from typing import Any

import pytest
from django.urls import reverse

from families.models import CaseNote
from family_portal.models import Restriction
from family_portal.selectors.restrictable import hideable_items
from tests import factories
from tests.family_portal.pages_helpers import member_of, plan_with_goal

pytestmark = pytest.mark.django_db


def test_lead_hides_a_goal_from_one_member_with_a_reason(cast: Any, client: Any) -> None:
    _plan, goal = plan_with_goal(cast.family, goal_text="Move somewhere safe")
    access = member_of(cast.family, first_name="Pat")
    client.force_login(cast.lead)
    url = reverse("family_sharing:restriction_add", args=[cast.family.reference, access.pk])
    assert client.get(url).status_code == 200
    choice = next(v for v, label in hideable_items(family=cast.family) if "Move somewhere safe" in label)

    response = client.post(url, {"kind": "item", "item": choice, "reason": "Risk from Pat"})

    assert response.status_code == 302
    restriction = Restriction.objects.get(access=access)
    assert restriction.item == goal
    assert restriction.history.first().history_user == cast.lead
    listing = client.get(
        reverse("family_sharing:restrictions", args=[cast.family.reference])
    ).content.decode()
    assert "Move somewhere safe" in listing and "Risk from Pat" in listing

    client.logout()
    client.force_login(access.user)
    assert "Move somewhere safe" not in client.get(reverse("family_portal:home")).content.decode()


def test_hiding_needs_a_reason_and_writes_nothing_without_one(cast: Any, client: Any) -> None:
    access = member_of(cast.family)
    client.force_login(cast.lead)
    url = reverse("family_sharing:restriction_add", args=[cast.family.reference, access.pk])
    response = client.post(url, {"kind": "address", "reason": ""})
    assert response.status_code == 200
    assert "Say why this is hidden from them." in response.content.decode()
    assert not Restriction.objects.exists()


def test_lead_hides_another_members_details_and_shows_them_again(cast: Any, client: Any) -> None:
    access = member_of(cast.family)
    robin = factories.person(family=cast.family, first_name="Robin")
    client.force_login(cast.lead)
    url = reverse("family_sharing:restriction_add", args=[cast.family.reference, access.pk])
    client.post(url, {"kind": "person", "hidden_person": robin.pk, "reason": "Court order"})
    restriction = Restriction.objects.get(access=access, hidden_person=robin)

    response = client.post(
        reverse("family_sharing:restriction_remove", args=[cast.family.reference, restriction.pk])
    )

    assert response.status_code == 302
    assert not Restriction.objects.exists()
    removed = Restriction.history.filter(id=restriction.pk, history_type="-").get()
    assert removed.history_user == cast.lead


def test_a_person_from_another_family_cannot_be_chosen(cast: Any, client: Any) -> None:
    access = member_of(cast.family)
    other = factories.family(lead_practitioner=cast.colleague)
    stranger = factories.person(family=other, first_name="Stranger")
    client.force_login(cast.lead)
    url = reverse("family_sharing:restriction_add", args=[cast.family.reference, access.pk])
    response = client.post(url, {"kind": "person", "hidden_person": stranger.pk, "reason": "x"})
    assert response.status_code == 200
    assert not Restriction.objects.exists()


def test_manager_of_the_team_may_use_the_page(cast: Any, client: Any) -> None:
    client.force_login(cast.manager)
    response = client.get(reverse("family_sharing:restrictions", args=[cast.family.reference]))
    assert response.status_code == 200


@pytest.mark.parametrize("who", ["colleague", "other_manager", "agency_worker", "admin"])
def test_restriction_pages_are_404_for_anyone_not_holding_the_family(
    cast: Any, client: Any, who: str
) -> None:
    access = member_of(cast.family)
    restriction = Restriction.objects.create(
        access=access, kind=Restriction.Kind.ADDRESS, reason="x", created_by=cast.lead
    )
    client.force_login(getattr(cast, who))
    ref = cast.family.reference
    assert client.get(reverse("family_sharing:restrictions", args=[ref])).status_code == 404
    assert client.get(reverse("family_sharing:restriction_add", args=[ref, access.pk])).status_code == 404
    remove = reverse("family_sharing:restriction_remove", args=[ref, restriction.pk])
    assert client.post(remove).status_code == 404
    assert Restriction.objects.filter(pk=restriction.pk).exists()


def test_family_member_cannot_reach_the_restriction_pages(cast: Any, client: Any) -> None:
    access = member_of(cast.family)
    client.force_login(access.user)
    assert client.get(reverse("family_sharing:restrictions", args=[cast.family.reference])).status_code == 404


def test_another_familys_member_access_is_404_under_this_family(cast: Any, client: Any) -> None:
    other = factories.family(lead_practitioner=cast.lead)
    stranger = member_of(other)
    client.force_login(cast.lead)
    url = reverse("family_sharing:restriction_add", args=[cast.family.reference, stranger.pk])
    assert client.get(url).status_code == 404


def test_case_note_share_box_saves_and_defaults_to_not_shared(cast: Any, client: Any) -> None:
    client.force_login(cast.lead)
    url = reverse("families:note_add", args=[cast.family.reference])
    form = client.get(url).content.decode()
    assert "Share with the family on their own pages" in form
    day = {"occurred_on_day": "3", "occurred_on_month": "2", "occurred_on_year": "2025"}
    client.post(url, {"kind": "visit", "text": "Shared visit", "shared_with_family": "on", **day})
    client.post(url, {"kind": "visit", "text": "Private visit", **day})
    assert CaseNote.objects.get(text="Shared visit").shared_with_family is True
    assert CaseNote.objects.get(text="Private visit").shared_with_family is False
    assert datetime.date(2025, 2, 3) == CaseNote.objects.get(text="Shared visit").occurred_on
