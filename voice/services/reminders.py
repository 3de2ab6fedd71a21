"""Reminders before each open deadline and escalation when one is missed (ADR 008, decision 3): a
complaint's clocks, and a suggestion's acknowledgement.

Each is sent once: the Deadline row records when (`reminded_at`, `escalated_at`), written in the same
transaction as the sending under a row lock, so a second run, or two workers at once, send nothing more.
Staff emails name the reference and what is due, never what the complaint or suggestion says.
"""

import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.calendar import today, working_days_between
from core.email import send_templated_email
from core.history import save_with_actor
from staff.models import User
from voice.models import Complaint, Deadline, Suggestion

CLOSED = (Complaint.Status.CLOSED, Complaint.Status.WITHDRAWN)


def _open_deadlines() -> Any:
    """Deadlines not yet met on an open complaint, or on a suggestion not yet acknowledged."""
    open_complaint = Q(complaint__isnull=False) & ~Q(complaint__status__in=CLOSED)
    waiting_suggestion = Q(suggestion__status=Suggestion.Status.RECEIVED)
    return (
        Deadline.objects.filter(met_on__isnull=True)
        .filter(open_complaint | waiting_suggestion)
        .select_related("complaint", "suggestion__responsible", "stage__responsible")
    )


def _complaints_managers() -> list[User]:
    return list(User.objects.filter(role=User.Role.COMPLAINTS_MANAGER, is_active=True).exclude(email=""))


def _responsible(deadline: Deadline) -> User | None:
    if deadline.suggestion is not None:
        return deadline.suggestion.responsible
    stage = deadline.stage or deadline.complaint.stages.filter(number=1).first()  # type: ignore[union-attr]
    return stage.responsible if stage is not None else None


def _who_to_remind(deadline: Deadline) -> list[User]:
    """The responsible person; before anyone is named (an acknowledgement), the complaints managers."""
    person = _responsible(deadline)
    if person is not None and person.email:
        return [person]
    return _complaints_managers()


def _about(deadline: Deadline) -> dict[str, str]:
    """What the emails name: the record's reference, the sentence that says what is due, and its link."""
    values = {"what": str(deadline.get_kind_display()), "date": f"{deadline.due_on:%d/%m/%Y}"}
    if deadline.suggestion is not None:
        reference = deadline.suggestion.reference
        return {
            "reference": reference,
            "due": _('Suggestion %(reference)s: "%(what)s" is due by %(date)s.')
            % {**values, "reference": reference},
            "missed": _('Suggestion %(reference)s: "%(what)s" was due by %(date)s and has not been done.')
            % {**values, "reference": reference},
            "subject_due": _("Suggestion %(reference)s: due %(date)s") % {**values, "reference": reference},
            "subject_missed": _("Suggestion %(reference)s: a deadline was missed") % {"reference": reference},
            "open": _("Open the suggestion: %(link)s"),
            "link": reverse("suggestions:detail", args=[reference]),
        }
    reference = deadline.complaint.reference  # type: ignore[union-attr]
    return {
        "reference": reference,
        "due": _('Complaint %(reference)s: "%(what)s" is due by %(date)s.')
        % {**values, "reference": reference},
        "missed": _('Complaint %(reference)s: "%(what)s" was due by %(date)s and has not been done.')
        % {**values, "reference": reference},
        "subject_due": _("Complaint %(reference)s: due %(date)s") % {**values, "reference": reference},
        "subject_missed": _("Complaint %(reference)s: a deadline was missed") % {"reference": reference},
        "open": _("Open the complaint: %(link)s"),
        "link": reverse("complaints:detail", args=[reference]),
    }


def _send(deadline: Deadline, people: list[User], template: str, subject_key: str) -> None:
    about = _about(deadline)
    link = settings.SITE_URL.rstrip("/") + about["link"]
    for person in people:
        send_templated_email(
            to=[person.email],
            subject=about[subject_key],
            text_template=template,
            context={
                "deadline": deadline,
                "person": person,
                "about": about,
                "open_line": about["open"] % {"link": link},
                "responsible": _responsible(deadline),
            },
        )


def _remind(pk: int) -> bool:
    with transaction.atomic():
        deadline = _open_deadlines().select_for_update(of=("self",)).filter(pk=pk, reminded_at=None).first()
        if deadline is None:
            return False
        deadline.reminded_at = timezone.now()
        save_with_actor(deadline, actor=None, reason="Reminder sent")
        _send(deadline, _who_to_remind(deadline), "voice/email/deadline_reminder.txt", "subject_due")
    return True


def _escalate(pk: int) -> bool:
    with transaction.atomic():
        deadline = _open_deadlines().select_for_update(of=("self",)).filter(pk=pk, escalated_at=None).first()
        if deadline is None:
            return False
        deadline.escalated_at = timezone.now()
        save_with_actor(deadline, actor=None, reason="Missed deadline escalated")
        _send(deadline, _complaints_managers(), "voice/email/deadline_escalated.txt", "subject_missed")
    return True


def deadlines_check(*, on: datetime.date | None = None) -> tuple[int, int]:
    """Remind before, and escalate after, every open deadline; returns (reminded, escalated)."""
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
