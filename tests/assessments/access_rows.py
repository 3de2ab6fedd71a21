from django.urls import reverse

from assessments import services
from assessments.models import Assessment
from tests.access import AccessRow, everyone_but

LEAD_AND_MANAGER = everyone_but({"lead": 200, "manager": 200})


def _assessment(cast) -> Assessment:
    existing = Assessment.objects.filter(family=cast.family).first()
    return existing or services.assessment_start(actor=cast.lead, family=cast.family)


def _url(name: str, make=_assessment):
    def build(cast) -> str:
        make(cast)
        return reverse(f"assessments:{name}", args=[cast.family.reference])

    return build


ROWS = [
    AccessRow("assessments:detail", _url("detail", lambda cast: None), LEAD_AND_MANAGER, note="empty state"),
    AccessRow("assessments:detail", _url("detail"), LEAD_AND_MANAGER),
    AccessRow("assessments:start", _url("start", lambda cast: None), LEAD_AND_MANAGER),
    AccessRow("assessments:edit", _url("edit"), LEAD_AND_MANAGER),
    AccessRow(
        "assessments:entry_edit",
        lambda cast: reverse(
            "assessments:entry_edit", args=[cast.family.reference, _assessment(cast).entries.first().pk]
        ),
        LEAD_AND_MANAGER,
    ),
    AccessRow("assessments:review_add", _url("review_add"), LEAD_AND_MANAGER),
    AccessRow(
        "assessments:entry_edit",
        lambda cast: reverse(
            "assessments:entry_edit", args=[cast.family.reference, _assessment(cast).entries.first().pk]
        ),
        everyone_but({"lead": 302, "manager": 302}),
        method="POST",
        data=lambda cast: {"family_score": "5", "worker_score": "4", "version": "1"},
    ),
]
