"""Emails about practical-help requests. Tasks take ids and read what they need; they write nothing."""

from celery import shared_task
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from core.email import send_templated_email
from core.money import format_gbp
from pots.models import HelpRequest
from staff.selectors import team_managers


def _link(name: str, *args: object) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, args=args)


@shared_task(acks_late=True)
def notify_managers_of_request(request_id: int) -> int:
    """Tell the team's managers a request above the limit is waiting for them. No family name in the email:
    mail leaves our systems, the link does not carry personal data."""
    help_request = HelpRequest.objects.select_related("pot", "requested_by").get(pk=request_id)
    if help_request.status != HelpRequest.Status.PENDING:
        return 0
    managers = team_managers(team=help_request.pot.team_id).exclude(pk=help_request.requested_by_id)
    recipients = [m.email for m in managers if m.email]
    if not recipients:
        return 0
    amount = format_gbp(help_request.amount)
    return send_templated_email(
        to=recipients,
        subject=_("Practical help: a request for %(amount)s needs your decision") % {"amount": amount},
        text_template="pots/email/request_waiting.txt",
        context={
            "worker": help_request.requested_by,
            "amount": amount,
            "pot": help_request.pot,
            "category": help_request.get_category_display(),
            "link": _link("pots:decide", help_request.pk),
        },
    )


@shared_task(acks_late=True)
def notify_requester_of_decision(request_id: int) -> int:
    help_request = HelpRequest.objects.select_related("requested_by", "decided_by").get(pk=request_id)
    if not help_request.requested_by.email:
        return 0
    subject = _("Practical help: your request for %(amount)s was %(status)s") % {
        "amount": format_gbp(help_request.amount),
        "status": str(help_request.get_status_display()).lower(),
    }
    return send_templated_email(
        to=[help_request.requested_by.email],
        subject=subject,
        text_template="pots/email/request_decided.txt",
        context={
            "manager": help_request.decided_by,
            "status": help_request.get_status_display(),
            "reason": help_request.decision_reason,
            "link": _link("pots:request_detail", help_request.pk),
        },
    )
