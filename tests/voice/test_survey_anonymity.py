"""A survey response cannot be joined to anyone (ADR 008, decision 4): no column leads to a family, a
person, a member, a user or the invitation, and none records a time; answering uses the link once."""

from typing import Any

import pytest
from django.db import models
from django.urls import reverse

from core.calendar import today
from families.models import Family, Person
from family_portal.models import MemberAccess
from staff.models import User
from tests.voice.survey_support import GOOD_ANSWER, link, open_survey
from voice.models import SurveyInvitation, SurveyResponse

pytestmark = pytest.mark.django_db

ALLOWED_COLUMNS = {
    "id",
    "survey",
    "team",
    "month",
    "moment",
    "on_paper",
    "helpful",
    "listened_to",
    "in_control",
    "comment",
    "comment_status",
}


def test_a_response_has_only_survey_team_month_moment_and_the_answers() -> None:
    fields = SurveyResponse._meta.get_fields()
    assert {f.name for f in fields if getattr(f, "concrete", False)} == ALLOWED_COLUMNS
    related = {f.related_model for f in fields if f.is_relation}
    from staff.models import Team
    from voice.models import Survey

    assert related == {Survey, Team}
    for forbidden in (Family, Person, MemberAccess, User, SurveyInvitation):
        assert forbidden not in related
    assert not [f.name for f in fields if isinstance(f, models.DateTimeField | models.TimeField)]
    assert isinstance(SurveyResponse._meta.pk, models.UUIDField)
    assert not hasattr(SurveyResponse, "history") and not hasattr(SurveyInvitation, "history")


def test_no_column_of_a_response_matches_anything_of_the_family_or_member(client: Any, cast: Any) -> None:
    survey = open_survey()
    access = MemberAccess.objects.get(user=cast.family_member)
    token = link(survey, cast.team, member=access)
    invitation = SurveyInvitation.objects.get()
    client.post(reverse("survey:answer", args=[token]), {**GOOD_ANSWER, "comment": "Kind and quick."})
    response = SurveyResponse.objects.get()
    values = {str(getattr(response, f.attname)) for f in SurveyResponse._meta.concrete_fields}
    identifying = {
        str(cast.family.pk),
        cast.family.reference,
        str(access.pk),
        str(access.person_id),
        str(cast.family_member.pk),
        str(invitation.pk),
        invitation.token_hash,
        token,
    }
    # Every value is the survey's, the team's, the month's, the moment's or the answer itself.
    assert not values & (identifying - {str(survey.pk), str(cast.team.pk)})
    assert response.month == today().replace(day=1)
    assert not SurveyInvitation.objects.exists()


def test_the_link_works_once_and_a_second_answer_writes_nothing(client: Any, cast: Any) -> None:
    token = link(open_survey(), cast.team)
    url = reverse("survey:answer", args=[token])
    first = client.post(url, GOOD_ANSWER)
    assert first.status_code == 302 and first["Location"].startswith(reverse("survey:thanks"))
    again = client.post(url, GOOD_ANSWER)
    assert again.status_code == 404
    assert "This survey link cannot be used" in again.content.decode()
    assert SurveyResponse.objects.count() == 1
    assert client.get(url).status_code == 404


def test_an_unknown_link_gets_a_clear_page(client: Any, cast: Any) -> None:
    open_survey()
    page = client.get(reverse("survey:answer", args=["not-a-real-link"]))
    assert page.status_code == 404
    assert "Each link works once" in page.content.decode()


def test_an_answer_with_nothing_chosen_gets_clear_messages_and_writes_nothing(client: Any, cast: Any) -> None:
    token = link(open_survey(), cast.team)
    page = client.post(reverse("survey:answer", args=[token]), {"helpful": "9", "comment": "x" * 2001})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Choose whether you felt listened to" in text
    assert "Choose how helpful the support was" in text
    assert "2,000 characters or fewer" in text
    assert not SurveyResponse.objects.exists()
    assert SurveyInvitation.objects.count() == 1  # the link still works


def test_a_closed_survey_s_link_no_longer_works(client: Any, cast: Any) -> None:
    from voice.services.surveys import survey_close

    survey = open_survey()
    token = link(survey, cast.team)
    survey_close(actor=survey.owner, survey=survey)
    assert client.post(reverse("survey:answer", args=[token]), GOOD_ANSWER).status_code == 404
    assert not SurveyResponse.objects.exists()


def test_the_page_is_in_the_member_s_language(client: Any, cast: Any) -> None:
    access = MemberAccess.objects.get(user=cast.family_member)
    access.language = "cy"
    access.save()
    token = link(open_survey(), cast.team, member=access)
    page = client.get(reverse("survey:answer", args=[token]))
    assert page.status_code == 200
    assert 'lang="cy"' in page.content.decode()
    assert "Sut wnaethon ni?" in page.content.decode()
