"""The staff side of the door: who may be invited, by whom, and what withdrawing does."""

import datetime
import re
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from core.calendar import today
from families.models import Person
from family_portal.models import MemberAccess
from staff.models import User
from tests import factories
from tests.family_portal.door_helpers import invited, parent

INVITE = {"email": "pat@example.org", "phone": "", "channel": "email", "language": "en-gb"}


def _invite_url(cast: Any, person: Any) -> str:
    return reverse("family_access:invite", args=[cast.family.reference, person.pk])


def test_the_lead_invites_a_parent_who_gets_an_email_saying_how_to_sign_in(
    client: Any, cast: Any, django_capture_on_commit_callbacks: Any
) -> None:
    person = parent(cast)
    client.force_login(cast.lead)
    tab = client.get(reverse("family_access:family", args=[cast.family.reference])).content.decode()
    assert "Not invited" in tab and _invite_url(cast, person) in tab
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_invite_url(cast, person), INVITE)
    assert response.status_code == 302
    access = MemberAccess.objects.get(person=person)
    assert access.status == MemberAccess.Status.INVITED and access.invited_by == cast.lead
    assert access.history.first().history_user == cast.lead
    user = access.user
    assert user.role == User.Role.FAMILY_MEMBER and not user.has_usable_password()
    assert (user.first_name, user.last_name) == ("Pat", "Taylor")
    assert mail.outbox[0].to == ["pat@example.org"]
    assert "http://127.0.0.1:8000/my/sign-in/" in mail.outbox[0].body.replace("testserver", "127.0.0.1:8000")


def test_the_form_is_filled_in_from_the_persons_communication_needs(client: Any, cast: Any) -> None:
    person = parent(
        cast,
        email="",
        phone="07700 900 456",
        preferred_contact="text",
        preferred_language="Cymraeg",
        large_print=True,
    )
    client.force_login(cast.lead)
    initial = client.get(_invite_url(cast, person)).context["form"].initial
    assert initial == {
        "email": "",
        "phone": "07700900456",
        "channel": "text",
        "language": "cy",
        "large_print": True,
    }


def test_an_invitation_by_text_goes_through_the_text_backend(
    client: Any, cast: Any, capsys: Any, django_capture_on_commit_callbacks: Any
) -> None:
    person = parent(cast, email="")
    client.force_login(cast.lead)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            _invite_url(cast, person), {**INVITE, "email": "", "phone": "07700 900123", "channel": "text"}
        )
    out = capsys.readouterr().out
    assert "Text message to: 07700900123" in out and "/my/sign-in/" in out and "Taylor" not in out


def test_a_child_younger_than_the_minimum_age_cannot_be_invited(
    client: Any, cast: Any, settings: Any
) -> None:
    born = today().replace(year=today().year - settings.FAMILY_MEMBER_MIN_AGE + 1)
    child = factories.person(
        family=cast.family, first_name="Kit", household_role=Person.HouseholdRole.CHILD, date_of_birth=born
    )
    client.force_login(cast.lead)
    page = client.get(_invite_url(cast, child)).content.decode()
    assert f"can be invited from the age of {settings.FAMILY_MEMBER_MIN_AGE}" in page
    client.post(_invite_url(cast, child), INVITE)
    assert not MemberAccess.objects.exists()


def test_a_young_person_old_enough_can_be_invited(client: Any, cast: Any, settings: Any) -> None:
    born = today().replace(year=today().year - settings.FAMILY_MEMBER_MIN_AGE) - datetime.timedelta(days=1)
    young = factories.person(
        family=cast.family,
        first_name="Jo",
        household_role=Person.HouseholdRole.YOUNG_PERSON,
        date_of_birth=born,
    )
    client.force_login(cast.lead)
    assert client.post(_invite_url(cast, young), {**INVITE, "email": "jo@example.org"}).status_code == 302
    assert MemberAccess.objects.filter(person=young).exists()


def test_an_unborn_baby_cannot_be_invited(client: Any, cast: Any) -> None:
    baby = factories.person(
        family=cast.family,
        first_name="Baby",
        household_role=Person.HouseholdRole.UNBORN,
        date_of_birth=None,
        expected_due_date=today() + datetime.timedelta(days=60),
    )
    client.force_login(cast.lead)
    assert "is not born yet" in client.get(_invite_url(cast, baby)).content.decode()
    client.post(_invite_url(cast, baby), INVITE)
    assert not MemberAccess.objects.exists()


def test_an_email_address_or_a_mobile_number_is_required(client: Any, cast: Any) -> None:
    person = parent(cast)
    client.force_login(cast.lead)
    response = client.post(_invite_url(cast, person), {**INVITE, "email": "", "phone": ""})
    assert response.status_code == 200
    assert "Give an email address or a mobile phone number" in response.content.decode()
    assert (
        not MemberAccess.objects.exists() and not User.objects.filter(role=User.Role.FAMILY_MEMBER).exists()
    )


@pytest.mark.parametrize("who", ["colleague", "other_manager", "agency_worker", "admin"])
def test_nobody_but_the_family_holders_reaches_the_door(client: Any, cast: Any, who: str) -> None:
    access = invited(cast)
    client.force_login(getattr(cast, who))
    ref = cast.family.reference
    assert client.get(reverse("family_access:family", args=[ref])).status_code == 404
    assert client.post(_invite_url(cast, access.person), INVITE).status_code == 404
    withdraw = reverse("family_access:withdraw", args=[ref, access.person.pk])
    assert client.post(withdraw, {"reason": "x"}).status_code == 404
    access.refresh_from_db()
    assert access.status == MemberAccess.Status.INVITED


def test_the_team_manager_may_invite_too(client: Any, cast: Any) -> None:
    person = parent(cast)
    client.force_login(cast.manager)
    assert client.post(_invite_url(cast, person), INVITE).status_code == 302


def test_withdrawing_ends_the_members_session_at_once_and_they_can_be_invited_again(
    client: Any, cast: Any
) -> None:
    from django.test import Client

    access = invited(cast)
    member = Client()
    member.force_login(access.user)
    assert member.get(reverse("family_portal:home")).status_code == 200

    client.force_login(cast.lead)
    withdraw = reverse("family_access:withdraw", args=[cast.family.reference, access.person.pk])
    assert client.post(withdraw, {"reason": ""}).status_code == 200  # a reason is needed
    assert client.post(withdraw, {"reason": "Safeguarding concern"}).status_code == 302

    access.refresh_from_db()
    assert (
        access.status == MemberAccess.Status.WITHDRAWN and access.withdrawn_reason == "Safeguarding concern"
    )
    assert member.get(reverse("family_portal:home")).status_code in (302, 404)
    assert "_auth_user_id" not in member.session

    assert client.post(_invite_url(cast, access.person), INVITE).status_code == 302
    access.refresh_from_db()
    access.user.refresh_from_db()
    assert access.status == MemberAccess.Status.INVITED and access.user.is_active


def test_the_lead_chooses_to_show_their_scores_beside_the_familys(
    client: Any, cast: Any, django_capture_on_commit_callbacks: Any
) -> None:
    person = parent(cast)
    client.force_login(cast.lead)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_invite_url(cast, person), INVITE)
    assert MemberAccess.objects.get(person=person).show_worker_scores is False
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_invite_url(cast, person), {**INVITE, "show_worker_scores": "on"})
    assert MemberAccess.objects.get(person=person).show_worker_scores is True
    form = client.get(_invite_url(cast, person)).content.decode()
    assert re.search(r'<input[^>]*name="show_worker_scores"[^>]*checked', form)


def test_the_lead_finds_the_restrictions_from_the_tab_and_the_letters_from_the_menu(
    client: Any, cast: Any
) -> None:
    client.force_login(cast.lead)
    tab = client.get(reverse("family_access:family", args=[cast.family.reference])).content.decode()
    assert reverse("family_sharing:restrictions", args=[cast.family.reference]) in tab
    assert reverse("family_letters:list") in tab  # in the header's menu
