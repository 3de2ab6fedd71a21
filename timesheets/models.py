"""Where workers spend their time: time records, their categories, the running timer and the observed
form time.

Time records describe a worker's day and may name a family, so they sit above both staff and families.
The tables keep the names they had in the staff app, where they began (ADR 004).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from staff.models import User


class TimeCategory(models.Model):
    """What the time was spent on. Names are editable in the admin; `kind` is what the dashboard counts."""

    class Kind(models.TextChoices):
        DIRECT = "direct", _("Direct work with the family")
        TRAVEL = "travel", _("Travel")
        RECORDING = "recording", _("Recording and admin")
        MEETINGS = "meetings", _("Multi-agency meetings")
        SUPERVISION = "supervision", _("Supervision and training")

    name = models.CharField(_("name"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("offered to workers"), default=True)
    history = HistoricalRecords(table_name="staff_historicaltimecategory")

    class Meta:
        db_table = "staff_timecategory"  # moved from the staff app in place: same table, same rows
        ordering = ["order", "name"]
        verbose_name = _("time category")
        verbose_name_plural = _("time categories")

    def __str__(self) -> str:
        return self.name


MINUTES_IN_A_DAY = 24 * 60


class TimeRecord(models.Model):
    """Time a worker says they spent on something, on one day."""

    worker = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="time_records", verbose_name=_("worker")
    )
    date = models.DateField(_("date"))
    minutes = models.PositiveIntegerField(_("minutes"))
    category = models.ForeignKey(
        TimeCategory, on_delete=models.PROTECT, related_name="records", verbose_name=_("what it was")
    )
    family = models.ForeignKey(
        "families.Family",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="time_records",
        verbose_name=_("family"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(table_name="staff_historicaltimerecord")

    class Meta:
        db_table = "staff_timerecord"
        ordering = ["-date", "-created_at"]
        verbose_name = _("time record")
        verbose_name_plural = _("time records")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minutes__gt=0) & models.Q(minutes__lte=MINUTES_IN_A_DAY),
                name="time_record_minutes_within_a_day",
                violation_error_message=_("Minutes must be more than 0 and no more than 24 hours."),
            ),
        ]
        # The dashboard sums minutes per worker and category over a date range: with these columns in
        # the index, PostgreSQL answers from the index alone.
        indexes = [
            models.Index(fields=["worker", "date", "category", "minutes"], name="time_record_dashboard")
        ]

    def __str__(self) -> str:
        return f"{self.worker} {self.date:%d %b %Y} {self.minutes} min"


class RunningTimer(models.Model):
    """A worker's running stopwatch. One per worker, kept on the server so it survives a reload.

    Not historied: it is a scratch value that becomes a TimeRecord (with history) when stopped.
    """

    worker = models.OneToOneField(User, on_delete=models.CASCADE, related_name="running_timer")
    started_at = models.DateTimeField()
    category = models.ForeignKey(TimeCategory, on_delete=models.PROTECT, related_name="+")
    family = models.ForeignKey(
        "families.Family", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        db_table = "staff_runningtimer"
        verbose_name = _("running timer")
        verbose_name_plural = _("running timers")

    def __str__(self) -> str:
        return f"{self.worker} since {self.started_at:%H:%M}"


class ObservedFormTime(models.Model):
    """Seconds a worker spent on one of the system's forms, from opening it to saving it.

    Written by timesheets.observed_time.ObservedFormTimeMiddleware, never by the worker; append-only, so not
    historied.
    """

    worker = models.ForeignKey(User, on_delete=models.CASCADE, related_name="observed_form_times")
    date = models.DateField()
    seconds = models.PositiveIntegerField()
    view_name = models.CharField(max_length=120)
    form_name = models.CharField(max_length=120, blank=True)
    observed_at = models.DateTimeField()

    class Meta:
        db_table = "staff_observedformtime"
        ordering = ["-observed_at"]
        verbose_name = _("observed form time")
        verbose_name_plural = _("observed form times")
        indexes = [models.Index(fields=["worker", "date", "seconds"], name="observed_form_time_by_day")]

    def __str__(self) -> str:
        return f"{self.worker} {self.view_name} {self.seconds}s"
