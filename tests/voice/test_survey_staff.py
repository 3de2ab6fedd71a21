"""Opening a survey needs an owner and a date to publish what changed; closing one stops its links;
the paper version is a PDF of the same questions."""

import datetime
from typing import Any

import pytest
from django.urls import reverse

from core.calendar import today
from tests.voice.survey_support import link, open_survey
from voice.models import Survey, SurveyInvitation

pytestmark = pytest.mark.django_db


def _date(prefix: str, day: datetime.date) -> dict[str, str]:
    return {f"{prefix}_day": str(day.day), f"{prefix}_month": str(day.month), f"{prefix}_year": str(day.year)}


def _form(**extra: Any) -> dict[str, Any]:
    return {"title": "How did we do?", "title_cy": "Sut wnaethon ni?", "at_review": "on", **extra}


def test_a_survey_without_an_owner_or_a_publish_date_is_refused_with_clear_messages(
    client: Any, cast: Any
) -> None:
    client.force_login(cast.complaints_manager)
    page = client.post(reverse("surveys:open"), _form(owner=""))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Choose who owns the survey" in text
    assert "Enter the date by which the owner will publish what changed" in text
    assert not Survey.objects.exists()


def test_a_publish_date_before_the_survey_opens_is_refused(client: Any, cast: Any) -> None:
    client.force_login(cast.manager)
    data = _form(owner=cast.manager.pk, **_date("publish_changes_by", today() - datetime.timedelta(days=1)))
    page = client.post(reverse("surveys:open"), data)
    assert "must be on or after the day the survey opens" in page.content.decode()
    assert not Survey.objects.exists()


def test_only_a_manager_may_own_a_survey(client: Any, cast: Any) -> None:
    client.force_login(cast.complaints_manager)
    data = _form(owner=cast.lead.pk, **_date("publish_changes_by", today() + datetime.timedelta(days=30)))
    page = client.post(reverse("surveys:open"), data)
    assert "The owner must be a complaints manager or a team manager" in page.content.decode()
    assert not Survey.objects.exists()


def test_a_manager_opens_a_survey_with_its_history(client: Any, cast: Any) -> None:
    client.force_login(cast.manager)
    by = today() + datetime.timedelta(days=60)
    response = client.post(
        reverse("surveys:open"), _form(owner=cast.manager.pk, **_date("publish_changes_by", by))
    )
    survey = Survey.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "surveys:results", args=[survey.pk]
    )
    assert survey.owner == cast.manager and survey.publish_changes_by == by and survey.opens_on == today()
    assert survey.at_review and not survey.at_closure
    assert survey.history.get().history_user == cast.manager


def test_closing_a_survey_forgets_its_links(client: Any, cast: Any) -> None:
    survey = open_survey(cast.manager)
    link(survey, cast.team)
    client.force_login(cast.manager)
    url = reverse("surveys:close", args=[survey.pk])
    assert "Confirm that you want to close" in client.post(url, {}).content.decode()
    assert Survey.objects.get().closes_on is None
    assert client.post(url, {"confirm": "on"}).status_code == 302
    survey.refresh_from_db()
    assert survey.closes_on == today() and not SurveyInvitation.objects.exists()
    assert survey.history.latest().history_change_reason == "Survey closed"


def test_another_team_s_manager_may_not_close_someone_else_s_survey(client: Any, cast: Any) -> None:
    survey = open_survey(cast.manager)
    client.force_login(cast.other_manager)
    assert client.post(reverse("surveys:close", args=[survey.pk]), {"confirm": "on"}).status_code == 404
    assert Survey.objects.get().closes_on is None


def test_the_paper_version_is_a_pdf_in_english_or_welsh(client: Any, cast: Any) -> None:
    survey = open_survey()
    client.force_login(cast.complaints_manager)
    for language in ("en", "cy"):
        response = client.get(reverse("surveys:paper", args=[survey.pk]), {"language": language})
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
