"""The weekly email to each owner listing their directory entries due a review (directory/tasks.py runs it).

Re-exported by directory/services.py, the directory's write path.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.calendar import today as local_today
from core.email import send_templated_email
from directory import selectors
from directory.models import Service, StaleReminder
from staff.models import User

logger = logging.getLogger(__name__)


class ReminderDeliveryError(Exception):
    """Some owners' weekly reminders could not be sent (they are retried on the next run)."""


def _week_starting(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def stale_reminders_send(*, today: datetime.date | None = None) -> int:
    """Email each owner ONE list of their entries due a review; at most once per owner per week.

    Safe to run any number of times (a retried task, two beat schedulers): the (owner, week) row is
    locked while the email goes, and a week already sent is skipped. Returns how many emails were sent.
    """
    today = today or local_today()
    week = _week_starting(today)
    by_owner: dict[int, list[Service]] = {}
    for service in selectors.stale_services(today=today):
        by_owner.setdefault(service.owner_id, []).append(service)
    sent, failed = 0, []
    for services in by_owner.values():
        owner = services[0].owner
        if not owner.is_active or not owner.email:
            continue
        try:
            if _remind_owner(owner=owner, services=services, week=week):
                sent += 1
        except Exception:
            # One owner's mail failing must not stop the others'; their row rolled back, so the next
            # run tries them again.
            logger.exception("Stale-entry reminder to user %s failed", owner.pk)
            failed.append(owner.pk)
    if failed:
        raise ReminderDeliveryError(f"Stale-entry reminders failed for {len(failed)} owner(s); sent {sent}.")
    return sent


@transaction.atomic
def _remind_owner(*, owner: User, services: list[Service], week: datetime.date) -> bool:
    StaleReminder.objects.get_or_create(owner=owner, week_starting=week)
    reminder = StaleReminder.objects.select_for_update().get(owner=owner, week_starting=week)
    if reminder.sent_at is not None:
        return False
    context = {
        "owner": owner,
        "services": services,
        "months": settings.DIRECTORY_STALE_AFTER_MONTHS,
        "list_url": settings.SITE_URL.rstrip("/") + reverse("directory:manage") + "?stale=1&mine=1",
        "site_url": settings.SITE_URL.rstrip("/"),
    }
    subject = (
        _("%(count)s directory entry is due a review")
        if len(services) == 1
        else _("%(count)s directory entries are due a review")
    ) % {"count": len(services)}
    # Sent while the row is locked: a failure rolls the row back, so next run tries again.
    send_templated_email(
        to=[owner.email],
        subject=subject,
        text_template="directory/email/stale_entries.txt",
        html_template="directory/email/stale_entries.html",
        context=context,
    )
    reminder.sent_at = timezone.now()
    reminder.service_count = len(services)
    reminder.save(update_fields=["sent_at", "service_count"])
    return True
