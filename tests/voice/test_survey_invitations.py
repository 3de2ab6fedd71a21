"""At each plan review and at the family's closure, each adult member with the family's own pages gets
one survey link, in their own channel and language; nobody is invited twice for one moment."""

import datetime
from typing import Any

import pytest

import voice.receivers  # noqa: F401  (connected in VoiceConfig.ready(); imported here for the test run)
from core.calendar import today
from families.services import family_close
from families.signals import news_paused
from family_portal.models import Channel, FamilyNotice
from plans import services as plan_services
from tests import factories
from tests.family_portal.notify_helpers import member
from tests.voice.survey_support import open_survey
from voice.models import SurveyInvitation
from voice.services.surveys import survey_invitations_prune, token_hash
from voice.tasks import prune_survey_invitations

pytestmark = pytest.mark.django_db


def _review(cast: Any, capture: Any) -> None:
    plan = plan_services.plan_create(actor=cast.lead, family=cast.family)
    with capture(execute=True):
        plan_services.plan_review_record(
            actor=cast.lead, plan=plan, held_on=today(), next_review_on=today() + datetime.timedelta(days=30)
        )


def _link_in(text: str) -> str:
    start = text.index("/have-your-say/survey/")
    return text[start:].split()[0].rstrip("/").rsplit("/", 1)[1]


def test_after_a_review_each_adult_member_gets_one_link_in_their_channel(
    cast: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    open_survey()
    by_email = member(cast.family)
    by_text = member(cast.family, first_name="Alex", channel=Channel.TEXT, language="cy")
    young = factories.person(
        family=cast.family,
        first_name="Jo",
        household_role="young_person",
        date_of_birth=today() - datetime.timedelta(days=365 * 15),
    )
    member(cast.family, person=young)
    _review(cast, django_capture_on_commit_callbacks)
    invitations = SurveyInvitation.objects.all()
    assert sorted(i.member_id for i in invitations) == sorted([by_email.pk, by_text.pk])
    assert {i.moment for i in invitations} == {"review"} and {i.team_id for i in invitations} == {
        cast.team.pk
    }
    (email,) = [m for m in mailoutbox if m.subject == "Tell us what you think of the support you had"]
    assert email.to == [by_email.email]
    token = _link_in(email.body)
    assert SurveyInvitation.objects.get(token_hash=token_hash(token)).member_id == by_email.pk
    text = FamilyNotice.objects.get(access=by_text, kind="survey")
    assert text.channel == "text" and text.language == "cy" and "/have-your-say/survey/" in text.body


def test_a_second_signal_for_the_same_review_sends_nothing_more(
    cast: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    from voice.services.surveys import invite_family

    open_survey()
    member(cast.family)
    _review(cast, django_capture_on_commit_callbacks)
    review = cast.family.plan.reviews.get()
    assert invite_family(family_id=cast.family.pk, moment="review", event=f"review:{review.pk}") == 0
    assert SurveyInvitation.objects.count() == 1


def test_the_family_s_closure_invites_its_members_though_their_pages_close(
    cast: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    open_survey()
    access = member(cast.family)
    with django_capture_on_commit_callbacks(execute=True):
        family_close(actor=cast.lead, family=cast.family, reason="Goals met")
    (invitation,) = SurveyInvitation.objects.all()
    assert invitation.moment == "closure" and invitation.member_id == access.pk
    assert [m.to for m in mailoutbox] == [[access.email]]
    # Their pages have closed: the email does not ask them to sign in, and still says how to complain.
    (email,) = mailoutbox
    html = email.alternatives[0][0]
    assert "Sign in to your family" not in email.body and "Sign in to your family" not in html
    assert "/have-your-say/" in email.body.replace("/have-your-say/survey/", "")
    assert '/have-your-say/"' in html


def test_no_invitation_without_an_open_survey_offered_at_that_moment(
    cast: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    open_survey(at_closure=False)
    member(cast.family)
    with django_capture_on_commit_callbacks(execute=True):
        family_close(actor=cast.lead, family=cast.family, reason="Goals met")
    assert not SurveyInvitation.objects.exists() and mailoutbox == []


def test_records_written_with_news_paused_invite_nobody(
    cast: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    open_survey()
    member(cast.family)
    with news_paused():
        _review(cast, django_capture_on_commit_callbacks)
        with django_capture_on_commit_callbacks(execute=True):
            family_close(actor=cast.lead, family=cast.family, reason="Brought in closed")
    assert not SurveyInvitation.objects.exists() and mailoutbox == []


def test_expired_links_and_those_of_closed_surveys_are_pruned(cast: Any) -> None:
    from tests.voice.survey_support import link

    survey, closing = open_survey(), open_survey(title="Second")
    kept, expired = link(survey, cast.team), link(survey, cast.team)
    SurveyInvitation.objects.filter(token_hash=token_hash(expired)).update(
        expires_on=today() - datetime.timedelta(days=1)
    )
    link(closing, cast.team)
    Survey = type(closing)
    Survey.objects.filter(pk=closing.pk).update(closes_on=today())
    assert prune_survey_invitations() == 2
    assert list(SurveyInvitation.objects.values_list("token_hash", flat=True)) == [token_hash(kept)]
    assert survey_invitations_prune() == 0
