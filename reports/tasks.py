"""Background work for reports. Tasks take ids (never model instances) and call a service."""

import datetime

from celery import shared_task

from core.calendar import today
from reports import services
from staff.models import User
from timesheets.selectors import week_start_of


@shared_task(acks_late=True)
def send_weekly_digests() -> int:
    """Monday morning (beat): one digest task per team manager for the week that starts today."""
    week_start = week_start_of(today())
    managers = services.digest_managers()
    for manager in managers:
        send_weekly_digest.delay(manager.pk, week_start.isoformat())
    return len(managers)


@shared_task(acks_late=True)
def send_weekly_digest(manager_id: int, week_start: str) -> bool:
    manager = User.objects.get(pk=manager_id)
    return services.weekly_digest_send(manager=manager, week_start=datetime.date.fromisoformat(week_start))
