"""The complaints staff's pages: the complaints manager sees all; `other_manager`, named responsible for
stage 1 of the cast's complaint (about `lead` and their team), sees it and acts on their stage; the lead,
their colleague and their manager, the agency worker and the administrator get 404 as if it did not exist."""

from django.urls import reverse

from tests.access import AccessRow, everyone_but
from voice.models import ComplaintCategory

MANAGER = everyone_but({"complaints_manager": 200})
MANAGER_AND_RESPONSIBLE = everyone_but({"complaints_manager": 200, "other_manager": 200})


def _on_complaint(name: str):
    return lambda cast: reverse(f"complaints:{name}", args=[cast.complaint.reference])


def _list(cast):
    cast.complaint  # noqa: B018  (made, so a responsible person has a complaint to list)
    return reverse("complaints:list")


def _recorded(cast):
    return {
        "how_received": "phone",
        "who": "family_member",
        "name": "Pat Caller",
        "reply_channel": "email",
        "email": "pat@example.org",
        "language": "en-gb",
        "category": ComplaintCategory.objects.first().pk,
        "what_happened": "Nobody rang back.",
        "help_given": "Wrote it down as they said it.",
    }


ROWS = [
    AccessRow("complaints:list", _list, MANAGER_AND_RESPONSIBLE),
    AccessRow("complaints:record", lambda cast: reverse("complaints:record"), MANAGER),
    AccessRow(
        "complaints:record",
        lambda cast: reverse("complaints:record"),
        everyone_but({"complaints_manager": 302}),
        method="POST",
        data=_recorded,
    ),
    AccessRow("complaints:detail", _on_complaint("detail"), MANAGER_AND_RESPONSIBLE),
    AccessRow("complaints:history", _on_complaint("history"), MANAGER_AND_RESPONSIBLE),
    AccessRow("complaints:responsible", _on_complaint("responsible"), MANAGER),
    AccessRow(
        "complaints:responsible",
        _on_complaint("responsible"),
        everyone_but({"complaints_manager": 302}),
        method="POST",
        data=lambda cast: {"responsible": cast.other_manager.pk},
    ),
    AccessRow("complaints:extend", _on_complaint("extend"), MANAGER_AND_RESPONSIBLE),
    AccessRow("complaints:decide", _on_complaint("decide"), MANAGER_AND_RESPONSIBLE),
    AccessRow(
        "complaints:decide",
        _on_complaint("decide"),
        everyone_but({"complaints_manager": 200, "other_manager": 200}),
        method="POST",
        data=lambda cast: {"outcome": "upheld"},
        note="incomplete: the form again with its errors for those who may act, 404 for the rest",
    ),
    AccessRow("complaints:escalate", _on_complaint("escalate"), MANAGER),
    AccessRow("complaints:bypass", _on_complaint("bypass"), MANAGER),
    AccessRow("complaints:panel_held", _on_complaint("panel_held"), MANAGER_AND_RESPONSIBLE),
    AccessRow("complaints:panel_reported", _on_complaint("panel_reported"), MANAGER_AND_RESPONSIBLE),
    AccessRow("complaints:close", _on_complaint("close"), MANAGER),
]
