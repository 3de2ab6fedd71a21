from django.urls import reverse

from tests import factories
from tests.access import AccessRow, everyone_but

STAFF_ONLY = everyone_but({"lead": 200, "colleague": 200, "manager": 200, "other_manager": 200})
LEAD_AND_MANAGER = everyone_but({"lead": 200, "manager": 200})


def _ref(name: str):
    return lambda cast: reverse(f"families:{name}", args=[cast.family.reference])


def _closed_family(cast):
    family = factories.family(lead_practitioner=cast.lead, name="Closed family")
    from families.services import family_close

    family_close(actor=cast.lead, family=family, reason="Goals met")
    return reverse("families:reopen", args=[family.reference])


ROWS = [
    AccessRow("families:caseload", lambda cast: reverse("families:caseload"), STAFF_ONLY),
    AccessRow("families:create", lambda cast: reverse("families:create"), STAFF_ONLY),
    AccessRow("families:detail", _ref("detail"), LEAD_AND_MANAGER),
    AccessRow("families:chronology", _ref("chronology"), LEAD_AND_MANAGER),
    AccessRow("families:history", _ref("history"), LEAD_AND_MANAGER),
    AccessRow("families:looks", _ref("looks"), LEAD_AND_MANAGER),
    AccessRow("families:edit", _ref("edit"), LEAD_AND_MANAGER),
    AccessRow("families:person_add", _ref("person_add"), LEAD_AND_MANAGER),
    AccessRow(
        "families:person_edit",
        lambda cast: reverse(
            "families:person_edit", args=[cast.family.reference, cast.family.members.first().pk]
        ),
        LEAD_AND_MANAGER,
    ),
    AccessRow("families:note_add", _ref("note_add"), LEAD_AND_MANAGER),
    AccessRow("families:hand_over", _ref("hand_over"), LEAD_AND_MANAGER),
    AccessRow("families:close", _ref("close"), LEAD_AND_MANAGER),
    AccessRow("families:reopen", _closed_family, everyone_but({"manager": 200})),
    AccessRow("families:step", _ref("step"), LEAD_AND_MANAGER),
    AccessRow("families:move_team", _ref("move_team"), everyone_but({"manager": 200})),
    # A stranger's POST is refused the same way as a GET: 404, and nothing is written.
    AccessRow(
        "families:note_add",
        _ref("note_add"),
        everyone_but({"lead": 302, "manager": 302}),
        method="POST",
        data=lambda cast: {
            "kind": "note",
            "occurred_on_day": "1",
            "occurred_on_month": "2",
            "occurred_on_year": "2024",
            "text": "x",
        },
    ),
]
