from typing import Any

from django.contrib.auth.models import AbstractUser, Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Team(models.Model):
    """A team of lead practitioners and its managers, usually covering an area."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    area = models.CharField(_("area"), max_length=120, blank=True)
    # Managers of the team are members of this group; object permissions on the team's families are
    # granted to the group, so a manager joining or leaving changes one membership, not every family.
    managers_group = models.OneToOneField(
        Group, on_delete=models.PROTECT, related_name="managed_team", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    class Role(models.TextChoices):
        LEAD_PRACTITIONER = "lead_practitioner", _("Lead practitioner")
        TEAM_MANAGER = "team_manager", _("Team manager")
        AGENCY_WORKER = "agency_worker", _("Partner-agency worker")
        ADMINISTRATOR = "administrator", _("Administrator")

    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.LEAD_PRACTITIONER)
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="members", verbose_name=_("team")
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("agency"),
    )
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        ordering = ["first_name", "last_name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="agency_worker") | models.Q(agency__isnull=False),
                name="agency_worker_has_agency",
                violation_error_message=_("A partner-agency worker must belong to an agency."),
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_lead_practitioner(self) -> bool:
        return self.role == self.Role.LEAD_PRACTITIONER

    @property
    def is_team_manager(self) -> bool:
        return self.role == self.Role.TEAM_MANAGER

    @property
    def is_agency_worker(self) -> bool:
        return self.role == self.Role.AGENCY_WORKER

    @property
    def is_casework_staff(self) -> bool:
        """Lead practitioners and their managers: the people who hold families."""
        return self.is_active and self.role in (self.Role.LEAD_PRACTITIONER, self.Role.TEAM_MANAGER)

    def contact_line(self) -> str:
        parts: list[Any] = [self.email, self.phone]
        return " · ".join(p for p in parts if p)


# --- Where workers spend their time (issue 6) -------------------------------------------------------
# Time records belong with staff and teams: they describe a worker's day, not a family's record (a family
# is optional on a record). The dashboard that reads them lives in the reports app.


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
    history = HistoricalRecords()

    class Meta:
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
    history = HistoricalRecords()

    class Meta:
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
        verbose_name = _("running timer")
        verbose_name_plural = _("running timers")

    def __str__(self) -> str:
        return f"{self.worker} since {self.started_at:%H:%M}"


class ObservedFormTime(models.Model):
    """Seconds a worker spent on one of the system's forms, from opening it to saving it.

    Written by staff.middleware.ObservedFormTimeMiddleware, never by the worker; append-only, so not
    historied.
    """

    worker = models.ForeignKey(User, on_delete=models.CASCADE, related_name="observed_form_times")
    date = models.DateField()
    seconds = models.PositiveIntegerField()
    view_name = models.CharField(max_length=120)
    form_name = models.CharField(max_length=120, blank=True)
    observed_at = models.DateTimeField()

    class Meta:
        ordering = ["-observed_at"]
        verbose_name = _("observed form time")
        verbose_name_plural = _("observed form times")
        indexes = [models.Index(fields=["worker", "date", "seconds"], name="observed_form_time_by_day")]

    def __str__(self) -> str:
        return f"{self.worker} {self.view_name} {self.seconds}s"
