import datetime
from typing import Any
from unittest import mock

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail import EmailMultiAlternatives

from directory import selectors, services, tasks
from directory.models import Service, StaleReminder
from tests import factories
from tests.directory import factories as df

MONDAY = datetime.date(2026, 11, 23)


def test_months_before_handles_short_months() -> None:
    assert selectors.months_before(datetime.date(2026, 8, 31), 6) == datetime.date(2026, 2, 28)
    assert selectors.months_before(datetime.date(2026, 3, 15), 6) == datetime.date(2025, 9, 15)


def test_the_staleness_period_is_configurable(owner: Any, settings: Any) -> None:
    df.service(owner=owner, name="Four months", reviewed=selectors.months_before(MONDAY, 4))
    assert not selectors.stale_services(today=MONDAY).exists()
    settings.DIRECTORY_STALE_AFTER_MONTHS = 3
    assert [s.name for s in selectors.stale_services(today=MONDAY)] == ["Four months"]


def test_the_weekly_job_is_scheduled() -> None:
    entry = settings.CELERY_BEAT_SCHEDULE["directory-stale-entries"]
    assert entry["task"] == tasks.stale_entries_remind.name


@pytest.fixture
def two_owners(owner: Any) -> tuple[Any, Any]:
    other = factories.lead(owner.team, first_name="Otis", email="otis@council.example")
    old = selectors.months_before(MONDAY, 7)
    df.service(owner=owner, name="Food bank", reviewed=old)
    df.service(owner=owner, name="Debt advice", reviewed=old - datetime.timedelta(days=40))
    df.service(owner=owner, name="Fresh club", reviewed=MONDAY)
    df.service(owner=owner, name="Gone for good", reviewed=old, status=Service.Status.DEFUNCT)
    df.service(owner=other, name="Youth club", reviewed=old)
    return owner, other


def test_each_owner_gets_one_list_of_their_stale_entries(two_owners: Any) -> None:
    owner, other = two_owners
    assert services.stale_reminders_send(today=MONDAY) == 2
    assert len(mail.outbox) == 2
    by_person = {m.to[0]: m for m in mail.outbox}
    olive = by_person[owner.email]
    assert olive.subject == "2 directory entries are due a review"
    assert "Debt advice" in olive.body and "Food bank" in olive.body
    assert (
        "Fresh club" not in olive.body
        and "Gone for good" not in olive.body
        and "Youth club" not in olive.body
    )
    assert olive.body.index("Debt advice") < olive.body.index("Food bank")  # oldest review first
    assert "Food bank" in olive.alternatives[0][0]
    assert by_person[other.email].subject == "1 directory entry is due a review"


def test_it_sends_once_per_owner_per_week_however_often_it_runs(two_owners: Any) -> None:
    services.stale_reminders_send(today=MONDAY)
    services.stale_reminders_send(today=MONDAY)
    services.stale_reminders_send(today=MONDAY + datetime.timedelta(days=4))  # later the same week
    assert len(mail.outbox) == 2
    services.stale_reminders_send(today=MONDAY + datetime.timedelta(days=7))  # the next week: again
    assert len(mail.outbox) == 4
    assert StaleReminder.objects.count() == 4


def test_a_failed_send_is_tried_again_on_the_next_run(two_owners: Any) -> None:
    owner, other = two_owners
    real_send = EmailMultiAlternatives.send

    def olive_mail_is_down(message: Any, *args: Any, **kwargs: Any) -> int:
        if message.to == [owner.email]:
            raise ConnectionError("mail down")
        return real_send(message, *args, **kwargs)

    with (
        mock.patch.object(EmailMultiAlternatives, "send", olive_mail_is_down),
        pytest.raises(services.ReminderDeliveryError),
    ):
        services.stale_reminders_send(today=MONDAY)
    assert [m.to for m in mail.outbox] == [[other.email]]  # the others still get theirs
    assert not StaleReminder.objects.filter(owner=owner).exists()
    services.stale_reminders_send(today=MONDAY)
    assert [m.to for m in mail.outbox] == [[other.email], [owner.email]]


def test_reviewed_entries_are_not_chased(two_owners: Any) -> None:
    owner, other = two_owners
    youth = Service.objects.get(name="Youth club")
    services.service_mark_reviewed(actor=other, service=youth)
    services.stale_reminders_send(today=MONDAY)
    assert [m.to for m in mail.outbox] == [[owner.email]]


def test_the_task_runs_the_service(two_owners: Any) -> None:
    assert tasks.stale_entries_remind.delay().get() >= 0
    assert tasks.stale_entries_remind.delay().get() == 0  # the same week: nothing more
