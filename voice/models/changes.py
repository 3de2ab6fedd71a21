""" "You said, we did": what changed because of complaints, suggestions and surveys, published in English
and Welsh on a public page and on the family's own pages."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Change(models.Model):
    class Source(models.TextChoices):
        COMPLAINTS = "complaints", _("Complaints")
        SUGGESTIONS = "suggestions", _("Suggestions")
        SURVEY = "survey", _("A survey")

    source = models.CharField(_("what it came from"), max_length=12, choices=Source.choices)
    survey = models.ForeignKey(
        "voice.Survey", on_delete=models.PROTECT, null=True, blank=True, related_name="changes"
    )
    you_said = models.TextField(_("you said"), max_length=1000)
    you_said_cy = models.TextField(_("you said (Welsh)"), max_length=1000)
    we_did = models.TextField(_("we did"), max_length=2000)
    we_did_cy = models.TextField(_("we did (Welsh)"), max_length=2000)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "-pk"]

    def __str__(self) -> str:
        return self.you_said[:60]
