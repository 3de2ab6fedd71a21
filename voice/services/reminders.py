"""Reminders before each open complaint deadline and escalation when one is missed (ADR 008, decision 3).

Each is sent once: the Deadline row records when (`reminded_at`, `escalated_at`), written in the same
transaction as the sending under a row lock, so a second run, or two workers at once, send nothing more.
Staff emails name the reference and what is due, never what the complaint says.
"""

import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.calendar import today, working_days_between
from core.email import send_templated_email
from core.history import save_with_actor
from staff.models import User
from voice.models import Complaint, Deadline

CLOSED = (Complaint.Status.CLOSED, Complaint.Status.WITHDRAWN)


def _open_deadlines() -> Any:
    return (
        Deadline.objects.filter(met_on__isnull=True, complaint__isnull=False)
        .exclude(complaint__status__in=CLOSED)
        .select_related("complaint", "stage__responsible")
    )


def _complaints_managers() -> list[User]:
    return list(User.objects.filter(role=User.Role.COMPLAINTS_MANAGER, is_active=True).exclude(email=""))


def _who_to_remind(deadline: Deadline) -> list[User]:
    """The stage's responsible person; before anyone is named (the acknowledgement), the managers."""
    stage = deadline.stage or deadline.complaint.stages.filter(number=1).first()  # type: ignore[union-attr]
    if stage is not None and stage.responsible is not None and stage.responsible.email:
        return [stage.responsible]
    return _complaints_managers()


def _send(deadline: Deadline, people: list[User], template: str, subject: str) -> None:
    link = settings.SITE_URL.rstrip("/") + reverse("complaints:detail", args=[deadline.complaint.reference])  # type: ignore[union-attr]
    for person in people:
        send_templated_email(
            to=[person.email],
            subject=subject,
            text_template=template,
            context={"deadline": deadline, "person": person, "link": link},
        )


def _remind(pk: int) -> bool:
    with transaction.atomic():
        deadline = _open_deadlines().select_for_update(of=("self",)).filter(pk=pk, reminded_at=None).first()
        if deadline is None:
            return False
        deadline.reminded_at = timezone.now()
        save_with_actor(deadline, actor=None, reason="Reminder sent")
        _send(
            deadline,
            _who_to_remind(deadline),
            "voice/email/deadline_reminder.txt",
            _("Complaint %(reference)s: due %(date)s")
            % {"reference": deadline.complaint.reference, "date": f"{deadline.due_on:%d/%m/%Y}"},
        )
    return True


def _escalate(pk: int) -> bool:
    with transaction.atomic():
        deadline = _open_deadlines().select_for_update(of=("self",)).filter(pk=pk, escalated_at=None).first()
        if deadline is None:
            return False
        deadline.escalated_at = timezone.now()
        save_with_actor(deadline, actor=None, reason="Missed deadline escalated")
        _send(
            deadline,
            _complaints_managers(),
            "voice/email/deadline_escalated.txt",
            _("Complaint %(reference)s: a deadline was missed") % {"reference": deadline.complaint.reference},
        )
    return True


def deadlines_check(*, on: datetime.date | None = None) -> tuple[int, int]:
    """Remind before, and escalate after, every open complaint deadline; returns (reminded, escalated)."""
    day = on or today()
    reminded = escalated = 0
    for deadline in _open_deadlines():
        if deadline.due_on < day:
            escalated += _escalate(deadline.pk) if deadline.escalated_at is None else 0
        elif deadline.reminded_at is None and (
            working_days_between(day, deadline.due_on) <= settings.VOICE_REMINDER_WORKING_DAYS
        ):
            reminded += _remind(deadline.pk)
    return reminded, escalated
