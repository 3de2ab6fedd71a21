"""From the plan page a member reaches everything they can do, and only what they may do."""

from django.urls import reverse

from tests.family_portal.pages_helpers import action_on, member_of, plan_with_goal


def test_the_plan_page_offers_agreeing_commenting_and_updating_only_the_members_own_steps(client, cast):
    access = member_of(cast.family)
    _plan, goal = plan_with_goal(cast.family)
    mine = action_on(goal, "Walk to school together", owner_person=access.person)
    theirs = action_on(goal, "Book the school meeting")
    client.force_login(access.user)
    html = client.get(reverse("family_portal:home")).content.decode()
    assert reverse("family_portal:agree") in html and "Agree your plan" in html
    assert reverse("family_portal:own_words", args=[goal.pk]) in html
    assert f"{reverse('family_portal:comment')}?goal={goal.pk}" in html
    assert reverse("family_portal:action_update", args=[mine.pk]) in html
    assert reverse("family_portal:action_update", args=[theirs.pk]) not in html
    assert reverse("family_portal:send_document") in html
    assert reverse("family_portal:details_change") in html


def test_each_shared_category_offers_a_stop_sharing_request(client, cast):
    from agencies.models import Category
    from agencies.services import agency as agency_link_services
    from agencies.services import consent as agency_services
    from tests import factories

    access = member_of(cast.family)
    agency = factories.agency("Riverside Food Bank")
    agency_link_services.family_agency_link(actor=cast.lead, family=cast.family, agency=agency)
    consent = agency_services.consent_give(
        actor=cast.lead,
        family=cast.family,
        agency=agency,
        category=Category.CONTACT,
        given_by=access.person,
        how="verbal",
    )
    client.force_login(access.user)
    html = client.get(reverse("family_portal:sharing")).content.decode()
    assert reverse("family_portal:stop_sharing", args=[consent.pk]) in html


def test_a_goal_the_lead_does_not_share_stays_off_the_familys_plan(client, cast):
    from assessments.models import Domain
    from plans.models import Goal
    from tests.family_portal.pages_helpers import plan_with_goal as make_plan

    access = member_of(cast.family)
    make_plan(cast.family, goal_text="Shared goal")
    client.force_login(cast.lead)
    response = client.post(
        reverse("plans:goal_add", args=[cast.family.reference]),
        {"text": "A goal only workers see", "domain": Domain.objects.filter(active=True).first().pk},
    )
    assert response.status_code == 302
    hidden = Goal.objects.get(text="A goal only workers see")
    assert hidden.shared_with_family is False  # the box was not ticked
    client.force_login(access.user)
    html = client.get(reverse("family_portal:home")).content.decode()
    assert "Shared goal" in html and "A goal only workers see" not in html
