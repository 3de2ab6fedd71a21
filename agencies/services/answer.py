"""An agency's answers to a referral (from the portal or the email link), and the one-time codes that
let someone holding the link read what the family shared. The links themselves are `agencies.links`."""

import datetime
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies import permissions
from agencies.models import AccessCode, OutboxMessage, ReferralResponse, ResponseEvent
from agencies.services import outbox
from core.calendar import today
from core.email import send_templated_email
from core.history import save_with_actor as _save
from families import signals as family_signals
from families.models import CaseNote
from plans import services as plan_services
from staff.models import User

Status = ReferralResponse.Status
# The answers a family is told of on their own pages (issue 11); "acknowledged" and questions are not news.
FAMILY_HEARS_OF = (Status.ACCEPTED, Status.DECLINED, Status.COMPLETED)


class AlreadyAnswered(ValidationError):
    """The response moved on since the page was shown (a replayed or stale form): nothing was written."""

    def __init__(self, response: ReferralResponse) -> None:
        super().__init__(
            _("This referral has already been answered: %(status)s.")
            % {"status": response.get_status_display()}
        )
        self.response = response


@dataclass(frozen=True)
class Answer:
    key: str
    status: str
    label: Any
    allowed_from: tuple[str, ...]
    note_field: str = ""
    note_required: Any = ""


OPEN_BEFORE_ACCEPT = (Status.SENT, Status.ACKNOWLEDGED, Status.MORE_INFO)
ANSWERS: dict[str, Answer] = {
    "acknowledge": Answer("acknowledge", Status.ACKNOWLEDGED, gettext_lazy("Acknowledge"), (Status.SENT,)),
    "accept": Answer("accept", Status.ACCEPTED, gettext_lazy("Accept"), OPEN_BEFORE_ACCEPT),
    "decline": Answer(
        "decline",
        Status.DECLINED,
        gettext_lazy("Decline"),
        OPEN_BEFORE_ACCEPT,
        "decline_reason",
        gettext_lazy("Give a reason for declining."),
    ),
    "more_info": Answer(
        "more_info",
        Status.MORE_INFO,
        gettext_lazy("Ask for more information"),
        (Status.SENT, Status.ACKNOWLEDGED),
        "question",
        gettext_lazy("Say what you need to know."),
    ),
    "complete": Answer(
        "complete",
        Status.COMPLETED,
        gettext_lazy("Record the outcome"),
        (Status.ACCEPTED,),
        "outcome",
        gettext_lazy("Describe the outcome."),
    ),
}

# How an answer moves the plan action it was linked to (None: keep its status, record the note).
ACTION_STATUS_FOR = {
    Status.ACKNOWLEDGED: None,
    Status.MORE_INFO: None,
    Status.ACCEPTED: "in_progress",
    Status.DECLINED: "stopped",
    Status.COMPLETED: "done",
}


def answers_available(response: ReferralResponse) -> list[Answer]:
    if not response.referral.is_open:
        return []
    return [a for a in ANSWERS.values() if response.status in a.allowed_from]


@transaction.atomic
def response_answer(
    *,
    actor: User | None,
    response: ReferralResponse,
    answer: str,
    note: str = "",
    reason: str | None = None,
    expected_status: str | None = None,
    via: str = ResponseEvent.Via.APP,
) -> ReferralResponse:
    """An agency answers: the status moves on, the family's chronology and the plan action follow,
    and the lead practitioner is told by email (through the outbox).

    `reason` is what an answer that needs one asks for (why declined, what is needed, the outcome), kept
    on the response; `note` is anything else the agency adds. Without a `reason` the note stands for it
    (the portal's older one-box forms). The event, chronology and plan action carry both."""
    spec = ANSWERS.get(answer)
    if spec is None:
        raise ValidationError({"answer": _("Choose an answer.")})
    response = (
        ReferralResponse.objects.select_for_update(of=("self",))
        .select_related("referral__family", "referral__sent_by", "agency", "action")
        .get(pk=response.pk)
    )
    kept, note = _answer_check(
        response=response, spec=spec, note=note, reason=reason, expected_status=expected_status
    )
    if spec.note_field:
        setattr(response, spec.note_field, kept)
    now = timezone.now()
    response.status = spec.status
    response.acknowledged_at = response.acknowledged_at or now
    response.answered_at = now
    by_link = via == ResponseEvent.Via.EMAIL_LINK
    reason = (
        _("Answered by %(agency)s from the email link") % {"agency": response.agency.name}
        if by_link
        else _("Answered by %(agency)s") % {"agency": response.agency.name}
    )
    _save(response, actor=actor, reason=reason)
    if response.is_closed:
        permissions.revoke_agency_access(response)
    event = ResponseEvent.objects.create(
        response=response, status=spec.status, note=note, actor=actor, via=via
    )
    _chronology_note(response=response, actor=actor, note=note, by_link=by_link, reason=reason)
    if response.action_id:
        _update_plan_action(response=response, actor=actor, note=note)
    _notify_lead(response=response, event=event)
    if response.status in FAMILY_HEARS_OF:
        family_signals.send_family_news(
            family=response.referral.family,
            kind=family_signals.REFERRAL_ANSWERED,
            key=f"response:{response.pk}:{response.status}",
            obj=response,
        )
    return response


def _answer_check(
    *, response: ReferralResponse, spec: Answer, note: str, reason: str | None, expected_status: str | None
) -> tuple[str, str]:
    """The answer still fits the response (locked by the caller); returns what the answer's own field
    keeps (the reason) and the whole note written to the event, the chronology and the plan action."""
    if expected_status is not None and response.status != expected_status:
        raise AlreadyAnswered(response)
    if not response.referral.is_open or response.status == Status.WITHDRAWN:
        raise ValidationError(
            _("This referral has been closed by the family's worker; it cannot be answered now.")
        )
    if response.status not in spec.allowed_from:
        raise AlreadyAnswered(response)
    note = (note or "").strip()
    if not spec.note_field:
        return "", note
    if reason is None:
        kept, whole = note, note
    else:
        kept = reason.strip()
        whole = "\n\n".join(part for part in (kept, note) if part)
    if not kept:
        raise ValidationError({spec.note_field: spec.note_required})
    return kept, whole


def _notify_lead(*, response: ReferralResponse, event: ResponseEvent) -> None:
    """The family's lead practitioner (or the referring worker) hears of the answer by email."""
    lead = response.referral.family.lead_practitioner or response.referral.sent_by
    if lead and lead.email:
        message = OutboxMessage.objects.create(
            kind=OutboxMessage.Kind.ANSWER_NOTICE,
            idempotency_key=f"response-event-{event.pk}-notice",
            response=response,
            event=event,
            to=[lead.email],
        )
        outbox.outbox_enqueue([message.pk])


def _chronology_note(
    *, response: ReferralResponse, actor: User | None, note: str, by_link: bool, reason: str
) -> None:
    """The family's chronology shows case notes; the answer is written there as a note.

    A case note needs an author. Signed in, that is the agency worker. From the email link nobody
    signed in, so the note is filed under the referring worker (it is their referral's answer), and the
    chronology names who answered and how (`written_by`: "Home-Start Family Support, by email link"); its history records no user and the reason, so the audit
    trail does not claim the worker wrote it.
    """
    referral = response.referral
    text = _("Referral %(number)s: %(agency)s – %(status)s%(how)s.") % {
        "number": referral.number,
        "agency": response.agency.name,
        "status": response.get_status_display().lower(),
        "how": _(" (answered from the email link)") if by_link else "",
    }
    if note:
        text += "\n" + note
    author = actor if actor is not None else referral.sent_by
    if by_link or actor is None:
        written_by = _("%(agency)s, by email link") % {"agency": response.agency.name}
    else:
        written_by = f"{actor.get_full_name() or actor.get_username()}, {response.agency.name}"
    case_note = CaseNote(
        family_id=referral.family_id,
        occurred_on=today(),
        kind=CaseNote.Kind.NOTE,
        text=text[:5000],
        author=author,
        written_by=written_by[:300],
    )
    _save(case_note, actor=actor, reason=reason)


def _update_plan_action(*, response: ReferralResponse, actor: User | None, note: str) -> None:
    action = response.action
    assert action is not None
    status = ACTION_STATUS_FOR.get(response.status) or action.status  # type: ignore[call-overload]
    text = _("%(agency)s: %(status)s.") % {
        "agency": response.agency.name,
        "status": response.get_status_display(),
    }
    if note:
        text += " " + note
    plan_services.action_update_status(actor=actor, action=action, status=status, note=text[:2000])


# --- one-time codes for agencies without an account -----------------------------------------------


def _code_lifetime() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.AGENCIES_CODE_LIFETIME_MINUTES)


@transaction.atomic
def access_code_issue(*, response: ReferralResponse) -> AccessCode:
    """Email a fresh one-time code to the agency's referral inboxes (only those: the link alone is
    not enough to read what the family shared). Only the code's hash is kept."""
    response = (
        ReferralResponse.objects.select_for_update(of=("self",))
        .select_related("agency", "referral")
        .get(pk=response.pk)
    )
    if response.is_closed or not response.referral.is_open:
        raise ValidationError(_("This referral is closed, so there is nothing more to see."))
    recent = AccessCode.objects.filter(
        response=response, created_at__gte=timezone.now() - _code_lifetime()
    ).count()
    if recent >= 3:
        raise ValidationError(
            _(
                "Three codes have been sent in the last %(minutes)s minutes. Check the inbox, or try again later."
            )
            % {"minutes": settings.AGENCIES_CODE_LIFETIME_MINUTES}
        )
    code = f"{secrets.randbelow(10**6):06d}"
    access_code = AccessCode.objects.create(
        response=response, code_hash=make_password(code), expires_at=timezone.now() + _code_lifetime()
    )
    to = response.agency.inbox_list()
    number = response.referral.number
    minutes = settings.AGENCIES_CODE_LIFETIME_MINUTES

    def send() -> None:
        # Sent straight away (the person is waiting for it) and never stored: the outbox would keep it.
        send_templated_email(
            to=to,
            subject=_("Your code for referral %(number)s") % {"number": number},
            text_template="agencies/email/access_code.txt",
            context={"number": number, "code": code, "minutes": minutes},
        )

    transaction.on_commit(send)
    return access_code


@transaction.atomic
def access_code_check(*, response: ReferralResponse, code: str) -> bool:
    """True once for the right code; every attempt counts, and a code stops working after too many."""
    access_code = (
        AccessCode.objects.select_for_update()
        .filter(response=response, used_at__isnull=True, expires_at__gt=timezone.now())
        .order_by("-created_at")
        .first()
    )
    if access_code is None or access_code.attempts >= settings.AGENCIES_CODE_MAX_ATTEMPTS:
        return False
    access_code.attempts += 1
    ok = check_password((code or "").strip(), access_code.code_hash)
    if ok:
        access_code.used_at = timezone.now()
    access_code.save(update_fields=["attempts", "used_at"])
    return ok
