"""A complaint, its stages and their working-day deadlines (Children Act 1989 representations procedure).

Stage numbers: 1 local resolution, 2 investigation, 3 review panel. Every clock is a `Deadline` row,
so reminders and escalation read one table (voice/services/clocks.py), and an extension or a by-pass
moves the row it concerns with the reason on its history.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from voice.models.common import Channel, HowReceived, Language


class ComplaintCategory(models.Model):
    """What a complaint is about: seed 004's list (migration 0002) and any the council adds."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_cy = models.CharField(_("name in Welsh"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    active = models.BooleanField(_("offered on the form"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("complaint category")
        verbose_name_plural = _("complaint categories")

    def __str__(self) -> str:
        return self.name

    def label(self, language: str) -> str:
        return self.name_cy if language == Language.WELSH and self.name_cy else self.name


class Complaint(models.Model):
    class Who(models.TextChoices):
        FAMILY_MEMBER = "family_member", _("A member of the family")
        ON_BEHALF = "on_behalf", _("Someone on behalf of a family member, with their consent")
        YOUNG_PERSON = "young_person", _("A child or young person")
        OTHER = "other", _("Someone else")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        STAGE_1 = "stage_1", _("Stage 1: local resolution")
        STAGE_2 = "stage_2", _("Stage 2: investigation")
        STAGE_3 = "stage_3", _("Stage 3: review panel")
        CLOSED = "closed", _("Closed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    reference = models.CharField(_("reference"), max_length=12, unique=True, editable=False)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    how_received = models.CharField(_("how it came"), max_length=20, choices=HowReceived.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED)

    # Who complains, and how they want to hear back.
    who = models.CharField(_("who is complaining"), max_length=20, choices=Who.choices)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("mobile phone number"), max_length=20, blank=True)
    address = models.TextField(_("postal address"), blank=True, max_length=500)
    reply_channel = models.CharField(_("how to hear back"), max_length=10, choices=Channel.choices)
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.ENGLISH
    )
    on_behalf_of = models.CharField(_("on behalf of"), max_length=200, blank=True)
    consent_confirmed = models.BooleanField(_("the person has agreed to this complaint"), default=False)

    # What about.
    category = models.ForeignKey(
        ComplaintCategory, on_delete=models.PROTECT, related_name="complaints", verbose_name=_("about")
    )
    what_happened = models.TextField(_("what happened"), max_length=5000)
    put_right = models.TextField(_("what would put it right"), blank=True, max_length=2000)

    # The service it is about: set by complaints staff (or from the member's own family), never shown to
    # that family's workers. Plain links, so the complaint can be counted by team without naming anyone.
    family = models.ForeignKey(
        "families.Family",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("family"),
    )
    team = models.ForeignKey(
        "staff.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("team complained about"),
    )
    about_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("worker complained about"),
    )
    agency = models.ForeignKey(
        "partners.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agency complained about"),
    )
    member = models.ForeignKey(
        "family_portal.MemberAccess",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("made from the family's own pages by"),
    )

    # Made with a worker's help ("help should be available for people to write their complaint").
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    help_given = models.TextField(_("help given to make the complaint"), blank=True, max_length=2000)
    # Shown before the complaint is made where confidentiality cannot be promised (a young child).
    confidentiality_limits_explained = models.BooleanField(
        _("limits of confidentiality explained"), default=False
    )

    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    redress_told_at = models.DateTimeField(
        _("told of the Ombudsman and other redress at"), null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        constraints = [
            models.CheckConstraint(
                condition=~Q(reply_channel="email") | ~Q(email=""),
                name="complaint_email_reply_has_email",
                violation_error_message=_("Give an email address to hear back by email."),
            ),
            models.CheckConstraint(
                condition=~Q(reply_channel="text") | ~Q(phone=""),
                name="complaint_text_reply_has_phone",
                violation_error_message=_("Give a mobile phone number to hear back by text message."),
            ),
            models.CheckConstraint(
                condition=~Q(reply_channel="letter") | ~Q(address=""),
                name="complaint_letter_reply_has_address",
                violation_error_message=_("Give a postal address to hear back by letter."),
            ),
            models.CheckConstraint(
                condition=~Q(who="on_behalf") | Q(consent_confirmed=True),
                name="complaint_on_behalf_has_consent",
                violation_error_message=_("Confirm that the person has agreed to the complaint."),
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status not in (self.Status.CLOSED, self.Status.WITHDRAWN)

    @property
    def current_stage(self) -> "Stage | None":
        return self.stages.order_by("-number").first()


class Stage(models.Model):
    class Outcome(models.TextChoices):
        UPHELD = "upheld", _("Upheld")
        PARTLY_UPHELD = "partly_upheld", _("Partly upheld")
        NOT_UPHELD = "not_upheld", _("Not upheld")
        RESOLVED = "resolved", _("Resolved by agreement")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="stages")
    number = models.PositiveSmallIntegerField(
        _("stage"), choices=[(1, _("Stage 1")), (2, _("Stage 2")), (3, _("Stage 3"))]
    )
    started_on = models.DateField(_("started on"))
    # The named responsible person: never the worker complained about or anyone of the team complained
    # about; at stage 2 independent of the service (voice/services/stages.py checks).
    # Named when the complaint is acknowledged (stage 1) or the stage is started (2, 3).
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible person"),
    )
    # The complainant by-passed this stage (its person not detached from the cause): recorded with why.
    bypassed = models.BooleanField(_("by-passed"), default=False)
    bypass_reason = models.TextField(_("why the stage was by-passed"), blank=True, max_length=2000)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    decision = models.TextField(_("decision"), blank=True, max_length=5000)
    feedback = models.TextField(_("what the complainant was told"), blank=True, max_length=5000)
    history = HistoricalRecords()

    class Meta:
        ordering = ["complaint", "number"]
        constraints = [models.UniqueConstraint(fields=["complaint", "number"], name="one_of_each_stage")]

    def __str__(self) -> str:
        return f"{self.complaint} stage {self.number}"


class Deadline(models.Model):
    """One clock: when something is due, extended with a reason, met, reminded of, escalated once."""

    class Kind(models.TextChoices):
        ACKNOWLEDGE = "acknowledge", _("Acknowledge the complaint")
        RESPOND = "respond", _("Respond to the complainant")
        PANEL = "panel", _("Hold the review panel")
        PANEL_REPORT = "panel_report", _("Send the panel's report")
        FINAL_RESPONSE = "final_response", _("Send the final response")
        SUGGESTION_ACK = "suggestion_ack", _("Acknowledge the suggestion")

    complaint = models.ForeignKey(
        Complaint, on_delete=models.PROTECT, null=True, blank=True, related_name="deadlines"
    )
    stage = models.ForeignKey(
        Stage, on_delete=models.PROTECT, null=True, blank=True, related_name="deadlines"
    )
    suggestion = models.ForeignKey(
        "voice.Suggestion", on_delete=models.PROTECT, null=True, blank=True, related_name="deadlines"
    )
    kind = models.CharField(_("what is due"), max_length=20, choices=Kind.choices)
    due_on = models.DateField(_("due on"))
    # The furthest the clock may be extended to (stage 1: 20 working days, stage 2: 65); none when fixed.
    latest_on = models.DateField(_("latest it may be extended to"), null=True, blank=True)
    extended = models.BooleanField(_("extended"), default=False)
    extension_reason = models.TextField(_("why it was extended"), blank=True, max_length=2000)
    met_on = models.DateField(_("met on"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["met_on", "due_on"], name="voice_deadline_open_due")]
        constraints = [
            models.CheckConstraint(
                condition=Q(complaint__isnull=False) | Q(suggestion__isnull=False),
                name="deadline_belongs_somewhere",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.due_on:%d %B %Y}"


class Reply(models.Model):
    """One message sent to a complainant or the person who made a suggestion, by the way they chose, in
    their language: the sent-log (unique `key`, so a retried task sends once) and the record of what they
    were told. A letter is kept as a PDF for complaints staff to post (never in the lead worker's
    "Letters to post")."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.PROTECT, null=True, blank=True, related_name="replies"
    )
    suggestion = models.ForeignKey(
        "voice.Suggestion", on_delete=models.PROTECT, null=True, blank=True, related_name="replies"
    )
    key = models.CharField(max_length=120, unique=True)
    channel = models.CharField(_("sent by"), max_length=10, choices=Channel.choices)
    language = models.CharField(_("language"), max_length=5, choices=Language.choices)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    letter = models.FileField(_("letter"), upload_to="voice/letters/", blank=True)
    posted_at = models.DateTimeField(_("posted at"), null=True, blank=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(complaint__isnull=False) | Q(suggestion__isnull=False),
                name="reply_belongs_somewhere",
            ),
        ]

    def __str__(self) -> str:
        return self.subject


class ComplaintLook(models.Model):
    """The read-access log of complaint records: who opened which complaint, when, from where. Apart
    from the family's read log, so a family's "who has looked at our record" never hints at a complaint."""

    at = models.DateTimeField(_("when"), default=timezone.now)
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="looks")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    url_name = models.CharField(_("page"), max_length=100, blank=True)
    ip_address = models.GenericIPAddressField(_("from address"), null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.complaint} opened by {self.user}"
