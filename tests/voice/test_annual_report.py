"""The annual complaints report: counts by stage, category, outcome and timeliness, suggestions, survey
responses and "you said, we did", with nobody identifiable in its page, PDF or CSV, and small numbers
hidden."""

import datetime
import io
import re
from typing import Any

import pytest
from django.utils import timezone
from pypdf import PdfReader

from core.calendar import today
from tests import factories
from voice.models import Change, ComplaintCategory, Deadline, Stage, Suggestion, Survey, SurveyResponse
from voice.selectors_report import annual_report, year_of
from voice.services.complaints import receive_complaint

pytestmark = pytest.mark.django_db

PAGE = "/complaints-report/"

# What must never be in the report: each seeded below through the models.
NAMES = ["Bethan Prydderch", "Gwenllian Ffowc", "Dafydd Quirke", "Wendell Xanthos", "Zebrafield Team"]
POSTCODES = ["SY23 9ZZ", "NR9 7QX"]
BIRTH = ["1987-03-14", "14 March 1987", "14/03/1987"]
FREE_TEXT = ["shouted at my son Dafydd", "ring Bethan on 07700 900123", "Xanthos was rude"]


@pytest.fixture
def seeded(cast: Any) -> list[str]:
    """A year's complaints, a suggestion, survey answers and a published change, full of things that
    identify people; returns every reference made."""
    team = factories.team("Zebrafield Team")
    worker = factories.lead(team, first_name="Wendell", last_name="Xanthos")
    family = factories.family(lead_practitioner=worker, name="Quirke family", postcode="NR9 7QX")
    factories.person(
        family=family, first_name="Dafydd", last_name="Quirke", date_of_birth=datetime.date(1987, 3, 14)
    )
    references = []
    for category in ComplaintCategory.objects.all()[:2]:
        complaint = receive_complaint(
            how_received="online",
            who="on_behalf",
            consent_confirmed=True,
            name="Bethan Prydderch",
            on_behalf_of="Gwenllian Ffowc",
            email="bethan.prydderch@example.org",
            phone="07700 900123",
            address="12 Heol Uchaf, Aberystwyth SY23 9ZZ",
            reply_channel="letter",
            category=category,
            what_happened="Wendell Xanthos shouted at my son Dafydd (born 14/03/1987).",
            put_right="Xanthos was rude: ring Bethan on 07700 900123",
            family=family,
            team=team,
            about_worker=worker,
        )
        references.append(complaint.reference)
    Stage.objects.filter(complaint__reference=references[0]).update(
        outcome=Stage.Outcome.UPHELD, decision="Wendell Xanthos apologised", decided_on=today()
    )
    suggestion = Suggestion.objects.create(
        reference="SUG-QX7Q9Z",
        how_received="online",
        text="Xanthos was rude, ring Bethan on 07700 900123",
        name="Bethan Prydderch",
        team=team,
        decision=Suggestion.Decision.ADOPTED,
        outcome="We told Wendell Xanthos",
    )
    references.append(suggestion.reference)
    _seed_surveys_and_changes(cast, team)
    return references


def _seed_surveys_and_changes(cast: Any, team: Any) -> None:
    survey = Survey.objects.create(
        title="How did we do?",
        title_cy="Sut wnaethon ni?",
        owner=cast.manager,
        opens_on=today(),
        publish_changes_by=today(),
    )
    SurveyResponse.objects.create(
        survey=survey,
        team=team,
        month=today().replace(day=1),
        moment="review",
        helpful=4,
        listened_to="yes",
        in_control="partly",
        comment="Wendell Xanthos shouted at my son Dafydd",
        comment_status="held",
    )
    Change.objects.create(
        source="complaints",
        you_said="Calls were not returned",
        you_said_cy="Ni chafodd galwadau eu hateb",
        we_did="Every call is now returned within a day",
        we_did_cy="Caiff pob galwad ei hateb o fewn diwrnod",
        published_on=today(),
        created_by=cast.manager,
    )


def _page_text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _pdf_text(data: bytes) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages)


def _everything(client: Any, cast: Any) -> dict[str, str]:
    client.force_login(cast.complaints_manager)
    page = client.get(PAGE)
    assert page.status_code == 200
    pdf = client.get(PAGE + "report.pdf")
    csv = client.get(PAGE + "report.csv")
    assert pdf["Content-Type"] == "application/pdf" and csv["Content-Type"].startswith("text/csv")
    return {
        "page": _page_text(page.content.decode()),
        "pdf": _pdf_text(pdf.content),
        "csv": csv.content.decode(),
    }


def test_it_names_nobody_in_its_page_pdf_or_csv(client: Any, cast: Any, seeded: list[str]) -> None:
    outputs = _everything(client, cast)
    for where, text in outputs.items():
        assert "Calls were not returned" in text, where  # the report is really there
        for secret in [*NAMES, *POSTCODES, *BIRTH, *FREE_TEXT, *seeded, "Quirke", "Bethan", "Xanthos"]:
            assert secret.lower() not in text.lower(), f"{secret!r} in the {where}"
        assert "07700" not in text and "prydderch@" not in text


def test_numbers_under_five_are_shown_as_fewer_than_five(client: Any, cast: Any) -> None:
    delay, poor, info = (
        ComplaintCategory.objects.get(name="Unreasonable delay"),
        ComplaintCategory.objects.get(name="Poor service"),
        ComplaintCategory.objects.get(name="Discrimination"),
    )
    for category, n in ((delay, 4), (poor, 5), (info, 7)):
        for _i in range(n):
            factories.complaint(category=category)
    outputs = _everything(client, cast)
    csv = outputs["csv"]
    assert "Unreasonable delay,fewer than 5" in csv
    # With only one number hidden, the next smallest is hidden too: 16 - 7 - 5 would give the 4 away.
    assert "Poor service,not shown" in csv
    assert "Discrimination,7" in csv
    assert "Total,16" in csv
    for where in ("page", "pdf"):
        assert re.search(r"Unreasonable delay fewer than 5", outputs[where]), where
        assert re.search(r"Poor service not shown", outputs[where]), where
        assert "Unreasonable delay 4" not in outputs[where]


def test_a_by_passed_stage_is_never_on_time_and_a_missed_deadline_is_late(cast: Any, settings: Any) -> None:
    settings.VOICE_SMALL_NUMBER = 1  # exact numbers, to check the counting itself
    on_time = factories.complaint(responsible=cast.other_manager)
    by_passed = factories.complaint(responsible=cast.other_manager)
    late = factories.complaint(responsible=cast.other_manager)
    for complaint, met_on, due_on in (
        (on_time, today(), today()),
        (by_passed, today(), today()),
        (late, None, today() - datetime.timedelta(days=1)),
    ):
        Deadline.objects.create(
            complaint=complaint, stage=complaint.stages.get(), kind="respond", due_on=due_on, met_on=met_on
        )
    Stage.objects.filter(complaint=by_passed).update(bypassed=True, bypass_reason="Too close")
    stage_1 = next(line for line in annual_report(year=year_of(today())).timeliness)
    assert stage_1.label == "Stage 1: respond"
    assert [cell.n for cell in stage_1.cells] == [1, 1, 1, 0]  # on time, late, by-passed, not yet due


def test_it_counts_by_stage_outcome_suggestions_and_survey_moments(
    cast: Any, seeded: list[str], settings: Any
) -> None:
    settings.VOICE_SMALL_NUMBER = 1
    report = annual_report(year=year_of(today()))
    assert report.complaints.total == 2
    assert {row.label: row.n for row in report.by_stage.rows}["Stage 1"] == 2
    outcomes = {row.label: row.n for row in report.by_outcome.rows}
    assert outcomes["Upheld"] == 1 and outcomes["Not decided yet"] == 1
    assert {row.label: row.n for row in report.suggestions.rows}["We will do it"] == 1
    assert {row.label: row.n for row in report.surveys.rows} == {
        "After a review": 1,
        "When the family's case closed": 0,
    }


def test_a_year_is_april_to_march_and_last_years_complaints_are_not_counted(client: Any, cast: Any) -> None:
    last_year = year_of(today()).start - datetime.timedelta(days=1)
    factories.complaint(
        received_at=timezone.make_aware(datetime.datetime.combine(last_year, datetime.time(12)))
    )
    client.force_login(cast.complaints_manager)
    this_year = client.get(PAGE).content.decode()
    assert "Complaints received: 0" in this_year
    before = client.get(PAGE, {"year": last_year.year if last_year.month >= 4 else last_year.year - 1})
    assert "Complaints received: fewer than 5" in before.content.decode()
    assert (
        f"April {year_of(last_year).start.year} to March {year_of(last_year).end.year}"
        in before.content.decode()
    )


def test_a_year_not_offered_gets_a_clear_message(client: Any, cast: Any) -> None:
    client.force_login(cast.complaints_manager)
    response = client.get(PAGE, {"year": "1850"})
    assert "Choose a year from the list" in response.content.decode()


def test_its_queries_do_not_grow_with_the_complaints(client: Any, cast: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(cast.complaints_manager)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(PAGE).status_code == 200
        return len(captured)

    factories.complaint(responsible=cast.other_manager)
    few = queries()
    for _i in range(6):
        factories.complaint(responsible=cast.other_manager)
    assert queries() == few
