from typing import Any, NoReturn

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from core.calendar import today
from core.postcodes import validate_postcode

REFERENCE_RE = r"^[A-Z0-9][A-Z0-9-]{2,19}$"


class Family(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    reference = models.CharField(
        _("reference"),
        max_length=20,
        unique=True,
        validators=[
            RegexValidator(
                REFERENCE_RE,
                _("A reference is 3 to 20 capital letters, numbers and hyphens, like PO-7K3Q9"),
            )
        ],
        help_text=_("Leave blank to have one made for you."),
    )
    name = models.CharField(
        _("family name"), max_length=120, help_text=_("How the family likes to be known.")
    )
    address_line_1 = models.CharField(_("address line 1"), max_length=120, blank=True)
    address_line_2 = models.CharField(_("address line 2"), max_length=120, blank=True)
    town = models.CharField(_("town or city"), max_length=80, blank=True)
    postcode = models.CharField(_("postcode"), max_length=8, blank=True, validators=[validate_postcode])
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    closure_reason = models.TextField(_("reason for closing"), blank=True, max_length=2000)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    team = models.ForeignKey(
        "staff.Team", on_delete=models.PROTECT, related_name="families", verbose_name=_("team")
    )
    lead_practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lead_families",
        verbose_name=_("lead practitioner"),
    )
    # Lower-cased name, reference and postcode, for a search that is one indexed column to the database.
    search_text = models.CharField(max_length=300, editable=False, db_index=True, default="")
    opened_on = models.DateField(_("opened on"), default=today)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "reference"]
        verbose_name = _("family")
        verbose_name_plural = _("families")
        permissions = [("hand_over_family", _("Can hand over the family to another lead practitioner"))]
        constraints = [
            # One worker: an open family always has its lead practitioner. A single foreign key means it
            # can never have two.
            models.CheckConstraint(
                condition=Q(status="closed") | Q(lead_practitioner__isnull=False),
                name="open_family_has_one_lead_practitioner",
                violation_error_message=_("An open family must have a lead practitioner."),
            ),
            models.CheckConstraint(
                condition=Q(status="open") | ~Q(closure_reason=""),
                name="closed_family_has_reason",
                violation_error_message=_("Give a reason for closing the family."),
            ),
        ]
        indexes = [
            models.Index(fields=["lead_practitioner", "status"]),
            models.Index(fields=["team", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.reference})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def address_lines(self) -> list[str]:
        return [p for p in (self.address_line_1, self.address_line_2, self.town, self.postcode) if p]

    def refresh_search_text(self) -> None:
        self.search_text = " ".join([self.name, self.reference, self.postcode.replace(" ", "")]).lower()[:300]


class FamilyUserObjectPermission(UserObjectPermissionBase):
    """Guardian's direct foreign-key table: a real join, not a generic (content type, text id) lookup."""

    content_object = models.ForeignKey(Family, on_delete=models.CASCADE)


class FamilyGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Family, on_delete=models.CASCADE)


class Person(models.Model):
    class HouseholdRole(models.TextChoices):
        PARENT = "parent", _("Parent")
        CARER = "carer", _("Carer")
        CHILD = "child", _("Child")
        YOUNG_PERSON = "young_person", _("Young person")
        EXPECTANT_PARENT = "expectant_parent", _("Expectant parent")
        UNBORN = "unborn", _("Unborn baby")

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="members")
    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=80, blank=True)
    preferred_name = models.CharField(_("preferred name"), max_length=80, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    expected_due_date = models.DateField(_("expected due date"), null=True, blank=True)
    household_role = models.CharField(
        _("role in the household"), max_length=20, choices=HouseholdRole.choices
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    preferred_contact = models.CharField(
        _("how they prefer to be contacted"),
        max_length=20,
        blank=True,
        choices=[
            ("phone", _("Phone call")),
            ("text", _("Text message")),
            ("email", _("Email")),
            ("letter", _("Letter")),
            ("in_person", _("In person")),
        ],
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=60, blank=True, default="English"
    )
    needs_interpreter = models.BooleanField(_("needs an interpreter"), default=False)
    uses_bsl = models.BooleanField(_("uses British Sign Language"), default=False)
    large_print = models.BooleanField(_("needs large print"), default=False)
    accessible_formats = models.CharField(
        _("other accessible formats"),
        max_length=300,
        blank=True,
        help_text=_("For example Easy Read, audio, Braille."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date_of_birth", "first_name"]
        verbose_name = _("family member")
        verbose_name_plural = _("family members")
        constraints = [
            models.CheckConstraint(
                condition=Q(date_of_birth__isnull=True) | Q(expected_due_date__isnull=True),
                name="person_born_or_expected_not_both",
                violation_error_message=_("Give a date of birth or an expected due date, not both."),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name_to_show(self.first_name, self.last_name, self.preferred_name)

    @staticmethod
    def name_to_show(first_name: str, last_name: str, preferred_name: str) -> str:
        """The name a person is called by: the preferred first name if they gave one."""
        return f"{preferred_name or first_name} {last_name}".strip()

    def communication_needs(self) -> list[str]:
        needs: list[str] = []
        if self.preferred_language and self.preferred_language.lower() != "english":
            needs.append(str(_("Prefers %(language)s")) % {"language": self.preferred_language})
        if self.needs_interpreter:
            needs.append(str(_("Interpreter")))
        if self.uses_bsl:
            needs.append(str(_("British Sign Language")))
        if self.large_print:
            needs.append(str(_("Large print")))
        if self.accessible_formats:
            needs.append(self.accessible_formats)
        return needs


class CaseNote(models.Model):
    class Kind(models.TextChoices):
        VISIT = "visit", _("Visit")
        CALL = "call", _("Call")
        MEETING = "meeting", _("Meeting")
        NOTE = "note", _("Note")

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="case_notes")
    occurred_on = models.DateField(_("date"))
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.NOTE)
    text = models.TextField(_("note"), max_length=5000)
    # Issue 11: whether the family sees it on their own pages (the lead changes it).
    shared_with_family = models.BooleanField(_("shared with the family"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    # Who the chronology names, when it is not the author's own note: an agency's answer to a referral
    # ("Home-Start Family Support, by email link") is filed under the referring worker but is not theirs.
    written_by = models.CharField(_("written by"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-occurred_on", "-created_at"]
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")
        indexes = [models.Index(fields=["family", "-occurred_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on:%d %b %Y}"


class FamilyEvent(models.Model):
    """A turning point in the family's journey, shown on the chronology beside the case notes."""

    class Kind(models.TextChoices):
        OPENED = "opened", _("Opened")
        HANDED_OVER = "handed_over", _("Handed over")
        TEAM_MOVED = "team_moved", _("Moved team")
        STEPPED_UP = "stepped_up", _("Stepped up to children's social care")
        STEPPED_DOWN = "stepped_down", _("Stepped down from children's social care")
        CLOSED = "closed", _("Closed")
        REOPENED = "reopened", _("Reopened")

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("what happened"), max_length=20, choices=Kind.choices)
    occurred_on = models.DateField(_("date"), default=today)
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    # Issue 11: whether the family sees it on their own pages (the lead changes it).
    shared_with_family = models.BooleanField(_("shared with the family"), default=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-occurred_on", "-created_at"]
        verbose_name = _("family event")
        verbose_name_plural = _("family events")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on:%d %b %Y}"


class RecordLookQuerySet(models.QuerySet):
    """The read log is append-only: a queryset cannot change or remove its rows (families/access_log.py
    `read_log_purge` is the one path that removes rows past the retention, in SQL, through the gate)."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise TypeError("The read log is append-only: its rows are never changed.")

    def delete(self) -> NoReturn:
        raise TypeError("The read log is append-only: rows leave only when their retention ends.")

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("The read log is append-only: its rows are never changed.")


class RecordLook(models.Model):
    """One look at a family's record: who, when, what, from where, and why where a reason was asked.

    Written once per request by families.access_log (never by hand); the database refuses to change or
    delete a row (migration 0003), except past the retention through `read_log_purge`.
    """

    class Category(models.TextChoices):
        OVERVIEW = "overview", _("Overview")
        CHRONOLOGY = "chronology", _("Chronology")
        ASSESSMENT = "assessment", _("Assessment")
        PLAN = "plan", _("Plan")
        REFERRAL = "referral", _("Referral")
        POT = "pot", _("Practical help")
        HISTORY = "history", _("History")
        PDF = "pdf", _("PDF")
        CSV = "csv", _("CSV export")
        EMAIL_LINK = "email_link", _("Email-link page")
        AGENCY_PORTAL = "agency_portal", _("Agency portal")
        OTHER = "other", _("Other page")

    at = models.DateTimeField(_("when"), default=timezone.now)
    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="+", verbose_name=_("family"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    # An agency answering from an email link has no account: the inbox the link went to and the
    # referral response it answers. Plain fields, because agencies stands above families (ADR 004).
    agency_inbox = models.CharField(_("agency inbox"), max_length=254, blank=True)
    referral_response_id = models.PositiveBigIntegerField(_("referral response"), null=True, blank=True)
    category = models.CharField(_("what"), max_length=20, choices=Category.choices)
    url_name = models.CharField(_("page"), max_length=100, blank=True)
    ip_address = models.GenericIPAddressField(_("from address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    reason = models.TextField(_("reason"), blank=True, max_length=2000)

    objects = RecordLookQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("look at a family record")
        verbose_name_plural = _("looks at family records")
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(agency_inbox=""),
                name="record_look_names_who",
                violation_error_message=_("A look names the person or the agency inbox."),
            ),
        ]
        indexes = [
            models.Index(fields=["family", "-at"]),
            models.Index(fields=["user", "at"]),
            models.Index(fields=["at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.at:%d %b %Y %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise TypeError("The read log is append-only: its rows are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("The read log is append-only: rows leave only when their retention ends.")
