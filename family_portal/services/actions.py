"""Everything else a family member can do on their own pages. Each is one transaction, recorded as a
FamilyMessage (chronology, lead's email) with the member's user as the history actor. None of them
changes the family's record itself, except marking an action done or stuck, which moves the action on
through the plans app's own service so the lead sees it on the plan."""

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from agencies.models import Consent
from family_portal.models import FamilyMessage
from family_portal.services.messages import family_message_record
from family_portal.visibility import MemberView
from plans.models import Action, Goal
from plans.services import action_update, action_update_status

Kind = FamilyMessage.Kind


@transaction.atomic
def member_comment(*, member: MemberView, text: str, goal: Goal | None = None) -> FamilyMessage:
    """A comment on one goal, or on the plan as a whole (no goal)."""
    return family_message_record(member=member, kind=Kind.COMMENT, text=text, goal=goal)


@transaction.atomic
def member_own_words(*, member: MemberView, goal: Goal, text: str) -> FamilyMessage:
    return family_message_record(member=member, kind=Kind.OWN_WORDS, text=text, goal=goal)


@transaction.atomic
def member_action_done(*, member: MemberView, action: Action, note: str = "") -> FamilyMessage:
    """The member did their action: it is done on the plan (completed today) and the lead hears of it."""
    with translation.override(settings.LANGUAGE_CODE):  # the plan's own words are the staff's language
        reason = _("Marked done by the family on their own page")
    action_update_status(
        actor=member.access.user, action=action, status=Action.Status.DONE, note=note.strip() or reason
    )
    return family_message_record(member=member, kind=Kind.ACTION_DONE, text=note, action=action)


@transaction.atomic
def member_action_stuck(*, member: MemberView, action: Action, note: str = "") -> FamilyMessage:
    """The member is stuck: the action's latest update says so; its status stays for the lead to decide."""
    with translation.override(settings.LANGUAGE_CODE):
        said = _("The family says this is stuck.")
    update = f"{said} {note.strip()}".strip()[:2000]
    action_update(actor=member.access.user, action=action, reason=said, status_note=update)
    return family_message_record(member=member, kind=Kind.ACTION_STUCK, text=note, action=action)


@transaction.atomic
def member_details_change(*, member: MemberView, text: str) -> FamilyMessage:
    """A request to the lead to change the family's details: the record itself is not changed."""
    return family_message_record(member=member, kind=Kind.DETAILS_CHANGE, text=text)


@transaction.atomic
def member_stop_sharing(*, member: MemberView, consent: Consent, reason: str = "") -> FamilyMessage:
    """A request to stop sharing under one consent. It does not withdraw the consent: the lead does, through
    agencies' consent service, which applies the withdrawal rules (open referrals, the agency's copy)."""
    return family_message_record(member=member, kind=Kind.STOP_SHARING, text=reason, consent=consent)
