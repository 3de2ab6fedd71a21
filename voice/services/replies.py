"""Telling a complainant, or the person who made a suggestion, what is happening: by the way they chose
(email, text message or letter), in the language they chose, once per event.

`send_reply` is the one way anyone is told anything about a complaint or a suggestion. Its sent-log
(`Reply`, unique `key`) is written in the same transaction as the sending: a retried task finds the row
and sends nothing; a send that fails rolls the row back, so a retry can send it. Texts say no more than
the reference and where to look: anyone may read a phone's screen. Letters are PDFs kept for complaints
staff to post, never in a lead worker's "Letters to post"; with NOTIFY_SEND_LETTERS GOV.UK Notify posts
them and they are kept as posted.
"""

from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core.notify import letter_send
from core.pdf import html_to_pdf
from family_portal.backends import backend_for
from voice.messages import REPLIES
from voice.models import Channel, Complaint, Reply, Suggestion


def public_link(path: str = "/have-your-say/") -> str:
    return settings.SITE_URL.rstrip("/") + path


def send_reply(
    about: Complaint | Suggestion, *, kind: str, key: str, context: dict[str, Any] | None = None
) -> Reply | None:
    """Send `voice/replies/<kind>.txt` (for a letter, inside `voice/replies/letter.html`, as a PDF) to the
    person behind `about`, with the subject and text message of `voice.messages.REPLIES[kind]`, in their
    language. Returns the reply, or None when nothing was sent (already sent, or the person asked not
    to hear back)."""
    subject, text = REPLIES[kind]
    if about.reply_channel == Channel.NONE:
        return None
    if Reply.objects.filter(key=key).exists():
        return None
    owner: dict[str, Any] = {"complaint": about} if isinstance(about, Complaint) else {"suggestion": about}
    with translation.override(about.language):
        full = {
            **(context or {}),
            "about": about,
            "reference": about.reference,
            "link": public_link(),
            "subject": str(subject),
            "body_template": f"voice/replies/{kind}.txt",
            "LANGUAGE_CODE": about.language,
        }
        body = render_to_string(f"voice/replies/{kind}.txt", full)
        short = str(text) % {"reference": about.reference, "link": full["link"]}
        html = (
            render_to_string("voice/replies/letter.html", {**full, "body": body})
            if about.reply_channel == Channel.LETTER
            else ""
        )
    try:
        with transaction.atomic():
            reply = Reply.objects.create(
                key=key[:120],
                channel=about.reply_channel,
                language=about.language,
                subject=full["subject"][:200],
                body=short if about.reply_channel == Channel.TEXT else body,
                **owner,
            )
            _deliver(about, reply, html)
    except IntegrityError:
        return None  # another worker sent it first
    return reply


def _deliver(about: Complaint | Suggestion, reply: Reply, html: str) -> None:
    if about.reply_channel == Channel.EMAIL:
        backend_for("email").send(to=about.email, subject=reply.subject, body=reply.body)
    elif about.reply_channel == Channel.TEXT:
        backend_for("text").send(to=about.phone, body=reply.body)
    else:
        pdf = html_to_pdf(html)
        if settings.NOTIFY_SEND_LETTERS:
            # GOV.UK Notify posts it (a precompiled letter); the PDF is still kept as the record.
            letter_send(pdf=pdf, reference=f"voice-reply-{reply.key}")
            reply.posted_at = timezone.now()
        reply.letter.save(f"{about.reference}-{reply.pk}.pdf", ContentFile(pdf), save=True)
