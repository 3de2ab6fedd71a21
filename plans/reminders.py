"""The morning reminder: one email per lead worker, only when there is something to say, once a day."""

from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.calendar import add_working_days, today
from core.email import send_templated_email
from plans import selectors
from plans.models import ReminderSent
from staff.models import User


def reminders_send(*, on: Any = None) -> int:
    """Send today's reminders; returns how many emails went. Running it twice sends nothing more."""
    on = on or today()
    within = add_working_days(on, settings.PLAN_REMINDER_WORKING_DAYS)
    items = selectors.reminders_for_worker_day(on=on, within=within)
    workers = User.objects.filter(pk__in=items.keys(), is_active=True).exclude(email="")
    sent = 0
    for worker in workers:
        worker_items = items[worker.pk]
        if not worker_items["reviews"] and not worker_items["actions"]:
            continue
        if _send_one(worker=worker, on=on, within=within, **worker_items):
            sent += 1
    return sent


def _send_one(*, worker: User, on: Any, within: Any, reviews: list[Any], actions: list[Any]) -> bool:
    try:
        with transaction.atomic():
            # The log row is written first under a unique (worker, day) key: a second run, or a retried
            # task, fails here and sends nothing. If the email fails, the row rolls back with it.
            ReminderSent.objects.create(
                worker=worker, sent_on=on, reviews=len(reviews), overdue_actions=len(actions)
            )
            context = {
                "worker": worker,
                "reviews": reviews,
                "actions": actions,
                "today": on,
                "within": within,
                "site_url": settings.SITE_URL,
            }
            send_templated_email(
                to=[worker.email],
                subject=_("Power of One: %(reviews)s reviews due soon, %(actions)s overdue actions")
                % {"reviews": len(reviews), "actions": len(actions)},
                text_template="plans/email/morning_reminder.txt",
                context=context,
            )
    except IntegrityError:
        return False
    return True
