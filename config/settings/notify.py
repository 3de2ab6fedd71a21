"""GOV.UK Notify's settings (core/notify.py, issue 15), read from the environment; base.py imports them.

Every email goes through Notify with EMAIL_BACKEND=core.notify.NotifyEmailBackend, text messages with
FAMILY_TEXT_BACKEND=core.notify.NotifyTextBackend, family letters with
FAMILY_LETTER_BACKEND=family_portal.backends.NotifyLetterBackend, complaint letters by post with
NOTIFY_SEND_LETTERS=true. docs/council-it.md says what to create in Notify.
"""

from typing import Any

import environ
from celery.schedules import crontab

_env = environ.Env()

# The whole "name-serviceid-secret" string Notify shows once when the key is created; empty: Notify off.
NOTIFY_API_KEY = _env.str("NOTIFY_API_KEY", default="")
NOTIFY_BASE_URL = _env.str("NOTIFY_BASE_URL", default="https://api.notifications.service.gov.uk")
NOTIFY_TIMEOUT_SECONDS = _env.int("NOTIFY_TIMEOUT_SECONDS", default=20)  # below AGENCIES_OUTBOX_LEASE_SECONDS
# The council's templates: email with ((subject)) and ((body)), text message with ((body)).
NOTIFY_EMAIL_TEMPLATE_ID = _env.str("NOTIFY_EMAIL_TEMPLATE_ID", default="")
NOTIFY_SMS_TEMPLATE_ID = _env.str("NOTIFY_SMS_TEMPLATE_ID", default="")
# Complaint replies by post are posted by Notify (precompiled letters) when true; the PDF is still kept.
NOTIFY_SEND_LETTERS = _env.bool("NOTIFY_SEND_LETTERS", default=False)
NOTIFY_LETTER_POSTAGE = _env.str("NOTIFY_LETTER_POSTAGE", default="second")  # first, second or economy
# The bearer token Notify sends with each delivery receipt (set the same in Notify's callback settings).
NOTIFY_CALLBACK_TOKEN = _env.str("NOTIFY_CALLBACK_TOKEN", default="")
# How long the outbox waits after Notify answers 429 (its limits are per minute); never a reason to give up.
NOTIFY_RATE_LIMIT_WAIT_SECONDS = _env.int("NOTIFY_RATE_LIMIT_WAIT_SECONDS", default=60)
# How long after the send the polling task asks Notify about an email that has no receipt (hours).
NOTIFY_POLL_HOURS = _env.int("NOTIFY_POLL_HOURS", default=72)

# Asking Notify for the receipts whose callback has not come, while Notify is on.
NOTIFY_BEAT_SCHEDULE: dict[str, dict[str, Any]] = (
    {
        "notify-delivery-receipts": {
            "task": "agencies.tasks.poll_delivery_receipts",
            "schedule": crontab(minute="*/10"),
        }
    }
    if NOTIFY_API_KEY
    else {}
)
