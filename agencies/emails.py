"""The emails the outbox sends, built when they are sent (from what the database says then).

An alert goes to an agency's shared inbox, which many people read: it names no one in the family. It
says who is asking, what is asked and how urgently, and links to the answer page, where what the
family agreed to share is shown only to someone signed in or holding a one-time code.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from agencies.links import link_max_age, response_url
from agencies.models import OutboxMessage, ReferralResponse
from core.email import templated_email
from core.notify import ATTEMPT_HEADER, REFERENCE_HEADER


def message_id(key: str) -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "power-of-one.local"
    return f"<{key}@{domain}>"


def _when(value: Any) -> str:
    return formats.date_format(timezone.localtime(value), "j F Y, H:i")


def _referral_page(response: ReferralResponse) -> str:
    referral = response.referral
    return settings.SITE_URL.rstrip("/") + reverse(
        "agencies:referral_detail", args=[referral.family.reference, referral.pk]
    )


@dataclass(frozen=True)
class _Parts:
    """What every email about a referral response names: read once, used by each kind's content."""

    response: Any
    referral: Any
    lead: Any
    team: Any
    number: str
    asker: str
    contact: str


def _parts(message: OutboxMessage) -> _Parts:
    response = message.response
    referral = response.referral
    lead = referral.sent_by
    team = referral.family.team
    return _Parts(
        response=response,
        referral=referral,
        lead=lead,
        team=team,
        number=referral.number,
        asker=_("%(name)s (lead practitioner, %(team)s team)") % {"name": lead, "team": team},
        contact=lead.contact_line(),
    )


def _agency_link(response: Any) -> dict[str, Any]:
    expires = formats.date_format(timezone.localtime(timezone.now() + link_max_age()), "j F Y")
    return {
        "button_label": _("Answer the referral"),
        "button_url": response_url(response),
        "footer": [
            _("The link works until %(date)s. Anyone with it can answer, so do not forward it.")
            % {"date": expires},
            _(
                "To see what the family agreed to share, sign in with your agency account or ask for a "
                "one-time code to be sent to this inbox."
            ),
        ],
    }


def _alert(message: OutboxMessage, p: _Parts) -> dict[str, Any]:
    referral, response = p.referral, p.response
    return {
        "subject": _("New referral %(number)s (%(urgency)s) from %(team)s")
        % {"number": p.number, "urgency": referral.get_urgency_display().lower(), "team": p.team},
        "heading": _("A new referral for %(agency)s") % {"agency": response.agency},
        "paragraphs": [
            _("%(asker)s asks for your help.") % {"asker": p.asker},
            _("Please acknowledge it by %(due)s.") % {"due": _when(response.ack_due_at)},
        ],
        "quote": referral.request,
        "facts": [
            (_("Referral"), p.number),
            (_("Urgency"), referral.get_urgency_display()),
            (_("Sent"), _when(referral.sent_at)),
            (_("Contact"), p.contact or str(p.lead)),
        ],
        **_agency_link(response),
    }


def _waiting(message: OutboxMessage, p: _Parts) -> dict[str, Any]:
    escalation = message.kind == OutboxMessage.Kind.ESCALATION
    referral, response = p.referral, p.response
    return {
        "subject": (
            _("Escalated: referral %(number)s to %(agency)s is not acknowledged")
            if escalation
            else _("Reminder: please acknowledge referral %(number)s")
        )
        % {"number": p.number, "agency": response.agency},
        "heading": _("Referral %(number)s is waiting for %(agency)s")
        % {"number": p.number, "agency": response.agency},
        "paragraphs": [
            _("It was sent on %(sent)s and was due to be acknowledged by %(due)s.")
            % {"sent": _when(referral.sent_at), "due": _when(response.ack_due_at)},
            _("You are receiving this as the agency's manager contact.") if escalation else "",
            _("%(asker)s asks for your help.") % {"asker": p.asker},
        ],
        "quote": referral.request,
        "facts": [(_("Referral"), p.number), (_("Contact"), p.contact or str(p.lead))],
        **_agency_link(response),
    }


def _team_escalation(message: OutboxMessage, p: _Parts) -> dict[str, Any]:
    referral, response = p.referral, p.response
    return {
        "subject": _("Escalated: %(agency)s has not acknowledged referral %(number)s")
        % {"agency": response.agency, "number": p.number},
        "heading": _("%(agency)s has not acknowledged referral %(number)s")
        % {"agency": response.agency, "number": p.number},
        "paragraphs": [
            _("The referral for family %(reference)s was sent on %(sent)s by %(lead)s.")
            % {"reference": referral.family.reference, "sent": _when(referral.sent_at), "lead": p.lead},
            _("It was due to be acknowledged by %(due)s. The agency's manager has been told too.")
            % {"due": _when(response.ack_due_at)},
        ],
        "facts": [
            (_("Agency manager"), response.agency.manager_name or "-"),
            (_("Manager's email"), response.agency.manager_email or "-"),
            (_("Manager's phone"), response.agency.manager_phone or "-"),
        ],
        "button_label": _("See the referral"),
        "button_url": _referral_page(response),
    }


def _answer_notice(message: OutboxMessage, p: _Parts) -> dict[str, Any]:
    response, event = p.response, message.event
    status = event.get_status_display() if event else response.get_status_display()
    return {
        "subject": _("%(agency)s: %(status)s – referral %(number)s")
        % {"agency": response.agency, "status": status.lower(), "number": p.number},
        "heading": _("%(agency)s answered referral %(number)s")
        % {"agency": response.agency, "number": p.number},
        "paragraphs": [
            _("Their answer: %(status)s.") % {"status": status},
            _("Family %(reference)s.") % {"reference": p.referral.family.reference},
        ],
        "quote": event.note if event else "",
        "button_label": _("See the referral"),
        "button_url": _referral_page(response),
    }


NOT_DELIVERED_SUFFIX = "-not-delivered"


def _not_delivered(message: OutboxMessage, p: _Parts) -> dict[str, Any]:
    response = p.response
    bounced = OutboxMessage.objects.filter(
        idempotency_key=message.idempotency_key.removesuffix(NOT_DELIVERED_SUFFIX)
    ).first()
    detail = bounced.delivery_detail if bounced else ""
    return {
        "subject": _("Not delivered: referral %(number)s to %(agency)s")
        % {"number": p.number, "agency": response.agency},
        "heading": _("An email about referral %(number)s could not be delivered to %(agency)s")
        % {"number": p.number, "agency": response.agency},
        "paragraphs": [
            _(
                "GOV.UK Notify could not deliver it to %(address)s: the address does not exist or refuses mail."
            )
            % {"address": detail}
            if detail
            else "",
            _("Check the agency's referral address and its manager contact, then tell the agency."),
            _("You are receiving this as the referral's lead practitioner or the agency's manager contact."),
        ],
        "facts": [(_("Referral"), p.number), (_("Agency"), str(response.agency))],
        "button_label": _("See the referral"),
        "button_url": _referral_page(response),
    }


_CONTENT: dict[str, Callable[[OutboxMessage, _Parts], dict[str, Any]]] = {
    OutboxMessage.Kind.ALERT: _alert,
    OutboxMessage.Kind.REMINDER: _waiting,
    OutboxMessage.Kind.ESCALATION: _waiting,
    OutboxMessage.Kind.TEAM_ESCALATION: _team_escalation,
    OutboxMessage.Kind.ANSWER_NOTICE: _answer_notice,
    OutboxMessage.Kind.NOT_DELIVERED: _not_delivered,
}


def email_content(message: OutboxMessage) -> dict[str, Any]:
    """Subject, heading, paragraphs, facts and button of the email an outbox message sends."""
    content = _CONTENT.get(message.kind)
    if content is None:
        raise ValueError(f"no email for outbox kind {message.kind}")
    return content(message, _parts(message))


def build_email(outbox_message: OutboxMessage) -> EmailMultiAlternatives | None:
    message = (
        OutboxMessage.objects.select_related(
            "response__agency", "response__referral__family__team", "response__referral__sent_by", "event"
        )
        .filter(pk=outbox_message.pk)
        .first()
    )
    if message is None or not message.to:
        return None
    content = email_content(message)
    content["paragraphs"] = [p for p in content.get("paragraphs", []) if p]
    return templated_email(
        to=list(message.to),
        subject=content["subject"],
        text_template="agencies/email/message.txt",
        html_template="agencies/email/message.html",
        context=content,
        headers={
            "Message-ID": message_id(message.idempotency_key),
            REFERENCE_HEADER: message.idempotency_key,
            # A retry lets a Notify backend look for what the attempt before it sent (core/notify.py).
            ATTEMPT_HEADER: str(message.attempts),
        },
    )
