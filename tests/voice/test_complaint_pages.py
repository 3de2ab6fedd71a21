"""The complaints staff's pages: the list, a complaint, recording one with the person, naming who is
responsible; and the worker complained about, their colleague and their manager see no trace of it."""

import datetime
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests import factories
from voice.models import Complaint, ComplaintCategory, ComplaintLook, Deadline, Stage
from voice.services import reminders, stages
from voice.services.complaints import receive_complaint

pytestmark = pytest.mark.django_db
WHAT = "Lena shouted at my son in the school car park."


def _receive(cast: Any, **extra: Any) -> Complaint:
    fields: dict[str, Any] = {
        "how_received": "phone",
        "who": Complaint.Who.FAMILY_MEMBER,
        "name": "Sam Taylor",
        "email": "sam@example.org",
        "reply_channel": "email",
        "category": ComplaintCategory.objects.get(name="Unreasonable delay"),
        "what_happened": WHAT,
        "family": cast.family,
        "team": cast.team,
        "about_worker": cast.lead,
        **extra,
    }
    return receive_complaint(actor=cast.complaints_manager, **fields)


def _form(**extra: Any) -> dict[str, Any]:
    return {
        "how_received": "letter",
        "who": "family_member",
        "name": "Pat Writer",
        "reply_channel": "email",
        "email": "pat@example.org",
        "language": "cy",
        "category": ComplaintCategory.objects.get(name="Unreasonable delay").pk,
        "what_happened": "Nobody answered my letter.",
        "help_given": "Read the letter back to them over the phone.",
        **extra,
    }


def test_the_list_shows_open_complaints_first_with_the_next_deadline_and_overdue(
    client: Any, cast: Any
) -> None:
    late = _receive(cast, received_at=timezone.now() - datetime.timedelta(days=30))
    fresh = _receive(cast)
    closed = _receive(cast)
    stages.complaint_close(actor=cast.complaints_manager, complaint=closed, withdrawn=True, reason="Sorted")
    client.force_login(cast.complaints_manager)
    page = client.get(reverse("complaints:list")).content.decode()
    assert page.index(late.reference) < page.index(fresh.reference) < page.index(closed.reference)
    due = Deadline.objects.get(complaint=late, kind=Deadline.Kind.ACKNOWLEDGE).due_on
    assert f"{due.day} {due:%b %Y}" in page and page.count(">overdue<") == 1
    only_closed = client.get(reverse("complaints:list"), {"show": "closed"}).content.decode()
    assert closed.reference in only_closed and fresh.reference not in only_closed


def test_the_list_says_when_there_is_nothing_and_its_queries_do_not_grow(client: Any, cast: Any) -> None:
    client.force_login(cast.complaints_manager)
    assert "No complaints have been made yet." in client.get(reverse("complaints:list")).content.decode()
    _receive(cast)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("complaints:list"))
    for _n in range(4):
        _receive(cast)
    with CaptureQueriesContext(connection) as five:
        client.get(reverse("complaints:list"))
    assert len(five) == len(one)


def test_each_view_of_a_complaint_is_logged_and_shows_its_stages(client: Any, cast: Any) -> None:
    complaint = _receive(cast)
    stages.stage_name_responsible(
        actor=cast.complaints_manager, complaint=complaint, person=cast.other_manager
    )
    client.force_login(cast.other_manager)
    page = client.get(reverse("complaints:detail", args=[complaint.reference])).content.decode()
    assert WHAT in page and "Otto Other" in page and "Record the stage&#x27;s decision" in page
    client.get(reverse("complaints:detail", args=[complaint.reference]))
    looks = ComplaintLook.objects.filter(complaint=complaint)
    assert looks.count() == 2 and {look.user for look in looks} == {cast.other_manager}
    assert looks.first().url_name == "complaints:detail"


def test_the_history_says_who_changed_what_and_why_and_who_has_looked(client: Any, cast: Any) -> None:
    complaint = _receive(cast)
    stages.stage_name_responsible(
        actor=cast.complaints_manager, complaint=complaint, person=cast.other_manager
    )
    client.force_login(cast.other_manager)
    client.get(reverse("complaints:detail", args=[complaint.reference]))
    page = client.get(reverse("complaints:history", args=[complaint.reference])).content.decode()
    assert "Stage 1" in page and "Responsible person" in page and "Otto Other" in page
    assert "Who has looked at this complaint" not in page  # the read log is the complaints manager's
    client.force_login(cast.complaints_manager)
    page = client.get(reverse("complaints:history", args=[complaint.reference])).content.decode()
    assert "Who has looked at this complaint" in page
    assert page.count("Otto Other") >= 3  # named responsible, and two looks by them


def test_recording_a_complaint_with_the_person_starts_its_clocks(client: Any, cast: Any) -> None:
    client.force_login(cast.complaints_manager)
    response = client.post(
        reverse("complaints:record"), _form(family_reference=cast.family.reference.lower())
    )
    complaint = Complaint.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{complaint.reference}/")
    assert complaint.recorded_by == cast.complaints_manager and complaint.how_received == "letter"
    assert complaint.family == cast.family and complaint.team == cast.team and complaint.help_given
    assert set(complaint.deadlines.values_list("kind", flat=True)) == {"acknowledge", "respond"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"email": ""}, "Enter an email address to hear back by email."),
        ({"help_given": ""}, "Enter the help you gave the person."),
        ({"who": "on_behalf"}, "Confirm that the person has agreed to the complaint."),
        ({"family_reference": "PO-NOPE1"}, "No family has the reference PO-NOPE1."),
        ({"what_happened": ""}, "Enter what happened, in the person&#x27;s words."),
    ],
)
def test_bad_input_on_the_record_form_says_why_and_writes_nothing(
    client: Any, cast: Any, change: dict[str, str], message: str
) -> None:
    client.force_login(cast.complaints_manager)
    response = client.post(reverse("complaints:record"), _form(**change))
    assert response.status_code == 200 and message in response.content.decode()
    assert not Complaint.objects.exists() and not Deadline.objects.exists()


def test_the_worker_complained_about_cannot_be_named_responsible(client: Any, cast: Any) -> None:
    complaint = _receive(cast)
    client.force_login(cast.complaints_manager)
    for person in (cast.lead, cast.colleague, cast.manager):
        response = client.post(
            reverse("complaints:responsible", args=[complaint.reference]), {"responsible": person.pk}
        )
        assert "cannot be named: they are not detached" in response.content.decode()
    assert Stage.objects.get(complaint=complaint).responsible is None
    assert complaint.history.count() == 1


def test_the_worker_complained_about_their_colleague_and_manager_see_no_trace(
    client: Any, cast: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        complaint = _receive(cast)
        stages.stage_name_responsible(
            actor=cast.complaints_manager, complaint=complaint, person=cast.other_manager
        )
    reminders.deadlines_check(on=datetime.date.today() + datetime.timedelta(days=60))
    family = cast.family.reference
    pages = [
        reverse("families:caseload"),
        reverse("families:caseload") + f"?q={complaint.reference}",
        reverse("families:caseload") + "?q=Taylor&scope=team",
        reverse("families:detail", args=[family]),
        reverse("families:history", args=[family]),
        reverse("families:chronology", args=[family]),
        reverse("reports:dashboard"),
        reverse("directory:search") + f"?q={complaint.reference}",
    ]
    complaint_urls = [reverse("complaints:list"), reverse("complaints:record")] + [
        reverse(f"complaints:{name}", args=[complaint.reference])
        for name in (
            "detail",
            "history",
            "responsible",
            "extend",
            "decide",
            "escalate",
            "bypass",
            "panel_held",
            "close",
        )
    ]
    for person in (cast.lead, cast.colleague, cast.manager):
        client.force_login(person)
        for url in pages:
            response = client.get(url, follow=True)
            # A search echoes what was typed, in its box and in "no families match": nothing else.
            echo = (f'value="{complaint.reference}"', f"\u201c{complaint.reference}\u201d")
            text = response.content.decode().replace(echo[0], "").replace(echo[1], "")
            assert response.status_code == 200 or person == cast.colleague, url  # not their family
            assert complaint.reference not in text and "shouted" not in text, (person, url)
        for url in complaint_urls:
            assert client.get(url).status_code == 404, (person, url)
        theirs = [m for m in mail.outbox if person.email in m.to]
        assert all(complaint.reference not in m.subject + m.body and "shouted" not in m.body for m in theirs)
    assert len(mail.outbox) >= 2  # the complainant heard, the complaints staff were told
    assert ComplaintLook.objects.count() == 0


def test_a_named_person_who_turns_out_to_be_conflicted_loses_sight_of_it(client: Any, cast: Any) -> None:
    moved = factories.manager(factories.team("Thetford"))
    complaint = _receive(cast)
    stages.stage_name_responsible(actor=cast.complaints_manager, complaint=complaint, person=moved)
    complaint.team = moved.team  # the complaint turns out to be about their team
    complaint.save()
    client.force_login(moved)
    assert client.get(reverse("complaints:detail", args=[complaint.reference])).status_code == 404


def test_the_responsible_persons_decision_reaches_the_complainant_with_the_ways_to_take_it_further(
    client: Any, cast: Any, django_capture_on_commit_callbacks: Any
) -> None:
    complaint = _receive(cast)
    stages.stage_name_responsible(
        actor=cast.complaints_manager, complaint=complaint, person=cast.other_manager
    )
    client.force_login(cast.other_manager)
    today = datetime.date.today()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("complaints:decide", args=[complaint.reference]),
            {
                "outcome": "partly_upheld",
                "decision": "The call was missed.",
                "feedback": "We are sorry: we missed your call.",
                "decided_on_day": today.day,
                "decided_on_month": today.month,
                "decided_on_year": today.year,
            },
        )
    assert response.status_code == 302
    stage = Stage.objects.get(complaint=complaint)
    assert stage.outcome == "partly_upheld" and stage.history.first().history_user == cast.other_manager
    told = mail.outbox[-1]
    assert told.to == ["sam@example.org"] and "we missed your call" in told.body
    assert "Ombudsman" in told.body and "Mediation" in told.body
    complaint.refresh_from_db()
    assert complaint.redress_told_at is not None and complaint.is_open  # they may ask for stage 2
