"""Keeping a family member informed: one message per event per member, by their channel, in their
language, never saying more than they may see (issue 11).

`notify_family_member` is the one way a member is told anything. The sent-log (`FamilyNotice`, unique per
member and event key) is written first, in the same transaction as the sending, as the morning reminder
does: a second call, a retried task or a parallel worker finds the row and sends nothing; a send that
fails rolls the row back, so a retry can send it.
"""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from family_portal.backends import backend_for
from family_portal.models import Channel, FamilyNotice, MemberAccess
from family_portal.visibility import MemberView, member_view

FAMILY_PATH = "/my/"

SUBJECTS: dict[str, Any] = {
    "plan_changed": _("Your family plan has changed"),
    "review_booked": _("Your next plan review is booked"),
    "review_due": _("Your plan review is coming up"),
    "referral_answered": _("An organisation has answered about the help you were put forward for"),
    "help_approved": _("Practical help for your family has been approved"),
    "worker_changed": _("You have a new lead worker"),
    "survey": _("Tell us what you think of the support you had"),
}

# Texts carry nothing but the member's first name and the link (anyone may read a phone's screen).
TEXTS: dict[str, Any] = {
    "plan_changed": _("Hello %(name)s, your family plan has changed. Sign in to see it: %(link)s"),
    "review_booked": _("Hello %(name)s, your next plan review is booked. Sign in to see the date: %(link)s"),
    "review_due": _("Hello %(name)s, your plan review is coming up. Sign in to see the date: %(link)s"),
    "referral_answered": _(
        "Hello %(name)s, there is news about the help you were put forward for. Sign in to see it: %(link)s"
    ),
    "help_approved": _("Hello %(name)s, practical help for your family has been approved. Sign in: %(link)s"),
    "worker_changed": _(
        "Hello %(name)s, you have a new lead worker. Sign in to see how to reach them: %(link)s"
    ),
    # The family's voice (issue 12): the link is to one anonymous survey, not to the family's pages.
    "survey": _(
        "Hello %(name)s, tell us what you think of the support you had. 4 short questions, anonymous: %(survey_link)s"
    ),
}

# Kinds a member is still sent once the family's case has closed: the survey asks about the support
# that ended (its link needs no sign-in).
AFTER_CLOSURE = ("survey",)

# An item's parents: if the member may not see the parent, they hear nothing of the item either.
PARENT_FIELDS = ("goal", "plan", "referral", "review")


@dataclass
class Message:
    subject: str
    body: str
    html: str
    text: str


def family_link() -> str:
    return settings.SITE_URL.rstrip("/") + FAMILY_PATH


def may_hear_of(view: MemberView, obj: Any) -> bool:
    """The member may be told about `obj`: it, and everything it belongs to, is shown to them."""
    if obj is None:
        return True
    if not isinstance(obj, Model) or not view.shows(obj):
        return False
    if getattr(obj, "family_id", view.family.pk) != view.family.pk:
        return False
    for name in PARENT_FIELDS:
        parent = getattr(obj, name, None)
        if isinstance(parent, Model) and not may_hear_of(view, parent):
            return False
    return True


def _render(*, access: MemberAccess, view: MemberView, kind: str, context: dict[str, Any]) -> Message:
    person = access.person
    name = person.preferred_name or person.first_name
    large_print = access.large_print
    full = {
        **context,
        "name": name,
        "link": family_link(),
        # After closure (a survey) the member can no longer sign in: the message does not invite them to.
        "may_sign_in": access.is_open,
        "have_your_say": settings.SITE_URL.rstrip("/") + reverse("have_your_say:index"),
        "family": view.family,
        "lead": view.family.lead_practitioner,
        "body_template": f"family_portal/notices/{kind}.html",
        "subject": str(SUBJECTS[kind]),
        "large_print": large_print,
        "LANGUAGE_CODE": access.language,
    }
    if access.channel == Channel.LETTER:
        full["address"] = [] if view.hides_address else _address_lines(view)
    html_template = (
        "family_portal/notices/letter.html"
        if access.channel == Channel.LETTER
        else "family_portal/notices/email.html"
    )
    return Message(
        subject=full["subject"],
        body=render_to_string(f"family_portal/notices/{kind}.txt", full),
        html=render_to_string(html_template, full),
        text=str(TEXTS[kind]) % {**_text_values(context), "name": name, "link": full["link"]},
    )


def _text_values(context: dict[str, Any]) -> dict[str, str]:
    """The context's plain strings (a survey's link), for a text message that names them."""
    return {key: value for key, value in context.items() if isinstance(value, str)}


def _address_lines(view: MemberView) -> list[str]:
    family = view.family
    lines = [family.address_line_1, family.address_line_2, family.town, family.postcode]
    return [line for line in lines if line]


def _deliver(*, access: MemberAccess, notice: FamilyNotice, message: Message) -> None:
    backend = backend_for(access.channel)
    if access.channel == Channel.EMAIL:
        backend.send(to=access.email, subject=message.subject, body=message.body, html=message.html)
    elif access.channel == Channel.TEXT:
        backend.send(to=access.phone, body=message.text)
    else:
        backend.send(notice=notice, html=message.html)


def _channel_reachable(access: MemberAccess) -> bool:
    if access.channel == Channel.EMAIL:
        return bool(access.email)
    if access.channel == Channel.TEXT:
        return bool(access.phone)
    return True


def _may_still_be_told(access: MemberAccess, kind: str) -> bool:
    if kind in AFTER_CLOSURE:
        return access.status != MemberAccess.Status.WITHDRAWN
    return access.is_open


def notify_family_member(
    *, access: MemberAccess, kind: str, key: str, context: dict[str, Any] | None = None
) -> FamilyNotice | None:
    """Tell one member about one event (`key`, stable and unique), once. `context["obj"]` is the item the
    news is about, if any: a member it is hidden from, or not shared with, is not told. Returns the
    notice, or None when nothing was sent (already sent, access closed, or nothing they may hear of)."""
    if kind not in SUBJECTS:
        raise ValueError(f"unknown family notice {kind!r}")
    context = dict(context or {})
    access = MemberAccess.objects.select_related("person__family__lead_practitioner").get(pk=access.pk)
    if not _may_still_be_told(access, kind) or not _channel_reachable(access):
        return None
    view = member_view(access)
    if not may_hear_of(view, context.get("obj")):
        return None
    if FamilyNotice.objects.filter(access=access, key=key).exists():
        return None
    with translation.override(access.language):
        message = _render(access=access, view=view, kind=kind, context=context)
    try:
        with transaction.atomic():
            notice = FamilyNotice.objects.create(
                access=access,
                key=key[:120],
                kind=kind,
                channel=access.channel,
                language=access.language,
                subject=message.subject,
                body=message.text if access.channel == Channel.TEXT else message.body,
            )
            _deliver(access=access, notice=notice, message=message)
    except IntegrityError:
        return None  # another worker sent it first
    return notice
