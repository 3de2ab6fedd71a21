from django.urls import reverse

from tests.access import AccessRow, everyone_but

# Every lead practitioner and manager gets a dashboard, but only of the time they may see: their own
# figures, or their own team's (tests/reports/test_dashboard.py checks whose figures appear).
CASEWORK_STAFF = everyone_but({"lead": 200, "colleague": 200, "manager": 200, "other_manager": 200})

ROWS = [
    AccessRow("reports:dashboard", lambda cast: reverse("reports:dashboard"), CASEWORK_STAFF),
    AccessRow("reports:dashboard_csv", lambda cast: reverse("reports:dashboard_csv"), CASEWORK_STAFF),
    AccessRow("reports:dashboard_pdf", lambda cast: reverse("reports:dashboard_pdf"), CASEWORK_STAFF),
]

# The unusual-access report is for team managers (of their own teams' workers) only.
ROWS.append(
    AccessRow(
        "reports:unusual_access",
        lambda cast: reverse("reports:unusual_access"),
        everyone_but({"manager": 200, "other_manager": 200}),
    )
)

# The lists behind the dashboard's "What needs attention": for team managers (of the teams they manage),
# who alone see that panel.
for name in ("reports:referrals_waiting", "reports:reviews_overdue"):
    ROWS.append(
        AccessRow(
            name,
            lambda cast, name=name: reverse(name),
            everyone_but({"manager": 200, "other_manager": 200}),
        )
    )
