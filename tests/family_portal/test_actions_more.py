"""A family member moves their action on, asks for a change to their details, sends a document and asks to
stop sharing (issue 11, what the family can do)."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agencies.models import Consent
from agencies.services.consent import consent_give
from family_portal.models import FamilyMessage, Restriction
from plans import services as plan_services
from plans.models import Action
from tests import factories
from tests.family_portal.actions_helpers import adult, member_of, plan_with_goal, post_twice

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 200


@pytest.fixture
def setup(cast: Any, client: Any) -> Any:
    _plan, goal = plan_with_goal(cast.family)
    access = member_of(cast.family)
    action = plan_services.action_add(
        actor=cast.lead, goal=goal, text="Set two alarms", owner_person=access.person
    )
    client.force_login(access.user)
    return goal, action, access


def test_it_marks_their_action_done_once_through_the_plan_as_the_member(
    cast: Any, client: Any, setup: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    _goal, action, access = setup
    url = reverse("family_portal:action_update", args=[action.pk])
    assert "Set two alarms" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        first, second = post_twice(client, url, {"outcome": "done", "note": "Did it"})
    assert first.status_code == second.status_code == 302
    action.refresh_from_db()
    assert action.status == Action.Status.DONE and action.completed_on is not None
    assert action.history.first().history_user == access.user
    message = FamilyMessage.objects.get()
    assert (message.kind, message.action) == (FamilyMessage.Kind.ACTION_DONE, action)
    assert message.history.get().history_user == access.user
    assert len(mailoutbox) == 1
    client.force_login(cast.lead)
    assert "Done" in client.get(f"/plans/{cast.family.reference}/").content.decode()
    assert (
        "Marked an action done"
        in client.get(f"/families/{cast.family.reference}/chronology/").content.decode()
    )


def test_it_says_an_action_is_stuck_and_the_lead_sees_it_in_the_latest_update(
    setup: Any, client: Any
) -> None:
    _goal, action, access = setup
    response = client.post(
        reverse("family_portal:action_update", args=[action.pk]),
        {"outcome": "stuck", "note": "No alarm clock"},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == Action.Status.NOT_STARTED
    assert "stuck" in action.status_note and "No alarm clock" in action.status_note
    assert action.history.first().history_user == access.user
    assert FamilyMessage.objects.get().kind == FamilyMessage.Kind.ACTION_STUCK


def test_an_action_the_member_does_not_own_or_cannot_see_is_404(cast: Any, client: Any, setup: Any) -> None:
    goal, action, access = setup
    partner = adult(cast.family, "Pat")
    theirs = plan_services.action_add(actor=cast.lead, goal=goal, text="Pat's", owner_person=partner)
    workers = plan_services.action_add(actor=cast.lead, goal=goal, text="Lead's", owner_worker=cast.lead)
    Restriction.objects.create(access=access, kind="item", item=action, reason="x", created_by=cast.lead)
    other = factories.family(lead_practitioner=cast.colleague)
    yan = factories.person(family=other, first_name="Yan")
    _p, other_goal = plan_with_goal(other)
    elsewhere = plan_services.action_add(actor=cast.colleague, goal=other_goal, text="Y's", owner_person=yan)
    for target in (theirs, workers, action, elsewhere):
        url = reverse("family_portal:action_update", args=[target.pk])
        assert client.post(url, {"outcome": "done"}).status_code == 404
    assert not FamilyMessage.objects.exists()
    assert not Action.objects.filter(status=Action.Status.DONE).exists()


def test_it_asks_for_a_change_to_their_details_without_changing_them(
    cast: Any, client: Any, setup: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    _goal, _action, access = setup
    with django_capture_on_commit_callbacks(execute=True):
        post_twice(client, reverse("family_portal:details_change"), {"text": "New phone 07700 900123"})
    message = FamilyMessage.objects.get()
    assert message.kind == FamilyMessage.Kind.DETAILS_CHANGE
    assert message.history.get().history_user == access.user
    access.person.refresh_from_db()
    assert "07700" not in str(access.person.__dict__)
    assert len(mailoutbox) == 1 and "07700" not in mailoutbox[0].body + mailoutbox[0].subject


def test_it_sends_a_photo_once_served_only_to_them_and_to_the_lead(
    cast: Any, client: Any, setup: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    _goal, _action, access = setup
    photo = {"file": SimpleUploadedFile("letter.jpg", JPEG, "image/jpeg"), "note": "The school letter"}
    with django_capture_on_commit_callbacks(execute=True):
        post_twice(client, reverse("family_portal:send_document"), photo)
    message = FamilyMessage.objects.get()
    assert (message.kind, message.file_name) == (FamilyMessage.Kind.DOCUMENT, "letter.jpg")
    assert message.history.get().history_user == access.user and len(mailoutbox) == 1
    mine = client.get(reverse("family_portal:document", args=[message.pk]))
    assert mine.status_code == 200 and b"".join(mine.streaming_content) == JPEG
    partner = member_of(cast.family, adult(cast.family, "Pat"))
    client.force_login(partner.user)
    assert client.get(reverse("family_portal:document", args=[message.pk])).status_code == 404
    staff_url = reverse("family_messages:document", args=[cast.family.reference, message.pk])
    client.force_login(cast.lead)
    assert client.get(staff_url).status_code == 200
    chronology = client.get(f"/families/{cast.family.reference}/chronology/").content.decode()
    assert staff_url in chronology and "The school letter" in chronology
    client.force_login(cast.other_manager)
    assert client.get(staff_url).status_code == 404
    client.force_login(cast.agency_worker)
    assert client.get(staff_url).status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("photo.jpg", b"<html><script>alert(1)</script></html>", "must be a photo (JPG or PNG) or a PDF"),
        ("photo.jpg", JPEG + b"\x00" * (10 * 1024 * 1024), "must be smaller than 5 MB"),
        ("notes.exe", b"MZ\x90\x00", "must be a photo (JPG or PNG) or a PDF"),
    ],
)
def test_a_bad_file_gets_a_clear_message_and_writes_nothing(
    client: Any, setup: Any, name: str, content: bytes, error: str
) -> None:
    response = client.post(
        reverse("family_portal:send_document"), {"file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 200 and error in response.content.decode()
    assert not FamilyMessage.objects.exists()


def test_it_asks_to_stop_sharing_which_reaches_the_lead_at_once_and_leaves_the_consent_to_them(
    cast: Any, client: Any, setup: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    _goal, _action, access = setup
    from tests.agencies.conftest import make_agency

    agency = make_agency("Norwich Housing")
    consent = consent_give(
        actor=cast.lead,
        family=cast.family,
        agency=agency,
        category="plan",
        given_by=access.person,
        how="signed",
    )
    url = reverse("family_portal:stop_sharing", args=[consent.pk])
    assert "Norwich Housing" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        first, _second = post_twice(client, url, {"reason": "I changed my mind"})
    message = FamilyMessage.objects.get()
    assert (message.kind, message.consent) == (FamilyMessage.Kind.STOP_SHARING, consent)
    assert message.history.get().history_user == access.user
    consent.refresh_from_db()
    assert consent.withdrawn_at is None
    assert len(mailoutbox) == 1 and "stop sharing" in mailoutbox[0].body
    confirmation = client.get(first["Location"]).content.decode()
    assert "We have told Lena Lead" in confirmation and "Norwich Housing" in confirmation
    other = factories.family(lead_practitioner=cast.colleague)
    yan = factories.person(family=other, first_name="Yan")
    theirs = consent_give(
        actor=cast.colleague, family=other, agency=agency, category="plan", given_by=yan, how="signed"
    )
    assert client.post(reverse("family_portal:stop_sharing", args=[theirs.pk]), {}).status_code == 404
    assert Consent.objects.filter(withdrawn_at__isnull=False).count() == 0


def test_a_member_is_told_of_the_lead_changing_their_step_but_not_of_their_own_change(
    cast: Any, client: Any, setup: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from family_portal.models import FamilyNotice

    _goal, action, access = setup
    with django_capture_on_commit_callbacks(execute=True):
        post_twice(client, reverse("family_portal:action_update", args=[action.pk]), {"outcome": "done"})
    assert not FamilyNotice.objects.filter(access=access).exists()
    action.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        plan_services.action_update(actor=cast.lead, action=action, due_on=None)
    assert FamilyNotice.objects.filter(access=access, kind="plan_changed").count() == 1
