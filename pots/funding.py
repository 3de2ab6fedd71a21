"""Money into a pot: opening and changing pots, and the contributions funders pay in (and corrections).

Money out (help requests, payments, refunds) is in pots/services.py; both lock the pot row first.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.calendar import today
from core.history import save_with_actor as _save
from core.money import format_gbp
from pots import permissions, selectors
from pots.models import CATEGORY_LABELS, Contribution, LedgerEntry, Pot
from pots.services import _check_pot, _clean_categories, _locked_pot, clean_amount
from staff.models import User


@transaction.atomic
def pot_create(
    *,
    actor: User,
    team: Any,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    auto_approval_limit: Decimal,
    family_cap: Decimal,
    categories: list[str],
) -> Pot:
    if not permissions.is_team_manager(actor, team.pk):
        raise ValidationError(_("Only a manager of the team can open its pot."))
    pot = Pot(
        team=team,
        name=name.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        auto_approval_limit=auto_approval_limit,
        family_cap=clean_amount(family_cap, field="family_cap"),
        categories=_clean_categories(categories, field="categories"),
    )
    if auto_approval_limit < 0:
        raise ValidationError({"auto_approval_limit": _("Enter an amount of £0 or more")})
    _check_pot(pot)
    pot.full_clean()
    _save(pot, actor=actor, reason=_("Pot opened"))
    return pot


POT_EDITABLE_FIELDS = ("name", "auto_approval_limit", "family_cap", "categories", "ends_on")


@transaction.atomic
def pot_update(*, actor: User, pot: Pot, reason: str = "", **fields: Any) -> Pot:
    unknown = set(fields) - set(POT_EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"pot_update cannot change {sorted(unknown)}")
    pot = _locked_pot(pot)
    if not permissions.is_team_manager(actor, pot.team_id):
        raise ValidationError(_("Only a manager of the team can change its pot."))
    for name, value in fields.items():
        if name == "categories":
            value = _clean_categories(value, field="categories")
        if name == "family_cap":
            value = clean_amount(value, field="family_cap")
        setattr(pot, name, value.strip() if isinstance(value, str) else value)
    _check_pot(pot)
    pot.full_clean()
    _save(pot, actor=actor, reason=reason)
    return pot


@transaction.atomic
def contribution_add(
    *,
    actor: User,
    pot: Pot,
    funder: Any,
    amount: Any,
    received_on: datetime.date,
    restricted_to: list[str] | None = None,
    note: str = "",
) -> Contribution:
    if not permissions.is_team_manager(actor, pot.team_id):
        raise ValidationError(_("Only a manager of the team can record money paid into its pot."))
    amount = clean_amount(amount)
    restricted = _clean_categories(restricted_to or [], field="restricted_to")
    outside = [c for c in restricted if c not in pot.categories]
    if outside:
        raise ValidationError(
            {
                "restricted_to": _("The pot does not pay for %(cats)s")
                % {"cats": ", ".join(str(CATEGORY_LABELS[c]) for c in outside)}
            }
        )
    if received_on > today():
        raise ValidationError({"received_on": _("The date must be today or in the past")})
    pot = _locked_pot(pot)
    contribution = Contribution(
        pot=pot,
        funder=funder,
        amount=amount,
        received_on=received_on,
        restricted_to=restricted,
        note=note.strip(),
        recorded_by=actor,
    )
    contribution.full_clean()
    _save(contribution, actor=actor, reason=_("Money paid in"))
    LedgerEntry.objects.create(
        pot=pot,
        contribution=contribution,
        kind=LedgerEntry.Kind.CONTRIBUTION,
        amount=amount,
        created_by=actor,
        memo=note.strip()[:500],
    )
    return contribution


@transaction.atomic
def contribution_correct(*, actor: User, contribution: Contribution, amount: Any, reason: str) -> LedgerEntry:
    """Take money back out of a contribution (a mistake, or money returned to the funder).

    The contribution is never edited: a correction entry reverses part or all of it. Only money the
    contribution still has available can be reversed; committed or spent money stays attributed.
    """
    if not permissions.is_team_manager(actor, contribution.pot.team_id):
        raise ValidationError(_("Only a manager of the team can correct a contribution."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the contribution is being corrected")})
    amount = clean_amount(amount)
    pot = _locked_pot(contribution.pot)
    left = selectors.contribution_balances(pot=pot).get(contribution.pk, selectors.Balance()).available
    if amount > left:
        raise ValidationError(
            {
                "amount": _("Only %(left)s of this contribution is still available to correct")
                % {"left": format_gbp(left)}
            }
        )
    return LedgerEntry.objects.create(
        pot=pot,
        contribution=contribution,
        kind=LedgerEntry.Kind.CORRECTION,
        amount=amount,
        created_by=actor,
        memo=reason.strip()[:500],
    )
