"""Suggestions: acknowledged within a set time, a responsible person, reviewed at a meeting, and the
outcome sent back to the person if they left a way to reach them (seed 004)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from voice.models.common import Channel, HowReceived, Language


class ReviewMeeting(models.Model):
    """A meeting that reviews suggestions and records a decision on each."""

    held_on = models.DateField(_("held on"))
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("chair")
    )
    notes = models.TextField(_("notes"), blank=True, max_length=5000)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.held_on:%d %B %Y}"


class Suggestion(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        DECIDED = "decided", _("Decided")
        ANSWERED = "answered", _("Outcome sent")

    class Decision(models.TextChoices):
        ADOPTED = "adopted", _("We will do it")
        PARTLY = "partly", _("We will do some of it")
        ALREADY = "already", _("We already do this")
        NOT_ADOPTED = "not_adopted", _("We cannot do it")

    reference = models.CharField(_("reference"), max_length=12, unique=True, editable=False)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    how_received = models.CharField(_("how it came"), max_length=20, choices=HowReceived.choices)
    text = models.TextField(_("suggestion"), max_length=5000)
    # Anonymous unless the person leaves a way to reach them.
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("mobile phone number"), max_length=20, blank=True)
    address = models.TextField(_("postal address"), blank=True, max_length=500)
    reply_channel = models.CharField(
        _("how to hear back"), max_length=10, choices=Channel.choices, default=Channel.NONE
    )
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.ENGLISH
    )
    team = models.ForeignKey(
        "staff.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("team"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Made from the family's own pages (or the public box while signed in): the member sees it listed
    # on their pages. Never shown to the family's workers.
    member = models.ForeignKey(
        "family_portal.MemberAccess",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("made from the family's own pages by"),
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible person"),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    meeting = models.ForeignKey(
        ReviewMeeting, on_delete=models.PROTECT, null=True, blank=True, related_name="suggestions"
    )
    decision = models.CharField(_("decision"), max_length=12, choices=Decision.choices, blank=True)
    outcome = models.TextField(_("what we will do"), blank=True, max_length=5000)
    answered_at = models.DateTimeField(_("outcome sent at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")

    def __str__(self) -> str:
        return self.reference
