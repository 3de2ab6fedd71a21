from typing import Any

import pytest
from django.urls import reverse

from caseload_import import services
from caseload_import.models import ImportedRow, ImportJob
from families.models import Family
from plans.models import Action, Goal
from tests.caseload_import.conftest import GOOD, LEFT_OUT

REASON = "imported from legacy_caseload.csv"


def _imported() -> set[str]:
    return set(Family.objects.filter(reference__startswith="LEG-").values_list("reference", flat=True))


def test_it_writes_only_the_good_rows_through_the_services_with_history(
    client: Any, cast: Any, lena: Any, checked_job: ImportJob, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(cast.manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("caseload_import:report", args=[checked_job.pk]))
    assert response["Location"] == reverse("caseload_import:progress", args=[checked_job.pk])
    assert _imported() == GOOD and not _imported() & LEFT_OUT
    okafor = Family.objects.get(reference="LEG-001")
    assert [m.first_name for m in okafor.members.order_by("pk")] == ["Ada", "Tobi"]
    for record in (
        okafor.history.earliest(),
        okafor.members.first().history.earliest(),
        Goal.objects.get(plan__family=okafor).history.earliest(),
        Action.objects.get(goal__plan__family=okafor).history.earliest(),
    ):
        assert (record.history_change_reason, record.history_user) == (REASON, cast.manager)
    assert Family.objects.get(reference="LEG-002").status == Family.Status.CLOSED
    # The formula is kept as the text it was, never worked out.
    goal = Goal.objects.get(plan__family__reference="LEG-007")
    assert goal.text == '=HYPERLINK("https://evil.example","Click")'
    # The lead's access is granted as the families service grants it.
    assert lena.has_perm("families.view_family", okafor) and lena.has_perm("families.change_family", okafor)


def test_the_done_page_lists_possible_duplicates_with_links_and_merges_nothing(
    client: Any, cast: Any, checked_job: ImportJob
) -> None:
    services.job_start(actor=cast.manager, job=checked_job)
    services.job_import(job_id=checked_job.pk)
    client.force_login(cast.manager)
    page = client.get(reverse("caseload_import:progress", args=[checked_job.pk])).content.decode()
    assert "5 families imported" in page
    taylor_copy = Family.objects.get(reference="LEG-005")
    assert reverse("families:detail", args=[cast.family.reference]) in page
    assert reverse("families:detail", args=[taylor_copy.reference]) in page
    assert "Same name and date of birth: Sam Taylor, born 01/05/1990" in page
    assert "Same address: 12 Elm Road, NR2 3AB" in page
    assert cast.family.members.count() == 1 and taylor_copy.members.count() == 1  # nothing merged


def test_an_import_stopped_midway_carries_on_without_duplicates(
    client: Any, cast: Any, checked_job: ImportJob, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "BATCH_SIZE", 2)
    services.job_start(actor=cast.manager, job=checked_job)
    with pytest.raises(RuntimeError):
        services.job_import(job_id=checked_job.pk, stop_after=lambda written: written >= 2)
    checked_job.refresh_from_db()
    assert (checked_job.status, checked_job.rows_done, len(_imported())) == (ImportJob.Status.FAILED, 2, 2)
    # The progress page reads the job, so a reload shows where it stopped and offers to carry on.
    client.force_login(cast.manager)
    page = client.get(reverse("caseload_import:progress", args=[checked_job.pk])).content.decode()
    assert "2 of 5 families were imported before it stopped" in page
    client.post(reverse("caseload_import:progress", args=[checked_job.pk]))
    checked_job.refresh_from_db()
    assert checked_job.status == ImportJob.Status.QUEUED
    # The broker hands the job to a worker again (acks_late), which writes only the rows not yet written.
    services.job_import(job_id=checked_job.pk)
    checked_job.refresh_from_db()
    assert (checked_job.status, checked_job.rows_done) == (ImportJob.Status.DONE, 5)
    assert _imported() == GOOD
    assert Family.objects.filter(reference__startswith="LEG-").count() == 5
    assert ImportedRow.objects.filter(job=checked_job).count() == 5
    # A message delivered twice finds the job done and writes nothing more.
    services.job_import(job_id=checked_job.pk)
    assert Family.objects.filter(reference__startswith="LEG-").count() == 5


def test_the_progress_page_refreshes_itself_while_the_import_runs(
    client: Any, cast: Any, checked_job: ImportJob
) -> None:
    services.job_start(actor=cast.manager, job=checked_job)
    client.force_login(cast.manager)
    page = client.get(reverse("caseload_import:progress", args=[checked_job.pk])).content.decode()
    assert '<meta http-equiv="refresh" content="5">' in page
    assert '<progress max="5" value="0"' in page
