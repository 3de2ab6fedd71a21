"""A legacy caseload brought in from a spreadsheet: the saved column mappings, each import job, and the
marker of each row written (so a resumed job never writes a row twice)."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ImportMapping(models.Model):
    """Which of our fields each column of an old system's export holds, kept for its next file."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    columns = models.JSONField(_("column to field"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("made by")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("import column mapping")
        verbose_name_plural = _("import column mappings")

    def __str__(self) -> str:
        return self.name


class ImportJob(models.Model):
    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        CHECKED = "checked", _("Checked")
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Importing")
        FAILED = "failed", _("Stopped")
        DONE = "done", _("Done")

    file = models.FileField(_("file"), upload_to="caseload_import/%Y/%m/")
    filename = models.CharField(_("file name"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    team = models.ForeignKey("staff.Team", on_delete=models.PROTECT, related_name="+", verbose_name=_("team"))
    columns = models.JSONField(_("column to field"), default=dict)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.UPLOADED)
    total_rows = models.PositiveIntegerField(_("rows in the file"), default=0)
    good_rows = models.PositiveIntegerField(_("rows to import"), default=0)
    rows_done = models.PositiveIntegerField(_("rows imported"), default=0)
    rows_failed = models.PositiveIntegerField(_("rows not imported"), default=0)
    # The dry run's problems, [{"row", "column", "problem", "blocks"}], and the possible duplicates.
    report = models.JSONField(_("report"), default=list)
    duplicates = models.JSONField(_("possible duplicates"), default=list)
    failure = models.TextField(_("why it stopped"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["report", "duplicates"])

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("caseload import")
        verbose_name_plural = _("caseload imports")

    def __str__(self) -> str:
        return self.filename

    @property
    def percent_done(self) -> int:
        return int(100 * self.rows_done / self.good_rows) if self.good_rows else 100

    @property
    def is_working(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def is_stalled(self) -> bool:
        """Working, but no batch written for a while: its worker died and no other has picked it up."""
        quiet = timezone.now() - self.updated_at
        return self.is_working and quiet > datetime.timedelta(
            minutes=settings.CASELOAD_IMPORT_STALLED_MINUTES
        )


class ImportedRow(models.Model):
    """Row `row_number` of the job's file is written: the unique key is what makes a resumed job skip it."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="imported_rows")
    row_number = models.PositiveIntegerField(_("row"))
    family = models.ForeignKey(
        "families.Family", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("family")
    )

    class Meta:
        ordering = ["job", "row_number"]
        constraints = [
            models.UniqueConstraint(fields=["job", "row_number"], name="imported_row_once_per_job"),
        ]

    def __str__(self) -> str:
        return f"{self.job} row {self.row_number}"
