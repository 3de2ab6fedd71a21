"""Anonymous satisfaction surveys (seed 004): "don't ask for users' views if you won't do anything".

A response is unlinkable by construction: no family, member, user, IP address or exact time; only the
team, the month and the moment in the journey. Its key is a random UUID, so not even insertion order
ties it to an invitation. An invitation (which does name its member, to send the link once) is deleted
when its link is used, and the response keeps nothing of it.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Moment(models.TextChoices):
    REVIEW = "review", _("After a review")
    CLOSURE = "closure", _("When the family's case closed")


class Survey(models.Model):
    """A survey cannot open without an owner and the date by which they will publish what changed."""

    title = models.CharField(_("title"), max_length=200)
    title_cy = models.CharField(_("title in Welsh"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    publish_changes_by = models.DateField(_("date by which what changed will be published"))
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    at_review = models.BooleanField(_("offered after each review"), default=True)
    at_closure = models.BooleanField(_("offered when a case closes"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(publish_changes_by__gte=models.F("opens_on")),
                name="survey_publishes_after_it_opens",
                violation_error_message=_(
                    "The date to publish what changed must be on or after the day the survey opens."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class SurveyInvitation(models.Model):
    """A single-use link sent to one member (or printed on a paper copy). Deleted when used."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    team = models.ForeignKey("staff.Team", on_delete=models.PROTECT, related_name="+")
    moment = models.CharField(max_length=10, choices=Moment.choices)
    # Who was sent it, so nobody is sent two for the same moment; never copied to the response.
    member = models.ForeignKey(
        "family_portal.MemberAccess", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_on = models.DateField()

    def __str__(self) -> str:
        return f"{self.survey} ({self.get_moment_display()})"


class SurveyResponse(models.Model):
    class Answer(models.TextChoices):
        YES = "yes", _("Yes")
        PARTLY = "partly", _("Partly")
        NO = "no", _("No")

    class FreeText(models.TextChoices):
        NONE = "none", _("No comment")
        CLEAR = "clear", _("Shown to managers")
        HELD = "held", _("Held back: it may name someone")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    team = models.ForeignKey("staff.Team", on_delete=models.PROTECT, related_name="+")
    month = models.DateField(_("month"))  # always the first of the month (voice/services/surveys.py)
    moment = models.CharField(_("when it was asked"), max_length=10, choices=Moment.choices)
    on_paper = models.BooleanField(_("answered on paper"), default=False)
    helpful = models.PositiveSmallIntegerField(
        _("how helpful was the support"), choices=[(n, str(n)) for n in range(1, 6)]
    )
    listened_to = models.CharField(_("did you feel listened to"), max_length=6, choices=Answer.choices)
    in_control = models.CharField(
        _("did you feel in control of your plan"), max_length=6, choices=Answer.choices
    )
    comment = models.TextField(_("what could we do better"), blank=True, max_length=2000)
    comment_status = models.CharField(max_length=5, choices=FreeText.choices, default=FreeText.NONE)

    class Meta:
        ordering = ["survey", "month"]

    def __str__(self) -> str:
        return f"{self.survey}, {self.month:%B %Y}"
