"""The family's plan, their worker and their scores on their own pages: only their own family's shared
items, and nothing the lead hid from the member who is signed in."""

import datetime
from typing import Any

import pytest
from django.urls import reverse

from tests import factories
from tests.family_portal.pages_helpers import action_on, hide, member_of, plan_with_goal

pytestmark = pytest.mark.django_db


def page(client: Any, access: Any, name: str) -> str:
    client.force_login(access.user)
    response = client.get(reverse(f"family_portal:{name}"))
    assert response.status_code == 200
    return response.content.decode()


def test_home_shows_own_plan_and_never_another_familys(cast: Any, client: Any) -> None:
    _plan, goal = plan_with_goal(cast.family, goal_text="Mornings are calm", success_looks_like="Ready by 8")
    action_on(goal, "Book the school meeting", due_on=datetime.date(2031, 3, 4))
    other = factories.family(lead_practitioner=cast.colleague, name="Jones family")
    plan_with_goal(other, goal_text="Jones goal nobody else sees")
    access = member_of(cast.family)

    html = page(client, access, "home")

    assert "Mornings are calm" in html
    assert "Ready by 8" in html
    assert "Book the school meeting" in html
    assert "4 March 2031" in html
    assert "Your worker, Lena Lead" in html
    assert "Calmer mornings" in html
    assert "Jones goal nobody else sees" not in html


def test_home_without_a_plan_says_what_will_happen(cast: Any, client: Any) -> None:
    html = page(client, member_of(cast.family), "home")
    assert "Your worker will write the plan with you." in html


def test_unshared_goal_is_not_shown(cast: Any, client: Any) -> None:
    plan, goal = plan_with_goal(cast.family, goal_text="Shared goal")
    from plans import services

    hidden = services.goal_add(actor=cast.lead, plan=plan, domain=goal.domain, text="Worker-only goal")
    type(hidden).objects.filter(pk=hidden.pk).update(shared_with_family=False)

    html = page(client, member_of(cast.family), "home")

    assert "Shared goal" in html
    assert "Worker-only goal" not in html
    assert "Your goal (1)" in html


def test_restricted_member_does_not_see_hidden_goal_action_or_person(cast: Any, client: Any) -> None:
    plan, goal = plan_with_goal(cast.family, goal_text="Everyone sees this goal")
    from plans import services

    secret_goal = services.goal_add(actor=cast.lead, plan=plan, domain=goal.domain, text="Secret goal")
    other_parent = factories.person(family=cast.family, first_name="Robin", last_name="Hidden")
    action_on(goal, "Robin moves the furniture", owner_person=other_parent, owner_worker=None)
    secret_action = action_on(goal, "Secret action")
    restricted = member_of(cast.family, first_name="Pat")
    open_member = member_of(cast.family, first_name="Chris")
    hide(restricted, item=secret_goal)
    hide(restricted, item=secret_action)
    hide(restricted, person=other_parent)

    html = page(client, restricted, "home")
    assert "Everyone sees this goal" in html
    assert "Secret goal" not in html
    assert "Secret action" not in html
    assert "Robin" not in html.replace("Robin moves the furniture", "")
    assert "Another member of your family" in html
    assert "Your goal (1)" in html

    client.logout()
    html = page(client, open_member, "home")
    assert "Secret goal" in html
    assert "Secret action" in html
    assert "Who: Robin" in html
    assert "Your goals (2)" in html


def test_own_action_says_you(cast: Any, client: Any) -> None:
    _plan, goal = plan_with_goal(cast.family)
    access = member_of(cast.family)
    action_on(goal, "Fill in the form", owner_person=access.person, owner_worker=None)
    assert "Who: You" in page(client, access, "home")


def test_worker_page_shows_email_and_text_or_says_to_email(cast: Any, client: Any) -> None:
    access = member_of(cast.family)
    html = page(client, access, "worker")
    assert "Lena Lead" in html
    assert cast.lead.email in html
    assert "Norwich North" in html
    assert "does not have a mobile number" in html

    cast.lead.phone = "07700 900123"
    cast.lead.save()
    html = page(client, access, "worker")
    assert "sms:07700 900123" in html


def test_worker_page_landline_is_not_offered_for_texts(cast: Any, client: Any) -> None:
    cast.lead.phone = "01603 222333"
    cast.lead.save()
    html = page(client, member_of(cast.family), "worker")
    assert "01603 222333" not in html
    assert "Please send them an email" in html


def _assessment(family: Any, actor: Any) -> Any:
    from assessments.models import Assessment, AssessmentReview, Framework, ReviewScore

    framework = Framework.objects.get(is_default=True)
    assessment = Assessment.objects.create(family=family, framework=framework, created_by=actor)
    domain = framework.domains.order_by("order").first()
    for day, mine, theirs in [(datetime.date(2030, 1, 5), 2, 3), (datetime.date(2030, 6, 5), 5, 4)]:
        review = AssessmentReview.objects.create(assessment=assessment, reviewed_on=day, created_by=actor)
        ReviewScore.objects.create(review=review, domain=domain, family_score=mine, worker_score=theirs)
    return domain


def test_scores_show_distance_travelled_and_worker_scores_only_when_chosen(cast: Any, client: Any) -> None:
    domain = _assessment(cast.family, cast.lead)
    access = member_of(cast.family)

    html = page(client, access, "scores")
    assert domain.name in html
    assert "5 June 2030" in html
    assert "up 3 since the start" in html
    assert "Worker&#x27;s score" not in html and "Worker's score" not in html

    access.show_worker_scores = True
    access.save()
    html = page(client, access, "scores")
    assert "Worker" in html and "score" in html
    assert "Your worker&#x27;s scores are beside yours." in html or "Your worker's scores" in html


def test_scores_empty_state(cast: Any, client: Any) -> None:
    assert "There are no scores yet." in page(client, member_of(cast.family), "scores")


def test_other_family_member_gets_404_not_my_familys_page(cast: Any, client: Any) -> None:
    other = factories.family(lead_practitioner=cast.colleague, name="Jones family")
    withdrawn = member_of(other, status="withdrawn")
    client.force_login(withdrawn.user)
    assert client.get(reverse("family_portal:home")).status_code == 404


def test_staff_get_404_on_family_pages(cast: Any, client: Any) -> None:
    client.force_login(cast.lead)
    for name in ("home", "worker", "scores", "timeline", "sharing", "looks"):
        assert client.get(reverse(f"family_portal:{name}")).status_code == 404


def test_anonymous_visitors_go_to_sign_in(db: Any, client: Any) -> None:
    response = client.get(reverse("family_portal:home"))
    assert response.status_code == 302
