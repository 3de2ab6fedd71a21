"""One way to write an email: a subject, a text template (and an HTML one if wanted), one context.

Every email the system sends is built here, so each has the same shape: the site's From address
(DEFAULT_FROM_EMAIL), a plain-text body, an optional HTML alternative, and optional headers (a stable
Message-ID for an email that may be sent twice, a Reply-To).
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def templated_email(
    *,
    to: Sequence[str],
    subject: str,
    text_template: str,
    context: Mapping[str, Any],
    html_template: str = "",
    headers: Mapping[str, str] | None = None,
    reply_to: Sequence[str] = (),
) -> EmailMultiAlternatives:
    """The email, built but not sent: for a caller that sends it itself (an outbox, a batch)."""
    email = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(text_template, dict(context)),
        to=list(to),
        headers=dict(headers) if headers else None,
        reply_to=list(reply_to) or None,
    )
    if html_template:
        email.attach_alternative(render_to_string(html_template, dict(context)), "text/html")
    return email


def send_templated_email(
    *,
    to: Sequence[str],
    subject: str,
    text_template: str,
    context: Mapping[str, Any],
    html_template: str = "",
    headers: Mapping[str, str] | None = None,
    reply_to: Sequence[str] = (),
) -> int:
    """Send the email now (a failure raises); 1 if it was sent, as Django's send_mail answers."""
    email = templated_email(
        to=to,
        subject=subject,
        text_template=text_template,
        context=context,
        html_template=html_template,
        headers=headers,
        reply_to=reply_to,
    )
    return email.send(fail_silently=False)
