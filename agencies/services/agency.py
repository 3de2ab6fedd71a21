"""Agencies, their referral inboxes and manager contact, and the agencies working with a family."""

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from agencies import permissions
from agencies.models import FamilyAgency
from core.calendar import today
from core.history import save_with_actor as _save
from families.models import Family
from partners.models import Agency, AgencyInbox
from staff.models import User


def clean_email(value: str, *, field: str = "email") -> str:
    value = (value or "").strip()
    try:
        validate_email(value)
    except ValidationError:
        raise ValidationError(
            {
                field: _("“%(value)s” is not an email address. Enter one like name@example.org")
                % {"value": value}
            }
        ) from None
    return value.lower()


@transaction.atomic
def agency_create(
    *,
    actor: User | None,
    name: str,
    kind: str = Agency.Kind.OTHER,
    inboxes: Sequence[str] = (),
    manager_name: str = "",
    manager_email: str = "",
    manager_phone: str = "",
) -> Agency:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Enter the agency's name.")})
    if Agency.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": _("An agency called %(name)s already exists.") % {"name": name}})
    agency = Agency(
        name=name,
        kind=kind,
        manager_name=manager_name.strip(),
        manager_email=clean_email(manager_email, field="manager_email") if manager_email.strip() else "",
        manager_phone=manager_phone.strip(),
    )
    agency.full_clean(exclude=["staff_group"])
    _save(agency, actor=actor, reason=_("Agency added"))
    permissions.agency_staff_group(agency)
    for address in inboxes:
        agency_inbox_add(actor=actor, agency=agency, email=address)
    return agency


@transaction.atomic
def agency_set_manager(*, actor: User, agency: Agency, name: str, email: str = "", phone: str = "") -> Agency:
    """The manager contact: escalations of referrals not acknowledged in time go to them."""
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    agency.manager_name = name.strip()
    agency.manager_email = clean_email(email, field="manager_email") if email.strip() else ""
    agency.manager_phone = phone.strip()
    _save(agency, actor=actor, reason=_("Manager contact changed"))
    return agency


@transaction.atomic
def agency_inbox_add(*, actor: User | None, agency: Agency, email: str) -> AgencyInbox:
    email = clean_email(email)
    if AgencyInbox.objects.filter(agency=agency, email=email).exists():
        raise ValidationError(
            {"email": _("%(email)s is already a referral inbox of this agency.") % {"email": email}}
        )
    inbox = AgencyInbox(agency=agency, email=email)
    _save(inbox, actor=actor, reason=_("Referral inbox added"))
    return inbox


@transaction.atomic
def family_agency_link(
    *, actor: User, family: Family, agency: Agency, role: str = "", since: datetime.date | None = None
) -> FamilyAgency:
    existing = FamilyAgency.objects.select_for_update().filter(family=family, agency=agency).first()
    if existing and existing.ended_on is None:
        raise ValidationError({"agency": _("%(agency)s already works with the family.") % {"agency": agency}})
    since = since or today()
    if since > today():
        raise ValidationError({"since": _("The date must be today or in the past.")})
    link = existing or FamilyAgency(family=family, agency=agency)
    link.role, link.since, link.ended_on = role.strip(), since, None
    _save(link, actor=actor, reason=_("Agency working with the family"))
    return link


@transaction.atomic
def family_agency_end(
    *, actor: User, link: FamilyAgency, ended_on: datetime.date | None = None
) -> FamilyAgency:
    link = FamilyAgency.objects.select_for_update().get(pk=link.pk)
    link.ended_on = ended_on or today()
    _save(link, actor=actor, reason=_("Agency stopped working with the family"))
    return link
