"""A survey's results show nothing of a cohort under VOICE_SMALL_NUMBER (5), on the page and in the CSV,
and hold back free text that names someone of the team's families."""

import csv
import io
from typing import Any

import pytest
from django.urls import reverse

from tests import factories
from tests.voice.survey_support import GOOD_ANSWER, answers, link, open_survey
from voice.models import SurveyResponse

pytestmark = pytest.mark.django_db


def _page(client: Any, user: Any, survey: Any, **query: str) -> str:
    client.force_login(user)
    response = client.get(reverse("surveys:results", args=[survey.pk]), query)
    assert response.status_code == 200
    return response.content.decode()


def _csv(client: Any, user: Any, survey: Any) -> list[list[str]]:
    client.force_login(user)
    response = client.get(reverse("surveys:results_csv", args=[survey.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_four_responses_show_fewer_than_5_and_no_answers(client: Any, cast: Any) -> None:
    survey = open_survey()
    answers(survey, cast.team, 4, comment="Lovely people.", comment_status="clear")
    text = _page(client, cast.complaints_manager, survey)
    assert "Fewer than 5 responses" in text
    assert "4 responses" not in text and "Lovely people." not in text
    rows = _csv(client, cast.complaints_manager, survey)
    assert rows[1][:4] == ["Norwich North", "After a review", rows[1][2], "fewer than 5 responses"]
    assert all(cell == "" for cell in rows[1][4:])


def test_five_responses_are_shown_with_their_counts_and_comments(client: Any, cast: Any) -> None:
    survey = open_survey()
    answers(survey, cast.team, 5, comment="Lovely people.", comment_status="clear")
    text = _page(client, cast.complaints_manager, survey)
    assert "Fewer than 5 responses" not in text
    assert "5 responses" in text and "Lovely people." in text
    rows = _csv(client, cast.complaints_manager, survey)
    header, row = rows[0], rows[1]
    assert row[3] == "5"
    assert row[header.index("Did you feel listened to?: Yes")] == "5"
    assert "Lovely people." not in "".join(",".join(r) for r in rows)  # free text is never exported


def test_the_rule_holds_for_each_cohort_not_the_survey(client: Any, cast: Any) -> None:
    survey = open_survey()
    answers(survey, cast.team, 5)
    answers(survey, cast.team, 2, moment="closure")
    answers(survey, cast.other_team, 3)
    text = _page(client, cast.complaints_manager, survey)
    assert text.count("Fewer than 5 responses") == 2
    rows = _csv(client, cast.complaints_manager, survey)
    assert sorted(r[3] for r in rows[1:]) == ["5", "fewer than 5 responses", "fewer than 5 responses"]


def test_a_comment_naming_a_family_member_is_held_back(client: Any, cast: Any) -> None:
    survey = open_survey()
    answers(survey, cast.team, 3, comment="The worker listened.", comment_status="clear")
    # Checked on the way in (the last name) and again on the way out (written before the check knew).
    for _n in range(2):
        client.post(
            reverse("survey:answer", args=[link(survey, cast.team)]),
            {**GOOD_ANSWER, "comment": "Sam TAYLOR's worker never rang back."},
        )
    answers(survey, cast.team, 1, comment=f"About {cast.family.reference}", comment_status="clear")
    assert SurveyResponse.objects.filter(comment_status="held").count() == 2
    text = _page(client, cast.complaints_manager, survey)
    assert "The worker listened." in text
    assert "never rang back" not in text and cast.family.reference not in text
    assert "3 comments held back" in text


def test_a_team_manager_sees_only_their_own_team_s_cohorts(client: Any, cast: Any) -> None:
    survey = open_survey()
    answers(survey, cast.team, 5, comment="Norwich comment.", comment_status="clear")
    answers(survey, cast.other_team, 5, comment="Yarmouth comment.", comment_status="clear")
    text = _page(client, cast.manager, survey)
    assert "Norwich comment." in text and "Yarmouth comment." not in text
    rows = _csv(client, cast.manager, survey)
    assert [r[0] for r in rows[1:]] == ["Norwich North"]


def test_the_whole_period_is_one_cohort(client: Any, cast: Any) -> None:
    import datetime

    survey = open_survey()
    month = datetime.date(2026, 1, 1)
    answers(survey, cast.team, 3, month=month)
    answers(survey, cast.team, 2, month=month.replace(month=2))
    assert _page(client, cast.complaints_manager, survey).count("Fewer than 5 responses") == 2
    text = _page(client, cast.complaints_manager, survey, by="period")
    assert "Fewer than 5 responses" not in text and "5 responses" in text


def test_the_list_page_s_queries_do_not_grow_with_surveys(
    client: Any, cast: Any, django_assert_max_num_queries: Any
) -> None:
    owner = factories.complaints_manager(first_name="Olive", last_name="Owner")
    open_survey(owner)
    client.force_login(cast.complaints_manager)
    client.get(reverse("surveys:list"))
    with django_assert_max_num_queries(12) as first:
        client.get(reverse("surveys:list"))
    for n in range(4):
        open_survey(factories.complaints_manager(first_name=f"O{n}", last_name="Owner"))
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert "O3 Owner" in client.get(reverse("surveys:list")).content.decode()
