"""Every write to a pot: contributions, corrections, requests and the movements of their money.

Money only moves inside `_locked_pot(...)`: the pot's row is locked (SELECT ... FOR UPDATE) before the
balance is read from the ledger and before the new entries are written, so two requests for the last
£50 are serialised and the second is refused with a reason. Balances are never stored, so there is
nothing to drift. Each spend is split across the contributions that fund it by the rule in
docs/decisions/003-pot-attribution.md (restricted money first, then first in, first out).
"""

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.calendar import today
from core.history import save_with_actor as _save
from core.money import format_gbp
from families import signals
from pots import permissions, receipts, selectors
from pots.models import CATEGORY_LABELS, Category, Contribution, HelpRequest, LedgerEntry, Pot
from staff.models import User

MAX_AMOUNT = Decimal("9999999999.99")


def clean_amount(value: Any, *, field: str = "amount") -> Decimal:
    """A positive amount of money in pounds and pence, or a ValidationError that says what is wrong."""
    if isinstance(value, float):
        value = str(value)
    try:
        amount = (
            value if isinstance(value, Decimal) else Decimal(str(value).strip().replace(",", "").lstrip("£"))
        )
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError({field: _("Enter an amount in pounds and pence, like 45.50")}) from None
    if not amount.is_finite():
        raise ValidationError({field: _("Enter an amount in pounds and pence, like 45.50")})
    if amount <= 0:
        raise ValidationError({field: _("Enter an amount more than £0")})
    if amount.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ValidationError(
            {field: _("Enter an amount in pounds and pence, with no more than 2 decimal places")}
        )
    if amount > MAX_AMOUNT:
        raise ValidationError({field: _("Enter a smaller amount")})
    return amount.quantize(Decimal("0.01"))


def _clean_categories(values: list[str], *, field: str) -> list[str]:
    known = {c for c, _label in Category.choices}
    unknown = [v for v in values if v not in known]
    if unknown:
        raise ValidationError({field: _("Choose categories from the list")})
    # Stored in the list's own order, so the same choice always looks the same in the history.
    return [c for c, _label in Category.choices if c in set(values)]


def _locked_pot(pot: Pot) -> Pot:
    return Pot.objects.select_for_update().get(pk=pot.pk)


def _check_pot(pot: Pot) -> None:
    errors: dict[str, str] = {}
    if pot.ends_on <= pot.starts_on:
        errors["ends_on"] = _("The period must end after it starts")
    if not pot.categories:
        errors["categories"] = _("Choose at least one thing the pot may pay for")
    if errors:
        raise ValidationError(errors)
    overlapping = Pot.objects.filter(team=pot.team, starts_on__lte=pot.ends_on, ends_on__gte=pot.starts_on)
    if pot.pk:
        overlapping = overlapping.exclude(pk=pot.pk)
    if overlapping.exists():
        raise ValidationError({"starts_on": _("The team already has a pot for part of that period")})


def _allocate(*, pot: Pot, category: str, amount: Decimal) -> list[tuple[Contribution, Decimal]]:
    """Which contributions fund this amount: restricted money for this category first, then the rest, oldest
    first. Raises a ValidationError that says how much there is when there is not enough."""
    balances = selectors.contribution_balances(pot=pot)
    contributions = selectors.pot_contributions(pot=pot)
    eligible = [c for c in contributions if c.restricted_to and category in c.restricted_to]
    eligible += [c for c in contributions if not c.restricted_to]
    available = sum((balances[c.pk].available for c in eligible if c.pk in balances), selectors.ZERO)
    if available < amount:
        raise ValidationError(
            {
                "amount": _(
                    "There is not enough money left in the pot: %(available)s is available for %(category)s"
                )
                % {"available": format_gbp(available), "category": str(CATEGORY_LABELS[category]).lower()}
            }
        )
    allocations: list[tuple[Contribution, Decimal]] = []
    remaining = amount
    for contribution in eligible:
        take = (
            min(balances[contribution.pk].available, remaining)
            if contribution.pk in balances
            else selectors.ZERO
        )
        if take > 0:
            allocations.append((contribution, take))
            remaining -= take
        if remaining == 0:
            break
    return allocations


def _check_cap(
    *, pot: Pot, family_id: int, amount: Decimal, include_pending: bool, exclude: int | None = None
) -> None:
    used = selectors.family_usage(pot=pot, family_id=family_id)
    if include_pending:
        pending = HelpRequest.objects.filter(pot=pot, family_id=family_id, status=HelpRequest.Status.PENDING)
        if exclude:
            pending = pending.exclude(pk=exclude)
        used += sum((r.amount for r in pending.only("amount")), selectors.ZERO)
    if used + amount > pot.family_cap:
        left = max(pot.family_cap - used, selectors.ZERO)
        raise ValidationError(
            {
                "amount": _(
                    "This is over the family's cap of %(cap)s for the period: %(left)s is left for this family"
                )
                % {"cap": format_gbp(pot.family_cap), "left": format_gbp(left)}
            }
        )


def _commit(*, pot: Pot, help_request: HelpRequest, actor: User | None) -> None:
    """Commit the approved money; the family hears their help was approved once this commits."""
    _tell_family(help_request)
    for contribution, share in _allocate(pot=pot, category=help_request.category, amount=help_request.amount):
        LedgerEntry.objects.create(
            pot=pot,
            contribution=contribution,
            help_request=help_request,
            kind=LedgerEntry.Kind.COMMITMENT,
            amount=share,
            created_by=actor,
        )


def _tell_family(help_request: HelpRequest) -> None:
    """The family's own pages tell its members (once: approval and payment share one key)."""
    signals.send_family_news(
        family=help_request.family,
        kind=signals.HELP_APPROVED,
        key=f"help:{help_request.pk}:approved",
        obj=help_request,
    )


def _notify_managers(help_request: HelpRequest) -> None:
    from pots import tasks

    transaction.on_commit(lambda: tasks.notify_managers_of_request.delay(help_request.pk))


def _notify_requester(help_request: HelpRequest) -> None:
    from pots import tasks

    transaction.on_commit(lambda: tasks.notify_requester_of_decision.delay(help_request.pk))


def _request_fields_checked(
    *, family: Any, goal: Any, amount: Any, payee: str, description: str
) -> tuple[Decimal, str]:
    """The request's amount and payee, cleaned; every field's problem at once as a ValidationError."""
    errors: dict[str, Any] = {}
    try:
        amount = clean_amount(amount)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if goal is None:
        errors["goal"] = _("Choose the goal on the family's plan that this money is for")
    elif goal.plan.family_id != family.pk:
        errors["goal"] = _("Choose a goal from this family's plan")
    payee = (payee or "").strip()
    if not payee:
        errors["payee"] = _("Enter who will be paid")
    elif len(payee) > 200:
        errors["payee"] = _("Who will be paid must be 200 characters or fewer")
    if len(description or "") > 2000:
        errors["description"] = _("The description must be 2000 characters or fewer")
    if errors:
        raise ValidationError(errors)
    return amount, payee


@transaction.atomic
def help_request_submit(
    *,
    actor: User,
    family: Any,
    goal: Any,
    category: str,
    amount: Any,
    payee: str,
    needed_on: datetime.date | None = None,
    description: str = "",
    pot: Pot | None = None,
) -> HelpRequest:
    """Ask for money for a family's plan goal. At or under the pot's limit it is approved at once, in this
    same transaction; above it, it waits for a manager of the team, who is told by email. No date needed is
    "as soon as possible"."""
    amount, payee = _request_fields_checked(
        family=family, goal=goal, amount=amount, payee=payee, description=description
    )
    if pot is None:
        pot = selectors.pot_current(team_id=family.team_id, on=today())
    if pot is None:
        raise ValidationError(
            _("The %(team)s team has no practical-help pot for today's date.") % {"team": family.team}
        )
    if not permissions.is_team_worker(actor, pot.team_id) or family.team_id != pot.team_id:
        raise ValidationError(_("Only workers in the pot's team can ask for money from it."))
    if not family.is_open:
        raise ValidationError(_("The family's case is closed: reopen it before asking for money."))
    if not pot.starts_on <= today() <= pot.ends_on:
        raise ValidationError(_("The pot's period has ended: ask from the current period's pot."))
    if category not in pot.categories:
        raise ValidationError({"category": _("The pot does not pay for this: choose another category")})
    pot = _locked_pot(pot)
    _check_cap(pot=pot, family_id=family.pk, amount=amount, include_pending=True)
    # Refuse now, with the reason, rather than send the manager a request the pot cannot pay for.
    _allocate(pot=pot, category=category, amount=amount)
    now = timezone.now()
    help_request = HelpRequest(
        pot=pot,
        family=family,
        goal=goal,
        category=category,
        amount=amount,
        payee=payee,
        needed_on=needed_on,
        description=(description or "").strip(),
        requested_by=actor,
        requested_at=now,
    )
    help_request.full_clean()
    if amount <= pot.auto_approval_limit:
        help_request.status = HelpRequest.Status.APPROVED
        help_request.auto_approved = True
        help_request.decided_at = now
        _save(help_request, actor=actor, reason=_("Requested and approved at once (within the limit)"))
        _commit(pot=pot, help_request=help_request, actor=actor)
    else:
        _save(help_request, actor=actor, reason=_("Requested: over the limit, sent to a manager"))
        _notify_managers(help_request)
    return help_request


def _locked_request(help_request: HelpRequest) -> tuple[Pot, HelpRequest]:
    # The pot first, then the request: the same order everywhere, so two writers cannot deadlock.
    pot = _locked_pot(help_request.pot)
    locked = HelpRequest.objects.select_for_update().select_related("family").get(pk=help_request.pk)
    return pot, locked


def _require_status(help_request: HelpRequest, *allowed: str) -> None:
    if help_request.status not in allowed:
        raise ValidationError(
            _("This request is %(status)s, so that cannot be done.")
            % {"status": str(help_request.get_status_display()).lower()}
        )


@transaction.atomic
def help_request_approve(*, actor: User, help_request: HelpRequest, reason: str = "") -> HelpRequest:
    pot, help_request = _locked_request(help_request)
    if not permissions.may_decide(actor, help_request):
        raise ValidationError(
            _("Only a manager of the team, other than the person who asked, can approve this.")
        )
    _require_status(help_request, HelpRequest.Status.PENDING)
    _check_cap(pot=pot, family_id=help_request.family_id, amount=help_request.amount, include_pending=False)
    help_request.status = HelpRequest.Status.APPROVED
    help_request.decided_by = actor
    help_request.decided_at = timezone.now()
    help_request.decision_reason = reason.strip()
    _commit(pot=pot, help_request=help_request, actor=actor)
    _save(help_request, actor=actor, reason=reason.strip() or _("Approved"))
    _notify_requester(help_request)
    return help_request


@transaction.atomic
def help_request_refuse(*, actor: User, help_request: HelpRequest, reason: str) -> HelpRequest:
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give a reason for refusing the request")})
    _pot, help_request = _locked_request(help_request)
    if not permissions.may_decide(actor, help_request):
        raise ValidationError(
            _("Only a manager of the team, other than the person who asked, can refuse this.")
        )
    _require_status(help_request, HelpRequest.Status.PENDING)
    help_request.status = HelpRequest.Status.REFUSED
    help_request.decided_by = actor
    help_request.decided_at = timezone.now()
    help_request.decision_reason = reason.strip()
    _save(help_request, actor=actor, reason=reason.strip())
    _notify_requester(help_request)
    return help_request


def _check_worker(actor: User, help_request: HelpRequest) -> None:
    if not permissions.is_team_worker(actor, help_request.pot.team_id):
        raise ValidationError(_("Only workers in the pot's team can do this."))


@transaction.atomic
def help_request_pay(*, actor: User, help_request: HelpRequest, amount: Any = None) -> HelpRequest:
    """Record that the payee was paid. Paying less than was approved releases the rest to the pot."""
    pot, help_request = _locked_request(help_request)
    _check_worker(actor, help_request)
    _require_status(help_request, HelpRequest.Status.APPROVED)
    allocations = selectors.request_allocations(help_request=help_request)
    committed = sum((a["committed"] for a in allocations), selectors.ZERO)
    paid = committed if amount in (None, "") else clean_amount(amount)
    if paid > committed:
        raise ValidationError(
            {
                "amount": _("You cannot pay more than the %(amount)s approved")
                % {"amount": format_gbp(committed)}
            }
        )
    to_pay = paid
    for allocation in allocations:
        share = min(allocation["committed"], to_pay)
        rest = allocation["committed"] - share
        contribution_id = allocation["contribution_id"]
        if share > 0:
            LedgerEntry.objects.create(
                pot=pot,
                contribution_id=contribution_id,
                help_request=help_request,
                kind=LedgerEntry.Kind.PAYMENT,
                amount=share,
                created_by=actor,
            )
        if rest > 0:
            LedgerEntry.objects.create(
                pot=pot,
                contribution_id=contribution_id,
                help_request=help_request,
                kind=LedgerEntry.Kind.RELEASE,
                amount=rest,
                created_by=actor,
                memo=_("Paid less than approved"),
            )
        to_pay -= share
    help_request.status = HelpRequest.Status.PAID
    _save(help_request, actor=actor, reason=_("Paid %(amount)s") % {"amount": format_gbp(paid)})
    _tell_family(help_request)
    return help_request


@transaction.atomic
def help_request_cancel(*, actor: User, help_request: HelpRequest, reason: str) -> HelpRequest:
    """Withdraw a request before it is paid; approved money goes back to the pot (release entries)."""
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give a reason for cancelling the request")})
    pot, help_request = _locked_request(help_request)
    _check_worker(actor, help_request)
    _require_status(help_request, HelpRequest.Status.PENDING, HelpRequest.Status.APPROVED)
    for allocation in selectors.request_allocations(help_request=help_request):
        if allocation["committed"] > 0:
            LedgerEntry.objects.create(
                pot=pot,
                contribution_id=allocation["contribution_id"],
                help_request=help_request,
                kind=LedgerEntry.Kind.RELEASE,
                amount=allocation["committed"],
                created_by=actor,
                memo=reason.strip()[:500],
            )
    help_request.status = HelpRequest.Status.CANCELLED
    help_request.closed_reason = reason.strip()
    _save(help_request, actor=actor, reason=reason.strip())
    return help_request


@transaction.atomic
def help_request_refund(
    *, actor: User, help_request: HelpRequest, amount: Any = None, reason: str
) -> HelpRequest:
    """Money paid out came back (a deposit returned, a place not taken up). Returned to the funders it came
    from, most recently drawn first; the request is refunded once nothing of it remains spent."""
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the money came back")})
    pot, help_request = _locked_request(help_request)
    _check_worker(actor, help_request)
    _require_status(help_request, HelpRequest.Status.PAID)
    allocations = selectors.request_allocations(help_request=help_request)
    spent = sum((a["spent"] for a in allocations), selectors.ZERO)
    refund = spent if amount in (None, "") else clean_amount(amount)
    if refund > spent:
        raise ValidationError(
            {"amount": _("You cannot refund more than the %(amount)s paid") % {"amount": format_gbp(spent)}}
        )
    remaining = refund
    for allocation in reversed(allocations):
        share = min(allocation["spent"], remaining)
        if share > 0:
            LedgerEntry.objects.create(
                pot=pot,
                contribution_id=allocation["contribution_id"],
                help_request=help_request,
                kind=LedgerEntry.Kind.REFUND,
                amount=share,
                created_by=actor,
                memo=reason.strip()[:500],
            )
            remaining -= share
    if refund == spent:
        help_request.status = HelpRequest.Status.REFUNDED
    help_request.closed_reason = reason.strip()
    _save(
        help_request,
        actor=actor,
        reason=_("Refunded %(amount)s: %(reason)s")
        % {"amount": format_gbp(refund), "reason": reason.strip()},
    )
    return help_request


@transaction.atomic
def help_request_attach_receipt(*, actor: User, help_request: HelpRequest, receipt: Any) -> HelpRequest:
    _pot, help_request = _locked_request(help_request)
    _check_worker(actor, help_request)
    _require_status(
        help_request, HelpRequest.Status.APPROVED, HelpRequest.Status.PAID, HelpRequest.Status.REFUNDED
    )
    from pots.models import validate_receipt

    try:
        validate_receipt(receipt)
    except ValidationError as exc:
        raise ValidationError({"receipt": exc.messages}) from None
    old_name = help_request.receipt.name or ""
    help_request.receipt.save(receipt.name, receipt, save=False)
    _save(help_request, actor=actor, reason=_("Receipt attached"))
    receipts.receipt_delete_on_commit(
        storage=help_request.receipt.storage, old_name=old_name, new_name=help_request.receipt.name
    )
    return help_request
