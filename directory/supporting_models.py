"""The directory's supporting tables, kept apart from the Open Referral UK entries in models.py (which
re-exports them): the mapping between vocabularies, the postcode lookup, the weekly review reminders
sent, and the feeds it imports.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class TermMapping(models.Model):
    """A term of one vocabulary stands for terms of another: a search by `from_term` (one of our needs)
    also finds services tagged only with `to_term` (an esd service type or need, directory/taxonomies/)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    from_term = models.ForeignKey(
        "directory.TaxonomyTerm",
        on_delete=models.CASCADE,
        related_name="mappings_out",
        verbose_name=_("need"),
    )
    to_term = models.ForeignKey(
        "directory.TaxonomyTerm",
        on_delete=models.CASCADE,
        related_name="mappings_in",
        verbose_name=_("mapped term"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["from_term__name", "to_term__name"]
        verbose_name = _("term mapping")
        verbose_name_plural = _("term mappings")
        constraints = [
            models.UniqueConstraint(fields=["from_term", "to_term"], name="directory_term_mapping_once"),
            models.CheckConstraint(
                condition=~Q(from_term=F("to_term")), name="directory_term_mapping_not_to_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_term_id} -> {self.to_term_id}"


class Postcode(models.Model):
    """A postcode's centre and areas, from the ONS Postcode Directory or Code-Point Open (import_postcodes).

    Only what the search needs: where it is (WGS84), its district and its local authority.
    """

    postcode = models.CharField(_("postcode"), max_length=8, primary_key=True)  # normalised: "NR1 3QA"
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    district = models.CharField(_("postcode district"), max_length=4, db_index=True)
    local_authority_code = models.CharField(_("local authority code"), max_length=9, blank=True)
    local_authority_name = models.CharField(_("local authority"), max_length=100, blank=True)

    class Meta:
        ordering = ["postcode"]
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodes")
        indexes = [models.Index(fields=["local_authority_name"], name="directory_postcode_la_name")]

    def __str__(self) -> str:
        return self.postcode


class StaleReminder(models.Model):
    """One weekly email to an owner listing their entries due a review: at most one per owner per week."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    week_starting = models.DateField()
    service_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-week_starting"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "week_starting"], name="directory_one_reminder_per_owner_week"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.owner_id} {self.week_starting}"


class DirectoryFeed(models.Model):
    """Another directory's Open Referral UK 3.0 API that this directory imports (`directory_import`, and
    each night for every active feed). Its services are owned here by `owner`, who is reminded to review
    them like any other entry; an entry the feed stops listing is made inactive, never deleted."""

    url = models.URLField(
        _("feed address"),
        max_length=500,
        unique=True,
        help_text=_(
            "The API's base address, e.g. https://example.gov.uk/api/directory (its /services is read)."
        ),
    )
    name = models.CharField(_("name"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="directory_feeds_owned",
        verbose_name=_("owner of its entries"),
    )
    active = models.BooleanField(_("imported each night"), default=True)
    last_run_at = models.DateTimeField(_("last run"), null=True, blank=True, editable=False)
    last_run_ok = models.BooleanField(_("last run succeeded"), null=True, editable=False)
    last_run_outcome = models.TextField(_("last run's outcome"), blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("directory feed")
        verbose_name_plural = _("directory feeds")

    def __str__(self) -> str:
        return self.name
