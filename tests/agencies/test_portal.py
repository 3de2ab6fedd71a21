import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from agencies import tasks
from agencies.models import Category, Consent, OutboxMessage
from agencies.services.agency import agency_inbox_add
from agencies.services.answer import response_answer
from agencies.services.consent import consent_withdraw
from agencies.services.outbox import service_levels_check
from tests import factories
from tests.agencies.access_rows import referred_to_worker
from tests.agencies.conftest import consent_all, make_agency, send


@pytest.fixture
def worker_response(cast):
    return referred_to_worker(cast)


def test_the_inbox_lists_new_referrals_with_the_family_named_only_with_contact_consent(
    client, cast, worker_response
):
    client.force_login(cast.agency_worker)
    page = client.get(reverse("agencies:portal_inbox")).content.decode()
    assert worker_response.referral.number in page
    assert "Taylor family" in page
    Consent.objects.filter(category="contact").delete()  # as if never given
    page = client.get(reverse("agencies:portal_inbox")).content.decode()
    assert "Taylor family" not in page and cast.family.reference in page


def test_agency_workers_never_hold_view_family(cast, worker_response):
    from families.permissions import families_visible_to

    assert not families_visible_to(cast.agency_worker).exists()


def test_the_family_page_shows_only_the_consented_categories(client, cast):
    agency = cast.agency_worker.agency
    agency_inbox_add(actor=None, agency=agency, email="in@school.example.org")
    consent_all(cast, agency, [Category.CONTACT])
    send(cast, [agency], shares=[Category.CONTACT])
    factories.person(family=cast.family, first_name="Jo", last_name="Taylor", household_role="child")
    from families.services import case_note_add

    case_note_add(
        actor=cast.lead,
        family=cast.family,
        occurred_on=timezone.localdate(),
        kind="visit",
        text="Secret visit note",
    )
    client.force_login(cast.agency_worker)
    page = client.get(reverse("agencies:portal_family", args=[cast.family.reference])).content.decode()
    assert "Jo Taylor" in page
    assert "Secret visit note" not in page
    assert "Not shared with your agency" in page


def test_access_goes_when_the_agency_declines_or_consent_is_withdrawn(client, cast, worker_response):
    client.force_login(cast.agency_worker)
    url = reverse("agencies:portal_response", args=[worker_response.pk])
    assert client.get(url).status_code == 200
    consent = Consent.objects.get(agency=worker_response.agency, category="plan")
    consent_withdraw(actor=cast.lead, consent=consent, reason="Parent asked")
    assert client.get(url).status_code == 404
    assert client.get(reverse("agencies:portal_family", args=[cast.family.reference])).status_code == 404
    closed = client.get(reverse("agencies:portal_inbox"), {"box": "closed"}).content.decode()
    assert worker_response.referral.number in closed and "Taylor family" not in closed


def test_an_agency_worker_answers_in_the_portal_and_history_names_them(client, cast, worker_response):
    client.force_login(cast.agency_worker)
    url = reverse("agencies:portal_response", args=[worker_response.pk])
    client.post(url, {"answer": "accept", "expected_status": "sent"})
    worker_response.refresh_from_db()
    assert worker_response.status == "accepted"
    assert worker_response.history.first().history_user == cast.agency_worker


def test_an_agency_worker_updates_their_plan_action(client, cast, worker_response):
    from assessments.models import Domain
    from plans import services as plan_services

    plan = plan_services.plan_create(actor=cast.lead, family=cast.family)
    goal = plan_services.goal_add(
        actor=cast.lead, plan=plan, domain=Domain.objects.first(), text="Jo at school"
    )
    action = plan_services.action_add(
        actor=cast.lead, goal=goal, text="Attendance plan", owner_agency=worker_response.agency
    )
    client.force_login(cast.agency_worker)
    assert "Attendance plan" in client.get(reverse("agencies:portal_actions")).content.decode()
    client.post(
        reverse("agencies:portal_action_update", args=[action.pk]),
        {"status": "in_progress", "note": "Met Jo"},
    )
    action.refresh_from_db()
    assert action.status == "in_progress" and action.status_note == "Met Jo"


def test_the_portal_inbox_runs_the_same_queries_for_2_as_for_20_referrals(
    client, cast, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        referred_to_worker(cast)
    client.force_login(cast.agency_worker)
    url = reverse("agencies:portal_inbox")
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    for _ in range(18):
        referred_to_worker(cast)
    with django_assert_num_queries(len(ctx.captured_queries)):
        response = client.get(url)
    assert len(response.context["rows"]) == 20


def test_a_missed_acknowledgement_is_reminded_then_escalated_once_each(
    cast, housing, django_capture_on_commit_callbacks
):
    referral = send(cast, [housing])
    response = referral.responses.get()
    assert service_levels_check(now=response.ack_due_at - timezone.timedelta(minutes=1)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert service_levels_check(now=response.ack_due_at) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert service_levels_check(now=response.ack_due_at) == 0  # never twice
        assert service_levels_check(now=response.escalate_at) == 2
        assert service_levels_check(now=response.escalate_at) == 0
    kinds = sorted(OutboxMessage.objects.exclude(kind="alert").values_list("kind", flat=True))
    assert kinds == ["escalation", "reminder", "team_escalation"]
    subjects = {tuple(m.to): m.subject for m in mail.outbox}
    assert subjects[("manager@norwich-housing.example.org",)].startswith("Escalated")
    team = next(to for to in subjects if cast.manager.email in to)
    assert cast.lead.email in team


def test_an_acknowledged_referral_is_not_chased(cast, housing):
    response = send(cast, [housing]).responses.get()
    response_answer(actor=None, response=response, answer="acknowledge", via="email_link")
    assert service_levels_check(now=response.escalate_at) == 0


def test_the_acknowledgement_is_due_one_working_day_later_skipping_bank_holidays(cast, housing, monkeypatch):
    import datetime

    friday_before_easter_monday = timezone.make_aware(datetime.datetime(2026, 4, 3, 10, 0))  # Good Friday
    monkeypatch.setattr(timezone, "now", lambda: friday_before_easter_monday)
    response = send(cast, [housing]).responses.get()
    assert timezone.localtime(response.ack_due_at).date() == datetime.date(2026, 4, 7)  # Tuesday after Easter


def test_the_beat_tasks_run(cast, housing):
    send(cast, [housing])
    assert tasks.check_service_levels() == 0
    assert tasks.relay_outbox() == 1


def test_make_agency_helper_builds_inboxes(db):
    agency = make_agency("Job Centre Plus")
    assert agency.inbox_list() == ["referrals@job-centre-plus.example.org"]
    assert agency.staff_group is not None


def test_plan_actions_show_only_for_families_that_share_their_plan_with_the_agency(client, cast):
    from assessments.models import Domain
    from plans import services as plan_services

    agency = cast.agency_worker.agency
    agency_inbox_add(actor=None, agency=agency, email="in@school.example.org")
    consent_all(cast, agency, [Category.CONTACT])  # contact details only, not the plan
    send(cast, [agency], shares=[Category.CONTACT])
    plan = plan_services.plan_create(actor=cast.lead, family=cast.family)
    goal = plan_services.goal_add(
        actor=cast.lead, plan=plan, domain=Domain.objects.first(), text="Jo at school"
    )
    action = plan_services.action_add(actor=cast.lead, goal=goal, text="Attendance plan", owner_agency=agency)
    client.force_login(cast.agency_worker)

    assert "Attendance plan" not in client.get(reverse("agencies:portal_actions")).content.decode()
    assert client.get(reverse("agencies:portal_action_update", args=[action.pk])).status_code == 404

    (plan_consent,) = consent_all(cast, agency, [Category.PLAN])
    send(cast, [agency], shares=[Category.CONTACT, Category.PLAN])
    assert "Attendance plan" in client.get(reverse("agencies:portal_actions")).content.decode()

    consent_withdraw(actor=cast.lead, consent=plan_consent, reason="Parent asked")
    assert "Attendance plan" not in client.get(reverse("agencies:portal_actions")).content.decode()


def test_the_inbox_filters_are_links_to_pages_not_tabs_that_javascript_would_take_over(
    client, cast, worker_response
):
    client.force_login(cast.agency_worker)
    page = client.get(reverse("agencies:portal_inbox"), {"box": "waiting"}).content.decode()
    assert "govuk-tabs" not in page
    assert 'href="?box=waiting" aria-current="page"' in page
    assert 'href="?box=new" aria-current' not in page
    assert worker_response.referral.number not in page  # it is new, not waiting
