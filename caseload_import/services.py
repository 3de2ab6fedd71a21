"""Every write of a caseload import: the saved column mappings, the job from upload to done, and the
rows written in batches that a resumed job never writes twice.

The rows go through the families and plans services with the importing user as the actor, and every
history row they write gives "imported from <file>" as its reason (core.history.history_reason).
"""

import logging
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from caseload_import import fields, permissions
from caseload_import.checking import Known, RowCheck, check_sheet, possible_duplicates
from caseload_import.models import ImportedRow, ImportJob, ImportMapping
from caseload_import.reading import FileProblem, Sheet, read_sheet
from caseload_import.writing import row_write
from core.history import history_reason
from core.history import save_with_actor as _save
from core.queue import task_enqueue
from staff.models import Team, User

IMPORT_TASK = "caseload_import.tasks.import_caseload"
BATCH_SIZE = 200
logger = logging.getLogger(__name__)


@transaction.atomic
def mapping_save(*, actor: User, name: str, columns: dict[str, str]) -> ImportMapping:
    mapping = ImportMapping.objects.filter(name=name.strip()).first() or ImportMapping(
        name=name.strip(), created_by=actor
    )
    mapping.columns = {header: key for header, key in columns.items() if key}
    mapping.full_clean()
    _save(mapping, actor=actor, reason=_("Column mapping saved"))
    return mapping


def job_sheet(job: ImportJob) -> Sheet:
    with job.file.open("rb") as handle:
        return read_sheet(handle.read(), job.filename)


@transaction.atomic
def job_create(*, actor: User, upload: UploadedFile, team: Team, mapping: ImportMapping | None) -> ImportJob:
    """A job for the uploaded file, its columns matched to our fields from `mapping` or their headings.
    A file that cannot be read at all raises ValidationError saying why."""
    data = upload.read()
    try:
        sheet = read_sheet(data, upload.name or "")
    except FileProblem as problem:
        raise ValidationError({"file": problem.message}) from problem
    saved = mapping.columns if mapping else {}
    columns = {header: saved.get(header) or fields.guess(header) for header in sheet.headers}
    upload.seek(0)
    job = ImportJob(
        file=upload,
        filename=(upload.name or "caseload.csv")[:255],
        uploaded_by=actor,
        team=team,
        columns=columns,
        total_rows=len(sheet.rows),
    )
    _save(job, actor=actor, reason=_("File uploaded"))
    return job


def _known(job: ImportJob) -> Known:
    return Known.load(teams=list(permissions.import_teams(job.uploaded_by)))


def _checks(job: ImportJob) -> list[RowCheck]:
    return check_sheet(sheet=job_sheet(job), columns=job.columns, known=_known(job), team=job.team)


@transaction.atomic
def job_check(*, actor: User, job: ImportJob, columns: dict[str, str], save_as: str = "") -> ImportJob:
    """The dry run: check every row with these columns, keep the report and the possible duplicates;
    with `save_as`, keep the columns as a named mapping for the next file too."""
    chosen = [key for key in columns.values() if key]
    twice = sorted({key for key in chosen if chosen.count(key) > 1})
    if twice:
        raise ValidationError(
            _("Each field can come from one column only: %(fields)s chosen more than once.")
            % {"fields": ", ".join(str(fields.BY_KEY[k].label) for k in twice)}
        )
    if not set(fields.REQUIRED) <= set(chosen):
        raise ValidationError(_("Choose the column that holds the family name."))
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.status not in (ImportJob.Status.UPLOADED, ImportJob.Status.CHECKED):
        raise ValidationError(_("This import has already started."))
    job.columns = columns
    checks = _checks(job)
    job.report = [problem for check in checks for problem in check.problems]
    job.duplicates = possible_duplicates(checks)
    job.good_rows = sum(1 for check in checks if check.good)
    job.status = ImportJob.Status.CHECKED
    _save(job, actor=actor, reason=_("Checked"))
    if save_as.strip():
        mapping_save(actor=actor, name=save_as, columns=columns)
    return job


@transaction.atomic
def job_start(*, actor: User, job: ImportJob) -> ImportJob:
    """Queue the import (again, after it stopped: the rows already written are skipped)."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.status not in (ImportJob.Status.CHECKED, ImportJob.Status.FAILED) and not job.is_stalled:
        raise ValidationError(_("This import is already under way or done."))
    job.status = ImportJob.Status.QUEUED
    job.failure = ""
    _save(job, actor=actor, reason=_("Import started"))
    transaction.on_commit(lambda: task_enqueue(IMPORT_TASK, job.pk))
    return job


def _set_progress(job_id: int, **changes: object) -> None:
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job_id)
        for name, value in changes.items():
            setattr(job, name, value)
        job.rows_done = ImportedRow.objects.filter(job=job).count()
        _save(job, actor=job.uploaded_by)


def _write_batch(job: ImportJob, batch: list[RowCheck], known: Known) -> list[dict[str, object]]:
    """One transaction: each row in its own savepoint, so a row the services refuse is reported and the
    rest of the batch still goes in; its marker is written with it."""
    failures: list[dict[str, object]] = []
    with transaction.atomic(), history_reason(_("imported from %(file)s") % {"file": job.filename}):
        for check in batch:
            try:
                with transaction.atomic():
                    family = row_write(actor=job.uploaded_by, values=check.values, team=job.team, known=known)
                    ImportedRow.objects.create(job=job, row_number=check.number, family=family)
            except ValidationError as error:
                text = " ".join(error.messages)
                failures.append({"row": check.number, "column": "", "problem": text, "blocks": True})
    return failures


def job_import(*, job_id: int, stop_after: Callable[[int], bool] | None = None) -> ImportJob:
    """Write the job's good rows not yet written, in batches. `stop_after(rows written so far)` lets a
    test stop it midway, as a killed worker would."""
    job = ImportJob.objects.select_related("team", "uploaded_by").get(pk=job_id)
    if job.status == ImportJob.Status.DONE:
        return job
    _set_progress(job_id, status=ImportJob.Status.RUNNING)
    try:
        known = _known(job)
        done = set(ImportedRow.objects.filter(job=job).values_list("row_number", flat=True))
        todo = [c for c in _checks(job) if c.good and c.number not in done]
        failures: list[dict[str, object]] = []
        for start in range(0, len(todo), BATCH_SIZE):
            failures += _write_batch(job, todo[start : start + BATCH_SIZE], known)
            _set_progress(job_id)
            if stop_after and stop_after(start + BATCH_SIZE):
                raise RuntimeError("stopped by the test")
    except Exception as exc:
        logger.exception("caseload import %s stopped", job_id)
        _set_progress(job_id, status=ImportJob.Status.FAILED, failure=str(exc)[:2000])
        raise
    job.refresh_from_db()
    _set_progress(
        job_id,
        status=ImportJob.Status.DONE,
        rows_failed=len(failures),
        report=job.report + failures,
    )
    job.refresh_from_db()
    return job
