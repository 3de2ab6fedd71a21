import datetime
from typing import Any

from django.core import mail

from core.calendar import add_working_days
from plans import reminders, services
from plans.models import Goal, Plan, ReminderSent
from tests import factories

MONDAY = datetime.date(2026, 12, 21)  # the week of Christmas: 25 and 28 December are bank holidays


def _plan_with_review(cast: Any, family: Any, review_on: datetime.date, domain: Any) -> Plan:
    plan = services.plan_create(
        actor=cast.lead, family=family, started_on=review_on - datetime.timedelta(weeks=6)
    )
    assert plan.next_review_on == review_on
    services.goal_add(actor=cast.lead, plan=plan, domain=domain, text="A goal")
    return plan


def test_one_email_per_worker_per_day_listing_reviews_due_and_overdue_actions(
    cast: Any, domain: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr("core.calendar.today", lambda: MONDAY)
    within = add_working_days(MONDAY, 5)
    assert within == datetime.date(2026, 12, 30)  # bank holidays are not working days
    soon = _plan_with_review(cast, cast.family, datetime.date(2026, 12, 29), domain)
    later_family = factories.family(lead_practitioner=cast.lead, name="Later family")
    _plan_with_review(cast, later_family, datetime.date(2026, 12, 31), domain)
    goal = Goal.objects.get(plan=soon)
    services.action_add(
        actor=cast.lead,
        goal=goal,
        text="Overdue call",
        owner_worker=cast.lead,
        due_on=MONDAY - datetime.timedelta(days=1),
    )
    services.action_add(actor=cast.lead, goal=goal, text="Due today", owner_worker=cast.lead, due_on=MONDAY)
    services.action_add(
        actor=cast.lead,
        goal=goal,
        text="Done late",
        owner_worker=cast.lead,
        due_on=MONDAY - datetime.timedelta(days=3),
        status="done",
    )
    quiet_lead = factories.lead(cast.team, first_name="Quinn")
    factories.family(lead_practitioner=quiet_lead, name="Quiet family")

    assert reminders.reminders_send(on=MONDAY) == 1
    assert reminders.reminders_send(on=MONDAY) == 0  # the second run of the day sends nothing
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [cast.lead.email]
    assert "Taylor family" in email.body and "29 December 2026" in email.body
    assert "Later family" not in email.body
    assert "Overdue call" in email.body
    assert "Due today" not in email.body and "Done late" not in email.body
    assert ReminderSent.objects.get().worker == cast.lead
    assert reminders.reminders_send(on=MONDAY + datetime.timedelta(days=1)) == 1  # a new day, a new email


def test_nothing_is_sent_when_there_is_nothing_to_say(cast: Any, plan: Plan) -> None:
    assert reminders.reminders_send(on=plan.started_on) == 0
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()


def test_the_beat_task_is_scheduled_every_morning(settings: Any) -> None:
    entry = settings.CELERY_BEAT_SCHEDULE["plans-morning-reminders"]
    assert entry["task"] == "plans.tasks.send_morning_reminders"
    from plans.tasks import send_morning_reminders

    assert send_morning_reminders.name == "plans.tasks.send_morning_reminders"
