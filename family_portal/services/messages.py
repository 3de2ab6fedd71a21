"""The one way a family member's action is recorded: a FamilyMessage in the chronology, with the member
as the history actor, and an email to the lead once it has committed."""

from typing import Any

from django.db import transaction

from core.history import save_with_actor
from core.queue import task_enqueue
from family_portal.models import FamilyMessage
from family_portal.visibility import MemberView

NOTIFY_LEAD = "family_portal.tasks.notify_lead_of_family_message"


@transaction.atomic
def family_message_record(*, member: MemberView, kind: str, text: str = "", **links: Any) -> FamilyMessage:
    """Record what the member did (`links`: goal, action, consent, file, file_name, content_type_name)
    and tell the lead by email once the transaction commits."""
    message = FamilyMessage(
        family=member.family, access=member.access, kind=kind, text=(text or "").strip(), **links
    )
    message.full_clean(exclude=["file"])
    save_with_actor(message, actor=member.access.user, reason=str(message.get_kind_display()))
    transaction.on_commit(lambda: task_enqueue(NOTIFY_LEAD, message.pk))
    return message
