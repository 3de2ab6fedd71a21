"""Who gets what on the suggestions' staff pages, the review meetings and "you said, we did"."""

from typing import Any

from tests.access import AccessRow, everyone_but
from tests.voice import suggestion_factories as make

HANDLER = everyone_but({"complaints_manager": 200})
# The suggestion a row makes names `other_manager` responsible: they see it, no one else but the handler.
NAMED = everyone_but({"complaints_manager": 200, "other_manager": 200})
MANAGERS = everyone_but({"complaints_manager": 200, "manager": 200, "other_manager": 200})
MANAGERS_POST = everyone_but({"complaints_manager": 302, "manager": 302, "other_manager": 302})
PUBLIC = {
    role: 200
    for role in (
        "lead",
        "colleague",
        "manager",
        "other_manager",
        "agency_worker",
        "admin",
        "anonymous",
        "family_member",
        "other_family_member",
        "complaints_manager",
    )
}


def _named(cast: Any) -> str:
    return f"/suggestions/{make.suggestion(responsible=cast.other_manager).reference}/"


def _on_meeting(cast: Any) -> str:
    return f"/suggestions/{make.on_meeting(chair=cast.complaints_manager).reference}/"


def _meeting(cast: Any) -> str:
    return f"/suggestions/meetings/{make.meeting(chair=cast.complaints_manager).pk}/"


def _record(cast: Any) -> dict[str, Any]:
    return {"how_received": "phone", "text": "A quiet room.", "reply_channel": "none", "language": "en-gb"}


def _change(cast: Any, published: bool = False) -> str:
    return f"/you-said-we-did/{make.change(created_by=cast.manager, published=published).pk}/"


ROWS: list[AccessRow] = [
    AccessRow("suggestions:list", lambda c: "/suggestions/", HANDLER),
    AccessRow("suggestions:record", lambda c: "/suggestions/record/", HANDLER),
    AccessRow(
        "suggestions:record",
        lambda c: "/suggestions/record/",
        everyone_but({"complaints_manager": 302}),
        method="POST",
        data=_record,
    ),
    AccessRow("suggestions:detail", _named, NAMED),
    AccessRow("suggestions:responsible", lambda c: _named(c) + "responsible/", HANDLER),
    AccessRow("suggestions:acknowledge", lambda c: _named(c) + "acknowledge/", NAMED),
    AccessRow("suggestions:decide", lambda c: _on_meeting(c) + "decide/", HANDLER),
    AccessRow("suggestions:meetings", lambda c: "/suggestions/meetings/", HANDLER),
    AccessRow("suggestions:meeting_create", lambda c: "/suggestions/meetings/new/", HANDLER),
    AccessRow("suggestions:meeting", _meeting, HANDLER),
    AccessRow("suggestions:meeting_add", lambda c: _meeting(c) + "add/", HANDLER),
    AccessRow("changes:list", lambda c: "/you-said-we-did/", MANAGERS),
    AccessRow("changes:create", lambda c: "/you-said-we-did/new/", MANAGERS),
    AccessRow("changes:detail", _change, MANAGERS),
    AccessRow("changes:edit", lambda c: _change(c) + "edit/", MANAGERS),
    AccessRow("changes:publish", lambda c: _change(c) + "publish/", MANAGERS_POST, method="POST"),
    AccessRow(
        "changes:unpublish", lambda c: _change(c, published=True) + "unpublish/", MANAGERS_POST, method="POST"
    ),
    AccessRow("you_said:list", lambda c: "/have-your-say/you-said-we-did/", PUBLIC),
]
