"""Recording time: quick entry (family page and My week), the timer, corrections, and bad input."""

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone

from core.calendar import today
from tests import factories
from tests.timesheets.time_fixtures import category, entry
from timesheets import services as time_services
from timesheets.models import RunningTimer, TimeRecord


def test_it_records_time_from_the_family_page_with_history(client: Any, cast: Any) -> None:
    client.force_login(cast.lead)
    family_url = reverse("families:detail", args=[cast.family.reference])
    page = client.get(family_url)
    assert "Record time" in page.content.decode()

    response = client.post(reverse("time:add"), entry(50, family=cast.family, next=family_url))

    assert response.status_code == 302 and response["Location"] == family_url
    record = TimeRecord.objects.get()
    assert (record.worker, record.family, record.minutes, record.date) == (
        cast.lead,
        cast.family,
        50,
        today(),
    )
    assert record.category.kind == "direct"
    history = list(record.history.all())
    assert len(history) == 1 and history[0].history_user == cast.lead and history[0].history_type == "+"


def test_it_records_time_from_my_week(client: Any, cast: Any) -> None:
    client.force_login(cast.lead)
    week = client.get(reverse("time:week"))
    assert week.status_code == 200

    response = client.post(reverse("time:add"), entry(30, kind="recording", next=reverse("time:week")))

    assert response.status_code == 302
    record = TimeRecord.objects.get()
    assert record.family is None and record.category.kind == "recording"
    assert "30 minutes" in client.get(reverse("time:week")).content.decode()


def test_the_timer_survives_a_reload_and_records_when_stopped(client: Any, cast: Any) -> None:
    client.force_login(cast.lead)
    client.post(
        reverse("time:timer_start"),
        {"category": category().pk, "family": cast.family.pk, "note": "Home visit"},
    )
    # A reload, or a new browser: the timer is on the server.
    client.logout()
    client.force_login(cast.lead)
    page = client.get(reverse("time:week")).content.decode()
    assert "Timer running" in page and "Stop and record" in page
    RunningTimer.objects.filter(worker=cast.lead).update(
        started_at=timezone.now() - datetime.timedelta(minutes=42)
    )

    client.post(reverse("time:timer_stop"), {"next": reverse("time:week")})

    record = TimeRecord.objects.get()
    assert (record.minutes, record.family, record.note) == (
        42,
        cast.family,
        "Home visit",
    ) or record.minutes == 43
    assert record.history.get().history_change_reason == "Timed"
    assert not RunningTimer.objects.exists()
    assert "Timer running" not in client.get(reverse("time:week")).content.decode()


def test_a_second_timer_cannot_start(client: Any, cast: Any) -> None:
    time_services.timer_start(actor=cast.lead, category=category())
    client.force_login(cast.lead)
    response = client.post(reverse("time:timer_start"), {"category": category().pk})
    assert response.status_code == 200
    assert "already running" in response.content.decode()
    assert RunningTimer.objects.count() == 1


def test_discarding_the_timer_records_nothing(client: Any, cast: Any) -> None:
    time_services.timer_start(actor=cast.lead, category=category())
    client.force_login(cast.lead)
    client.post(reverse("time:timer_discard"))
    assert not RunningTimer.objects.exists() and not TimeRecord.objects.exists()


def test_a_correction_is_kept_in_history(client: Any, cast: Any) -> None:
    record = time_services.time_record_add(actor=cast.lead, date=today(), minutes=20, category=category())
    client.force_login(cast.lead)
    response = client.post(
        reverse("time:change", args=[record.pk]),
        entry(35, kind="travel", reason="Forgot the drive back"),
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.minutes == 35 and record.category.kind == "travel"
    versions = list(record.history.order_by("history_date"))
    assert [v.minutes for v in versions] == [20, 35]
    assert (
        versions[-1].history_user == cast.lead
        and versions[-1].history_change_reason == "Forgot the drive back"
    )
    page = client.get(reverse("time:change", args=[record.pk])).content.decode()
    assert "Forgot the drive back" in page


def test_removing_a_record_keeps_it_in_history(client: Any, cast: Any) -> None:
    record = time_services.time_record_add(actor=cast.lead, date=today(), minutes=20, category=category())
    client.force_login(cast.lead)
    client.post(reverse("time:delete", args=[record.pk]), {"reason": "Entered twice"})
    assert not TimeRecord.objects.exists()
    assert TimeRecord.history.filter(history_type="-", history_user=cast.lead).exists()


def _refused(client: Any, data: dict[str, Any], message: str) -> None:
    response = client.post(reverse("time:add"), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert message in content, content
    assert not TimeRecord.objects.exists()


def test_zero_and_negative_minutes_are_refused(client: Any, cast: Any) -> None:
    client.force_login(cast.lead)
    _refused(client, entry(0), "Enter the time spent, more than 0 minutes")
    _refused(client, entry(-15), "Enter the time spent, more than 0 minutes")
    _refused(client, entry("lots"), "whole number of minutes")


def test_more_than_24_hours_in_a_day_is_refused(client: Any, cast: Any) -> None:
    client.force_login(cast.lead)
    _refused(client, entry(24 * 60 + 1), "24 hours (1440 minutes) or less")
    time_services.time_record_add(actor=cast.lead, date=today(), minutes=23 * 60, category=category())
    response = client.post(reverse("time:add"), entry(61))
    assert "You have already recorded 23 hours" in response.content.decode()
    assert "at most 1 hour" in response.content.decode()
    assert TimeRecord.objects.count() == 1
    # Another worker's day is their own.
    time_services.time_record_add(actor=cast.colleague, date=today(), minutes=120, category=category())


def test_a_date_in_the_future_is_refused(client: Any, cast: Any) -> None:
    client.force_login(cast.lead)
    _refused(client, entry(day=today() + datetime.timedelta(days=1)), "The date must be today or in the past")


def test_a_family_the_worker_cannot_see_is_refused(client: Any, cast: Any) -> None:
    elsewhere = factories.family(lead_practitioner=factories.lead(cast.other_team), name="Elsewhere family")
    client.force_login(cast.lead)
    _refused(client, entry(family=elsewhere), "Choose a family you work with")


def test_a_worker_cannot_see_or_change_another_workers_entries(client: Any, cast: Any) -> None:
    record = time_services.time_record_add(
        actor=cast.colleague, date=today(), minutes=25, category=category(), note="Private"
    )
    client.force_login(cast.lead)
    assert client.get(reverse("time:change", args=[record.pk])).status_code == 404
    assert client.post(reverse("time:delete", args=[record.pk])).status_code == 404
    assert client.get(reverse("time:worker_week", args=[cast.colleague.pk])).status_code == 404
    assert "Private" not in client.get(reverse("time:week")).content.decode()
    assert TimeRecord.objects.get().minutes == 25


def test_a_manager_sees_their_teams_weeks_only(client: Any, cast: Any) -> None:
    time_services.time_record_add(
        actor=cast.lead, date=today(), minutes=25, category=category(), note="Visit note"
    )
    client.force_login(cast.manager)
    page = client.get(reverse("time:worker_week", args=[cast.lead.pk]))
    assert page.status_code == 200 and "Visit note" in page.content.decode()
    client.force_login(cast.other_manager)
    assert client.get(reverse("time:worker_week", args=[cast.lead.pk])).status_code == 404


def test_my_week_query_count_does_not_grow_with_records(
    client: Any, cast: Any, django_assert_max_num_queries: Any
) -> None:
    client.force_login(cast.lead)
    time_services.time_record_add(
        actor=cast.lead, date=today(), minutes=10, category=category(), family=cast.family
    )
    client.get(reverse("time:week"))
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("time:week"))
    for i in range(15):
        time_services.time_record_add(
            actor=cast.lead, date=today(), minutes=10 + i, category=category(), family=cast.family
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("time:week"))


def test_the_timer_starts_from_the_family_page_for_that_family(client: Any, cast: Any) -> None:
    client.force_login(cast.lead)
    family_url = reverse("families:detail", args=[cast.family.reference])
    assert "Start timer" in client.get(family_url).content.decode()

    response = client.post(
        reverse("time:timer_start"), {"category": category().pk, "family": cast.family.pk, "next": family_url}
    )

    assert response["Location"] == family_url
    assert RunningTimer.objects.get(worker=cast.lead).family == cast.family
    page = client.get(family_url).content.decode()
    assert "Timer running" in page and 'src="/static/timesheets/timer.js"' in page


def test_a_redirect_elsewhere_after_saving_is_refused(client: Any, cast: Any) -> None:
    client.force_login(cast.lead)
    response = client.post(reverse("time:add"), entry(15, next="https://evil.example/"))
    assert response["Location"] == reverse("time:week")
    assert TimeRecord.objects.get().history.get().history_user == cast.lead


def test_a_next_that_is_not_a_path_saves_once_and_goes_to_my_week(client: Any, cast: Any) -> None:
    client.force_login(cast.lead)
    for junk in ("not-a-path", "time:week", "javascript:alert(1)", "//evil.example/x"):
        response = client.post(reverse("time:add"), entry(10, next=junk))
        assert response.status_code == 302 and response["Location"] == reverse("time:week")
    assert TimeRecord.objects.count() == 4  # one record per POST, and no error after saving


def test_a_week_from_the_distant_past_shows_this_week(client: Any, cast: Any) -> None:
    client.force_login(cast.lead)
    for week in ("0001-01-01", "0001-01-08", "9999-12-31", "31/02/2026"):
        response = client.get(reverse("time:week"), {"week": week})
        assert response.status_code == 200
        monday = today() - datetime.timedelta(days=today().weekday())
        assert f"Week beginning {monday.day} {monday:%B %Y}" in response.content.decode()
