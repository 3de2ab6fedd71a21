"""The practical-help pot: agencies pay in, lead practitioners draw out for a family's plan goal.

Money lives in one append-only ledger. Every movement is a `LedgerEntry` against one contribution, so
every penny committed, paid or refunded is attributed to the funder whose money it was (see
docs/decisions/003-pot-attribution.md). Balances are never stored: they are sums over the ledger,
taken under a row lock on the pot when money is about to move (pots/services.py).
"""

from decimal import Decimal
from pathlib import PurePath
from typing import Any, NoReturn

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

PENNY = Decimal("0.01")


class Category(models.TextChoices):
    CHILDCARE = "childcare", _("Childcare")
    TRANSPORT = "transport", _("Transport")
    DEBT = "debt", _("Debt and arrears")
    HOUSEHOLD = "household", _("Household essentials")
    FOOD_FUEL = "food_fuel", _("Food and fuel")
    ACTIVITIES = "activities", _("Activities")
    OTHER = "other", _("Other")


CATEGORY_LABELS: dict[str, Any] = dict(Category.choices)


def money_field(verbose_name: Any, **kwargs: Any) -> models.DecimalField:
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, **kwargs)


class Pot(models.Model):
    """One team's pot for one period (usually the financial year, 1 April to 31 March)."""

    class Currency(models.TextChoices):
        GBP = "GBP", _("Pounds sterling (£)")

    team = models.ForeignKey(
        "staff.Team", on_delete=models.PROTECT, related_name="pots", verbose_name=_("team")
    )
    name = models.CharField(_("name"), max_length=120)
    starts_on = models.DateField(_("period starts"))
    ends_on = models.DateField(_("period ends"))
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.GBP)
    auto_approval_limit = money_field(
        _("approved at once up to"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Requests at or under this amount are approved immediately; above it a manager decides."),
    )
    family_cap = money_field(
        _("most one family can receive in the period"), validators=[MinValueValidator(PENNY)]
    )
    categories = models.JSONField(_("what the pot may pay for"), default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "team__name"]
        verbose_name = _("pot")
        verbose_name_plural = _("pots")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")),
                name="pot_period_ends_after_start",
                violation_error_message=_("The period must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(auto_approval_limit__gte=0),
                name="pot_auto_approval_limit_not_negative",
                violation_error_message=_("The amount approved at once cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(family_cap__gt=0),
                name="pot_family_cap_positive",
                violation_error_message=_("The cap per family must be more than £0."),
            ),
            models.UniqueConstraint(
                fields=["team", "starts_on"],
                name="one_pot_per_team_per_period_start",
                violation_error_message=_("The team already has a pot starting on that date."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def category_labels(self) -> list[Any]:
        return [CATEGORY_LABELS.get(c, c) for c in self.categories]

    def category_choices(self) -> list[tuple[str, Any]]:
        return [(c, label) for c, label in Category.choices if c in self.categories]


class Contribution(models.Model):
    """Money an agency paid into a pot. Never edited: a mistake is put right by a correction entry."""

    pot = models.ForeignKey(Pot, on_delete=models.PROTECT, related_name="contributions")
    funder = models.ForeignKey(
        "partners.Agency",
        on_delete=models.PROTECT,
        related_name="pot_contributions",
        verbose_name=_("funder"),
    )
    amount = money_field(_("amount"))
    received_on = models.DateField(_("received on"))
    # Empty: the money may pay for anything the pot pays for. Otherwise only these categories.
    restricted_to = models.JSONField(_("only for"), default=list, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["received_on", "pk"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="contribution_amount_positive",
                violation_error_message=_("A contribution must be more than £0."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.funder} {self.amount} ({self.received_on:%d %b %Y})"

    def may_fund(self, category: str) -> bool:
        return not self.restricted_to or category in self.restricted_to

    def restriction_labels(self) -> list[Any]:
        return [CATEGORY_LABELS.get(c, c) for c in self.restricted_to]


RECEIPT_EXTENSIONS = {".pdf": b"%PDF", ".png": b"\x89PNG", ".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff"}


def validate_receipt(upload: Any) -> None:
    """A receipt is a PDF, PNG or JPEG no bigger than POTS_RECEIPT_MAX_BYTES, and really is one."""
    max_bytes = settings.POTS_RECEIPT_MAX_BYTES
    if upload.size > max_bytes:
        raise ValidationError(
            _("The receipt must be smaller than %(mb)s MB.") % {"mb": max_bytes // (1024 * 1024)},
            code="too_big",
        )
    suffix = PurePath(upload.name or "").suffix.lower()
    magic = RECEIPT_EXTENSIONS.get(suffix)
    if magic is None:
        raise ValidationError(_("The receipt must be a PDF, PNG or JPG file."), code="file_type")
    upload.seek(0)
    head = upload.read(len(magic))
    upload.seek(0)
    if head != magic:
        raise ValidationError(_("The receipt must be a PDF, PNG or JPG file."), code="file_type")


def _receipt_path(instance: "HelpRequest", filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()
    return f"pots/receipts/{instance.pot_id}/{instance.pk}{suffix}"


class HelpRequest(models.Model):
    """A lead practitioner's request for money for a family, for a goal on the family's plan."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a manager")
        APPROVED = "approved", _("Approved")
        REFUSED = "refused", _("Refused")
        PAID = "paid", _("Paid")
        CANCELLED = "cancelled", _("Cancelled")
        REFUNDED = "refunded", _("Refunded")

    pot = models.ForeignKey(Pot, on_delete=models.PROTECT, related_name="requests")
    family = models.ForeignKey(
        "families.Family", on_delete=models.PROTECT, related_name="help_requests", verbose_name=_("family")
    )
    # No random acts: the money serves a goal on the family's plan (NOT NULL in the database).
    goal = models.ForeignKey(
        "plans.Goal", on_delete=models.PROTECT, related_name="help_requests", verbose_name=_("goal")
    )
    category = models.CharField(_("what it is for"), max_length=20, choices=Category.choices)
    amount = money_field(_("amount"))
    payee = models.CharField(_("who is paid"), max_length=200)
    # Blank is "as soon as possible" (issue 13): most help is wanted now, and a date nobody chose is noise.
    needed_on = models.DateField(_("date needed"), null=True, blank=True)
    description = models.TextField(_("what the money will do"), max_length=2000, blank=True)
    # Issue 11: whether the family sees it on their own pages (the lead changes it).
    shared_with_family = models.BooleanField(_("shared with the family"), default=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    auto_approved = models.BooleanField(_("approved at once"), default=False)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), max_length=2000, blank=True)
    closed_reason = models.TextField(_("reason for cancelling or refunding"), max_length=2000, blank=True)
    receipt = models.FileField(
        _("receipt"), upload_to=_receipt_path, blank=True, validators=[validate_receipt]
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("request for practical help")
        verbose_name_plural = _("requests for practical help")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="help_request_amount_positive",
                violation_error_message=_("Enter an amount more than £0."),
            ),
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(decision_reason=""),
                name="refused_request_has_reason",
                violation_error_message=_("Give a reason for refusing the request."),
            ),
        ]
        indexes = [
            models.Index(fields=["pot", "status"]),
            models.Index(fields=["family", "pot"]),
            # The pot page's latest requests, newest first, without sorting the whole pot.
            models.Index(fields=["pot", "requested_at", "id"], name="pots_request_pot_latest"),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.amount}"

    @property
    def approval_seconds(self) -> float | None:
        if self.decided_at is None or self.status == self.Status.REFUSED:
            return None
        return (self.decided_at - self.requested_at).total_seconds()


class LedgerEntryQuerySet(models.QuerySet):
    """The ledger is append-only: a queryset cannot update or delete entries."""

    def update(self, **kwargs: Any) -> NoReturn:
        raise TypeError("Ledger entries are immutable: write a new entry instead.")

    def delete(self) -> NoReturn:
        raise TypeError("Ledger entries are never deleted: write a reversing entry instead.")

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("Ledger entries are immutable: write a new entry instead.")


class LedgerEntry(models.Model):
    """One immutable movement of money, always against one contribution (so always against one funder).

    Buckets: available (may be committed), committed (approved, not yet paid), spent (paid out).
    contribution: +available; correction: -available; commitment: available -> committed;
    payment: committed -> spent; release: committed -> available; refund: spent -> available.
    """

    class Kind(models.TextChoices):
        CONTRIBUTION = "contribution", _("Contribution")
        CORRECTION = "correction", _("Correction")
        COMMITMENT = "commitment", _("Commitment")
        PAYMENT = "payment", _("Payment")
        RELEASE = "release", _("Release")
        REFUND = "refund", _("Refund")

    pot = models.ForeignKey(Pot, on_delete=models.PROTECT, related_name="ledger")
    contribution = models.ForeignKey(Contribution, on_delete=models.PROTECT, related_name="ledger")
    help_request = models.ForeignKey(
        HelpRequest, on_delete=models.PROTECT, null=True, blank=True, related_name="ledger"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    amount = money_field(_("amount"))
    memo = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LedgerEntryQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="ledger_amount_positive",
                violation_error_message=_("A ledger entry must be more than £0."),
            ),
            # Movements of a request's money name the request; money in and corrections do not.
            models.CheckConstraint(
                condition=(
                    Q(kind__in=["contribution", "correction"], help_request__isnull=True)
                    | Q(kind__in=["commitment", "payment", "release", "refund"], help_request__isnull=False)
                ),
                name="ledger_request_matches_kind",
            ),
        ]
        indexes = [
            models.Index(fields=["pot", "kind"]),
            models.Index(fields=["contribution", "kind"]),
            models.Index(fields=["help_request", "kind"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise TypeError("Ledger entries are immutable: write a new entry instead.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("Ledger entries are never deleted: write a reversing entry instead.")


# How each kind moves each bucket; every derived balance in pots/selectors.py is built from these.
AVAILABLE_SIGN = {"contribution": 1, "correction": -1, "commitment": -1, "release": 1, "refund": 1}
COMMITTED_SIGN = {"commitment": 1, "payment": -1, "release": -1}
SPENT_SIGN = {"payment": 1, "refund": -1}
