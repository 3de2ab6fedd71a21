"""A complaint's clocks across Christmas 2026 and Easter 2027 (England and Wales bank holidays: Fri 25 Dec,
Mon 28 Dec for Boxing Day, Fri 1 Jan; Good Friday 26 Mar and Easter Monday 29 Mar 2027): each deadline
lands on the right working day, an extension and a by-pass move the right clock, reminders and escalation
go once."""

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests import factories
from voice.models import Complaint, ComplaintCategory, Deadline, Stage
from voice.services import reminders, stages
from voice.services.complaints import receive_complaint

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def on(monkeypatch: Any) -> Any:
    """Set the service's today."""

    def set_today(day: datetime.date) -> None:
        monkeypatch.setattr(stages, "today", lambda: day)
        monkeypatch.setattr("voice.services.reminders.today", lambda: day)

    return set_today


@pytest.fixture
def people(cast: Any) -> Any:
    return {"carla": cast.complaints_manager, "otto": cast.other_manager, "lena": cast.lead}


@pytest.fixture
def complaint(cast: Any, django_capture_on_commit_callbacks: Any) -> Complaint:
    """Received on Thursday 17 December 2026, about Lena and her team."""
    with django_capture_on_commit_callbacks(execute=True):
        return receive_complaint(
            received_at=timezone.make_aware(datetime.datetime(2026, 12, 17, 10, 0)),
            how_received="phone",
            who=Complaint.Who.FAMILY_MEMBER,
            name="Sam Taylor",
            email="sam@example.org",
            reply_channel="email",
            category=ComplaintCategory.objects.get(name="Unreasonable delay"),
            what_happened="Nobody rang me back.",
            family=cast.family,
            team=cast.team,
            about_worker=cast.lead,
        )


def _due(complaint: Complaint, kind: str, stage: int | None = None) -> datetime.date:
    rows = Deadline.objects.filter(complaint=complaint, kind=kind)
    if stage:
        rows = rows.filter(stage__number=stage)
    return rows.get().due_on


def test_acknowledgement_and_stage_1_skip_christmas_and_new_year(complaint: Complaint) -> None:
    assert _due(complaint, Deadline.Kind.ACKNOWLEDGE) == D(2026, 12, 24)
    respond = Deadline.objects.get(complaint=complaint, kind=Deadline.Kind.RESPOND)
    assert (respond.due_on, respond.latest_on) == (D(2027, 1, 5), D(2027, 1, 19))


def test_extending_stage_1_moves_only_its_clock_to_20_working_days_and_tells_the_complainant(
    complaint: Complaint, people: Any, on: Any, django_capture_on_commit_callbacks: Any
) -> None:
    on(D(2026, 12, 30))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        stages.stage_extend(actor=people["carla"], complaint=complaint, reason="The worker is on leave.")
    assert _due(complaint, Deadline.Kind.RESPOND) == D(2027, 1, 19)
    assert _due(complaint, Deadline.Kind.ACKNOWLEDGE) == D(2026, 12, 24)
    assert len(mail.outbox) == 1 and "19 January 2027" in mail.outbox[0].body
    assert "The worker is on leave." in mail.outbox[0].body
    history = Deadline.objects.get(kind=Deadline.Kind.RESPOND).history.first()
    assert history.history_user == people["carla"] and "leave" in history.history_change_reason
    with pytest.raises(ValidationError):
        stages.stage_extend(actor=people["carla"], complaint=complaint, reason="Again.")


def test_by_passing_stage_1_stops_its_clock_and_starts_stage_2s(
    complaint: Complaint, people: Any, on: Any
) -> None:
    on(D(2026, 12, 18))
    stages.stage_bypass(
        actor=people["carla"],
        complaint=complaint,
        reason="Stage 1's manager is the worker's.",
        responsible=people["otto"],
    )
    one = Stage.objects.get(complaint=complaint, number=1)
    assert one.bypassed and one.deadlines.get().met_on == D(2026, 12, 18)
    assert _due(complaint, Deadline.Kind.RESPOND, stage=2) == D(2027, 1, 27)
    assert Deadline.objects.get(stage__number=2).latest_on is not None
    assert _due(complaint, Deadline.Kind.ACKNOWLEDGE) == D(2026, 12, 24)  # untouched
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.STAGE_2


def _decide(complaint: Complaint, actor: Any, on_day: datetime.date) -> None:
    stages.stage_decide(
        actor=actor,
        complaint=complaint,
        outcome="not_upheld",
        decision="Calls were made.",
        feedback="We found the calls were made.",
        decided_on=on_day,
    )


def test_stage_2_and_stage_3_clocks_skip_easter(
    complaint: Complaint, people: Any, on: Any, cast: Any
) -> None:
    on(D(2027, 2, 24))
    stages.stage_name_responsible(actor=people["carla"], complaint=complaint, person=people["otto"])
    _decide(complaint, people["otto"], D(2027, 2, 22))
    investigator = factories.manager(factories.team("Thetford"))
    stages.stage_escalate(
        actor=people["carla"], complaint=complaint, responsible=investigator, requested_on=D(2027, 2, 24)
    )
    two = Deadline.objects.get(stage__number=2)
    assert (two.due_on, two.latest_on) == (D(2027, 4, 2), D(2027, 6, 1))
    on(D(2027, 3, 1))
    _decide(complaint, investigator, D(2027, 3, 1))
    stages.stage_escalate(
        actor=people["carla"], complaint=complaint, responsible=people["otto"], requested_on=D(2027, 3, 1)
    )
    assert _due(complaint, Deadline.Kind.PANEL) == D(2027, 4, 14)
    on(D(2027, 3, 25))
    stages.panel_held(actor=people["carla"], complaint=complaint, held_on=D(2027, 3, 24))
    assert _due(complaint, Deadline.Kind.PANEL_REPORT) == D(2027, 4, 2)
    stages.panel_reported(actor=people["carla"], complaint=complaint, reported_on=D(2027, 3, 25))
    assert _due(complaint, Deadline.Kind.FINAL_RESPONSE) == D(2027, 4, 19)
    _decide(complaint, people["otto"], D(2027, 3, 25))
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.CLOSED
    assert not Deadline.objects.filter(complaint=complaint, met_on__isnull=True).exists()


def test_stage_2s_investigator_must_be_independent_of_stage_1(
    complaint: Complaint, people: Any, on: Any
) -> None:
    on(D(2027, 1, 4))
    stages.stage_name_responsible(actor=people["carla"], complaint=complaint, person=people["otto"])
    _decide(complaint, people["otto"], D(2027, 1, 4))
    for person in (people["otto"], people["lena"]):
        with pytest.raises(ValidationError):
            stages.stage_escalate(
                actor=people["carla"], complaint=complaint, responsible=person, requested_on=D(2027, 1, 4)
            )
    assert not Stage.objects.filter(complaint=complaint, number=2).exists()


def test_a_missed_deadline_escalates_to_every_complaints_manager_exactly_once(
    complaint: Complaint, people: Any, cast: Any
) -> None:
    second = factories.complaints_manager(email="second@example.org")
    mail.outbox.clear()
    assert reminders.deadlines_check(on=D(2026, 12, 29)) == (0, 1)  # the acknowledgement, due 24 Dec
    assert reminders.deadlines_check(on=D(2026, 12, 30)) == (0, 0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([people["carla"].email, second.email])
    assert all(complaint.reference in m.subject and "Nobody rang" not in m.body for m in mail.outbox)
    assert Deadline.objects.get(kind=Deadline.Kind.ACKNOWLEDGE).escalated_at is not None


def test_the_responsible_person_is_reminded_once_before_the_deadline(
    complaint: Complaint, people: Any, on: Any
) -> None:
    on(D(2026, 12, 18))
    stages.stage_name_responsible(actor=people["carla"], complaint=complaint, person=people["otto"])
    mail.outbox.clear()
    # Stage 1 is due Tue 5 Jan: two working days before is Thu 31 Dec.
    assert reminders.deadlines_check(on=D(2026, 12, 30)) == (0, 0)
    assert reminders.deadlines_check(on=D(2026, 12, 31)) == (1, 0)
    assert reminders.deadlines_check(on=D(2027, 1, 4)) == (0, 0)
    assert [m.to for m in mail.outbox] == [[people["otto"].email]]


def test_a_suggestions_acknowledgement_is_reminded_once_then_escalated_once_and_stops_when_acknowledged(
    people: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from voice.services.suggestions import receive_suggestion
    from voice.services.suggestions_review import suggestion_acknowledge, suggestion_name_responsible

    with django_capture_on_commit_callbacks(execute=True):
        made = receive_suggestion(
            received_at=timezone.make_aware(datetime.datetime(2026, 12, 17, 10, 0)),
            how_received="online",
            text="Could the family centre open on Saturday mornings?",
        )
    suggestion_name_responsible(actor=people["carla"], suggestion=made, responsible=people["otto"])
    mail.outbox.clear()
    # Received Thu 17 Dec: five working days is Thu 24 Dec, so the reminder goes Tue 22 Dec.
    assert reminders.deadlines_check(on=D(2026, 12, 21)) == (0, 0)
    assert reminders.deadlines_check(on=D(2026, 12, 22)) == (1, 0)
    assert reminders.deadlines_check(on=D(2026, 12, 23)) == (0, 0)
    assert [m.to for m in mail.outbox] == [[people["otto"].email]]
    assert made.reference in mail.outbox[0].subject and "Saturday" not in mail.outbox[0].body
    assert f"/suggestions/{made.reference}/" in mail.outbox[0].body
    mail.outbox.clear()
    assert reminders.deadlines_check(on=D(2026, 12, 29)) == (0, 1)
    assert reminders.deadlines_check(on=D(2026, 12, 30)) == (0, 0)
    assert [m.to for m in mail.outbox] == [[people["carla"].email]]
    assert "Otto" in mail.outbox[0].body or people["otto"].get_full_name() in mail.outbox[0].body

    later = receive_suggestion(
        received_at=timezone.make_aware(datetime.datetime(2027, 1, 4, 10, 0)),
        how_received="online",
        text="More.",
    )
    suggestion_name_responsible(actor=people["carla"], suggestion=later, responsible=people["otto"])
    suggestion_acknowledge(actor=people["carla"], suggestion=later)
    mail.outbox.clear()
    assert reminders.deadlines_check(on=D(2027, 1, 20)) == (0, 0)
    assert mail.outbox == []
