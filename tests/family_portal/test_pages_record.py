"""What has happened, who we share with and who has looked, as a family member reads them."""

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from agencies.models import Consent, Referral, ReferralResponse
from families import services as family_services
from families.models import CaseNote, RecordLook
from tests import factories
from tests.family_portal.pages_helpers import hide, member_of, plan_with_goal

pytestmark = pytest.mark.django_db


def page(client: Any, access: Any, name: str) -> str:
    client.force_login(access.user)
    response = client.get(reverse(f"family_portal:{name}"))
    assert response.status_code == 200
    return response.content.decode()


def note(family: Any, text: str, shared: bool) -> CaseNote:
    return family_services.case_note_add(
        actor=family.lead_practitioner,
        family=family,
        occurred_on=datetime.date(2025, 2, 3),
        kind=CaseNote.Kind.VISIT,
        text=text,
        shared_with_family=shared,
    )


def referral(family: Any, agency: Any, status: str = ReferralResponse.Status.ACCEPTED) -> Referral:
    made = Referral.objects.create(family=family, request="Help with food", sent_by=family.lead_practitioner)
    now = timezone.now()
    ReferralResponse.objects.create(
        referral=made,
        agency=agency,
        status=status,
        ack_due_at=now,
        escalate_at=now,
        answered_at=now,
        outcome="A parcel every Friday",
    )
    return made


def test_timeline_shows_shared_notes_only_and_never_another_familys(cast: Any, client: Any) -> None:
    note(cast.family, "We talked about mornings", shared=True)
    note(cast.family, "Worker-only worry", shared=False)
    other = factories.family(lead_practitioner=cast.colleague, name="Jones family")
    note(other, "Jones family note", shared=True)

    html = page(client, member_of(cast.family), "timeline")

    assert "We talked about mornings" in html
    assert "3 February 2025" in html
    assert "Worker-only worry" not in html
    assert "Jones family note" not in html
    assert "You started working with us" in html


def test_timeline_shows_referral_and_agency_answer_in_plain_words(cast: Any, client: Any) -> None:
    referral(cast.family, factories.agency("Norwich Food Bank"))
    html = page(client, member_of(cast.family), "timeline")
    assert "Your worker asked Norwich Food Bank for help" in html
    assert "Norwich Food Bank said yes" in html
    assert "A parcel every Friday" in html


def test_timeline_hides_restricted_note_and_referral_from_one_member_only(cast: Any, client: Any) -> None:
    secret = note(cast.family, "Secret shared note", shared=True)
    made = referral(cast.family, factories.agency("Refuge Service"))
    restricted = member_of(cast.family)
    other = member_of(cast.family)
    hide(restricted, item=secret)
    hide(restricted, item=made)

    html = page(client, restricted, "timeline")
    assert "Secret shared note" not in html
    assert "Refuge Service" not in html

    client.logout()
    html = page(client, other, "timeline")
    assert "Secret shared note" in html
    assert "Refuge Service said yes" in html


def test_timeline_review_attendees_hide_a_hidden_person(cast: Any, client: Any) -> None:
    from plans.models import PlanReview

    plan, _goal = plan_with_goal(cast.family)
    hidden = factories.person(family=cast.family, first_name="Robin")
    review = PlanReview.objects.create(
        plan=plan,
        held_on=datetime.date(2025, 3, 1),
        next_review_on=datetime.date(2025, 6, 1),
        decisions="Keep going with the morning routine",
        created_by=cast.lead,
    )
    review.attending_people.add(hidden)
    restricted = member_of(cast.family)
    hide(restricted, person=hidden)

    html = page(client, restricted, "timeline")
    assert "We met to review your plan" in html
    assert "Keep going with the morning routine" in html
    assert "Robin" not in html

    client.logout()
    assert "Who came: Robin" in page(client, member_of(cast.family), "timeline")


def test_timeline_empty_state(cast: Any, client: Any) -> None:
    from families.models import FamilyEvent

    FamilyEvent.objects.filter(family=cast.family).update(shared_with_family=False)
    assert "Nothing has been shared with you yet." in page(client, member_of(cast.family), "timeline")


def test_sharing_shows_consents_active_and_withdrawn_since_when(cast: Any, client: Any) -> None:
    access = member_of(cast.family)
    school = factories.agency("Hill Primary School")
    Consent.objects.create(
        family=cast.family,
        agency=school,
        category="plan",
        given_by=access.person,
        given_on=datetime.date(2025, 1, 10),
        how="signed",
        recorded_by=cast.lead,
    )
    Consent.objects.create(
        family=cast.family,
        agency=school,
        category="assessment",
        given_by=access.person,
        given_on=datetime.date(2025, 1, 10),
        how="signed",
        recorded_by=cast.lead,
        withdrawn_at=timezone.make_aware(datetime.datetime(2025, 2, 1, 9)),
    )
    other = factories.family(lead_practitioner=cast.colleague)
    Consent.objects.create(
        family=other,
        agency=factories.agency("Other Family Agency"),
        category="plan",
        given_by=factories.person(family=other),
        how="signed",
        recorded_by=cast.colleague,
    )

    html = page(client, access, "sharing")

    assert "Hill Primary School" in html
    assert "Since 10 January 2025 (You agreed)" in html
    assert "Stopped on 1 February 2025" in html
    assert "Other Family Agency" not in html


def test_sharing_empty_state(cast: Any, client: Any) -> None:
    html = page(client, member_of(cast.family), "sharing")
    assert "You have not agreed to share your information with any other service." in html


def test_looks_show_organisation_and_category_never_staff_names(cast: Any, client: Any) -> None:
    RecordLook.objects.create(family=cast.family, user=cast.lead, category=RecordLook.Category.PLAN)
    RecordLook.objects.create(family=cast.family, user=cast.lead, category=RecordLook.Category.PLAN)
    RecordLook.objects.create(
        family=cast.family, user=cast.agency_worker, category=RecordLook.Category.AGENCY_PORTAL
    )
    other = factories.family(lead_practitioner=cast.colleague)
    RecordLook.objects.create(family=other, user=cast.other_manager, category=RecordLook.Category.POT)

    html = page(client, member_of(cast.family), "looks")

    assert "Norwich North team (the council)" in html
    assert "Plan" in html
    assert ">2<" in html
    assert str(cast.agency_worker.agency) in html
    assert "Agency portal" in html
    for name in ("Lena", "Lead", "Ada", "Otto", "Great Yarmouth", "Practical help"):
        assert name not in html.replace("Lead practitioner", "")


def test_looks_empty_state(cast: Any, client: Any) -> None:
    assert "Nobody has looked at your record yet." in page(client, member_of(cast.family), "looks")
