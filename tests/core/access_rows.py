from django.urls import reverse

from tests.access import AccessRow

ROWS = [
    # Home sends each person to where their work starts: caseload, admin, or a plain page.
    AccessRow(
        "home",
        lambda cast: reverse("home"),
        {
            "lead": 302,
            "colleague": 302,
            "manager": 302,
            "other_manager": 302,
            "agency_worker": 302,
            "admin": 302,
            "anonymous": 302,
        },
    ),
]
