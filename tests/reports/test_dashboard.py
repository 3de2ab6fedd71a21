"""The manager's dashboard: figures checked against a hand-computed fixture (tests/reports/conftest.py)."""

import datetime
from typing import Any

import pytest
from django.urls import reverse

from reports import selectors
from reports.periods import period_for
from tests.reports.conftest import WEEK_START, add
from timesheets.permissions import workers_visible_to

WEEK = {"period": "week", "on": WEEK_START.isoformat()}


def _board(client: Any, cast: Any, **params: Any) -> Any:
    client.force_login(cast.manager)
    response = client.get(reverse("reports:dashboard"), {**WEEK, **params})
    assert response.status_code == 200
    return response


def test_the_figures_match_the_hand_computed_fixture(cast: Any, board: Any) -> None:
    workers = list(workers_visible_to(cast.manager).filter(team=cast.team).order_by("first_name"))
    result = selectors.dashboard(workers=workers, period=period_for("week", WEEK_START), team=cast.team)
    rows = {r.worker.first_name: r for r in result.rows}

    assert set(rows) == {"Lena", "Colin", "Maya", "Nina"}
    lena, colin, maya, nina = rows["Lena"], rows["Colin"], rows["Maya"], rows["Nina"]
    assert lena.time.total == 300
    assert (lena.time.direct_share, lena.time.recording_share, lena.time.share("travel")) == (
        60.0,
        20.0,
        20.0,
    )
    assert (colin.time.total, colin.time.direct_share, colin.time.recording_share) == (120, 0.0, 83.3)
    assert colin.time.share("meetings") == 16.7
    assert (maya.time.total, maya.time.share("supervision")) == (60, 100.0)
    # A worker with no entries: no shares, not a division by zero.
    assert (nina.time.total, nina.time.direct_share, nina.time.recording_share) == (0, None, None)

    # The team: 480 minutes, 180 direct (37.5%), 160 recording (33.3%).
    assert result.team_time.total == 480
    assert (result.team_time.direct_share, result.team_time.recording_share) == (37.5, 33.3)

    assert (lena.cases.caseload, lena.cases.reviews_overdue, lena.cases.reviews_due) == (2, 1, 1)
    assert (colin.cases.caseload, colin.cases.reviews_overdue, colin.cases.reviews_due) == (1, 0, 0)
    assert (maya.cases.caseload, nina.cases.caseload) == (0, 0)
    assert (result.caseload, result.reviews_overdue, result.reviews_due) == (3, 1, 1)
    assert result.reviews_known

    # Daily trend for a week: Monday 3 March has Lena's 120 direct + Maya's 60 supervision.
    assert len(result.trend) == 7
    monday = result.trend[0]
    assert (monday.start, monday.time.total, monday.time.direct_share) == (WEEK_START, 180, 66.7)
    assert result.trend[3].time.total == 0 and result.trend[3].time.direct_share is None
    assert [w.first_name for w in result.workers_without_time] == ["Nina"]


def test_the_dashboard_page_shows_the_figures_and_an_accessible_table(
    client: Any, cast: Any, board: Any
) -> None:
    page = _board(client, cast).content.decode()
    assert "37.5%" in page and "33.3%" in page
    assert "<svg" in page and 'role="img"' in page
    assert "Time by worker" in page and "Caseload by worker" in page  # the tables with the same numbers
    assert "Nina Nothing" in page and "no time recorded" in page
    assert "1 plan review overdue" in page


def test_a_period_with_no_time_shows_a_clear_empty_state(client: Any, cast: Any, board: Any) -> None:
    page = _board(client, cast, on="2020-01-08").content.decode()
    assert "No time was recorded for Week beginning 6 January 2020" in page
    assert "<svg" not in page
    assert "ZeroDivisionError" not in page


def test_a_month_quarter_and_custom_period(client: Any, cast: Any, board: Any) -> None:
    month = _board(client, cast, period="month").content.decode()
    assert "March 2025" in month
    # The month also holds Lena's 600 direct on 10 March and 600 recording on 2 March (Sunday) ... no:
    # 2 March is in March, so March = 480 + 600 + 600 = 1680 minutes.
    assert "28 hours" in month
    quarter = _board(client, cast, period="quarter").content.decode()
    assert "January 2025 to March 2025" in quarter
    custom = _board(
        client,
        cast,
        period="custom",
        start_day="4",
        start_month="3",
        start_year="2025",
        end_day="4",
        end_month="3",
        end_year="2025",
    ).content.decode()
    # Only Tuesday 4 March: Colin's 100 recording + 20 meetings.
    assert "2 hours" in custom and "83.3%" in custom


def test_a_bad_custom_period_gets_a_clear_message(client: Any, cast: Any, board: Any) -> None:
    page = _board(
        client,
        cast,
        period="custom",
        start_day="9",
        start_month="3",
        start_year="2025",
        end_day="1",
        end_month="3",
        end_year="2025",
    ).content.decode()
    assert "There is a problem" in page and "The last day must be the same as or after the first day" in page


@pytest.mark.parametrize("on", ["0001-01-01", "9999-12-31"])
@pytest.mark.parametrize("page", ["reports:dashboard", "reports:dashboard_csv", "reports:dashboard_pdf"])
def test_a_day_at_the_ends_of_the_calendar_is_refused_not_a_server_error(
    client: Any, cast: Any, board: Any, page: str, on: str
) -> None:
    client.force_login(cast.manager)
    response = client.get(reverse(page), {"period": "week", "on": on})
    assert response.status_code == 200
    if page == "reports:dashboard":
        assert "Enter a date from 1900 to 2200" in response.content.decode()


def test_filter_by_worker(client: Any, cast: Any, board: Any) -> None:
    page = _board(client, cast, worker=str(cast.colleague.pk)).content.decode()
    assert "Colin Colleague</a>" in page and "Nina Nothing</a>" not in page


def test_a_manager_sees_only_their_team(client: Any, cast: Any, board: Any) -> None:
    client.force_login(cast.other_manager)
    page = client.get(reverse("reports:dashboard"), {**WEEK, "team": cast.team.pk}).content.decode()
    assert "Lena Lead" not in page and "Great Yarmouth" in page
    # Asking for a worker of another team shows nobody from it.
    page = client.get(reverse("reports:dashboard"), {**WEEK, "worker": cast.lead.pk}).content.decode()
    assert "Lena Lead" not in page


def test_a_worker_sees_only_their_own_figures(client: Any, cast: Any, board: Any) -> None:
    client.force_login(cast.lead)
    page = client.get(reverse("reports:dashboard"), WEEK).content.decode()
    assert "Your own figures" in page and "60.0%" in page
    assert "Colin Colleague" not in page and "What needs attention" not in page


def test_csv_export(client: Any, cast: Any, board: Any) -> None:
    client.force_login(cast.manager)
    response = client.get(reverse("reports:dashboard_csv"), WEEK)
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    assert "Lena Lead,300,180,60.0" in text
    assert "Everyone,480,180,37.5" in text
    assert "Nina Nothing,0,0,,0,," in text


def test_pdf_export(client: Any, cast: Any, board: Any) -> None:
    from io import BytesIO

    from pypdf import PdfReader

    client.force_login(cast.manager)
    response = client.get(reverse("reports:dashboard_pdf"), WEEK)
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert "37.5%" in text and "Lena Lead" in text


def test_the_dashboard_query_count_does_not_grow_with_workers_or_records(
    client: Any, cast: Any, board: Any, django_assert_max_num_queries: Any
) -> None:
    from tests import factories

    client.force_login(cast.manager)
    client.get(reverse("reports:dashboard"), WEEK)
    with django_assert_max_num_queries(15) as baseline:
        client.get(reverse("reports:dashboard"), WEEK)
    for i in range(6):
        worker = factories.lead(cast.team)
        factories.family(lead_practitioner=worker)
        for day in range(3):
            add(worker, "direct", 30 + i, WEEK_START + datetime.timedelta(days=day))
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        client.get(reverse("reports:dashboard"), WEEK)


def test_the_dashboard_opens_on_the_week_that_includes_today(client: Any, cast: Any) -> None:
    from django.utils.formats import date_format

    from core.calendar import today

    client.force_login(cast.manager)
    page = client.get(reverse("reports:dashboard")).content.decode()
    monday = today() - datetime.timedelta(days=today().weekday())
    assert f"Week beginning {date_format(monday, 'j F Y')}" in page


def test_a_worker_with_no_time_reads_a_dash_like_the_columns_beside_it(
    client: Any, cast: Any, board: Any
) -> None:
    page = _board(client, cast).content.decode()
    assert ">None<" not in page.replace(" ", "").replace("\n", "")
