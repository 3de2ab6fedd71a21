"""Consent to share: given (a renewal replaces the standing consent) and withdrawn (at once); given for
several agencies and categories in one go (the consent grid), and with a referral on the same page."""

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies import selectors
from agencies.models import Category, Consent, Referral, ReferralResponse
from agencies.services.referral import referral_send, response_withdraw
from core.calendar import today
from core.history import save_with_actor as _save
from families.models import Family, Person
from partners.models import Agency
from staff.models import User


@transaction.atomic
def consent_give(
    *,
    actor: User,
    family: Family,
    agency: Agency,
    category: str,
    given_by: Person,
    how: str,
    given_on: datetime.date | None = None,
    expires_on: datetime.date | None = None,
) -> Consent:
    given_on = given_on or today()
    errors: dict[str, str] = {}
    if category not in Category.values:
        errors["category"] = _("Choose what the family agreed to share.")
    if given_by.family_id != family.pk:
        errors["given_by"] = _("Choose someone in this family.")
    if given_on > today():
        errors["given_on"] = _("The date consent was given must be today or in the past.")
    if expires_on and expires_on < given_on:
        errors["expires_on"] = _("The expiry date must be on or after the date consent was given.")
    if how not in Consent.How.values:
        errors["how"] = _("Choose how consent was given.")
    if errors:
        raise ValidationError(errors)
    # A renewal replaces the standing consent: the old row is kept, closed, for the record.
    for old in Consent.objects.select_for_update().filter(
        family=family, agency=agency, category=category, withdrawn_at__isnull=True
    ):
        old.withdrawn_at = timezone.now()
        old.withdrawn_reason = _("Replaced by consent given on %(date)s") % {"date": f"{given_on:%d/%m/%Y}"}
        _save(old, actor=actor, reason=old.withdrawn_reason)
    consent = Consent(
        family=family,
        agency=agency,
        category=category,
        given_by=given_by,
        given_on=given_on,
        how=how,
        expires_on=expires_on,
        recorded_by=actor,
    )
    _save(consent, actor=actor, reason=_("Consent to share recorded"))
    return consent


@transaction.atomic
def consent_withdraw(*, actor: User, consent: Consent, reason: str) -> Consent:
    """Withdrawal takes effect at once: every open referral to the agency that shares the category
    without a safeguarding override is withdrawn from the agency, its links stop working and the
    agency's portal access goes, in this transaction."""
    if not reason.strip():
        raise ValidationError(
            {"reason": _("Say why consent was withdrawn (for example, what the family said).")}
        )
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_at is not None:
        raise ValidationError(_("This consent has already been withdrawn."))
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_reason = reason.strip()
    _save(consent, actor=actor, reason=reason)
    affected = (
        ReferralResponse.objects.select_for_update(of=("self",))
        .filter(
            referral__family_id=consent.family_id,
            referral__status=Referral.Status.OPEN,
            referral__override_by__isnull=True,
            agency_id=consent.agency_id,
        )
        .exclude(status__in=ReferralResponse.CLOSED_STATUSES)
    )
    for response in affected.select_related("referral", "agency"):
        if consent.category in response.referral.shares:
            response_withdraw(
                actor=actor,
                response=response,
                note=_("Consent to share the %(category)s was withdrawn.")
                % {"category": consent.get_category_display().lower()},
            )
    return consent


@transaction.atomic
def consent_grid_give(
    *,
    actor: User,
    family: Family,
    pairs: Sequence[tuple[Agency, str]],
    given_by: Person | None,
    how: str,
    given_on: datetime.date | None = None,
) -> list[Consent]:
    """Consent for several agencies and categories at once: one record per (agency, category), the same
    records `consent_give` writes, all of them or none. A pair whose standing consent already says the
    same (same person, day and way) is left as it is, so a form sent twice writes once."""
    if not pairs:
        raise ValidationError(
            {"consent": _("Tick at least one agency and what the family agreed to share with it.")}
        )
    if given_by is None:
        raise ValidationError({"given_by": _("Choose who gave consent.")})
    given_on = given_on or today()
    unique = list({(agency.pk, category): (agency, category) for agency, category in pairs}.values())
    standing = selectors.standing_consents(family=family, agencies=[a for a, _c in unique])
    written = []
    for agency, category in unique:
        same = standing.get((agency.pk, category))
        if same and (same.given_by_id, same.given_on, same.how) == (given_by.pk, given_on, how):
            continue
        written.append(
            consent_give(
                actor=actor,
                family=family,
                agency=agency,
                category=category,
                given_by=given_by,
                how=how,
                given_on=given_on,
            )
        )
    return written


@transaction.atomic
def referral_send_with_consent(
    *,
    actor: User,
    family: Family,
    agencies: Sequence[Agency],
    request: str,
    consent_pairs: Sequence[tuple[Agency, str]] = (),
    given_by: Person | None = None,
    how: str = "",
    given_on: datetime.date | None = None,
    shares: Sequence[str] = (),
    **referral: Any,
) -> Referral:
    """The one-page referral: the consent recorded on the page, then the referral, in one transaction
    (a referral that fails its checks leaves no consent behind). With no categories chosen, the
    referral shares what the family agreed to share with every agency it goes to."""
    if consent_pairs:
        consent_grid_give(
            actor=actor, family=family, pairs=consent_pairs, given_by=given_by, how=how, given_on=given_on
        )
    if not shares:
        shares = selectors.categories_agreed_by_all(family=family, agencies=agencies)
    return referral_send(
        actor=actor, family=family, agencies=agencies, request=request, shares=shares, **referral
    )
