""" "What has happened": everything shared with the family that this member may see, newest first, in
plain words (reviews held, referrals and each agency's answer, the pot's help, shared notes, the family's
turning points, and what the family themselves did)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from agencies.models import Referral, ReferralResponse
from families.models import CaseNote, FamilyEvent
from family_portal.models import FamilyMessage
from family_portal.selectors.people import person_name
from family_portal.selectors.plan import shown_goal_ids
from family_portal.visibility import MemberView
from plans.models import PlanReview
from pots.models import HelpRequest


@dataclass
class Entry:
    on: datetime.date
    at: datetime.datetime
    title: str
    text: str = ""
    lines: list[str] = field(default_factory=list)


def _day(value: datetime.datetime) -> datetime.date:
    return timezone.localtime(value).date()


def _answer_title(status: str, agency: str) -> str:
    answers: dict[str, str] = {
        ReferralResponse.Status.ACKNOWLEDGED: _("%(agency)s has received the request"),
        ReferralResponse.Status.MORE_INFO: _("%(agency)s asked your worker for more information"),
        ReferralResponse.Status.ACCEPTED: _("%(agency)s said yes"),
        ReferralResponse.Status.DECLINED: _("%(agency)s said no"),
        ReferralResponse.Status.COMPLETED: _("%(agency)s has finished their part"),
        ReferralResponse.Status.WITHDRAWN: _("The request to %(agency)s was stopped"),
    }
    return answers.get(status, "") % {"agency": agency} if status in answers else ""


EVENT_TITLES = {
    FamilyEvent.Kind.OPENED: lambda: _("You started working with us"),
    FamilyEvent.Kind.HANDED_OVER: lambda: _("You have a new worker"),
    FamilyEvent.Kind.TEAM_MOVED: lambda: _("A different team now works with you"),
    FamilyEvent.Kind.STEPPED_UP: lambda: _("Children's social care now works with you"),
    FamilyEvent.Kind.STEPPED_DOWN: lambda: _("Children's social care handed back to us"),
    FamilyEvent.Kind.CLOSED: lambda: _("We stopped working with you"),
    FamilyEvent.Kind.REOPENED: lambda: _("We started working with you again"),
}


def _reviews(view: MemberView) -> list[Entry]:
    reviews = PlanReview.objects.filter(plan__family=view.family).prefetch_related(
        "attending_people", "attending_agencies"
    )
    entries = []
    for review in view.only_shown(reviews):
        came = [person_name(view, p) for p in review.attending_people.all() if view.shows_person(p)]
        came += [str(a) for a in review.attending_agencies.all()]
        lines = [_("Who came: %(names)s") % {"names": ", ".join(came)}] if came else []
        lines.append(_("Next meeting: %(date)s") % {"date": date_format(review.next_review_on, "j F Y")})
        entries.append(
            Entry(
                review.held_on,
                review.created_at,
                _("We met to review your plan"),
                review.decisions,
                lines,
            )
        )
    return entries


def _referrals(view: MemberView) -> list[Entry]:
    referrals = Referral.objects.filter(family=view.family).prefetch_related(
        Prefetch("responses", queryset=ReferralResponse.objects.select_related("agency"))
    )
    entries = []
    for referral in view.only_shown(referrals):
        responses = view.only_shown(referral.responses.all())
        names = ", ".join(str(r.agency) for r in responses)
        title = _("Your worker asked %(agencies)s for help") % {"agencies": names} if names else ""
        if title:
            entries.append(Entry(_day(referral.sent_at), referral.sent_at, title, referral.request))
        for response in responses:
            answer = _answer_title(response.status, str(response.agency))
            when = response.answered_at or response.acknowledged_at or response.updated_at
            if answer:
                entries.append(Entry(_day(when), when, answer, response.outcome))
    return entries


def _help(view: MemberView) -> list[Entry]:
    goals = shown_goal_ids(view)
    requests = HelpRequest.objects.filter(
        family=view.family,
        status__in=[HelpRequest.Status.APPROVED, HelpRequest.Status.PAID],
        goal_id__in=goals,
    )
    entries = []
    for request in view.only_shown(requests):
        what = request.get_category_display()
        if request.status == HelpRequest.Status.PAID:
            title = _("Help from the family fund was paid: %(what)s") % {"what": what}
        else:
            title = _("Help from the family fund was agreed: %(what)s") % {"what": what}
        when = request.decided_at or request.requested_at
        entries.append(Entry(_day(when), when, title, request.description))
    return entries


def _notes_and_events(view: MemberView) -> list[Entry]:
    entries = []
    for note in view.only_shown(CaseNote.objects.filter(family=view.family)):
        title = _("%(kind)s with your worker") % {"kind": note.get_kind_display()}
        if note.kind == CaseNote.Kind.NOTE:
            title = _("A note from your worker")
        entries.append(Entry(note.occurred_on, note.created_at, title, note.text))
    for event in view.only_shown(FamilyEvent.objects.filter(family=view.family)):
        title_of = EVENT_TITLES.get(event.kind)  # type: ignore[call-overload]
        if title_of is not None:
            entries.append(Entry(event.occurred_on, event.created_at, title_of()))
    return entries


# What other members did that a member sees; their own messages are all shown to them.
SHARED_KINDS = {
    FamilyMessage.Kind.AGREED,
    FamilyMessage.Kind.COMMENT,
    FamilyMessage.Kind.OWN_WORDS,
    FamilyMessage.Kind.ACTION_DONE,
    FamilyMessage.Kind.ACTION_STUCK,
}


def _messages(view: MemberView) -> list[Entry]:
    messages = FamilyMessage.objects.filter(family=view.family).select_related(
        "access__person", "goal", "action"
    )
    goals = shown_goal_ids(view)
    entries = []
    for message in view.only_shown(messages):
        person = message.access.person
        mine = person.pk == view.person.pk
        if not mine and (message.kind not in SHARED_KINDS or not view.shows_person(person)):
            continue
        if (message.goal_id and message.goal_id not in goals) or (
            message.action is not None
            and (message.action.goal_id not in goals or not view.shows(message.action))
        ):
            continue
        title = _("%(who)s: %(what)s") % {
            "who": person_name(view, person),
            "what": message.get_kind_display(),
        }
        entries.append(Entry(_day(message.created_at), message.created_at, title, message.text))
    return entries


def member_timeline(view: MemberView) -> list[Entry]:
    entries = [
        *_reviews(view),
        *_referrals(view),
        *_help(view),
        *_notes_and_events(view),
        *_messages(view),
    ]
    return sorted(entries, key=lambda e: (e.on, e.at), reverse=True)
