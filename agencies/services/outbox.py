"""The outbox: emails written with the change they follow from, delivered after it commits.

Services write `OutboxMessage` rows and queue `agencies.tasks.deliver_outbox` by name on commit; the
task calls `outbox_deliver`. The relay sweep (`agencies.tasks.relay_outbox`) re-queues what a dead
worker or a down broker left behind. See docs/decisions/002-referral-outbox.md.
"""

import datetime
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from agencies.emails import build_email
from agencies.models import OutboxMessage, Referral, ReferralResponse
from core.notify import NotifyRejected, NotifyRetryLater
from core.queue import task_enqueue
from staff.selectors import team_managers

logger = logging.getLogger(__name__)

DELIVER_OUTBOX = "agencies.tasks.deliver_outbox"


def outbox_enqueue(message_ids: list[int]) -> None:
    """Queue the delivery of these messages once the current transaction commits."""

    def send() -> None:
        for message_id in message_ids:
            try:
                task_enqueue(DELIVER_OUTBOX, message_id)
            except Exception:
                # The broker may be down: the rows are committed, and the relay sweep sends them later.
                logger.exception("could not enqueue outbox message %s", message_id)

    transaction.on_commit(send)


# --- the service-level clock ----------------------------------------------------------------------


def _create_once(**fields: Any) -> OutboxMessage | None:
    """Write a reminder or escalation unless one exists; the unique constraint settles any race."""
    try:
        with transaction.atomic():
            return OutboxMessage.objects.create(**fields)
    except IntegrityError:
        return None


def _exists(kind: str) -> Exists:
    return Exists(OutboxMessage.objects.filter(response=OuterRef("pk"), kind=kind))


def _remind_late(waiting: QuerySet[ReferralResponse], now: datetime.datetime) -> list[int]:
    created: list[int] = []
    late = waiting.filter(ack_due_at__lte=now).exclude(_exists(OutboxMessage.Kind.REMINDER))
    for response in late.select_related("agency").prefetch_related("agency__inboxes")[:1000]:
        message = _create_once(
            kind=OutboxMessage.Kind.REMINDER,
            idempotency_key=f"referral-{response.referral_id}-agency-{response.agency_id}-reminder",
            response=response,
            to=response.agency.inbox_list(),
        )
        if message:
            created.append(message.pk)
    return created


def _escalate_overdue(waiting: QuerySet[ReferralResponse], now: datetime.datetime) -> list[int]:
    created: list[int] = []
    overdue = waiting.filter(escalate_at__lte=now).filter(
        ~_exists(OutboxMessage.Kind.ESCALATION) | ~_exists(OutboxMessage.Kind.TEAM_ESCALATION)
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
        managers = list(team_managers(team=family.team_id).exclude(email="").values_list("email", flat=True))
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
    return created


def service_levels_check(*, now: datetime.datetime | None = None) -> int:
    """Remind agencies that missed the acknowledgement deadline and escalate those still silent
    after the second interval. Each reminder and escalation is written (and sent) once."""
    now = now or timezone.now()
    waiting = ReferralResponse.objects.filter(
        status=ReferralResponse.Status.SENT, referral__status=Referral.Status.OPEN
    )
    created = _remind_late(waiting, now) + _escalate_overdue(waiting, now)
    if created:
        with transaction.atomic():
            outbox_enqueue(created)
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
    # A Notify backend says which notifications it made (core/notify.py): their receipts find the row.
    notify_ids = list(getattr(email, "notify_ids", []))
    OutboxMessage.objects.filter(pk=message.pk, status=OutboxMessage.Status.SENDING).update(
        status=OutboxMessage.Status.SENT,
        sent_at=timezone.now(),
        lease_expires_at=None,
        last_error="",
        **({"notify_ids": notify_ids} if notify_ids else {}),
    )
    return Delivery("sent")


def _outbox_failed(message: OutboxMessage, exc: Exception) -> None:
    backoff = min(2 ** min(message.attempts, 10) * 5, 3600)
    rate_limited = isinstance(exc, NotifyRetryLater) and exc.rate_limited
    if rate_limited:
        # Notify's rate limit is per minute: wait for the next one; a rate limit never makes it give up.
        backoff = settings.NOTIFY_RATE_LIMIT_WAIT_SECONDS
    gave_up = (message.attempts >= settings.AGENCIES_OUTBOX_MAX_ATTEMPTS and not rate_limited) or isinstance(
        exc, NotifyRejected
    )  # a bad address or template does not get better by retrying
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.FAILED if gave_up else OutboxMessage.Status.PENDING,
        lease_expires_at=None,
        next_attempt_at=timezone.now() + datetime.timedelta(seconds=backoff),
        last_error=f"{type(exc).__name__}: {exc}"[:2000],
    )
