"""The weekly digest: headline figures and what needs attention, once per manager per week."""

import contextlib
import datetime
from typing import Any
from unittest import mock

from django.core import mail

from core.calendar import today
from reports import tasks
from reports.models import WeeklyDigestSent
from tests import factories
from tests.reports.conftest import add
from timesheets.selectors import week_start_of


def test_the_digest_is_sent_once_per_manager_per_week_even_if_the_task_runs_twice(cast: Any) -> None:
    last_monday = week_start_of(today()) - datetime.timedelta(days=7)
    add(cast.lead, "direct", 90, last_monday)
    add(cast.lead, "recording", 30, last_monday)

    tasks.send_weekly_digests()
    tasks.send_weekly_digests()

    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([cast.manager.email, cast.other_manager.email])
    assert WeeklyDigestSent.objects.count() == 2
    digest = next(m for m in mail.outbox if m.to == [cast.manager.email])
    assert "Norwich North" in digest.body
    assert f"in the week beginning {last_monday.day} " in digest.body
    assert "Directly with families: 75.0%" in digest.body
    assert "Recording and admin: 25.0%" in digest.body
    assert "Recorded no time: Colin Colleague" in digest.body
    other = next(m for m in mail.outbox if m.to == [cast.other_manager.email])
    assert "No time was recorded last week." in other.body and "Lena" not in other.body


def test_next_week_sends_again(cast: Any) -> None:
    tasks.send_weekly_digests()
    next_monday = today() + datetime.timedelta(days=7)
    with mock.patch("reports.tasks.today", return_value=next_monday):
        tasks.send_weekly_digests()
    assert len([m for m in mail.outbox if m.to == [cast.manager.email]]) == 2


def test_a_failed_send_is_retried_next_run(cast: Any) -> None:
    with (
        mock.patch("reports.services.send_templated_email", side_effect=OSError("mail server down")),
        contextlib.suppress(OSError),
    ):
        tasks.send_weekly_digest(cast.manager.pk, week_start_of(today()).isoformat())
    assert not WeeklyDigestSent.objects.exists()
    assert tasks.send_weekly_digest(cast.manager.pk, week_start_of(today()).isoformat()) is True
    assert len(mail.outbox) == 1


def test_workers_and_strangers_get_no_digest(cast: Any) -> None:
    factories.lead(cast.team)
    tasks.send_weekly_digests()
    recipients = {m.to[0] for m in mail.outbox}
    assert cast.lead.email not in recipients and cast.admin.email not in recipients
