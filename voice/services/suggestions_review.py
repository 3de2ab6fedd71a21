"""Suggestions on the staff side (seed 004): recorded from a call or a conversation, a responsible person
named, acknowledged, put on a review meeting and decided; the decision is sent back to the person, once,
if they left a way to reach them (`voice.services.replies.send_reply`).

Every write locks the suggestion's row and refuses a step that no longer fits its state, so two people
deciding at once, or a form sent twice, write once."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.calendar import today
from core.history import save_with_actor
from voice.models import Channel, Deadline, Reply, ReviewMeeting, Suggestion
from voice.services.suggestions import receive_suggestion

# Where each way of hearing back needs its contact detail.
CONTACT_FIELD = {Channel.EMAIL: "email", Channel.TEXT: "phone", Channel.LETTER: "address"}
OPEN = (Suggestion.Status.RECEIVED, Suggestion.Status.ACKNOWLEDGED)


def _check_contact(suggestion: Suggestion) -> None:
    field = CONTACT_FIELD.get(suggestion.reply_channel)  # type: ignore[call-overload]
    if field and not str(getattr(suggestion, field)).strip():
        messages = {
            "email": _("Enter an email address, or choose another way to hear back"),
            "phone": _("Enter a mobile phone number, or choose another way to hear back"),
            "address": _("Enter a postal address, or choose another way to hear back"),
        }
        raise ValidationError({field: messages[field]})


def may_be_named(user: Any) -> bool:
    """Who may be responsible for a suggestion: an active member of staff who works here (no family
    member, no partner-agency worker, no administrator)."""
    return bool(
        user is not None
        and user.is_active
        and user.role in (user.Role.LEAD_PRACTITIONER, user.Role.TEAM_MANAGER, user.Role.COMPLAINTS_MANAGER)
    )


def _locked(suggestion: Suggestion) -> Suggestion:
    return Suggestion.objects.select_for_update().get(pk=suggestion.pk)


@transaction.atomic
def suggestion_record(*, actor: Any, **fields: Any) -> Suggestion:
    """A suggestion a member of staff took down from a call, a letter or a conversation: received as any
    other is (voice.services.suggestions), once its way of hearing back has its contact detail."""
    _check_contact(Suggestion(**fields))
    return receive_suggestion(actor=actor, **fields)


@transaction.atomic
def suggestion_name_responsible(*, actor: Any, suggestion: Suggestion, responsible: Any) -> Suggestion:
    suggestion = _locked(suggestion)
    if suggestion.status not in OPEN:
        raise ValidationError(_("This suggestion has been decided: its responsible person cannot change."))
    if not may_be_named(responsible):
        raise ValidationError({"responsible": _("Choose a member of staff who works here")})
    suggestion.responsible = responsible
    save_with_actor(suggestion, actor=actor, reason="Responsible person named")
    return suggestion


@transaction.atomic
def suggestion_acknowledge(*, actor: Any, suggestion: Suggestion) -> Suggestion:
    """Acknowledge the suggestion (its clock is met) and tell the person, once, if they asked to hear."""
    suggestion = _locked(suggestion)
    if suggestion.status != Suggestion.Status.RECEIVED:
        raise ValidationError(_("This suggestion has already been acknowledged."))
    if suggestion.responsible_id is None:
        raise ValidationError(_("Name the responsible person before you acknowledge the suggestion."))
    suggestion.status = Suggestion.Status.ACKNOWLEDGED
    suggestion.acknowledged_at = timezone.now()
    save_with_actor(suggestion, actor=actor, reason="Suggestion acknowledged")
    for deadline in suggestion.deadlines.filter(kind=Deadline.Kind.SUGGESTION_ACK, met_on=None):
        deadline.met_on = today()
        save_with_actor(deadline, actor=actor, reason="Suggestion acknowledged")
    pk = suggestion.pk
    transaction.on_commit(lambda: _send(pk, "suggestion_acknowledged"))
    return suggestion


def _send(pk: int, kind: str) -> None:
    from voice.tasks import send_suggestion_outcome, send_suggestion_reply

    if kind == "suggestion_decided":
        send_suggestion_outcome.delay(pk)
    else:
        send_suggestion_reply.delay(pk, kind, f"suggestion-{pk}-{kind.removeprefix('suggestion_')}")


@transaction.atomic
def meeting_create(*, actor: Any, held_on: Any, notes: str = "") -> ReviewMeeting:
    meeting = ReviewMeeting(held_on=held_on, chair=actor, notes=notes)
    meeting.full_clean()
    save_with_actor(meeting, actor=actor, reason="Review meeting arranged")
    return meeting


@transaction.atomic
def meeting_add_suggestions(
    *, actor: Any, meeting: ReviewMeeting, suggestions: list[Suggestion]
) -> list[Suggestion]:
    """Put undecided suggestions on the meeting's list: all of them or, if one has been decided or put on
    another meeting meanwhile, none."""
    if not suggestions:
        raise ValidationError({"suggestions": _("Choose at least one suggestion")})
    locked = list(Suggestion.objects.select_for_update().filter(pk__in=[s.pk for s in suggestions]))
    taken = [s.reference for s in locked if s.status not in OPEN or s.meeting_id not in (None, meeting.pk)]
    if taken or len(locked) != len(suggestions):
        raise ValidationError(
            _("%(references)s cannot be added: already decided or on another meeting.")
            % {"references": ", ".join(taken) or _("A suggestion")}
        )
    for suggestion in locked:
        suggestion.meeting = meeting
        save_with_actor(suggestion, actor=actor, reason=f"Put on the review meeting of {meeting}")
    return locked


@transaction.atomic
def suggestion_decide(*, actor: Any, suggestion: Suggestion, decision: str, outcome: str) -> Suggestion:
    """Record the meeting's decision and what will be done (or why not); the person hears of it after
    commit, by the way they chose, if they left one."""
    suggestion = _locked(suggestion)
    if suggestion.status not in OPEN:
        raise ValidationError(_("This suggestion has already been decided."))
    if suggestion.meeting_id is None:
        raise ValidationError(_("Put the suggestion on a review meeting before you record a decision."))
    if decision not in Suggestion.Decision.values:
        raise ValidationError({"decision": _("Choose what the meeting decided")})
    if not outcome.strip():
        raise ValidationError({"outcome": _("Say what we will do, or why we will not")})
    suggestion.decision = decision
    suggestion.outcome = outcome.strip()
    suggestion.status = Suggestion.Status.DECIDED
    save_with_actor(suggestion, actor=actor, reason="Decided at the review meeting")
    pk = suggestion.pk
    transaction.on_commit(lambda: _send(pk, "suggestion_decided"))
    return suggestion


@transaction.atomic
def suggestion_outcome_send(*, suggestion_id: int) -> Reply | None:
    """Send the decision to the person (once: the reply's key) and mark the suggestion answered. Nothing
    is sent to a person who left no way to reach them; the suggestion stays decided."""
    from voice.services.replies import public_link, send_reply

    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion_id)
    if suggestion.status != Suggestion.Status.DECIDED:
        return None
    reply = send_reply(
        suggestion,
        kind="suggestion_decided",
        key=f"suggestion-{suggestion.pk}-decided",
        context={"changes_link": public_link("/have-your-say/you-said-we-did/")},
    )
    if reply is not None:
        suggestion.status = Suggestion.Status.ANSWERED
        suggestion.answered_at = reply.sent_at
        save_with_actor(suggestion, actor=None, reason="Outcome sent")
    return reply
