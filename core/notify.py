"""GOV.UK Notify: the councils' service for email, text messages and letters, used when configured.

Django's email stays the default (SMTP, or the console in the demo); setting
``EMAIL_BACKEND=core.notify.NotifyEmailBackend`` sends every email the product writes through Notify, and
``FAMILY_TEXT_BACKEND=core.notify.NotifyTextBackend`` every text message. Notify sends by template: the
council creates one email template with ``((subject))`` and ``((body))`` and one text template with
``((body))`` (docs/council-it.md), and the product fills them in.

An email that may be sent more than once (an outbox row retried after a crash) carries its idempotency
key in the ``X-Power-Of-One-Key`` header: it becomes the notification's ``reference``, and on a retry the
backend first asks Notify which addresses already have a notification with that reference, so a worker
killed between Notify's answer and the outbox's "sent" mark does not send the same email twice.

Errors are sorted for the relay: ``NotifyRetryLater`` (429 rate limit, 5xx, no connection) is an
``OSError``, so Celery's ``autoretry_for`` and the outbox back off and try again (a 403, a key revoked or
mistyped, too: the council fixes it and the rows still go); ``NotifyRejected`` (400: a bad address, a
wrong template) will not get better by retrying.
"""

import datetime
import hmac
import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.core import checks
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

logger = logging.getLogger(__name__)

REFERENCE_HEADER = "X-Power-Of-One-Key"
ATTEMPT_HEADER = "X-Power-Of-One-Attempt"
REFERENCE_MAX_LENGTH = 1000

# The states a delivery receipt (callback or status look-up) can report for an email or a text message.
DELIVERED = "delivered"
PERMANENT_FAILURE = "permanent-failure"
TEMPORARY_FAILURE = "temporary-failure"
TECHNICAL_FAILURE = "technical-failure"
FINAL_STATUSES = (DELIVERED, PERMANENT_FAILURE, TEMPORARY_FAILURE, TECHNICAL_FAILURE)


@dataclass(frozen=True)
class Receipt:
    """What Notify says happened to one notification: its callback's body, or a status look-up."""

    notify_id: str
    reference: str
    to: str
    status: str
    completed_at: datetime.datetime | None
    notification_type: str = "email"


def receipt_from(payload: Any) -> Receipt:
    """Read Notify's callback (or a notification from the API); a ValueError if it is not one."""
    if not isinstance(payload, dict) or not payload.get("id") or not payload.get("status"):
        raise ValueError("not a GOV.UK Notify delivery receipt")
    completed = payload.get("completed_at")
    completed_at = parse_datetime(str(completed)) if completed else None
    if completed_at is not None and timezone.is_naive(completed_at):
        completed_at = timezone.make_aware(completed_at, datetime.UTC)  # Notify's times are UTC
    return Receipt(
        notify_id=str(payload["id"]),
        reference=str(payload.get("reference") or ""),
        to=str(payload.get("to") or payload.get("email_address") or payload.get("phone_number") or ""),
        status=str(payload["status"]),
        completed_at=completed_at,
        notification_type=str(payload.get("notification_type") or payload.get("type") or "email"),
    )


class NotifyRetryLater(OSError):
    """Notify could not take the message now (rate limit, its own error, no connection): try again later."""

    def __init__(self, message: str, *, status_code: int = 0) -> None:
        super().__init__(message)
        self.status_code = status_code

    @property
    def rate_limited(self) -> bool:
        return self.status_code == 429


class NotifyRejected(ValueError):
    """Notify refused the message for good (a bad address or template): retrying would not help."""


def is_configured() -> bool:
    return bool(settings.NOTIFY_API_KEY)


def client() -> NotificationsAPIClient:
    """A client for this call (the library's client is not thread-safe, and building one is cheap)."""
    if not is_configured():
        # Not "refused": the messages wait (and the outbox retries them) until the council sets the key.
        raise NotifyRetryLater("GOV.UK Notify is not configured: set NOTIFY_API_KEY")
    return NotificationsAPIClient(
        settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL, timeout=settings.NOTIFY_TIMEOUT_SECONDS
    )


def _call(method: str, *args: Any, **kwargs: Any) -> Any:
    try:
        return getattr(client(), method)(*args, **kwargs)
    except APIError as exc:
        status = exc.status_code
        if status == 400:
            raise NotifyRejected(f"Notify {status}: {exc.message}") from exc
        # 429 and 5xx pass; a 403 (a revoked or mistyped key) is fixed by the council, then sent.
        raise NotifyRetryLater(f"Notify {status}: {exc.message}", status_code=status) from exc


def email_send(*, to: str, subject: str, body: str, reference: str = "") -> str:
    """Send one email by the council's generic template; the Notify notification id."""
    answer = _call(
        "send_email_notification",
        email_address=to,
        template_id=settings.NOTIFY_EMAIL_TEMPLATE_ID,
        personalisation={"subject": subject, "body": body},
        reference=reference[:REFERENCE_MAX_LENGTH] or None,
    )
    return str(answer["id"])


def text_send(*, to: str, body: str, reference: str = "") -> str:
    answer = _call(
        "send_sms_notification",
        phone_number=to,
        template_id=settings.NOTIFY_SMS_TEMPLATE_ID,
        personalisation={"body": body},
        reference=reference[:REFERENCE_MAX_LENGTH] or None,
    )
    return str(answer["id"])


def letter_send(*, pdf: bytes, reference: str) -> str:
    """Post a letter the product made as a PDF (Notify's precompiled letter: the address is read from
    the PDF's address block). The reference is required by Notify for these."""
    answer = _call(
        "send_precompiled_letter_notification",
        reference=reference[:REFERENCE_MAX_LENGTH],
        pdf_file=io.BytesIO(pdf),
        postage=settings.NOTIFY_LETTER_POSTAGE or None,
    )
    return str(answer["id"])


def sent_with_reference(reference: str) -> list[dict[str, Any]]:
    """The notifications Notify holds with this reference (newest first, first page)."""
    answer = _call("get_all_notifications", reference=reference[:REFERENCE_MAX_LENGTH])
    return list(answer.get("notifications", []))


def notification(notify_id: str) -> dict[str, Any]:
    """One notification as Notify has it now (its status, for the polling task)."""
    return dict(_call("get_notification_by_id", notify_id))


class NotifyEmailBackend(BaseEmailBackend):
    """Django's email through Notify: one notification per recipient, the body as plain text.

    Each sent message gets a ``notify_ids`` attribute (one id per recipient) for the caller to keep.
    """

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        sent = 0
        for message in email_messages:
            try:
                message.notify_ids = self._send(message)  # type: ignore[attr-defined]
            except Exception:
                if not self.fail_silently:
                    raise
                logger.exception("email not sent through GOV.UK Notify")
            else:
                sent += 1
        return sent

    def _send(self, message: EmailMessage) -> list[str]:
        headers = message.extra_headers or {}
        reference = str(headers.get(REFERENCE_HEADER, ""))
        already: dict[str, str] = {}
        if reference and str(headers.get(ATTEMPT_HEADER, "1")) != "1":
            # A retry: what the last attempt sent before it died must not go again.
            already = {
                str(n.get("email_address", "")).lower(): str(n["id"])
                for n in sent_with_reference(reference)
                if n.get("type", "email") == "email"
            }
        ids = []
        for recipient in message.recipients():
            address = parseaddr(recipient)[1] or recipient  # Notify takes the bare address, no name
            notify_id = already.get(address.lower()) or email_send(
                to=address, subject=str(message.subject), body=str(message.body), reference=reference
            )
            ids.append(notify_id)
        return ids


class NotifyTextBackend:
    """A family member's text message through Notify (the interface of family_portal.backends)."""

    def send(self, *, to: str, body: str) -> None:
        text_send(to=to, body=body)


def callback_authorised(authorization: str) -> bool:
    """Notify's callback carries the bearer token the council set for it (NOTIFY_CALLBACK_TOKEN)."""
    expected = settings.NOTIFY_CALLBACK_TOKEN
    scheme, _space, token = authorization.partition(" ")
    if not expected or scheme.lower() != "bearer" or not token:
        return False
    return hmac.compare_digest(token.strip().encode(), expected.encode())


def settings_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """`manage.py check` (and every start) warns of a channel pointed at Notify without what it needs."""
    backends = settings.FAMILY_NOTIFY_BACKENDS
    needs = {
        "NOTIFY_API_KEY": settings.EMAIL_BACKEND == "core.notify.NotifyEmailBackend"
        or any(
            path.startswith(("core.notify.", "family_portal.backends.Notify")) for path in backends.values()
        )
        or settings.NOTIFY_SEND_LETTERS,
        "NOTIFY_EMAIL_TEMPLATE_ID": settings.EMAIL_BACKEND == "core.notify.NotifyEmailBackend",
        "NOTIFY_SMS_TEMPLATE_ID": backends.get("text") == "core.notify.NotifyTextBackend",
    }
    return [
        checks.Warning(
            f"GOV.UK Notify is chosen as a backend but {name} is not set: its messages cannot be sent.",
            hint="docs/council-it.md, 'GOV.UK Notify'",
            id="core.W001",
        )
        for name, needed in needs.items()
        if needed and not getattr(settings, name)
    ]
