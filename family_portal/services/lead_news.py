"""The email that tells the lead what the family did. It leaves our systems, so it names the family only
by its reference and says what kind of thing happened; the words themselves stay behind the link."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core.email import send_templated_email
from family_portal.models import FamilyMessage


def lead_notify_of_family_message(*, message_id: int) -> int:
    """Email the family's lead about one message; 0 when there is nobody to tell."""
    message = FamilyMessage.objects.select_related("family__lead_practitioner").get(pk=message_id)
    lead = message.family.lead_practitioner
    if lead is None or not lead.email:
        return 0
    reference = message.family.reference
    link = settings.SITE_URL.rstrip("/") + reverse("families:chronology", args=[reference])
    with translation.override(settings.LANGUAGE_CODE):  # staff emails are in English this round
        return send_templated_email(
            to=[lead.email],
            subject=_("Family %(reference)s: a message from the family's own page")
            % {"reference": reference},
            text_template="family_portal/email/lead_family_message.txt",
            context={
                "lead": lead,
                "what": message.get_kind_display(),
                "reference": reference,
                "link": link,
                "urgent": message.kind == FamilyMessage.Kind.STOP_SHARING,
            },
        )
