"""Access rows of what a family can do (tests/access.py): staff never reach /my/ (the fence answers 404),
anonymous visitors go to the family sign-in; the lead's view of a sent document is for those who hold the
family. Members' own access (family X never reaches family Y) is in test_actions_*.py."""

from django.core.files.base import ContentFile
from django.urls import reverse

from agencies.models import Consent
from family_portal.models import FamilyMessage
from plans.models import Action
from tests.access import AccessRow, everyone_but, family_side
from tests.family_portal.actions_helpers import member_of, plan_with_goal

# A page of "our plan" is each member's own; an item of the cast's family is 404 to another family's member.
OURS = family_side()
THEIRS_ONLY = family_side(other_member=404)
LEAD_AND_MANAGER = everyone_but({"lead": 200, "manager": 200})


def _goal(cast):
    return plan_with_goal(cast.family)[1]


def _action(cast) -> Action:
    goal = _goal(cast)
    return Action.objects.create(goal=goal, text="Set two alarms", owner_person=cast.family.members.first())


def _consent(cast) -> Consent:
    from tests.agencies.conftest import consent_all, make_agency

    return consent_all(cast, make_agency("Row Housing"), ["plan"])[0]


def _document(cast) -> FamilyMessage:
    access = member_of(cast.family)
    message = FamilyMessage(family=cast.family, access=access, kind=FamilyMessage.Kind.DOCUMENT)
    message.file.save("sent.jpg", ContentFile(b"\xff\xd8\xff\xe0"), save=False)
    message.file_name, message.content_type_name = "sent.jpg", "image/jpeg"
    message.save()
    return message


def _row(name: str, make=None, method: str = "GET", expect: dict[str, int] | None = None) -> AccessRow:
    def build(cast) -> str:
        return reverse(f"family_portal:{name}", args=[make(cast).pk] if make else [])

    expect = expect or (THEIRS_ONLY if make else OURS)
    return AccessRow(f"family_portal:{name}", build, expect, method=method)


def _plan(cast):
    return plan_with_goal(cast.family)[0]


ROWS = [
    # The other family has no plan to agree: 404.
    AccessRow(
        "family_portal:agree", lambda cast: _plan(cast) and reverse("family_portal:agree"), THEIRS_ONLY
    ),
    AccessRow(
        "family_portal:agree",
        lambda cast: _plan(cast) and reverse("family_portal:agree"),
        THEIRS_ONLY,
        method="POST",
    ),
    _row("comment"),
    _row("comment", method="POST"),
    _row("own_words", _goal),
    _row("action_update", _action),
    _row("action_update", _action, method="POST"),
    _row("details_change"),
    _row("send_document"),
    _row("document", _document),
    _row("stop_sharing", _consent),
    _row("stop_sharing", _consent, method="POST"),
    AccessRow(
        "family_messages:document",
        lambda cast: reverse("family_messages:document", args=[cast.family.reference, _document(cast).pk]),
        LEAD_AND_MANAGER,
    ),
]
