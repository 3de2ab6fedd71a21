from typing import Any

from django.db.models import QuerySet

from caseload_import import permissions
from caseload_import.models import ImportedRow, ImportJob
from staff.models import User


def jobs_visible_to(user: User) -> QuerySet[ImportJob]:
    jobs = ImportJob.objects.select_related("team").order_by("-created_at")
    if permissions.is_administrator(user):
        return jobs
    return jobs.filter(uploaded_by=user, team__in=permissions.import_teams(user))


def blocking_rows(job: ImportJob) -> int:
    return len({p["row"] for p in job.report if p["blocks"]})


def duplicates_with_families(job: ImportJob) -> list[dict[str, Any]]:
    """The dry run's possible duplicates, each with the reference of the family its row became and of
    the family (or the earlier row's family) it may be the same as: one query."""
    written = dict(
        ImportedRow.objects.filter(job=job, family__isnull=False).values_list(
            "row_number", "family__reference"
        )
    )
    listed = []
    for duplicate in job.duplicates:
        listed.append(
            {
                **duplicate,
                "imported": written.get(duplicate["row"]),
                "other": duplicate["family"] or written.get(duplicate["other_row"]),
            }
        )
    return listed
