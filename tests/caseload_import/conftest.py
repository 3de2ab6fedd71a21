from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from caseload_import import services
from tests import factories

FIXTURES = Path(__file__).parent / "fixtures"
# The fixture's headings, as the old system wrote them, matched to our fields.
COLUMNS = {
    "Ref": "reference",
    "Family": "family_name",
    "Address": "address_line_1",
    "Post code": "postcode",
    "Worker email": "lead_email",
    "State": "status",
    "Opened": "opened_on",
    "Parent first": "member_1_first_name",
    "Parent surname": "member_1_last_name",
    "Parent born": "member_1_date_of_birth",
    "Child first": "member_2_first_name",
    "Child born": "member_2_date_of_birth",
    "Area": "goal_area",
    "Goal": "goal_text",
    "Action": "action_text",
}
GOOD = {"LEG-001", "LEG-002", "LEG-005", "LEG-007", "LEG-008"}
LEFT_OUT = {"LEG-003", "LEG-004", "LEG-006"}


def upload(name: str = "legacy_caseload.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (FIXTURES / name).read_bytes(), content_type="text/csv")


@pytest.fixture
def lena(cast: Any) -> Any:
    """The cast's lead, with the email the fixture names."""
    cast.lead.email = "lena.lead@example.org"
    cast.lead.save(update_fields=["email"])
    return cast.lead


@pytest.fixture
def checked_job(cast: Any, lena: Any) -> Any:
    job = services.job_create(actor=cast.manager, upload=upload(), team=cast.team, mapping=None)
    return services.job_check(actor=cast.manager, job=job, columns=COLUMNS)


@pytest.fixture
def manager_job(cast: Any) -> Any:
    """An uploaded job of the cast's manager, for the access matrix."""
    return services.job_create(actor=cast.manager, upload=upload(), team=cast.team, mapping=None)


__all__ = ["factories"]
