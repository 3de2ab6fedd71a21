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
