"""Delivery receipts from GOV.UK Notify: what became of each outbox email after Notify took it.

A receipt (Notify's callback, or the polling task's look-up) finds its outbox row by the notification's
`reference`, which is the row's idempotency key. The row keeps the worst news any of its addresses had
(a bounce outranks a full inbox, which outranks a delivery), so a lead sees "Inbox bounced: check the
address" even when a second inbox of the agency took the alert. The first permanent failure of an email
to an agency writes one "not delivered" outbox row for the lead and the agency's manager contact: its
idempotency key is derived from the bounced row's, so a repeated callback finds it and tells no one twice.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from agencies.emails import NOT_DELIVERED_SUFFIX
from agencies.models import OutboxMessage
from agencies.services.outbox import outbox_enqueue
from core import notify
from core.notify import FINAL_STATUSES, Receipt

logger = logging.getLogger(__name__)

Delivery = OutboxMessage.Delivery
# Worse news replaces better; the same news again changes nothing.
_RANK = {
    "": 0,
    Delivery.DELIVERED: 1,
    Delivery.TEMPORARY_FAILURE: 2,
    Delivery.TECHNICAL_FAILURE: 2,
    Delivery.PERMANENT_FAILURE: 3,
}
# Emails to an agency: a bounce means the agency never heard, so the lead and its manager are told.
TO_AN_AGENCY = (OutboxMessage.Kind.ALERT, OutboxMessage.Kind.REMINDER, OutboxMessage.Kind.ESCALATION)


def outbox_receipt_record(*, receipt: Receipt) -> OutboxMessage | None:
    """Record Notify's receipt on the outbox row it is about; None when it is about no outbox row
    (a sign-in code, a digest: those are not tracked) or says nothing final yet."""
    if receipt.status not in FINAL_STATUSES or not receipt.reference:
        return None
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(of=("self",))  # the row only, not what it joins
            .select_related("response__agency", "response__referral__family__lead_practitioner")
            .filter(idempotency_key=receipt.reference)
            .first()
        )
        if message is None:
            return None
        fields = []
        if receipt.notify_id not in message.notify_ids:
            # The receipt can arrive before the relay has marked the row sent.
            message.notify_ids = [*message.notify_ids, receipt.notify_id]
            fields.append("notify_ids")
        if _RANK[receipt.status] > _RANK[message.delivery_status]:
            message.delivery_status = receipt.status
            message.delivered_at = receipt.completed_at if receipt.status == Delivery.DELIVERED else None
            # The address that failed: the lead checks it against the agency's inboxes.
            message.delivery_detail = ("" if receipt.status == Delivery.DELIVERED else receipt.to)[:2000]
            fields += ["delivery_status", "delivered_at", "delivery_detail"]
        elif (
            receipt.status == Delivery.DELIVERED
            and message.delivered_at is None
            and not message.delivery_status
        ):
            message.delivered_at = receipt.completed_at
            fields.append("delivered_at")
        if fields:
            message.save(update_fields=fields)
        if message.delivery_status == Delivery.PERMANENT_FAILURE and message.kind in TO_AN_AGENCY:
            _tell_of_bounce(message, bounced=receipt.to)
    return message


def _tell_of_bounce(message: OutboxMessage, *, bounced: str) -> None:
    response = message.response
    family = response.referral.family
    lead = family.lead_practitioner or response.referral.sent_by
    to = {lead.email} if lead and lead.email else set()
    if response.agency.manager_email:
        to.add(response.agency.manager_email)
    to.discard(bounced)
    if not to:
        logger.warning("outbox message %s bounced and nobody can be told", message.pk)
        return
    notice, created = OutboxMessage.objects.get_or_create(
        idempotency_key=f"{message.idempotency_key}{NOT_DELIVERED_SUFFIX}",
        defaults={"kind": OutboxMessage.Kind.NOT_DELIVERED, "response": response, "to": sorted(to)},
    )
    if created:
        outbox_enqueue([notice.pk])


def outbox_receipts_poll(*, now: datetime.datetime | None = None, limit: int = 200) -> int:
    """For a council that cannot expose the callback: ask Notify about each sent outbox email that has
    no receipt yet (sent within NOTIFY_POLL_HOURS) and record what it says. Returns receipts recorded."""
    if not notify.is_configured():
        return 0
    now = now or timezone.now()
    since = now - datetime.timedelta(hours=settings.NOTIFY_POLL_HOURS)
    waiting = (
        OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT, delivery_status="", sent_at__gte=since)
        .exclude(notify_ids=[])
        .order_by("sent_at")[:limit]
    )
    recorded = 0
    for message in waiting:
        for notify_id in message.notify_ids:
            try:
                receipt = notify.receipt_from(notify.notification(notify_id))
            except (notify.NotifyRetryLater, notify.NotifyRejected, ValueError):
                logger.warning("no status from Notify for %s this time", notify_id)
                continue
            if outbox_receipt_record(receipt=receipt) is not None:
                recorded += 1
    return recorded
