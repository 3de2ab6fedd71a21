"""Every write to agencies, consent, referrals, their answers and the outbox.

Keyword-only, typed, one transaction each, the acting user on the history (None when an agency answers
from the email link without an account, with the reason saying so). Object permissions and outbox rows
change in the same transaction as the thing they follow from.
"""

import datetime
import logging
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from agencies import permissions
from agencies.models import (
    AccessCode,
    Category,
    Consent,
    FamilyAgency,
    OutboxMessage,
    Referral,
    ReferralResponse,
    ResponseEvent,
    new_nonce,
)
from core.calendar import add_working_days, today
from core.history import save_with_actor as _save
from families.models import CaseNote, Family, Person
from partners.models import Agency, AgencyInbox

logger = logging.getLogger(__name__)

Status = ReferralResponse.Status


def clean_email(value: str, *, field: str = "email") -> str:
    value = (value or "").strip()
    try:
        validate_email(value)
    except ValidationError:
        raise ValidationError(
            {
                field: _("“%(value)s” is not an email address. Enter one like name@example.org")
                % {"value": value}
            }
        ) from None
    return value.lower()


# --- agencies -------------------------------------------------------------------------------------


@transaction.atomic
def agency_create(
    *,
    actor: Any,
    name: str,
    kind: str = Agency.Kind.OTHER,
    inboxes: Sequence[str] = (),
    manager_name: str = "",
    manager_email: str = "",
    manager_phone: str = "",
) -> Agency:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Enter the agency's name.")})
    if Agency.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": _("An agency called %(name)s already exists.") % {"name": name}})
    agency = Agency(
        name=name,
        kind=kind,
        manager_name=manager_name.strip(),
        manager_email=clean_email(manager_email, field="manager_email") if manager_email.strip() else "",
        manager_phone=manager_phone.strip(),
    )
    agency.full_clean(exclude=["staff_group"])
    _save(agency, actor=actor, reason=_("Agency added"))
    permissions.agency_staff_group(agency)
    for address in inboxes:
        agency_inbox_add(actor=actor, agency=agency, email=address)
    return agency


@transaction.atomic
def agency_set_manager(*, actor: Any, agency: Agency, name: str, email: str = "", phone: str = "") -> Agency:
    """The manager contact: escalations of referrals not acknowledged in time go to them."""
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    agency.manager_name = name.strip()
    agency.manager_email = clean_email(email, field="manager_email") if email.strip() else ""
    agency.manager_phone = phone.strip()
    _save(agency, actor=actor, reason=_("Manager contact changed"))
    return agency


@transaction.atomic
def agency_inbox_add(*, actor: Any, agency: Agency, email: str) -> AgencyInbox:
    email = clean_email(email)
    if AgencyInbox.objects.filter(agency=agency, email=email).exists():
        raise ValidationError(
            {"email": _("%(email)s is already a referral inbox of this agency.") % {"email": email}}
        )
    inbox = AgencyInbox(agency=agency, email=email)
    _save(inbox, actor=actor, reason=_("Referral inbox added"))
    return inbox


@transaction.atomic
def family_agency_link(
    *, actor: Any, family: Family, agency: Agency, role: str = "", since: datetime.date | None = None
) -> FamilyAgency:
    existing = FamilyAgency.objects.select_for_update().filter(family=family, agency=agency).first()
    if existing and existing.ended_on is None:
        raise ValidationError({"agency": _("%(agency)s already works with the family.") % {"agency": agency}})
    since = since or today()
    if since > today():
        raise ValidationError({"since": _("The date must be today or in the past.")})
    link = existing or FamilyAgency(family=family, agency=agency)
    link.role, link.since, link.ended_on = role.strip(), since, None
    _save(link, actor=actor, reason=_("Agency working with the family"))
    return link


@transaction.atomic
def family_agency_end(
    *, actor: Any, link: FamilyAgency, ended_on: datetime.date | None = None
) -> FamilyAgency:
    link = FamilyAgency.objects.select_for_update().get(pk=link.pk)
    link.ended_on = ended_on or today()
    _save(link, actor=actor, reason=_("Agency stopped working with the family"))
    return link


# --- consent --------------------------------------------------------------------------------------


@transaction.atomic
def consent_give(
    *,
    actor: Any,
    family: Family,
    agency: Agency,
    category: str,
    given_by: Person,
    how: str,
    given_on: datetime.date | None = None,
    expires_on: datetime.date | None = None,
) -> Consent:
    given_on = given_on or today()
    errors: dict[str, str] = {}
    if category not in Category.values:
        errors["category"] = _("Choose what the family agreed to share.")
    if given_by.family_id != family.pk:
        errors["given_by"] = _("Choose someone in this family.")
    if given_on > today():
        errors["given_on"] = _("The date consent was given must be today or in the past.")
    if expires_on and expires_on < given_on:
        errors["expires_on"] = _("The expiry date must be on or after the date consent was given.")
    if how not in Consent.How.values:
        errors["how"] = _("Choose how consent was given.")
    if errors:
        raise ValidationError(errors)
    # A renewal replaces the standing consent: the old row is kept, closed, for the record.
    for old in Consent.objects.select_for_update().filter(
        family=family, agency=agency, category=category, withdrawn_at__isnull=True
    ):
        old.withdrawn_at = timezone.now()
        old.withdrawn_reason = _("Replaced by consent given on %(date)s") % {"date": f"{given_on:%d/%m/%Y}"}
        _save(old, actor=actor, reason=old.withdrawn_reason)
    consent = Consent(
        family=family,
        agency=agency,
        category=category,
        given_by=given_by,
        given_on=given_on,
        how=how,
        expires_on=expires_on,
        recorded_by=actor,
    )
    _save(consent, actor=actor, reason=_("Consent to share recorded"))
    return consent


@transaction.atomic
def consent_withdraw(*, actor: Any, consent: Consent, reason: str) -> Consent:
    """Withdrawal takes effect at once: every open referral to the agency that shares the category
    without a safeguarding override is withdrawn from the agency, its links stop working and the
    agency's portal access goes, in this transaction."""
    if not reason.strip():
        raise ValidationError(
            {"reason": _("Say why consent was withdrawn (for example, what the family said).")}
        )
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_at is not None:
        raise ValidationError(_("This consent has already been withdrawn."))
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_reason = reason.strip()
    _save(consent, actor=actor, reason=reason)
    affected = (
        ReferralResponse.objects.select_for_update(of=("self",))
        .filter(
            referral__family_id=consent.family_id,
            referral__status=Referral.Status.OPEN,
            referral__override_by__isnull=True,
            agency_id=consent.agency_id,
        )
        .exclude(status__in=ReferralResponse.CLOSED_STATUSES)
    )
    for response in affected.select_related("referral", "agency"):
        if consent.category in response.referral.shares:
            _response_withdraw(
                actor=actor,
                response=response,
                note=_("Consent to share the %(category)s was withdrawn.")
                % {"category": consent.get_category_display().lower()},
            )
    return consent


def missing_consents(
    *, family: Family, agencies: Iterable[Agency], categories: Iterable[str]
) -> list[tuple[Agency, str]]:
    """(agency, category) pairs the referral would share without a standing, unexpired consent."""
    agencies = list(agencies)
    categories = [c for c in Category.values if c in set(categories)]
    standing = {
        (c.agency_id, c.category)
        for c in Consent.objects.filter(family=family, agency__in=agencies, withdrawn_at__isnull=True)
        if c.is_valid()
    }
    return [(a, c) for a in agencies for c in categories if (a.pk, c) not in standing]


def describe_missing(missing: list[tuple[Agency, str]]) -> list[str]:
    return [
        _("The family has not agreed to share their %(category)s with %(agency)s.")
        % {"category": str(Category(c).label).lower(), "agency": a.name}
        for a, c in missing
    ]


# --- the one-email referral -----------------------------------------------------------------------


def _due(sent_at: datetime.datetime, working_days: int) -> datetime.datetime:
    local = timezone.localtime(sent_at)
    day = add_working_days(local.date(), working_days)
    return timezone.make_aware(datetime.datetime.combine(day, local.time().replace(microsecond=0)))


def _enqueue(message_ids: list[int]) -> None:
    def send() -> None:
        from agencies.tasks import deliver_outbox

        for message_id in message_ids:
            try:
                deliver_outbox.delay(message_id)
            except Exception:
                # The broker may be down: the rows are committed, and the relay sweep sends them later.
                logger.exception("could not enqueue outbox message %s", message_id)

    transaction.on_commit(send)


@transaction.atomic
def referral_send(
    *,
    actor: Any,
    family: Family,
    agencies: Sequence[Agency],
    request: str,
    detail: str = "",
    urgency: str = Referral.Urgency.ROUTINE,
    shares: Sequence[str] = (),
    concerns: Sequence[Any] = (),
    override_reason: str = "",
    sent_at: datetime.datetime | None = None,
) -> Referral:
    """One referral, one response and one alert per agency, in one transaction; the alerts leave
    after it commits. A rolled-back referral leaves no outbox rows, so it sends nothing."""
    agencies = list({a.pk: a for a in agencies}.values())
    errors: dict[str, list[str]] = {}
    if not family.is_open:
        raise ValidationError(_("The family is closed: reopen it before sending a referral."))
    if not agencies:
        errors.setdefault("agencies", []).append(_("Choose at least one agency to send the referral to."))
    inboxes: dict[int, list[str]] = {}
    for inbox in AgencyInbox.objects.filter(agency__in=agencies).order_by("email"):
        inboxes.setdefault(inbox.agency_id, []).append(inbox.email)
    for agency in agencies:
        if not inboxes.get(agency.pk):
            errors.setdefault("agencies", []).append(
                _(
                    "%(agency)s has no referral inbox address, so it cannot be alerted. Ask an administrator to add one."
                )
                % {"agency": agency.name}
            )
    if not (request or "").strip():
        errors.setdefault("request", []).append(_("Say what you are asking the agencies to do."))
    unknown = set(shares) - set(Category.values)
    if unknown:
        errors.setdefault("shares", []).append(_("Choose what to share from the list."))
    override_reason = (override_reason or "").strip()
    override = bool(override_reason)
    if override and not (actor.is_team_manager and actor.team_id == family.team_id):
        errors.setdefault("override_reason", []).append(
            _("Only a manager of the family's team can share without consent.")
        )
    if not override and agencies:
        missing = missing_consents(family=family, agencies=agencies, categories=shares)
        if missing:
            errors.setdefault("shares", []).extend(describe_missing(missing))
    plan_id = getattr(getattr(family, "plan", None), "pk", None) if concerns else None
    for goal in concerns:
        if goal.plan_id != plan_id:
            errors.setdefault("concerns", []).append(_("Choose goals from this family's plan."))
            break
    if errors:
        raise ValidationError(errors)

    # `sent_at` is for imports and demo data; the service levels count from it.
    sent_at = sent_at or timezone.now()
    referral = Referral(
        family=family,
        request=request.strip(),
        detail=(detail or "").strip(),
        urgency=urgency,
        shares=[c for c in Category.values if c in set(shares)],
        sent_by=actor,
        sent_at=sent_at,
        override_reason=override_reason,
        override_by=actor if override else None,
    )
    referral.full_clean(exclude=["concerns", "override_by"])
    _save(referral, actor=actor, reason=_("Referral sent"))
    if concerns:
        referral.concerns.set(concerns)
    actions = _agency_actions(concerns, agencies)
    ack_due = _due(sent_at, settings.AGENCIES_ACK_WORKING_DAYS)
    escalate_at = _due(
        sent_at, settings.AGENCIES_ACK_WORKING_DAYS + settings.AGENCIES_ESCALATE_AFTER_WORKING_DAYS
    )
    # A fan-out to 50 agencies is a handful of bulk inserts, not 50 round trips per table.
    responses = bulk_create_with_history(
        [
            ReferralResponse(
                referral=referral,
                agency=a,
                ack_due_at=ack_due,
                escalate_at=escalate_at,
                action=actions.get(a.pk),
            )
            for a in agencies
        ],
        ReferralResponse,
        default_user=actor,
        default_change_reason=_("Referral sent"),
    )
    if any(r.pk is None for r in responses):  # databases that do not return ids from bulk inserts
        responses = list(ReferralResponse.objects.filter(referral=referral).select_related("agency"))
    by_agency = {a.pk: a for a in agencies}
    for response in responses:
        response.agency = by_agency[response.agency_id]
        response.referral = referral
    permissions.grant_agency_access(responses)
    ResponseEvent.objects.bulk_create(
        [ResponseEvent(response=r, status=Status.SENT, actor=actor, created_at=sent_at) for r in responses]
    )
    messages = OutboxMessage.objects.bulk_create(
        [
            OutboxMessage(
                kind=OutboxMessage.Kind.ALERT,
                idempotency_key=f"referral-{referral.pk}-agency-{r.agency_id}-alert",
                response=r,
                to=inboxes[r.agency_id],
            )
            for r in responses
        ]
    )
    if any(m.pk is None for m in messages):
        messages = list(OutboxMessage.objects.filter(response__referral=referral))
    _enqueue([m.pk for m in messages])
    return referral


def _agency_actions(goals: Sequence[Any], agencies: Sequence[Agency]) -> dict[int, Any]:
    """For each agency, the open plan action it owns under the goals the referral concerns (if any):
    the agency's answers move that action on."""
    if not goals:
        return {}
    from plans.models import Action

    found: dict[int, Any] = {}
    for action in Action.objects.filter(
        goal__in=goals, owner_agency__in=agencies, status__in=Action.OPEN_STATUSES
    ).order_by("due_on", "pk"):
        if action.owner_agency_id is not None:
            found.setdefault(action.owner_agency_id, action)
    return found


@transaction.atomic
def referral_close(*, actor: Any, referral: Referral, reason: str) -> Referral:
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the referral is being closed.")})
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if not referral.is_open:
        raise ValidationError(_("This referral is already closed."))
    referral.status = Referral.Status.CLOSED
    referral.closed_at = timezone.now()
    referral.closed_reason = reason.strip()
    _save(referral, actor=actor, reason=reason)
    for response in referral.responses.select_for_update(of=("self",)).select_related("agency"):
        response.referral = referral
        if response.is_closed:
            permissions.revoke_agency_access(response)
            _rotate_nonce(response, actor=actor, reason=reason)
        else:
            _response_withdraw(
                actor=actor, response=response, note=_("Referral closed: %(reason)s") % {"reason": reason}
            )
    return referral


def _rotate_nonce(response: ReferralResponse, *, actor: Any, reason: str) -> None:
    response.link_nonce = new_nonce()
    _save(response, actor=actor, reason=reason)


def _response_withdraw(*, actor: Any, response: ReferralResponse, note: str) -> None:
    response.status = Status.WITHDRAWN
    response.link_nonce = new_nonce()
    _save(response, actor=actor, reason=note)
    permissions.revoke_agency_access(response)
    ResponseEvent.objects.create(
        response=response, status=Status.WITHDRAWN, note=note, actor=actor, via="app"
    )


# --- answering ------------------------------------------------------------------------------------


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
    actor: Any,
    response: ReferralResponse,
    answer: str,
    note: str = "",
    expected_status: str | None = None,
    via: str = ResponseEvent.Via.APP,
) -> ReferralResponse:
    """An agency answers: the status moves on, the family's chronology and the plan action follow,
    and the lead practitioner is told by email (through the outbox)."""
    spec = ANSWERS.get(answer)
    if spec is None:
        raise ValidationError({"answer": _("Choose an answer.")})
    response = (
        ReferralResponse.objects.select_for_update(of=("self",))
        .select_related("referral__family", "referral__sent_by", "agency", "action")
        .get(pk=response.pk)
    )
    if expected_status is not None and response.status != expected_status:
        raise AlreadyAnswered(response)
    if not response.referral.is_open or response.status == Status.WITHDRAWN:
        raise ValidationError(
            _("This referral has been closed by the family's worker; it cannot be answered now.")
        )
    if response.status not in spec.allowed_from:
        raise AlreadyAnswered(response)
    note = (note or "").strip()
    if spec.note_field and not note:
        raise ValidationError({spec.note_field: spec.note_required})
    if spec.note_field:
        setattr(response, spec.note_field, note)
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
    lead = response.referral.family.lead_practitioner or response.referral.sent_by
    if lead and lead.email:
        message = OutboxMessage.objects.create(
            kind=OutboxMessage.Kind.ANSWER_NOTICE,
            idempotency_key=f"response-event-{event.pk}-notice",
            response=response,
            event=event,
            to=[lead.email],
        )
        _enqueue([message.pk])
    return response


def _chronology_note(
    *, response: ReferralResponse, actor: Any, note: str, by_link: bool, reason: str
) -> None:
    """The family's chronology shows case notes; the answer is written there as a note.

    A case note needs an author. Signed in, that is the agency worker. From the email link nobody
    signed in, so the note is filed under the referring worker (it is their referral's answer) and
    says in its text who answered and how; its history records no user and the reason, so the audit
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
    case_note = CaseNote(
        family_id=referral.family_id,
        occurred_on=today(),
        kind=CaseNote.Kind.NOTE,
        text=text[:5000],
        author=author,
    )
    _save(case_note, actor=actor, reason=reason)


def _update_plan_action(*, response: ReferralResponse, actor: Any, note: str) -> None:
    from plans import services as plan_services

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
        body = _(
            "Your code to see referral %(number)s is %(code)s. It works once, for %(minutes)s minutes.\n\n"
            "If you did not ask for it, you can ignore this email."
        ) % {"number": number, "code": code, "minutes": minutes}
        EmailMultiAlternatives(
            subject=_("Your code for referral %(number)s") % {"number": number}, body=body, to=to
        ).send()

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


# --- the service-level clock ----------------------------------------------------------------------


def _create_once(**fields: Any) -> OutboxMessage | None:
    """Write a reminder or escalation unless one exists; the unique constraint settles any race."""
    try:
        with transaction.atomic():
            return OutboxMessage.objects.create(**fields)
    except IntegrityError:
        return None


def service_levels_check(*, now: datetime.datetime | None = None) -> int:
    """Remind agencies that missed the acknowledgement deadline and escalate those still silent
    after the second interval. Each reminder and escalation is written (and sent) once."""
    now = now or timezone.now()
    waiting = ReferralResponse.objects.filter(status=Status.SENT, referral__status=Referral.Status.OPEN)
    created: list[int] = []

    def exists(kind: str) -> Exists:
        return Exists(OutboxMessage.objects.filter(response=OuterRef("pk"), kind=kind))

    late = waiting.filter(ack_due_at__lte=now).exclude(exists(OutboxMessage.Kind.REMINDER))
    for response in late.select_related("agency").prefetch_related("agency__inboxes")[:1000]:
        message = _create_once(
            kind=OutboxMessage.Kind.REMINDER,
            idempotency_key=f"referral-{response.referral_id}-agency-{response.agency_id}-reminder",
            response=response,
            to=response.agency.inbox_list(),
        )
        if message:
            created.append(message.pk)
    overdue = waiting.filter(escalate_at__lte=now).filter(
        ~exists(OutboxMessage.Kind.ESCALATION) | ~exists(OutboxMessage.Kind.TEAM_ESCALATION)
    )
    for response in overdue.select_related(
        "agency", "referral__family__team__managers_group", "referral__family__lead_practitioner"
    ).prefetch_related("agency__inboxes")[:1000]:
        agency_to = (
            [response.agency.manager_email] if response.agency.manager_email else response.agency.inbox_list()
        )
        message = _create_once(
            kind=OutboxMessage.Kind.ESCALATION,
            idempotency_key=f"referral-{response.referral_id}-agency-{response.agency_id}-escalation",
            response=response,
            to=agency_to,
        )
        if message:
            created.append(message.pk)
        family = response.referral.family
        managers = list(
            family.team.managers_group.user_set.filter(is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        lead_email = family.lead_practitioner.email if family.lead_practitioner else ""
        team_to = sorted(set(managers + ([lead_email] if lead_email else [])))
        if team_to:
            message = _create_once(
                kind=OutboxMessage.Kind.TEAM_ESCALATION,
                idempotency_key=f"referral-{response.referral_id}-agency-{response.agency_id}-team-escalation",
                response=response,
                to=team_to,
            )
            if message:
                created.append(message.pk)
    if created:
        with transaction.atomic():
            _enqueue(created)
    return len(created)


# --- the outbox relay -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Delivery:
    outcome: str  # "sent", "done" (someone else sent it), "busy" (another worker holds the lease), "gone"
    wait_seconds: float = 0


def _lease() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.AGENCIES_OUTBOX_LEASE_SECONDS)


def outbox_claim(*, message_id: int) -> tuple[OutboxMessage | None, Delivery | None]:
    """Claim the row for this worker (pending -> sending, with a lease), in its own short transaction."""
    now = timezone.now()
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update(skip_locked=True).filter(pk=message_id).first()
        if message is None:
            # Locked by a worker mid-claim (skip_locked), or deleted with its referral.
            exists = OutboxMessage.objects.filter(pk=message_id).exists()
            return None, Delivery("busy", 5) if exists else Delivery("gone")
        if message.status in (OutboxMessage.Status.SENT, OutboxMessage.Status.FAILED):
            return None, Delivery("done")
        if (
            message.status == OutboxMessage.Status.SENDING
            and message.lease_expires_at
            and message.lease_expires_at > now
        ):
            return None, Delivery("busy", (message.lease_expires_at - now).total_seconds() + 1)
        message.status = OutboxMessage.Status.SENDING
        message.attempts += 1
        message.lease_expires_at = now + _lease()
        message.save(update_fields=["status", "attempts", "lease_expires_at"])
    return message, None


def outbox_deliver(*, message_id: int) -> Delivery:
    """Send one outbox message at most once per successful claim.

    Claim (commit), send, mark sent (commit). A worker killed before the send leaves the row claimed
    until its lease runs out, then it is sent by the next worker; killed between the send and the
    mark, the email goes twice (same Message-ID). The window is one UPDATE. See ADR 002.
    """
    from agencies.emails import build_email

    message, result = outbox_claim(message_id=message_id)
    if message is None:
        return result  # type: ignore[return-value]
    try:
        email = build_email(message)
        if email is not None:
            email.send(fail_silently=False)
    except Exception as exc:
        _outbox_failed(message, exc)
        raise
    OutboxMessage.objects.filter(pk=message.pk, status=OutboxMessage.Status.SENDING).update(
        status=OutboxMessage.Status.SENT, sent_at=timezone.now(), lease_expires_at=None, last_error=""
    )
    return Delivery("sent")


def _outbox_failed(message: OutboxMessage, exc: Exception) -> None:
    gave_up = message.attempts >= settings.AGENCIES_OUTBOX_MAX_ATTEMPTS
    backoff = min(2 ** min(message.attempts, 10) * 5, 3600)
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.FAILED if gave_up else OutboxMessage.Status.PENDING,
        lease_expires_at=None,
        next_attempt_at=timezone.now() + datetime.timedelta(seconds=backoff),
        last_error=f"{type(exc).__name__}: {exc}"[:2000],
    )


def outbox_due(*, now: datetime.datetime | None = None, limit: int = 500) -> list[int]:
    """Messages the relay should (re)send: pending and due, or claimed by a worker whose lease ran out."""
    now = now or timezone.now()
    return list(
        OutboxMessage.objects.filter(
            Q(status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now)
            | Q(status=OutboxMessage.Status.SENDING, lease_expires_at__lte=now)
        )
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
