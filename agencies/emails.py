"""The emails the outbox sends, built when they are sent (from what the database says then).

An alert goes to an agency's shared inbox, which many people read: it names no one in the family. It
says who is asking, what is asked and how urgently, and links to the answer page, where what the
family agreed to share is shown only to someone signed in or holding a one-time code.
"""

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from agencies.links import link_max_age, response_url
from agencies.models import OutboxMessage, ReferralResponse
from core.email import templated_email


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


def email_content(message: OutboxMessage) -> dict[str, Any]:
    response = message.response
    referral = response.referral
    lead = referral.sent_by
    team = referral.family.team
    number = referral.number
    asker = _("%(name)s (lead practitioner, %(team)s team)") % {"name": lead, "team": team}
    contact = lead.contact_line()
    expires = formats.date_format(timezone.localtime(timezone.now() + link_max_age()), "j F Y")
    agency_link = {
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
    kind = message.kind
    if kind == OutboxMessage.Kind.ALERT:
        return {
            "subject": _("New referral %(number)s (%(urgency)s) from %(team)s")
            % {"number": number, "urgency": referral.get_urgency_display().lower(), "team": team},
            "heading": _("A new referral for %(agency)s") % {"agency": response.agency},
            "paragraphs": [
                _("%(asker)s asks for your help.") % {"asker": asker},
                _("Please acknowledge it by %(due)s.") % {"due": _when(response.ack_due_at)},
            ],
            "quote": referral.request,
            "facts": [
                (_("Referral"), number),
                (_("Urgency"), referral.get_urgency_display()),
                (_("Sent"), _when(referral.sent_at)),
                (_("Contact"), contact or str(lead)),
            ],
            **agency_link,
        }
    if kind in (OutboxMessage.Kind.REMINDER, OutboxMessage.Kind.ESCALATION):
        escalation = kind == OutboxMessage.Kind.ESCALATION
        return {
            "subject": (
                _("Escalated: referral %(number)s to %(agency)s is not acknowledged")
                if escalation
                else _("Reminder: please acknowledge referral %(number)s")
            )
            % {"number": number, "agency": response.agency},
            "heading": _("Referral %(number)s is waiting for %(agency)s")
            % {"number": number, "agency": response.agency},
            "paragraphs": [
                _("It was sent on %(sent)s and was due to be acknowledged by %(due)s.")
                % {"sent": _when(referral.sent_at), "due": _when(response.ack_due_at)},
                _("You are receiving this as the agency's manager contact.") if escalation else "",
                _("%(asker)s asks for your help.") % {"asker": asker},
            ],
            "quote": referral.request,
            "facts": [(_("Referral"), number), (_("Contact"), contact or str(lead))],
            **agency_link,
        }
    if kind == OutboxMessage.Kind.TEAM_ESCALATION:
        return {
            "subject": _("Escalated: %(agency)s has not acknowledged referral %(number)s")
            % {"agency": response.agency, "number": number},
            "heading": _("%(agency)s has not acknowledged referral %(number)s")
            % {"agency": response.agency, "number": number},
            "paragraphs": [
                _("The referral for family %(reference)s was sent on %(sent)s by %(lead)s.")
                % {"reference": referral.family.reference, "sent": _when(referral.sent_at), "lead": lead},
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
    if kind == OutboxMessage.Kind.ANSWER_NOTICE:
        event = message.event
        status = event.get_status_display() if event else response.get_status_display()
        return {
            "subject": _("%(agency)s: %(status)s – referral %(number)s")
            % {"agency": response.agency, "status": status.lower(), "number": number},
            "heading": _("%(agency)s answered referral %(number)s")
            % {"agency": response.agency, "number": number},
            "paragraphs": [
                _("Their answer: %(status)s.") % {"status": status},
                _("Family %(reference)s.") % {"reference": referral.family.reference},
            ],
            "quote": event.note if event else "",
            "button_label": _("See the referral"),
            "button_url": _referral_page(response),
        }
    raise ValueError(f"no email for outbox kind {kind}")


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
            "X-Power-Of-One-Key": message.idempotency_key,
        },
    )
