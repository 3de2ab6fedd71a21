from django.urls import reverse

from tests.access import ROLES, AccessRow

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
    # Browsers ask for /favicon.ico of their own accord: everyone, signed in or not, is sent to the icon.
    AccessRow(
        "favicon",
        lambda cast: reverse("favicon"),
        {
            "family_member": 301,
            "other_family_member": 301,
            **dict.fromkeys(
                (
                    "lead",
                    "colleague",
                    "manager",
                    "other_manager",
                    "agency_worker",
                    "admin",
                    "anonymous",
                    "complaints_manager",
                ),
                301,
            ),
        },
    ),
    # A load balancer's probes: public, and the same answer whoever asks.
    *(
        AccessRow(name, lambda cast, name=name: reverse(name), dict.fromkeys(ROLES, 200))
        for name in ("healthz", "readyz")
    ),
]
