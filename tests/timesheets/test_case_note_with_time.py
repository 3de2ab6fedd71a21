"""The family page's quick note (issue 13): type, text, save; minutes, if given, recorded as time in the
same transaction ("recorded once, shown wherever needed")."""

import datetime
import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.calendar import today
from families.models import CaseNote
from tests.timesheets.time_fixtures import date_fields
from timesheets import services as time_services
from timesheets.models import MINUTES_IN_A_DAY, TimeRecord


def _post(**fields: Any) -> dict[str, Any]:
    data = {
        "kind": "visit",
        "text": "Calmer mornings since the new routine.",
        **date_fields(today(), "occurred_on"),
    }
    data.update(fields)
    return data


def test_it_writes_the_note_and_the_time_together(cast: Any) -> None:
    note, record = time_services.case_note_add_with_time(
        actor=cast.lead, family=cast.family, kind="visit", text="  Home visit.  ", minutes=45
    )

    assert (note.author, note.occurred_on, note.text, note.kind) == (
        cast.lead,
        today(),
        "Home visit.",
        "visit",
    )
    assert record is not None
    assert (record.worker, record.family, record.minutes, record.date) == (
        cast.lead,
        cast.family,
        45,
        today(),
    )
    assert record.category.kind == "direct" and record.note == "Visit"
    assert record.history.get().history_user == cast.lead
    assert note.history.get().history_user == cast.lead


def test_without_minutes_it_writes_only_the_note(cast: Any) -> None:
    _note, record = time_services.case_note_add_with_time(
        actor=cast.lead, family=cast.family, kind="call", text="Phoned Sam."
    )

    assert record is None
    assert CaseNote.objects.count() == 1 and TimeRecord.objects.count() == 0


def test_a_meeting_is_recorded_as_multi_agency_meeting_time(cast: Any) -> None:
    _note, record = time_services.case_note_add_with_time(
        actor=cast.lead, family=cast.family, kind="meeting", text="Team around the family.", minutes=60
    )

    assert record is not None and record.category.kind == "meetings"


def test_time_the_day_cannot_hold_writes_neither_the_note_nor_the_time(cast: Any) -> None:
    time_services.case_note_add_with_time(
        actor=cast.lead, family=cast.family, kind="visit", text="Long day.", minutes=MINUTES_IN_A_DAY - 10
    )

    with pytest.raises(ValidationError) as exc:
        time_services.case_note_add_with_time(
            actor=cast.lead, family=cast.family, kind="visit", text="Another visit.", minutes=30
        )

    assert "A day has 24 hours" in exc.value.message_dict["minutes"][0]
    assert CaseNote.objects.count() == 1 and TimeRecord.objects.count() == 1


def test_a_future_date_is_refused_against_the_note_s_date(cast: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        time_services.case_note_add_with_time(
            actor=cast.lead,
            family=cast.family,
            kind="visit",
            text="Tomorrow.",
            occurred_on=today() + datetime.timedelta(days=1),
            minutes=30,
        )

    assert exc.value.message_dict == {"occurred_on": ["The date must be today or in the past."]}
    assert not CaseNote.objects.exists() and not TimeRecord.objects.exists()


def test_the_family_page_offers_the_quick_note_with_today_filled_in(client: Any, cast: Any) -> None:
    client.force_login(cast.lead)

    page = client.get(reverse("families:detail", args=[cast.family.reference])).content.decode()

    assert reverse("time:note_add", args=[cast.family.reference]) in page
    assert 'name="minutes"' in page and f'name="occurred_on_year" value="{today().year}"' in page
    radios = re.findall(r'<input type="radio" name="kind"[^>]*>', page)
    assert len(radios) == 4 and not any("checked" in radio for radio in radios)


def test_a_colleague_who_only_reads_the_family_sees_no_quick_note(client: Any, cast: Any) -> None:
    client.force_login(cast.colleague)

    response = client.get(reverse("families:detail", args=[cast.family.reference]))

    assert response.status_code in (200, 404)
    assert reverse("time:note_add", args=[cast.family.reference]) not in response.content.decode()


def test_posting_the_quick_note_with_minutes_records_both_and_says_so(client: Any, cast: Any) -> None:
    client.force_login(cast.lead)
    family_url = reverse("families:detail", args=[cast.family.reference])

    response = client.post(reverse("time:note_add", args=[cast.family.reference]), _post(minutes="40"))

    assert response.status_code == 302 and response["Location"] == family_url
    page = client.get(family_url).content.decode()
    assert "Note added to the chronology. 40 minutes of face to face with the family recorded" in page
    assert "Calmer mornings since the new routine." in page
    assert TimeRecord.objects.get().minutes == 40
    assert "40 minutes" in client.get(reverse("time:week")).content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"kind": ""}, "kind", "Choose the type of contact"),
        ({"text": ""}, "text", "Enter what happened."),
        ({"minutes": "forty"}, "minutes", "Enter the time spent as a whole number of minutes, like 45"),
        ({"minutes": "0"}, "minutes", "Enter the time spent, more than 0 minutes"),
        ({"minutes": "1441"}, "minutes", "Time spent must be 24 hours (1440 minutes) or less"),
        ({"occurred_on_day": ""}, "occurred_on", "Enter a full date, with the day, month and year"),
    ],
)
def test_mistakes_are_shown_against_their_field_and_nothing_is_written(
    client: Any, cast: Any, changes: dict[str, str], field: str, message: str
) -> None:
    client.force_login(cast.lead)

    response = client.post(reverse("time:note_add", args=[cast.family.reference]), _post(**changes))

    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert not CaseNote.objects.exists() and not TimeRecord.objects.exists()


def test_a_quick_note_posted_twice_is_written_once(client: Any, cast: Any) -> None:
    client.force_login(cast.lead)
    url = reverse("time:note_add", args=[cast.family.reference])
    data = _post(minutes="20", _submission="6f1c2a9e-5b7d-4c3e-9a8f-0d1e2f3a4b5c")

    first = client.post(url, data)
    second = client.post(url, data)

    assert first.status_code == second.status_code == 302
    assert CaseNote.objects.count() == 1 and TimeRecord.objects.count() == 1
