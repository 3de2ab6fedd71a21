"""What a family member may act on: each look-up answers 404 for anything that is not in the member's own
family, is not shared with the family, or is hidden from this member, so acting on it cannot even reveal
that it exists."""

from django.http import Http404

from agencies.models import Consent
from family_portal.models import FamilyMessage
from family_portal.visibility import MemberView
from plans.models import Action, Goal, Plan


def plan_for(member: MemberView) -> Plan:
    plan = Plan.objects.filter(family=member.family).first()
    if plan is None:
        raise Http404("No plan yet")
    return plan


def goal_for(member: MemberView, goal_id: int) -> Goal:
    goal = Goal.objects.select_related("plan").filter(pk=goal_id, plan__family=member.family).first()
    if goal is None or not member.shows(goal):
        raise Http404("No such goal")
    return goal


def own_action_for(member: MemberView, action_id: int) -> Action:
    """An action the member owns: `owner_person` is the member themselves.

    Only their own: every action has exactly one owner (a database constraint), so there is no action
    "owned by the family" with the owner unset, and an action of another member (a partner, a teenager
    with their own sign-in) is that member's to mark. The lead moves any action on from the staff side.
    """
    action = (
        Action.objects.select_related("goal__plan")
        .filter(pk=action_id, goal__plan__family=member.family, owner_person=member.person)
        .first()
    )
    if action is None or not member.shows(action) or not member.shows(action.goal):
        raise Http404("No such action")
    return action


def standing_consent_for(member: MemberView, consent_id: int) -> Consent:
    consent = (
        Consent.objects.select_related("agency")
        .filter(pk=consent_id, family=member.family, withdrawn_at__isnull=True)
        .first()
    )
    if consent is None or not member.shows(consent):
        raise Http404("No such consent")
    return consent


def own_document_for(member: MemberView, message_id: int) -> FamilyMessage:
    """A document the member sent themselves (not one another member of the family sent)."""
    message = FamilyMessage.objects.filter(
        pk=message_id, access=member.access, kind=FamilyMessage.Kind.DOCUMENT
    ).first()
    if message is None or not message.file:
        raise Http404("No such document")
    return message
