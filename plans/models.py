"""One shared plan per family: goals in the family's words, each serving an assessment outcome area, and
actions that each serve a goal ("no random acts of intervention"), reviewed at Team Around the Family
meetings and agreed by the family.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.calendar import today


class Plan(models.Model):
    # One plan: the unique key on family is the database's guarantee, the service gives the message.
    family = models.OneToOneField("families.Family", on_delete=models.CASCADE, related_name="plan")
    started_on = models.DateField(_("plan started on"), default=today)
    family_hopes = models.TextField(
        _("what the family wants to be different"),
        blank=True,
        max_length=5000,
        help_text=_("In their own words."),
    )
    # Kept in step by the services (plan start, each review) so the caseload reads it without arithmetic.
    next_review_on = models.DateField(_("next review"), null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return f"{_('Plan')} {self.family_id}"


class Goal(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Working on it")
        ACHIEVED = "achieved", _("Achieved")
        STOPPED = "stopped", _("No longer needed")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    domain = models.ForeignKey(
        "assessments.Domain", on_delete=models.PROTECT, related_name="goals", verbose_name=_("outcome area")
    )
    text = models.TextField(_("goal, in the family's words"), max_length=2000)
    success_looks_like = models.TextField(_("what success looks like"), blank=True, max_length=2000)
    target_on = models.DateField(_("target date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    order = models.PositiveIntegerField(_("order"), default=0)
    version = models.PositiveIntegerField(default=1)
    # Issue 11: whether the family sees it on their own pages (the lead changes it).
    shared_with_family = models.BooleanField(_("shared with the family"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.CheckConstraint(
                condition=~Q(text=""), name="goal_has_text", violation_error_message=_("Write the goal.")
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]


class Action(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        STOPPED = "stopped", _("Stopped")

    OPEN_STATUSES = (Status.NOT_STARTED, Status.IN_PROGRESS)

    # Every action serves a goal: NOT NULL in the database, and a goal with actions cannot be deleted.
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="actions", verbose_name=_("goal"))
    text = models.TextField(_("what will be done"), max_length=2000)
    owner_person = models.ForeignKey(
        "families.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_actions",
        verbose_name=_("family member"),
    )
    owner_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_actions",
        verbose_name=_("worker"),
    )
    owner_agency = models.ForeignKey(
        "partners.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_actions",
        verbose_name=_("partner agency"),
    )
    due_on = models.DateField(_("due by"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    status_note = models.TextField(_("latest update"), blank=True, max_length=2000)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    # Issue 11: whether the family sees it on their own pages (the lead changes it).
    shared_with_family = models.BooleanField(_("shared with the family"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            # Exactly one owner: a family member, a worker, or a partner agency.
            models.CheckConstraint(
                condition=(
                    Q(owner_person__isnull=False, owner_worker__isnull=True, owner_agency__isnull=True)
                    | Q(owner_person__isnull=True, owner_worker__isnull=False, owner_agency__isnull=True)
                    | Q(owner_person__isnull=True, owner_worker__isnull=True, owner_agency__isnull=False)
                ),
                name="action_has_exactly_one_owner",
                violation_error_message=_("Choose who will do this: one family member, worker or agency."),
            ),
            models.CheckConstraint(
                condition=~Q(text=""),
                name="action_has_text",
                violation_error_message=_("Say what will be done."),
            ),
        ]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def owner(self) -> object:
        return self.owner_person or self.owner_worker or self.owner_agency

    @property
    def owner_kind(self) -> str:
        if self.owner_person_id:
            return "person"
        if self.owner_worker_id:
            return "worker"
        return "agency"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def is_overdue(self, on: datetime.date | None = None) -> bool:
        return bool(self.is_open and self.due_on and self.due_on < (on or today()))


class PlanReview(models.Model):
    """A Team Around the Family meeting: who came, progress on each goal, decisions, when to meet next."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField(_("date of the meeting"))
    attending_people = models.ManyToManyField(
        "families.Person", blank=True, related_name="+", verbose_name=_("family members")
    )
    attending_workers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("workers")
    )
    attending_agencies = models.ManyToManyField(
        "partners.Agency", blank=True, related_name="+", verbose_name=_("agencies")
    )
    other_attendees = models.CharField(_("anyone else"), max_length=500, blank=True)
    decisions = models.TextField(_("what was decided"), blank=True, max_length=5000)
    # Issue 11: whether the family sees it on their own pages (the lead changes it).
    shared_with_family = models.BooleanField(_("shared with the family"), default=True)
    next_review_on = models.DateField(_("next review"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[attending_people, attending_workers, attending_agencies])

    class Meta:
        ordering = ["-held_on", "-created_at"]
        verbose_name = _("plan review")
        verbose_name_plural = _("plan reviews")
        constraints = [
            models.CheckConstraint(
                condition=Q(next_review_on__gt=models.F("held_on")),
                name="review_next_after_held",
                violation_error_message=_("The next review must be after this one."),
            )
        ]

    def __str__(self) -> str:
        return f"{_('Review')} {self.held_on:%d %b %Y}"


class GoalProgress(models.Model):
    review = models.ForeignKey(PlanReview, on_delete=models.CASCADE, related_name="progress")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="progress")
    score = models.PositiveSmallIntegerField(_("progress"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progress on a goal")
        verbose_name_plural = _("progress on goals")
        constraints = [
            models.UniqueConstraint(fields=["review", "goal"], name="one_progress_per_goal_per_review")
        ]

    def __str__(self) -> str:
        return f"{self.goal_id}: {self.score}"


class PlanAgreement(models.Model):
    """The family agreed the plan: who, when, how, and what the plan said at that moment."""

    class Method(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        PHONE = "phone", _("On the phone")
        VIDEO = "video", _("On a video call")
        LETTER = "letter", _("By letter or email")
        PORTAL = "portal", _("Through the family's own page")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="agreements")
    agreed_by = models.ForeignKey(
        "families.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("agreed by")
    )
    agreed_at = models.DateTimeField(_("agreed at"))
    method = models.CharField(_("how"), max_length=10, choices=Method.choices)
    comment = models.TextField(_("anything the family said"), blank=True, max_length=2000)
    # The agreed version: the plan's goals and actions as the family saw them.
    snapshot = models.JSONField(default=dict, editable=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-agreed_at"]
        get_latest_by = "agreed_at"
        verbose_name = _("plan agreement")
        verbose_name_plural = _("plan agreements")

    def __str__(self) -> str:
        return f"{_('Agreed')} {self.agreed_at:%d %b %Y}"


def _document_path(instance: "PlanDocument", filename: str) -> str:
    return f"plans/{instance.plan_id}/{filename}"


class PlanDocument(models.Model):
    """A rendered PDF of the plan (large plans render in the background; the page polls without JS)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Being made")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="documents")
    large_print = models.BooleanField(_("large print"), default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(upload_to=_document_path, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("plan document")
        verbose_name_plural = _("plan documents")

    def __str__(self) -> str:
        return f"{_('Plan PDF')} {self.pk}"


class ReminderSent(models.Model):
    """One morning reminder per worker per day, whatever retries or extra beat runs happen."""

    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()
    reviews = models.PositiveIntegerField(default=0)
    overdue_actions = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["worker", "sent_on"], name="one_reminder_per_worker_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.worker_id} {self.sent_on}"
