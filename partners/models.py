"""Partner agencies: schools, health visitors, housing, police, the job centre, voluntary groups.

An agency is an organisation the casework draws in; it sits below the casework floors so that staff
accounts (an agency worker's agency), plan actions, the pot's funders and the directory can all point at
it without knowing about referrals. Its tables keep the names they had in the agencies app, where it
began (ADR 004).
"""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Agency(models.Model):
    """A partner agency: a school, health visitors, housing, police, the job centre, a voluntary group."""

    class Kind(models.TextChoices):
        SCHOOL = "school", _("School or college")
        HEALTH = "health", _("Health")
        HOUSING = "housing", _("Housing")
        POLICE = "police", _("Police")
        JOB_CENTRE = "job_centre", _("Job centre")
        VOLUNTARY = "voluntary", _("Voluntary or community group")
        SOCIAL_CARE = "social_care", _("Children's social care")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.OTHER)
    manager_name = models.CharField(_("manager's name"), max_length=120, blank=True)
    manager_email = models.EmailField(
        _("manager's email"),
        blank=True,
        help_text=_("Referrals not acknowledged in time are escalated here."),
    )
    manager_phone = models.CharField(_("manager's phone"), max_length=40, blank=True)
    # Object permissions on this agency's referral responses are granted to this group, so the portal
    # answers "may this agency see it" with one join, and removing access is deleting one row.
    staff_group = models.OneToOneField(
        Group, on_delete=models.PROTECT, null=True, blank=True, related_name="staffed_agency", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(table_name="agencies_historicalagency")

    class Meta:
        db_table = "agencies_agency"  # moved from the agencies app in place: same table, same rows
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")

    def __str__(self) -> str:
        return self.name

    def inbox_list(self) -> list[str]:
        return [inbox.email for inbox in self.inboxes.all()]


class AgencyInbox(models.Model):
    """A shared referral inbox of an agency; every alert goes to each of them."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="inboxes")
    email = models.EmailField(_("referral inbox address"))
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(table_name="agencies_historicalagencyinbox")

    class Meta:
        db_table = "agencies_agencyinbox"
        ordering = ["email"]
        verbose_name = _("referral inbox")
        verbose_name_plural = _("referral inboxes")
        constraints = [models.UniqueConstraint(fields=["agency", "email"], name="agency_inbox_unique")]

    def __str__(self) -> str:
        return self.email
