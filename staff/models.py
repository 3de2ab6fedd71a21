from typing import Any

from django.contrib.auth.models import AbstractUser, Group
from django.contrib.sessions.base_session import AbstractBaseSession
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
        # Issue 11: a member of a family, signing in with a one-time code to the family's own pages only.
        FAMILY_MEMBER = "family_member", _("Family member")
        # Issue 12: handles complaints, suggestions and surveys; sees no casework (ADR 008).
        COMPLAINTS_MANAGER = "complaints_manager", _("Complaints manager")

    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.LEAD_PRACTITIONER)
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, null=True, blank=True, related_name="members", verbose_name=_("team")
    )
    agency = models.ForeignKey(
        "partners.Agency",
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
    def is_family_member(self) -> bool:
        return self.role == self.Role.FAMILY_MEMBER

    @property
    def is_complaints_manager(self) -> bool:
        return self.is_active and self.role == self.Role.COMPLAINTS_MANAGER

    @property
    def is_casework_staff(self) -> bool:
        """Lead practitioners and their managers: the people who hold families."""
        return self.is_active and self.role in (self.Role.LEAD_PRACTITIONER, self.Role.TEAM_MANAGER)

    def contact_line(self) -> str:
        parts: list[Any] = [self.email, self.phone]
        return " · ".join(p for p in parts if p)


class UserSession(AbstractBaseSession):
    """Django's database session with the signed-in user's id in its own indexed column.

    Ending every session of a user (deactivation) is then one indexed DELETE, not a scan that decodes every
    session in the table (docs/decisions/006-sign-in-lockout.md). The column is written by the session
    store (staff/sessions.py) on every save, from the session's own `_auth_user_id`.
    """

    user = models.ForeignKey(
        "staff.User", on_delete=models.CASCADE, null=True, blank=True, db_constraint=False, related_name="+"
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    @classmethod
    def get_session_store_class(cls) -> Any:
        from staff.sessions import SessionStore

        return SessionStore
