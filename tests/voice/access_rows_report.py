"""Access rows of the published complaints procedure (public) and the annual report (complaints
managers only: everyone else 404, a visitor is sent to sign in)."""

from django.urls import reverse

from tests.access import ROLES, AccessRow, everyone_but

EVERYONE = dict.fromkeys(ROLES, 200)
COMPLAINTS_MANAGER = everyone_but({"complaints_manager": 200})


def _url(name: str):  # type: ignore[no-untyped-def]
    return lambda cast: reverse(name)


ROWS: list[AccessRow] = [
    AccessRow("procedure:page", _url("procedure:page"), EVERYONE),
    AccessRow("procedure:large_print", _url("procedure:large_print"), EVERYONE),
    AccessRow("complaints_report:report", _url("complaints_report:report"), COMPLAINTS_MANAGER),
    AccessRow("complaints_report:csv", _url("complaints_report:csv"), COMPLAINTS_MANAGER),
    AccessRow("complaints_report:pdf", _url("complaints_report:pdf"), COMPLAINTS_MANAGER),
]
