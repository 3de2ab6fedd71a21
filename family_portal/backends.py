"""How a message reaches a family member: one small backend per channel, chosen in settings.

`settings.FAMILY_NOTIFY_BACKENDS` maps each channel ("email", "text", "letter") to the dotted path of a
class; `backend_for(channel)` builds it. The interface is deliberately small, so a GOV.UK Notify backend
(core.notify.NotifyTextBackend, NotifyLetterBackend here) only has to provide the same method for its channel:

- email:  ``send(*, to: str, subject: str, body: str, html: str = "") -> None``
- text:   ``send(*, to: str, body: str) -> None``
- letter: ``send(*, notice: FamilyNotice, html: str) -> None``: makes the letter and keeps it on the
  notice for the lead to post (status "to post").

A backend raises when it cannot send; the caller's transaction then rolls its sent-log row back, so a
retry can send again and nothing is ever recorded as sent that was not.
"""

import sys
import threading
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMultiAlternatives
from django.utils.module_loading import import_string

from core.notify import letter_send
from core.pdf import html_to_pdf
from family_portal.models import FamilyNotice


class EmailBackend:
    """Django's mail (EMAIL_BACKEND decides how: SMTP in production, the console in the demo)."""

    def send(self, *, to: str, subject: str, body: str, html: str = "") -> None:
        email = EmailMultiAlternatives(subject=subject, body=body, to=[to])
        if html:
            email.attach_alternative(html, "text/html")
        email.send(fail_silently=False)


class ConsoleTextBackend:
    """Writes each text message to standard output, as Django's console email backend does: the
    default until a real text-message service is set up."""

    _lock = threading.RLock()

    def __init__(self, stream: Any = None) -> None:
        self.stream = stream

    def send(self, *, to: str, body: str) -> None:
        stream = self.stream or sys.stdout  # looked up now, so a test capturing stdout sees it
        with self._lock:
            stream.write(f"Text message to: {to}\n{body}\n{'-' * 79}\n")
            stream.flush()


class LetterBackend:
    """A printable PDF letter, kept on the notice as "letter to post" for the lead worker to post."""

    def send(self, *, notice: FamilyNotice, html: str) -> None:
        pdf = html_to_pdf(html)
        notice.letter.save(f"letter-{notice.access_id}-{notice.pk}.pdf", ContentFile(pdf), save=False)
        notice.status = FamilyNotice.Status.TO_POST
        notice.save(update_fields=["letter", "status"])


class NotifyLetterBackend(LetterBackend):
    """The same PDF, posted by GOV.UK Notify as a precompiled letter: kept on the notice as "posted"."""

    def send(self, *, notice: FamilyNotice, html: str) -> None:
        pdf = html_to_pdf(html)
        letter_send(pdf=pdf, reference=f"family-notice-{notice.access_id}-{notice.key}")
        notice.letter.save(f"letter-{notice.access_id}-{notice.pk}.pdf", ContentFile(pdf), save=False)
        notice.status = FamilyNotice.Status.POSTED
        notice.save(update_fields=["letter", "status"])


def backend_for(channel: str) -> Any:
    """The backend configured for `channel` (a KeyError for a channel nobody configured)."""
    return import_string(settings.FAMILY_NOTIFY_BACKENDS[channel])()
