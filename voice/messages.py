"""What a complainant, or the person who made a suggestion, is sent: each kind's subject and its text
message (short: the reference and where to look). The body is `voice/replies/<kind>.txt`."""

from typing import Any

from django.utils.translation import gettext_lazy as _

REPLIES: dict[str, tuple[Any, Any]] = {
    "complaint_received": (
        _("We have received your complaint"),
        _(
            "We have received your complaint, reference %(reference)s. We will be in touch within 5 working days."
        ),
    ),
    "suggestion_acknowledged": (
        _("We have received your suggestion"),
        _(
            "Thank you for your suggestion, reference %(reference)s. We will tell you what we decide about it."
        ),
    ),
    "suggestion_decided": (
        _("What we decided about your suggestion"),
        _(
            "We have decided about your suggestion, reference %(reference)s. To hear what we decided, contact us: %(link)s"
        ),
    ),
}
REPLIES.update(
    {
        "complaint_acknowledged": (
            _("We are looking into your complaint"),
            _("We are looking into your complaint, reference %(reference)s. Read more at %(link)s"),
        ),
        "stage_extended": (
            _("We need more time to answer your complaint"),
            _("We need more time to answer your complaint, reference %(reference)s. Read more at %(link)s"),
        ),
        "stage_started": (
            _("Your complaint has moved to the next stage"),
            _("Your complaint, reference %(reference)s, has moved to the next stage. Read more at %(link)s"),
        ),
        "stage_decided": (
            _("Our answer to your complaint"),
            _("We have answered your complaint, reference %(reference)s. Read more at %(link)s"),
        ),
    }
)
