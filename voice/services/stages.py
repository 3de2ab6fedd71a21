"""Moving a complaint through its stages (Children Act 1989 representations procedure), one action each.

Every action is atomic, locks the complaint's row (two staff acting at once act one after the other),
writes history naming who acted and why, and moves only the clocks it concerns: an extension moves the
stage's response clock to its latest day, a by-pass stops the by-passed stage's clock and starts the
next stage's, a decision stops the stage's clock. The complainant is told through `send_reply`, after
commit, so a rolled-back action tells no one.
"""

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.calendar import today
from core.history import save_with_actor
from voice.models import Complaint, Deadline, Language, Stage
from voice.selectors import may_be_responsible
from voice.services import clocks

# What is due at each stage when it starts (stage 3's later clocks open as the panel meets and reports).
STAGE_STATUS = {1: Complaint.Status.STAGE_1, 2: Complaint.Status.STAGE_2, 3: Complaint.Status.STAGE_3}


def _locked(complaint: Complaint) -> Complaint:
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if not locked.is_open:
        raise ValidationError(_("This complaint is closed: nothing more can be done on it."))
    return locked


def _current(complaint: Complaint) -> Stage:
    stage = complaint.stages.order_by("-number").first()
    if stage is None:  # every complaint starts with stage 1 (voice/services/complaints.py)
        raise ValidationError(_("This complaint has no stage."))
    return stage


def _tell(complaint: Complaint, kind: str, key: str, context: dict[str, Any] | None = None) -> None:
    """Queue the reply once the action is safe; dates travel as ISO text (voice.tasks.send_stage_reply)."""
    from voice.tasks import send_stage_reply

    pk = complaint.pk
    sent = {k: v.isoformat() if isinstance(v, datetime.date) else str(v) for k, v in (context or {}).items()}
    transaction.on_commit(lambda: send_stage_reply.delay(pk, kind, key, sent))


def _redress(complaint: Complaint) -> str:
    """The Ombudsman, mediation and legal redress, and their time limits, in the complainant's language."""
    if complaint.language == Language.WELSH:
        return str(settings.VOICE_REDRESS_TEXT_CY)
    return str(settings.VOICE_REDRESS_TEXT)


def _stop_clocks(stage: Stage, *, actor: Any, reason: str, on: datetime.date | None = None) -> None:
    for deadline in stage.deadlines.filter(met_on__isnull=True):
        deadline.met_on = on or today()
        save_with_actor(deadline, actor=actor, reason=reason)


def _check_responsible(person: Any, complaint: Complaint, stage_number: int) -> None:
    if person is None or not may_be_responsible(person, complaint):
        raise ValidationError(
            {
                "responsible": _(
                    "%(name)s cannot be named: they are not detached from the complaint (it is about "
                    "them or their team) or they cannot handle complaints. Choose someone else."
                )
                % {"name": person.get_full_name() if person is not None else _("This person")}
            }
        )
    if stage_number == 2 and complaint.stages.filter(number=1, responsible=person).exists():
        raise ValidationError(
            {
                "responsible": _(
                    "The stage 2 investigator must be independent: choose someone who did not handle stage 1."
                )
            }
        )


@transaction.atomic
def stage_name_responsible(*, actor: Any, complaint: Complaint, person: Any) -> Stage:
    """Name the responsible person of the current stage. Naming stage 1's acknowledges the complaint: the
    complainant is told who is looking into it and by when they will have an answer."""
    complaint = _locked(complaint)
    stage = _current(complaint)
    _check_responsible(person, complaint, stage.number)
    stage.responsible = person
    save_with_actor(stage, actor=actor, reason="Responsible person named")
    if stage.number == 1 and complaint.acknowledged_at is None:
        complaint.acknowledged_at = timezone.now()
        complaint.status = Complaint.Status.STAGE_1
        save_with_actor(complaint, actor=actor, reason="Complaint acknowledged")
        for deadline in complaint.deadlines.filter(kind=Deadline.Kind.ACKNOWLEDGE, met_on__isnull=True):
            deadline.met_on = today()
            save_with_actor(deadline, actor=actor, reason="Complaint acknowledged")
        respond = stage.deadlines.filter(kind=Deadline.Kind.RESPOND).first()
        told: dict[str, Any] = {"responsible": person.get_full_name()}
        if respond is not None:
            told["due_on"] = respond.due_on
        _tell(complaint, "complaint_acknowledged", f"complaint-{complaint.pk}-acknowledged", told)
    return stage


@transaction.atomic
def stage_extend(*, actor: Any, complaint: Complaint, reason: str) -> Deadline:
    """Extend the current stage's response clock to the latest the procedure allows (stage 1: 20 working
    days, stage 2: 65), with the reason recorded, and tell the complainant the new date."""
    complaint = _locked(complaint)
    stage = _current(complaint)
    if not reason.strip():
        raise ValidationError({"reason": _("Enter why the stage needs more time.")})
    deadline = stage.deadlines.filter(kind=Deadline.Kind.RESPOND, met_on__isnull=True).first()
    if deadline is None or deadline.latest_on is None:
        raise ValidationError(_("This stage's clock cannot be extended."))
    if deadline.extended:
        raise ValidationError(_("This stage has already been extended to the longest the procedure allows."))
    deadline.due_on = deadline.latest_on
    deadline.extended = True
    deadline.extension_reason = reason.strip()
    deadline.reminded_at = None  # a reminder is owed before the new date
    save_with_actor(deadline, actor=actor, reason=f"Extended: {reason.strip()}"[:100])
    _tell(
        complaint,
        "stage_extended",
        f"complaint-{complaint.pk}-stage-{stage.number}-extended",
        {"stage": stage.number, "due_on": deadline.due_on, "reason": deadline.extension_reason},
    )
    return deadline


@transaction.atomic
def stage_decide(
    *, actor: Any, complaint: Complaint, outcome: str, decision: str, feedback: str, decided_on: datetime.date
) -> Stage:
    """Record the current stage's decision, outcome and the feedback given, and stop its clocks. The
    complainant is sent the decision and, from stage 1 on, told of the Ombudsman, mediation and legal
    redress and their time limits. Stage 3's decision is the final response: the complaint closes."""
    complaint = _locked(complaint)
    stage = _current(complaint)
    if stage.decided_on or stage.bypassed:
        raise ValidationError(_("This stage has already been decided."))
    if stage.number == 3 and stage.deadlines.filter(kind=Deadline.Kind.FINAL_RESPONSE).count() == 0:
        raise ValidationError(_("Record the panel and its report before the final response."))
    if decided_on > today():
        raise ValidationError({"decided_on": _("The decision date must be today or in the past.")})
    stage.outcome, stage.decision, stage.feedback, stage.decided_on = outcome, decision, feedback, decided_on
    stage.full_clean()
    save_with_actor(stage, actor=actor, reason="Stage decided")
    _stop_clocks(stage, actor=actor, reason="Stage decided", on=decided_on)
    complaint.redress_told_at = complaint.redress_told_at or timezone.now()
    if stage.number == 3:
        complaint.status = Complaint.Status.CLOSED
        complaint.closed_at = timezone.now()
    save_with_actor(complaint, actor=actor, reason=f"Stage {stage.number} decided")
    with translation.override(complaint.language):
        outcome_label = str(stage.get_outcome_display())
    _tell(
        complaint,
        "stage_decided",
        f"complaint-{complaint.pk}-stage-{stage.number}-decided",
        {
            "stage": stage.number,
            "outcome": outcome_label,
            "feedback": feedback,
            "redress": _redress(complaint),
        },
    )
    return stage


def _start_stage(
    *, actor: Any, complaint: Complaint, number: int, responsible: Any, on: datetime.date
) -> Stage:
    _check_responsible(responsible, complaint, number)
    stage = Stage(complaint=complaint, number=number, started_on=on, responsible=responsible)
    save_with_actor(stage, actor=actor, reason=f"Stage {number} started")
    if number == 2:
        clocks.open_deadline(
            kind=Deadline.Kind.RESPOND,
            start=on,
            days=settings.VOICE_STAGE_2_WORKING_DAYS,
            max_days=settings.VOICE_STAGE_2_MAX_WORKING_DAYS,
            complaint=complaint,
            stage=stage,
        )
    else:
        clocks.open_deadline(
            kind=Deadline.Kind.PANEL,
            start=on,
            days=settings.VOICE_PANEL_WORKING_DAYS,
            complaint=complaint,
            stage=stage,
        )
    complaint.status = STAGE_STATUS[number]
    save_with_actor(complaint, actor=actor, reason=f"Stage {number} started")
    _tell(
        complaint,
        "stage_started",
        f"complaint-{complaint.pk}-stage-{number}-started",
        {"stage": number, "due_on": stage.deadlines.get().due_on},
    )
    return stage


@transaction.atomic
def stage_escalate(
    *, actor: Any, complaint: Complaint, responsible: Any, requested_on: datetime.date
) -> Stage:
    """The complainant asks for the next stage after a decision: stage 2 (an independent investigator,
    25 working days, at most 65) or stage 3 (a review panel within 30 working days of the request)."""
    complaint = _locked(complaint)
    stage = _current(complaint)
    if stage.number == 3:
        raise ValidationError(_("Stage 3 is the last stage."))
    if not stage.decided_on:
        raise ValidationError(_("Record this stage's decision first, or record that it was by-passed."))
    if requested_on > today() or requested_on < stage.decided_on:
        raise ValidationError({"requested_on": _("The date asked must be between the decision and today.")})
    return _start_stage(
        actor=actor, complaint=complaint, number=stage.number + 1, responsible=responsible, on=requested_on
    )


@transaction.atomic
def stage_bypass(*, actor: Any, complaint: Complaint, reason: str, responsible: Any) -> Stage:
    """The complainant by-passes the current stage because its responsible person is not detached from
    the cause: the stage's clock stops, marked by-passed with the reason, and the next stage starts today."""
    complaint = _locked(complaint)
    stage = _current(complaint)
    if stage.number == 3:
        raise ValidationError(_("Stage 3 is the last stage: it cannot be by-passed."))
    if stage.decided_on or stage.bypassed:
        raise ValidationError(_("This stage is already over: ask for the next stage instead."))
    if not reason.strip():
        raise ValidationError({"reason": _("Enter why the complainant by-passed this stage.")})
    stage.bypassed, stage.bypass_reason = True, reason.strip()
    save_with_actor(stage, actor=actor, reason=f"By-passed: {reason.strip()}"[:100])
    _stop_clocks(stage, actor=actor, reason="Stage by-passed")
    return _start_stage(
        actor=actor, complaint=complaint, number=stage.number + 1, responsible=responsible, on=today()
    )


@transaction.atomic
def panel_held(*, actor: Any, complaint: Complaint, held_on: datetime.date) -> Deadline:
    """Stage 3's review panel met: its clock stops and the report's (5 working days) starts."""
    complaint = _locked(complaint)
    stage = _current(complaint)
    panel = stage.deadlines.filter(kind=Deadline.Kind.PANEL, met_on__isnull=True).first()
    if stage.number != 3 or panel is None:
        raise ValidationError(_("There is no review panel waiting to be held."))
    if held_on > today() or held_on < stage.started_on:
        raise ValidationError({"held_on": _("The panel date must be between the request and today.")})
    panel.met_on = held_on
    save_with_actor(panel, actor=actor, reason="Review panel held")
    return clocks.open_deadline(
        kind=Deadline.Kind.PANEL_REPORT,
        start=held_on,
        days=settings.VOICE_PANEL_REPORT_WORKING_DAYS,
        complaint=complaint,
        stage=stage,
    )


@transaction.atomic
def panel_reported(*, actor: Any, complaint: Complaint, reported_on: datetime.date) -> Deadline:
    """The panel's report was sent: its clock stops and the final response's (15 working days) starts."""
    complaint = _locked(complaint)
    stage = _current(complaint)
    report = stage.deadlines.filter(kind=Deadline.Kind.PANEL_REPORT, met_on__isnull=True).first()
    if stage.number != 3 or report is None:
        raise ValidationError(_("There is no panel report waiting to be sent."))
    held = stage.deadlines.get(kind=Deadline.Kind.PANEL).met_on
    if reported_on > today() or (held and reported_on < held):
        raise ValidationError({"reported_on": _("The report date must be between the panel and today.")})
    report.met_on = reported_on
    save_with_actor(report, actor=actor, reason="Panel report sent")
    return clocks.open_deadline(
        kind=Deadline.Kind.FINAL_RESPONSE,
        start=reported_on,
        days=settings.VOICE_FINAL_RESPONSE_WORKING_DAYS,
        complaint=complaint,
        stage=stage,
    )


@transaction.atomic
def complaint_close(*, actor: Any, complaint: Complaint, withdrawn: bool, reason: str) -> Complaint:
    """Close a complaint (the complainant is content with a decision) or record that they withdrew it:
    every open clock stops, with the reason."""
    complaint = _locked(complaint)
    stage = _current(complaint)
    if not reason.strip():
        raise ValidationError({"reason": _("Enter why the complaint is being closed.")})
    if not withdrawn and not stage.decided_on:
        raise ValidationError(_("Record the current stage's decision before closing the complaint."))
    if withdrawn and not stage.decided_on and not stage.bypassed:
        stage.outcome, stage.decided_on = Stage.Outcome.WITHDRAWN, today()
        save_with_actor(stage, actor=actor, reason="Complaint withdrawn")
    for deadline in complaint.deadlines.filter(met_on__isnull=True):
        deadline.met_on = today()
        save_with_actor(
            deadline, actor=actor, reason="Complaint withdrawn" if withdrawn else "Complaint closed"
        )
    complaint.status = Complaint.Status.WITHDRAWN if withdrawn else Complaint.Status.CLOSED
    complaint.closed_at = timezone.now()
    save_with_actor(complaint, actor=actor, reason=reason.strip()[:100])
    return complaint
