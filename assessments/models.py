"""One living assessment per family, built on a configurable framework of outcome areas (domains).

Each domain of the assessment has one entry: strengths first, then worries, the family's own words and
two scores side by side (the family's and the worker's). A re-assessment is a dated review of the same
assessment that snapshots the scores, so distance travelled per domain can be shown over time.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.calendar import today


def _default_scale_min() -> int:
    return settings.ASSESSMENT_SCALE_MIN


def _default_scale_max() -> int:
    return settings.ASSESSMENT_SCALE_MAX


class Framework(models.Model):
    """A set of outcome areas. The default is the ten Supporting Families headline outcomes."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=_default_scale_min)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=_default_scale_max)
    is_default = models.BooleanField(_("default for new assessments"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("assessment framework")
        verbose_name_plural = _("assessment frameworks")
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_max__gt=F("scale_min")),
                name="framework_scale_max_above_min",
                violation_error_message=_("The highest score must be above the lowest score."),
            ),
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="one_default_framework",
                violation_error_message=_("Only one framework can be the default."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Domain(models.Model):
    """An outcome area. Retire it (active = False) rather than delete it: past entries keep pointing at it."""

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="domains")
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("what it covers"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(
        _("in use"), default=True, help_text=_("Untick to retire the area without losing past data.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["framework", "order", "name"]
        verbose_name = _("outcome area")
        verbose_name_plural = _("outcome areas")
        constraints = [
            models.UniqueConstraint(fields=["framework", "name"], name="unique_domain_name_per_framework")
        ]

    def __str__(self) -> str:
        return self.name


class Assessment(models.Model):
    # One assessment: the unique key on family is the database's guarantee, the service gives the message.
    family = models.OneToOneField("families.Family", on_delete=models.CASCADE, related_name="assessment")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="assessments")
    started_on = models.DateField(_("started on"), default=today)
    summary = models.TextField(_("summary in plain words"), blank=True, max_length=5000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self) -> str:
        return f"{_('Assessment')} {self.family_id}"


class DomainEntry(models.Model):
    """What the assessment says about one outcome area, strengths first."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="entries")
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="entries")
    strengths = models.TextField(_("what is working well"), blank=True, max_length=5000)
    worries = models.TextField(_("worries"), blank=True, max_length=5000)
    family_words = models.TextField(_("in the family's own words"), blank=True, max_length=5000)
    family_score = models.PositiveSmallIntegerField(_("family's score"), null=True, blank=True)
    worker_score = models.PositiveSmallIntegerField(_("worker's score"), null=True, blank=True)
    need_identified_by_family = models.BooleanField(_("the family identified this need"), default=False)
    # Optimistic locking: a save carries the version it was read at and fails if someone saved since.
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["domain__order", "domain__name"]
        verbose_name = _("assessment area")
        verbose_name_plural = _("assessment areas")
        constraints = [models.UniqueConstraint(fields=["assessment", "domain"], name="one_entry_per_domain")]

    def __str__(self) -> str:
        return str(self.domain)


class AssessmentReview(models.Model):
    """A dated snapshot of the scores: the first assessment or a re-assessment of the same one."""

    class Kind(models.TextChoices):
        INITIAL = "initial", _("First assessment")
        REVIEW = "review", _("Re-assessment")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.REVIEW)
    reviewed_on = models.DateField(_("date"), default=today)
    notes = models.TextField(_("what has changed"), blank=True, max_length=5000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["reviewed_on", "created_at"]
        verbose_name = _("re-assessment")
        verbose_name_plural = _("re-assessments")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reviewed_on:%d %b %Y}"


class ReviewScore(models.Model):
    review = models.ForeignKey(AssessmentReview, on_delete=models.CASCADE, related_name="scores")
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="+")
    family_score = models.PositiveSmallIntegerField(_("family's score"), null=True, blank=True)
    worker_score = models.PositiveSmallIntegerField(_("worker's score"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score at re-assessment")
        verbose_name_plural = _("scores at re-assessment")
        constraints = [
            models.UniqueConstraint(fields=["review", "domain"], name="one_score_per_domain_per_review")
        ]

    def __str__(self) -> str:
        return f"{self.domain_id}: {self.family_score}/{self.worker_score}"
