"""The family's own messages on the family's chronology (registered in families.registry by apps.py)."""

from typing import Any

from family_portal.models import FamilyMessage


def family_messages_for_chronology(family: Any, limit: int | None) -> list[FamilyMessage]:
    messages = (
        FamilyMessage.objects.filter(family=family)
        .select_related("family", "access__person", "goal", "action", "consent__agency")
        .order_by("-created_at")
    )
    return list(messages[:limit] if limit else messages)
