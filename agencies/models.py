"""Partner agencies, the family's consent to share with them, and the one-email referral.

A referral is written once by the lead practitioner and answered by every agency it names: one
`ReferralResponse` per agency carries that agency's status, its service-level clock and the nonce of
the signed link it was sent. Every email leaves through the `OutboxMessage` table, written in the same
transaction as the thing it tells about (see docs/decisions/002-referral-outbox.md).
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from core.calendar import today
from partners.models import Agency


def new_nonce() -> str:
    return secrets.token_urlsafe(16)


class FamilyAgency(models.Model):
    """An agency that works with a family: preselected when the lead worker writes a referral."""

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="agency_links")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="family_links")
    role = models.CharField(_("what they do with the family"), max_length=200, blank=True)
    since = models.DateField(_("working with the family since"), default=today)
    ended_on = models.DateField(_("stopped working with the family on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency__name"]
        verbose_name = _("agency working with a family")
        verbose_name_plural = _("agencies working with families")
        constraints = [models.UniqueConstraint(fields=["family", "agency"], name="family_agency_unique")]

    def __str__(self) -> str:
        return f"{self.agency} – {self.family_id}"


class Category(models.TextChoices):
    """What a family may agree to share with an agency."""

    CONTACT = "contact", _("Contact details")
    ASSESSMENT = "assessment", _("Assessment")
    PLAN = "plan", _("Plan")
    CHRONOLOGY = "chronology", _("Chronology")


class Consent(models.Model):
    """A family member agreed that one category of information may be shared with one agency."""

    class How(models.TextChoices):
        SIGNED = "signed", _("Signed form")
        VERBAL = "verbal", _("Verbally, in person")
        PHONE = "phone", _("On the phone")
        EMAIL = "email", _("By email or letter")
        ONLINE = "online", _("Online")

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="consents")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="consents")
    category = models.CharField(_("information"), max_length=20, choices=Category.choices)
    given_by = models.ForeignKey(
        "families.Person", on_delete=models.PROTECT, related_name="consents_given", verbose_name=_("given by")
    )
    given_on = models.DateField(_("given on"), default=today)
    how = models.CharField(_("how"), max_length=10, choices=How.choices)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_reason = models.TextField(_("why it was withdrawn"), blank=True, max_length=2000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency__name", "category", "-given_on"]
        verbose_name = _("consent to share")
        verbose_name_plural = _("consents to share")
        constraints = [
            # One standing consent per family, agency and category; a renewal withdraws the old one.
            models.UniqueConstraint(
                fields=["family", "agency", "category"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_standing_consent_per_category",
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=models.F("given_on")),
                name="consent_expires_after_given",
                violation_error_message=_("The expiry date must be on or after the date consent was given."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} → {self.agency}"

    def is_valid(self, on: object = None) -> bool:
        day = on or today()
        return self.withdrawn_at is None and (self.expires_on is None or self.expires_on >= day)  # type: ignore[operator]


class Referral(models.Model):
    class Urgency(models.TextChoices):
        ROUTINE = "routine", _("Routine")
        SOON = "soon", _("Within a week")
        URGENT = "urgent", _("Urgent")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    family = models.ForeignKey("families.Family", on_delete=models.CASCADE, related_name="referrals")
    # What is asked goes in the email to the agency's shared inbox, so it must not identify the family.
    request = models.TextField(_("what you are asking for"), max_length=2000)
    detail = models.TextField(_("more detail"), blank=True, max_length=5000)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE)
    # Issue 11: whether the family sees it on their own pages (the lead changes it).
    shared_with_family = models.BooleanField(_("shared with the family"), default=True)
    shares = models.JSONField(_("information shared"), default=list, blank=True)
    concerns = models.ManyToManyField(
        "plans.Goal", blank=True, related_name="referrals", verbose_name=_("plan goals it concerns")
    )
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    # A team manager may share without consent to keep a child safe; the reason is kept with the referral.
    override_reason = models.TextField(_("safeguarding reason for sharing without consent"), blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_reason = models.TextField(_("why it was closed"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[concerns])

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.CheckConstraint(condition=~Q(request=""), name="referral_has_request"),
            models.CheckConstraint(
                condition=Q(override_by__isnull=True) | ~Q(override_reason=""),
                name="referral_override_has_reason",
                violation_error_message=_("Give the safeguarding reason for sharing without consent."),
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        return f"R-{self.pk:05d}" if self.pk else "R-new"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    def share_labels(self) -> list[str]:
        return [str(Category(c).label) for c in self.shares if c in Category.values]


class ReferralResponse(models.Model):
    """One agency's side of a referral: its status, its clock and its link."""

    class Status(models.TextChoices):
        SENT = "sent", _("Sent")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        MORE_INFO = "more_info", _("More information asked for")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    CLOSED_STATUSES = (Status.DECLINED, Status.COMPLETED, Status.WITHDRAWN)

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="responses")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="referral_responses")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SENT)
    # Part of every link sent; replacing it revokes all of them at once (consent withdrawn, referral closed).
    link_nonce = models.CharField(max_length=32, default=new_nonce, editable=False)
    ack_due_at = models.DateTimeField(_("acknowledgement due"), db_index=True)
    escalate_at = models.DateTimeField(_("escalated if still not acknowledged at"))
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True, max_length=2000)
    question = models.TextField(_("what the agency needs to know"), blank=True, max_length=2000)
    outcome = models.TextField(_("outcome"), blank=True, max_length=2000)
    # Issue 11: whether the family sees it on their own pages (the lead changes it).
    shared_with_family = models.BooleanField(_("shared with the family"), default=True)
    action = models.ForeignKey(
        "plans.Action",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referral_responses",
        verbose_name=_("plan action it updates"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agency__name"]
        verbose_name = _("referral response")
        verbose_name_plural = _("referral responses")
        constraints = [
            models.UniqueConstraint(fields=["referral", "agency"], name="one_response_per_agency"),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="declined_response_has_reason",
                violation_error_message=_("Give a reason for declining."),
            ),
        ]
        indexes = [models.Index(fields=["agency", "status"])]

    def __str__(self) -> str:
        return f"{self.referral.number} → {self.agency}"

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED_STATUSES


class ReferralResponseUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(ReferralResponse, on_delete=models.CASCADE)


class ReferralResponseGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(ReferralResponse, on_delete=models.CASCADE)


class ResponseEvent(models.Model):
    """What happened to one agency's response, newest last: shown on the family's Referrals tab."""

    class Via(models.TextChoices):
        APP = "app", _("In the app")
        EMAIL_LINK = "email_link", _("From the email link")
        SYSTEM = "system", _("Automatically")

    response = models.ForeignKey(ReferralResponse, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(_("status"), max_length=12, choices=ReferralResponse.Status.choices)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    via = models.CharField(max_length=12, choices=Via.choices, default=Via.APP)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("referral response event")
        verbose_name_plural = _("referral response events")

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.created_at:%d %b %Y %H:%M}"


class AccessCode(models.Model):
    """A one-time code emailed to an agency's inboxes to unlock what the family agreed to share."""

    response = models.ForeignKey(ReferralResponse, on_delete=models.CASCADE, related_name="access_codes")
    code_hash = models.CharField(max_length=128)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"code for {self.response_id} until {self.expires_at:%H:%M}"


class OutboxMessage(models.Model):
    """An email to deliver, written in the same transaction as the change it tells about.

    The relay claims a row (pending -> sending, with a lease), sends, then marks it sent. The
    idempotency key is the email's Message-ID, so a receiving server or a person can spot the rare
    duplicate left by a crash between sending and marking (see docs/decisions/002-referral-outbox.md).
    """

    class Kind(models.TextChoices):
        ALERT = "alert", _("Referral alert")
        REMINDER = "reminder", _("Reminder: not acknowledged")
        ESCALATION = "escalation", _("Escalation to the agency's manager")
        TEAM_ESCALATION = "team_escalation", _("Escalation to the team manager")
        ANSWER_NOTICE = "answer_notice", _("Answer received")
        NOT_DELIVERED = "not_delivered", _("Not delivered: the lead and the agency's manager told")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Gave up")

    class Delivery(models.TextChoices):
        """What GOV.UK Notify's delivery receipt says of the message (blank without Notify, or not yet)."""

        DELIVERED = "delivered", _("Delivered")
        PERMANENT_FAILURE = "permanent-failure", _("Bounced: the address does not exist")
        TEMPORARY_FAILURE = "temporary-failure", _("Not delivered: the inbox was full or off")
        TECHNICAL_FAILURE = "technical-failure", _("Not delivered: Notify had a technical problem")

    kind = models.CharField(max_length=16, choices=Kind.choices)
    idempotency_key = models.CharField(max_length=120, unique=True)
    response = models.ForeignKey(ReferralResponse, on_delete=models.CASCADE, related_name="outbox_messages")
    event = models.ForeignKey(
        ResponseEvent, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    to = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    # GOV.UK Notify (issue 15): its notification ids (one per address) and what its receipts said.
    notify_ids = models.JSONField(default=list, blank=True)
    delivery_status = models.CharField(max_length=20, choices=Delivery.choices, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    delivery_detail = models.TextField(blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            # Exactly one alert, one reminder and one escalation of each kind per agency per referral.
            models.UniqueConstraint(
                fields=["response", "kind"],
                condition=Q(kind__in=["alert", "reminder", "escalation", "team_escalation"]),
                name="one_outbox_message_per_response_and_kind",
            ),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return self.idempotency_key
