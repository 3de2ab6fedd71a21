"""The one-email referral: its checks, the fan-out to every agency, and closing it.

One referral, one response and one alert per agency, in one transaction; the alerts leave after it
commits (see `agencies.services.outbox`).
"""

import datetime
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from agencies import permissions, selectors
from agencies.models import Category, OutboxMessage, Referral, ReferralResponse, ResponseEvent, new_nonce
from agencies.services import outbox
from core.calendar import add_working_days
from core.history import save_with_actor as _save
from families.models import Family
from partners.models import Agency, AgencyInbox
from staff.models import User

Status = ReferralResponse.Status


def describe_missing(missing: list[tuple[Agency, str]]) -> list[str]:
    return [
        _("The family has not agreed to share their %(category)s with %(agency)s.")
        % {"category": str(Category(c).label).lower(), "agency": a.name}
        for a, c in missing
    ]


def _due(sent_at: datetime.datetime, working_days: int) -> datetime.datetime:
    local = timezone.localtime(sent_at)
    day = add_working_days(local.date(), working_days)
    return timezone.make_aware(datetime.datetime.combine(day, local.time().replace(microsecond=0)))


def _inboxes(agencies: Sequence[Agency]) -> dict[int, list[str]]:
    inboxes: dict[int, list[str]] = {}
    for inbox in AgencyInbox.objects.filter(agency__in=agencies).order_by("email"):
        inboxes.setdefault(inbox.agency_id, []).append(inbox.email)
    return inboxes


def _referral_check(
    *,
    actor: User,
    family: Family,
    agencies: Sequence[Agency],
    request: str,
    shares: Sequence[str],
    concerns: Sequence[Any],
    override: bool,
) -> dict[int, list[str]]:
    """Everything a referral needs before anything is written, reported together. Returns each
    agency's referral inboxes, which the alerts go to."""
    errors: dict[str, list[str]] = {}
    if not family.is_open:
        raise ValidationError(_("The family is closed: reopen it before sending a referral."))
    if not agencies:
        errors.setdefault("agencies", []).append(_("Choose at least one agency to send the referral to."))
    inboxes = _inboxes(agencies)
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
    if override and not (actor.is_team_manager and actor.team_id == family.team_id):
        errors.setdefault("override_reason", []).append(
            _("Only a manager of the family's team can share without consent.")
        )
    if not override and agencies:
        missing = selectors.missing_consents(family=family, agencies=agencies, categories=shares)
        if missing:
            errors.setdefault("shares", []).extend(describe_missing(missing))
    plan_id = getattr(getattr(family, "plan", None), "pk", None) if concerns else None
    for goal in concerns:
        if goal.plan_id != plan_id:
            errors.setdefault("concerns", []).append(_("Choose goals from this family's plan."))
            break
    if errors:
        raise ValidationError(errors)
    return inboxes


def _referral_fan_out(
    *,
    actor: User,
    referral: Referral,
    agencies: Sequence[Agency],
    inboxes: dict[int, list[str]],
    concerns: Sequence[Any],
) -> None:
    """One response, one event and one alert per agency; the alerts are queued for after the commit.
    A fan-out to 50 agencies is a handful of bulk inserts, not 50 round trips per table."""
    sent_at = referral.sent_at
    actions = selectors.open_actions_by_agency(goals=concerns, agencies=agencies)
    ack_due = _due(sent_at, settings.AGENCIES_ACK_WORKING_DAYS)
    escalate_at = _due(
        sent_at, settings.AGENCIES_ACK_WORKING_DAYS + settings.AGENCIES_ESCALATE_AFTER_WORKING_DAYS
    )
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
    outbox.outbox_enqueue([m.pk for m in messages])


@transaction.atomic
def referral_send(
    *,
    actor: User,
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
    override_reason = (override_reason or "").strip()
    override = bool(override_reason)
    inboxes = _referral_check(
        actor=actor,
        family=family,
        agencies=agencies,
        request=request,
        shares=shares,
        concerns=concerns,
        override=override,
    )
    referral = Referral(
        family=family,
        request=request.strip(),
        detail=(detail or "").strip(),
        urgency=urgency,
        shares=[c for c in Category.values if c in set(shares)],
        sent_by=actor,
        # `sent_at` is for imports and demo data; the service levels count from it.
        sent_at=sent_at or timezone.now(),
        override_reason=override_reason,
        override_by=actor if override else None,
    )
    referral.full_clean(exclude=["concerns", "override_by"])
    _save(referral, actor=actor, reason=_("Referral sent"))
    if concerns:
        referral.concerns.set(concerns)
    _referral_fan_out(actor=actor, referral=referral, agencies=agencies, inboxes=inboxes, concerns=concerns)
    return referral


@transaction.atomic
def referral_close(*, actor: User, referral: Referral, reason: str) -> Referral:
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
            response_withdraw(
                actor=actor, response=response, note=_("Referral closed: %(reason)s") % {"reason": reason}
            )
    return referral


def _rotate_nonce(response: ReferralResponse, *, actor: User, reason: str) -> None:
    response.link_nonce = new_nonce()
    _save(response, actor=actor, reason=reason)


def response_withdraw(*, actor: User, response: ReferralResponse, note: str) -> None:
    """Withdraw the referral from one agency: its link stops working and its access goes. Called,
    inside their transaction, by `referral_close` and `consent_withdraw` with the row locked."""
    response.status = Status.WITHDRAWN
    response.link_nonce = new_nonce()
    _save(response, actor=actor, reason=note)
    permissions.revoke_agency_access(response)
    ResponseEvent.objects.create(
        response=response, status=Status.WITHDRAWN, note=note, actor=actor, via="app"
    )
