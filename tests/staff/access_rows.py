from django.urls import reverse

from core.calendar import today
from staff import time_services
from tests.access import AccessRow, everyone_but
from tests.staff.time_fixtures import category

CASEWORK_STAFF = everyone_but({"lead": 200, "colleague": 200, "manager": 200, "other_manager": 200})
CASEWORK_STAFF_REDIRECTED = everyone_but(
    {"lead": 302, "colleague": 302, "manager": 302, "other_manager": 302}
)
ONLY_THE_WORKER = everyone_but({"lead": 200})
THE_WORKER_AND_THEIR_MANAGER = everyone_but({"lead": 200, "manager": 200})


def _leads_record(name: str):
    def url(cast):
        record = time_services.time_record_add(actor=cast.lead, date=today(), minutes=30, category=category())
        return reverse(name, args=[record.pk])

    return url


ROWS = [
    AccessRow("time:week", lambda cast: reverse("time:week"), CASEWORK_STAFF),
    AccessRow("time:add", lambda cast: reverse("time:add"), CASEWORK_STAFF),
    AccessRow("time:change", _leads_record("time:change"), ONLY_THE_WORKER),
    AccessRow("time:delete", _leads_record("time:delete"), ONLY_THE_WORKER),
    # A stranger's POST to someone else's record is refused like a GET, and changes nothing.
    AccessRow(
        "time:delete",
        _leads_record("time:delete"),
        everyone_but({"lead": 302}),
        method="POST",
        data=lambda cast: {"reason": ""},
    ),
    AccessRow(
        "time:timer_start",
        lambda cast: reverse("time:timer_start"),
        CASEWORK_STAFF_REDIRECTED,
        method="POST",
        data=lambda cast: {"category": category().pk},
    ),
    AccessRow(
        "time:timer_stop", lambda cast: reverse("time:timer_stop"), CASEWORK_STAFF_REDIRECTED, method="POST"
    ),
    AccessRow(
        "time:timer_discard",
        lambda cast: reverse("time:timer_discard"),
        CASEWORK_STAFF_REDIRECTED,
        method="POST",
    ),
    AccessRow(
        "time:worker_week",
        lambda cast: reverse("time:worker_week", args=[cast.lead.pk]),
        THE_WORKER_AND_THEIR_MANAGER,
        note="a colleague or another team's manager cannot see a worker's time",
    ),
]
