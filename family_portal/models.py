"""The family's own door: who in a family may sign in, how, what is hidden from whom, what they did, and
what they were told (issue 11, ADR 007)."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    TEXT = "text", _("Text message")
    LETTER = "letter", _("Letter")


class Language(models.TextChoices):
    ENGLISH = "en-gb", _("English")
    WELSH = "cy", _("Cymraeg (Welsh)")


class MemberAccess(models.Model):
    """A family member invited to the family's own pages, and the staff-side user they sign in as.

    The user (role "family member") has no password: the member signs in with a one-time code sent to
    `email` or `phone`. Withdrawing the invitation, or closing the family, ends the access at once.
    """

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACTIVE = "active", _("Signed in at least once")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    person = models.OneToOneField(
        "families.Person", on_delete=models.PROTECT, related_name="portal_access", verbose_name=_("member")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="family_access", editable=False
    )
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("mobile phone number"), max_length=20, blank=True)
    channel = models.CharField(
        _("how we keep them informed"), max_length=10, choices=Channel.choices, default=Channel.EMAIL
    )
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.ENGLISH
    )
    large_print = models.BooleanField(_("large print"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.INVITED)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    invited_at = models.DateTimeField(_("invited at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("why the invitation was withdrawn"), blank=True, max_length=2000)
    # The lead chooses whether the family sees the worker's scores beside their own.
    show_worker_scores = models.BooleanField(_("show the worker's scores beside the family's"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("family member's access")
        verbose_name_plural = _("family members' access")
        constraints = [
            models.CheckConstraint(
                condition=~Q(email="") | ~Q(phone=""),
                name="member_access_has_an_address",
                violation_error_message=_("Give an email address or a mobile phone number."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.person)

    @property
    def is_open(self) -> bool:
        """The member may sign in: invited or active, and the family is open."""
        from families.models import Family

        return self.status != self.Status.WITHDRAWN and self.person.family.status == Family.Status.OPEN


class SignInCode(models.Model):
    """A one-time code sent to a member's email or phone. Only its keyed hash is kept."""

    access = models.ForeignKey(MemberAccess, on_delete=models.CASCADE, related_name="codes")
    sent_to = models.CharField(max_length=254)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["access", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.access} {self.created_at:%d %b %Y %H:%M}"


class SignInFailure(models.Model):
    """A wrong code, kept to limit attempts per member and per address (the staff side's lockout rules)."""

    access = models.ForeignKey(MemberAccess, on_delete=models.CASCADE, null=True, related_name="+")
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.ip_address} {self.at:%d %b %Y %H:%M}"


class Restriction(models.Model):
    """Something the lead hides from one named member (safeguarding): an item, the family's address, or
    another member's details. A restricted member's pages, PDFs, counts and messages never show it."""

    class Kind(models.TextChoices):
        ITEM = "item", _("An item")
        ADDRESS = "address", _("The family's address")
        PERSON = "person", _("Another member's details")

    access = models.ForeignKey(
        MemberAccess, on_delete=models.CASCADE, related_name="restrictions", verbose_name=_("hidden from")
    )
    kind = models.CharField(_("what is hidden"), max_length=10, choices=Kind.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    item = GenericForeignKey("content_type", "object_id")
    hidden_person = models.ForeignKey(
        "families.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("why"), max_length=2000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("restriction")
        verbose_name_plural = _("restrictions")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        kind="item",
                        content_type__isnull=False,
                        object_id__isnull=False,
                        hidden_person__isnull=True,
                    )
                    | Q(
                        kind="address",
                        content_type__isnull=True,
                        object_id__isnull=True,
                        hidden_person__isnull=True,
                    )
                    | Q(
                        kind="person",
                        content_type__isnull=True,
                        object_id__isnull=True,
                        hidden_person__isnull=False,
                    )
                ),
                name="restriction_names_one_thing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.access})"


class FamilyMessage(models.Model):
    """Something a family member did on their own pages: it lands in the chronology and tells the lead."""

    class Kind(models.TextChoices):
        AGREED = "agreed", _("Agreed the plan")
        COMMENT = "comment", _("Comment")
        OWN_WORDS = "own_words", _("Their own words on a goal")
        ACTION_DONE = "action_done", _("Marked an action done")
        ACTION_STUCK = "action_stuck", _("Said an action is stuck")
        DETAILS_CHANGE = "details_change", _("Asked for a change to their details")
        DOCUMENT = "document", _("Sent a photo or document")
        STOP_SHARING = "stop_sharing", _("Asked to stop sharing")

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="+")
    access = models.ForeignKey(MemberAccess, on_delete=models.PROTECT, related_name="messages")
    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    goal = models.ForeignKey("plans.Goal", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    action = models.ForeignKey(
        "plans.Action", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    consent = models.ForeignKey(
        "agencies.Consent", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("what they said"), blank=True, max_length=5000)
    file = models.FileField(upload_to="family_portal/%Y/%m/", blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    content_type_name = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # The lead has read it (from the family's record); until then it is news on their caseload.
    seen_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["family", "-created_at"], name="family_message_newest")]
        verbose_name = _("message from the family")
        verbose_name_plural = _("messages from the family")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.access})"

    # An entry on the family's chronology (families.registry): the day it happened and how to show it.
    chronology_template = "family_portal/chronology_item.html"

    @property
    def occurred_on(self) -> datetime.date:
        return timezone.localdate(self.created_at)


class FamilyNotice(models.Model):
    """One notification to one member about one event: the unique key makes it once per event per member."""

    class Status(models.TextChoices):
        SENT = "sent", _("Sent")
        TO_POST = "to_post", _("Letter to post")
        POSTED = "posted", _("Letter posted")
        FAILED = "failed", _("Could not be sent")

    access = models.ForeignKey(MemberAccess, on_delete=models.CASCADE, related_name="notices")
    key = models.CharField(max_length=120)
    kind = models.CharField(max_length=30)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    language = models.CharField(max_length=5, choices=Language.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SENT)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)
    letter = models.FileField(upload_to="family_portal/letters/%Y/%m/", blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    posted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["access", "key"], name="one_notice_per_event_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.access})"
