"""A family member agrees the plan, comments and adds their own words (issue 11, what the family can do)."""

from typing import Any

import pytest
from django.urls import reverse

from family_portal.models import FamilyMessage, Restriction
from family_portal.services.agreement import member_plan_snapshot, plan_fingerprint
from family_portal.visibility import member_view
from plans import services as plan_services
from plans.models import PlanAgreement
from tests import factories
from tests.family_portal.actions_helpers import member_of, plan_with_goal, post_twice


@pytest.fixture
def setup(cast: Any, client: Any) -> Any:
    plan, goal = plan_with_goal(cast.family)
    access = member_of(cast.family)
    client.force_login(access.user)
    return plan, goal, access


def _fingerprint(access: Any, plan: Any) -> str:
    return plan_fingerprint(member_plan_snapshot(member=member_view(access), plan=plan))


def test_it_agrees_the_plan_once_on_a_double_submit_as_the_member(
    cast: Any, client: Any, setup: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    plan, goal, access = setup
    page = client.get(reverse("family_portal:agree")).content.decode()
    assert goal.text in page and "I agree to this plan" in page
    with django_capture_on_commit_callbacks(execute=True):
        first, second = post_twice(
            client,
            reverse("family_portal:agree"),
            {"fingerprint": _fingerprint(access, plan), "comment": "Yes"},
        )
    assert first.status_code == second.status_code == 302
    agreement = PlanAgreement.objects.get(plan=plan)
    assert agreement.method == PlanAgreement.Method.PORTAL
    assert agreement.agreed_by == access.person and agreement.recorded_by == access.user
    assert agreement.snapshot["goals"][0]["text"] == goal.text
    assert agreement.history.get().history_user == access.user
    message = FamilyMessage.objects.get(kind=FamilyMessage.Kind.AGREED)
    assert message.history.get().history_user == access.user
    assert len(mailoutbox) == 1
    assert cast.family.reference in mailoutbox[0].subject and "Yes" not in mailoutbox[0].body
    assert mailoutbox[0].to == [cast.lead.email]
    assert "You have agreed your plan" in client.get(first["Location"]).content.decode()


def test_the_lead_sees_the_agreement_through_the_family_page_and_the_message_on_the_chronology(
    cast: Any, client: Any, setup: Any
) -> None:
    plan, _goal, access = setup
    client.post(reverse("family_portal:agree"), {"fingerprint": _fingerprint(access, plan)})
    client.force_login(cast.lead)
    plan_page = client.get(f"/plans/{cast.family.reference}/").content.decode()
    assert "through the family&#x27;s own page" in plan_page or "through the family's own page" in plan_page
    chronology = client.get(reverse("families:chronology", args=[cast.family.reference])).content.decode()
    assert "From the family" in chronology and "Agreed the plan" in chronology


def test_a_stale_agreement_of_an_older_plan_is_refused_and_writes_nothing(
    cast: Any, client: Any, setup: Any, mailoutbox: Any
) -> None:
    plan, goal, access = setup
    seen = _fingerprint(access, plan)
    plan_services.goal_update(actor=cast.lead, goal=goal, version=goal.version, text="A changed goal")
    response = client.post(reverse("family_portal:agree"), {"fingerprint": seen})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Your plan changed since you opened this page. Read it again before you agree." in page
    assert "A changed goal" in page
    assert not PlanAgreement.objects.exists() and not FamilyMessage.objects.exists()
    assert mailoutbox == []


def test_a_goal_hidden_from_the_member_is_left_out_of_what_they_agree(
    cast: Any, client: Any, setup: Any
) -> None:
    plan, goal, access = setup
    hidden = plan_services.goal_add(actor=cast.lead, plan=plan, domain=goal.domain, text="Hidden goal")
    Restriction.objects.create(access=access, kind="item", item=hidden, reason="Safety", created_by=cast.lead)
    assert "Hidden goal" not in client.get(reverse("family_portal:agree")).content.decode()
    client.post(reverse("family_portal:agree"), {"fingerprint": _fingerprint(access, plan)})
    texts = [g["text"] for g in PlanAgreement.objects.get().snapshot["goals"]]
    assert texts == [goal.text]


def test_it_comments_on_a_goal_once_and_it_reaches_the_chronology_and_the_lead(
    cast: Any, client: Any, setup: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    _plan, goal, access = setup
    url = reverse("family_portal:comment") + f"?goal={goal.pk}"
    with django_capture_on_commit_callbacks(execute=True):
        post_twice(client, url, {"text": "Mornings are hard"})
    message = FamilyMessage.objects.get()
    assert (message.kind, message.goal, message.text) == (
        FamilyMessage.Kind.COMMENT,
        goal,
        "Mornings are hard",
    )
    assert message.history.get().history_user == access.user
    assert len(mailoutbox) == 1 and "Mornings" not in mailoutbox[0].body
    client.force_login(cast.lead)
    assert (
        "Mornings are hard" in client.get(f"/families/{cast.family.reference}/chronology/").content.decode()
    )


def test_it_comments_on_the_plan_as_a_whole(client: Any, setup: Any) -> None:
    response = client.post(reverse("family_portal:comment"), {"text": "Thank you"})
    assert response.status_code == 302
    assert FamilyMessage.objects.get().goal is None


def test_a_100_kb_comment_gets_a_clear_message_and_writes_nothing(client: Any, setup: Any) -> None:
    response = client.post(reverse("family_portal:comment"), {"text": "x" * 100_000})
    assert response.status_code == 200
    assert "Write 5000 characters or fewer" in response.content.decode()
    assert not FamilyMessage.objects.exists()


def test_it_adds_their_own_words_to_a_goal_once(client: Any, setup: Any) -> None:
    _plan, goal, access = setup
    post_twice(client, reverse("family_portal:own_words", args=[goal.pk]), {"text": "Be on time"})
    message = FamilyMessage.objects.get()
    assert (message.kind, message.goal) == (FamilyMessage.Kind.OWN_WORDS, goal)
    assert message.history.get().history_user == access.user


def test_a_goal_of_another_family_or_hidden_from_the_member_is_404(
    cast: Any, client: Any, setup: Any
) -> None:
    plan, goal, access = setup
    other = factories.family(lead_practitioner=cast.colleague, name="Other family")
    factories.person(family=other, first_name="Yan")
    _other_plan, other_goal = plan_with_goal(other, text="Their goal")
    hidden = plan_services.goal_add(actor=cast.lead, plan=plan, domain=goal.domain, text="Hidden")
    Restriction.objects.create(access=access, kind="item", item=hidden, reason="Safety", created_by=cast.lead)
    unshared = plan_services.goal_add(actor=cast.lead, plan=plan, domain=goal.domain, text="Not shared")
    unshared.shared_with_family = False
    unshared.save()
    for target in (other_goal, hidden, unshared):
        assert (
            client.post(reverse("family_portal:own_words", args=[target.pk]), {"text": "x"}).status_code
            == 404
        )
        comment = reverse("family_portal:comment") + f"?goal={target.pk}"
        assert client.post(comment, {"text": "x"}).status_code == 404
    assert client.get(reverse("family_portal:comment") + "?goal=abc").status_code == 404
    assert not FamilyMessage.objects.exists()


def test_staff_and_anonymous_visitors_cannot_act_as_the_family(cast: Any, client: Any, setup: Any) -> None:
    client.force_login(cast.lead)
    assert client.post(reverse("family_portal:comment"), {"text": "x"}).status_code == 404
    client.logout()
    response = client.post(reverse("family_portal:comment"), {"text": "x"})
    assert response.status_code == 302 and reverse("family_portal:sign_in") in response["Location"]
    assert not FamilyMessage.objects.exists()
