"""Celery tasks for the referral outbox and the service-level clock. They take ids and call services."""

import logging
import smtplib

from celery import shared_task
from django.conf import settings

from agencies import selectors
from agencies.services import outbox as outbox_services
from agencies.services import receipts as receipt_services
from core.notify import NotifyRetryLater

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=5,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,
)
def deliver_outbox(self, message_id: int) -> str:  # type: ignore[no-untyped-def]
    """Send one outbox email. Safe to run twice: the row's state machine sends it once."""
    try:
        result = outbox_services.outbox_deliver(message_id=message_id)
    except NotifyRetryLater as exc:
        if exc.rate_limited and not self.request.is_eager:
            # GOV.UK Notify's 429: its limits are per minute, so wait for the next one however often.
            raise self.retry(
                exc=exc, countdown=settings.NOTIFY_RATE_LIMIT_WAIT_SECONDS, max_retries=None
            ) from exc
        raise
    if result.outcome == "busy" and not self.request.is_eager:
        # Another worker holds the row (or died holding it): look again when its lease runs out.
        raise self.retry(countdown=max(1, int(result.wait_seconds)), max_retries=None)
    return result.outcome


@shared_task
def relay_outbox() -> int:
    """Beat job: re-enqueue emails that are due and not sent (broker was down, a worker died)."""
    count = 0
    for message_id in selectors.outbox_due():
        try:
            deliver_outbox.delay(message_id)
            count += 1
        except Exception:
            # Eager mode runs the send here; one failing message must not stop the sweep.
            logger.exception("outbox message %s not delivered this time", message_id)
    return count


@shared_task
def check_service_levels() -> int:
    """Beat job: reminders and escalations for referrals not acknowledged in time."""
    return outbox_services.service_levels_check()


@shared_task
def poll_delivery_receipts() -> int:
    """Beat job when GOV.UK Notify is configured: its receipts for emails whose callback has not come."""
    return receipt_services.outbox_receipts_poll()
