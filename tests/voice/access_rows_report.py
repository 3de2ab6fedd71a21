"""Access rows of the published complaints procedure (public) and the annual report (complaints
managers only)."""

from django.urls import reverse

from tests.access import ROLES, AccessRow

EVERYONE = dict.fromkeys(ROLES, 200)

ROWS: list[AccessRow] = [
    AccessRow("procedure:page", lambda cast: reverse("procedure:page"), EVERYONE),
    AccessRow("procedure:large_print", lambda cast: reverse("procedure:large_print"), EVERYONE),
]
