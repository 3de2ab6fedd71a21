"""The family's own messages on the family's chronology (registered in families.registry by apps.py)."""

from typing import Any

from family_portal.models import FamilyMessage


def family_messages_for_chronology(family: Any, limit: int | None) -> list[FamilyMessage]:
    messages = (
        FamilyMessage.objects.filter(family=family)
        .select_related("access__person")
        # Fetched only when there are messages: a seven-table join cost more to plan than to run.
        .prefetch_related("goal", "action", "consent__agency")
        .order_by("-created_at")
    )
    found = list(messages[:limit] if limit else messages)
    for message in found:
        message.family = family  # known already: no join to the families table
    return found
