"""Every write to the service directory.

Keyword-only, typed, one transaction each, taking the acting user as `actor` and recording them (and a
reason) on the field history. Views, the admin's actions, the weekly task and the demo come through here.
"""

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.calendar import today as local_today
from core.history import save_with_actor as _save
from core.postcodes import normalise_postcode
from directory import search
from directory.models import (
    Contact,
    CostOption,
    DeliveryMethod,
    Location,
    Organization,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
    TermMapping,
)
from directory.needs import NEEDS_TAXONOMY_ID, need_term_id
from directory.offer import CostSpec, cost_errors
from directory.reminders import ReminderDeliveryError as ReminderDeliveryError
from directory.reminders import stale_reminders_send as stale_reminders_send
from directory.standard_taxonomy_load import (  # written beside its data; part of this write path
    standard_taxonomies_load as standard_taxonomies_load,
)
from partners.models import Agency
from staff.models import User

DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

logger = logging.getLogger(__name__)


def _delete(obj: Any, *, actor: User | None, reason: str = "") -> None:
    obj._history_user = actor
    if reason:
        obj._change_reason = reason
    obj.delete()


@transaction.atomic
def organization_create(
    *,
    actor: User | None,
    name: str,
    description: str = "",
    website: str = "",
    email: str = "",
    agency: Agency | None = None,
) -> Organization:
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Enter the organisation's name.")})
    if Organization.objects.filter(name__iexact=name).exists():
        raise ValidationError(
            {"name": _("An organisation called %(name)s is already listed.") % {"name": name}}
        )
    org = Organization(name=name, description=description, website=website, email=email, agency=agency)
    _save(org, actor=actor, reason="Organisation added")
    return org


@transaction.atomic
def location_create(
    *,
    actor: User | None,
    name: str,
    address_1: str = "",
    address_2: str = "",
    city: str = "",
    county: str = "",
    postcode: str = "",
    latitude: Any = None,
    longitude: Any = None,
    accessibility: str = "",
    location_type: str = Location.Kind.PHYSICAL,
) -> Location:
    if not name.strip():
        raise ValidationError({"name": _("Enter the name of the place.")})
    location = Location(
        name=name.strip(),
        address_1=address_1,
        address_2=address_2,
        city=city,
        county=county,
        postcode=normalise_postcode(postcode) if postcode else "",
        latitude=latitude,
        longitude=longitude,
        accessibility=accessibility,
        location_type=location_type,
    )
    _save(location, actor=actor, reason="Location added")
    return location


@dataclass
class ServiceFields:
    """What a worker types about a service (the same for adding and for editing)."""

    organization: Organization
    name: str
    owner: User
    description: str = ""
    url: str = ""
    email: str = ""
    status: str = Service.Status.ACTIVE
    minimum_age: int | None = None
    maximum_age: int | None = None
    eligibility_description: str = ""
    fees: str = ""
    languages: str = ""
    alert: str = ""
    agency: Agency | None = None
    taxonomy_terms: Iterable[TaxonomyTerm] = field(default_factory=list)
    locations: Iterable[Location] = field(default_factory=list)
    # The places it covers (forms.ServiceAreasField gives them); None leaves them as they are.
    areas: "Iterable[AreaSpec] | None" = None
    # DeliveryMethod codes.
    delivery_methods: Iterable[str] = ()
    # Its prices; None leaves them as they are.
    cost_options: "Iterable[CostSpec] | None" = None


@dataclass(frozen=True)
class AreaSpec:
    """One place a service covers: a postcode district ("NR1") or a council area (its ONS code)."""

    kind: str
    code: str
    name: str


def may_own_entries(owner: User | None) -> bool:
    """Whether this person may own directory entries (be reminded to review them): active casework staff
    or an administrator."""
    return bool(
        owner is not None
        and owner.is_active
        and (owner.is_casework_staff or owner.role == User.Role.ADMINISTRATOR)
    )


def _check(fields: ServiceFields, *, service: Service | None = None) -> None:
    errors: dict[str, list[str]] = {}
    if not fields.name.strip():
        errors.setdefault("name", []).append(_("Enter the name of the service."))
    if fields.status not in Service.Status.values:
        errors.setdefault("status", []).append(_("Choose a status."))
    if (
        fields.minimum_age is not None
        and fields.maximum_age is not None
        and fields.minimum_age > fields.maximum_age
    ):
        errors.setdefault("maximum_age", []).append(
            _("The oldest age must be the same as or more than the youngest age.")
        )
    if not (fields.email or fields.url or fields.organization.email or fields.organization.website):
        # Deaf and hard-of-hearing people cannot use a phone-only route (DOMAIN.md, accessibility).
        errors.setdefault("email", []).append(
            _("Give an email address or a website, so people who cannot use a phone can get in touch.")
        )
    if not may_own_entries(fields.owner):
        errors.setdefault("owner", []).append(_("Choose a member of staff to own this entry."))
    duplicate = Service.objects.filter(organization=fields.organization, name__iexact=fields.name.strip())
    if service is not None:
        duplicate = duplicate.exclude(pk=service.pk)
    if duplicate.exists():
        errors.setdefault("name", []).append(
            _("%(org)s already lists a service called %(name)s.")
            % {"org": fields.organization.name, "name": fields.name.strip()}
        )
    if fields.cost_options is not None and (wrong_costs := cost_errors(fields.cost_options)):
        errors["cost_options"] = wrong_costs
    if errors:
        raise ValidationError(errors)


def _apply(service: Service, fields: ServiceFields) -> None:
    for item in dataclass_fields(fields):
        if item.name not in ("taxonomy_terms", "locations", "areas", "delivery_methods", "cost_options"):
            setattr(service, item.name, getattr(fields, item.name))
    service.name = fields.name.strip()
    wanted = set(fields.delivery_methods)
    service.delivery_methods = ",".join(code for code in DeliveryMethod.values if code in wanted)
    service.languages = ", ".join(part.strip() for part in fields.languages.split(",") if part.strip())


def _set_locations(service: Service, locations: Iterable[Location], *, actor: User | None) -> None:
    wanted = {loc.pk: loc for loc in locations}
    current = {sal.location_id: sal for sal in service.service_at_locations.all()}
    for location_id, sal in current.items():
        if location_id not in wanted:
            _delete(sal, actor=actor, reason="No longer offered here")
    for location_id, location in wanted.items():
        if location_id not in current:
            _save(ServiceAtLocation(service=service, location=location), actor=actor, reason="Offered here")


def _write(service: Service, fields: ServiceFields, *, actor: User | None, reason: str) -> Service:
    _apply(service, fields)
    try:
        with transaction.atomic():
            _save(service, actor=actor, reason=reason)
    except IntegrityError as exc:
        raise ValidationError(_("The service could not be saved: check the ages and the name.")) from exc
    service._history_user = actor  # type: ignore[attr-defined]
    service.taxonomy_terms.set(list(fields.taxonomy_terms))
    _set_locations(service, fields.locations, actor=actor)
    if fields.areas is not None:
        _set_areas(service, fields.areas, actor=actor)
    if fields.cost_options is not None:
        _set_cost_options(service, fields.cost_options, actor=actor)
    search.refresh_search_vectors(Service.objects.filter(pk=service.pk))
    return service


def _set_areas(service: Service, areas: Iterable[AreaSpec], *, actor: User | None) -> None:
    wanted = {(a.kind, a.code): a for a in areas}
    current = {(a.kind, a.code): a for a in service.service_areas.all()}
    for key, area in current.items():
        if key not in wanted:
            _delete(area, actor=actor, reason="No longer covers this area")
    for key, spec in wanted.items():
        if key not in current:
            row = ServiceArea(service=service, kind=spec.kind, code=spec.code, name=spec.name)
            _save(row, actor=actor, reason="Covers this area")


def _cost_spec(option: CostOption) -> CostSpec:
    return CostSpec(
        kind=option.kind,
        amount=option.amount,
        option=option.option,
        amount_description=option.amount_description,
    )


def _set_cost_options(service: Service, costs: Iterable[CostSpec], *, actor: User | None) -> None:
    """Keep the options that are unchanged (with their dates), remove the others, add the new ones."""
    wanted = list(dict.fromkeys(costs))
    current = list(service.cost_options.all())
    kept = set()
    for option in current:
        spec = _cost_spec(option)
        if spec in wanted and spec not in kept:
            kept.add(spec)
        else:
            _delete(option, actor=actor, reason="Cost removed")
    for spec in wanted:
        if spec not in kept:
            row = CostOption(
                service=service, **{f.name: getattr(spec, f.name) for f in dataclass_fields(spec)}
            )
            _save(row, actor=actor, reason="Cost added")


@transaction.atomic
def service_create(
    *, actor: User | None, fields: ServiceFields, last_reviewed_on: datetime.date | None = None
) -> Service:
    _check(fields)
    service = Service(last_reviewed_on=last_reviewed_on or local_today(), owner=fields.owner)
    return _write(service, fields, actor=actor, reason="Service added")


@transaction.atomic
def service_update(*, actor: User, service: Service, fields: ServiceFields) -> Service:
    service = Service.objects.select_for_update().get(pk=service.pk)
    _check(fields, service=service)
    return _write(service, fields, actor=actor, reason="Service edited")


@transaction.atomic
def service_mark_reviewed(*, actor: User, service: Service, on: datetime.date | None = None) -> Service:
    """The owner (or a colleague) checked the entry is still right."""
    service = Service.objects.select_for_update().get(pk=service.pk)
    on = on or local_today()
    if on > local_today():
        raise ValidationError(_("The review date cannot be in the future."))
    service.last_reviewed_on = on
    _save(service, actor=actor, reason="Checked and still correct")
    return service


def _touch(service: Service, *, actor: User | None, reason: str) -> None:
    """A change to a part of the service is a change to the service: its last_modified (API) moves on."""
    _save(service, actor=actor, reason=reason, update_fields=["updated_at"])


@transaction.atomic
def contact_add(
    *,
    actor: User | None,
    service: Service,
    name: str = "",
    title: str = "",
    email: str = "",
    phone: str = "",
    text_phone: str = "",
) -> Contact:
    if not (email or phone or text_phone):
        raise ValidationError(_("Give a contact an email address, a phone or a text phone."))
    contact = Contact(
        service=service, name=name, title=title, email=email, phone=phone, text_phone=text_phone
    )
    _save(contact, actor=actor, reason="Contact added")
    _touch(service, actor=actor, reason="Contact added")
    return contact


@transaction.atomic
def contact_remove(*, actor: User, contact: Contact) -> None:
    service = contact.service
    _delete(contact, actor=actor, reason="Contact removed")
    _touch(service, actor=actor, reason="Contact removed")


@transaction.atomic
def schedule_add(
    *,
    actor: User | None,
    service: Service,
    byday: str,
    opens_at: datetime.time | None,
    closes_at: datetime.time | None,
    description: str = "",
) -> Schedule:
    days = [d.strip().upper() for d in byday.split(",") if d.strip()]
    if any(d not in DAY_CODES for d in days):
        raise ValidationError({"byday": _("Days must be given as MO, TU, WE, TH, FR, SA or SU.")})
    if opens_at and closes_at and opens_at >= closes_at:
        raise ValidationError({"closes_at": _("The closing time must be after the opening time.")})
    schedule = Schedule(
        service=service, byday=",".join(days), opens_at=opens_at, closes_at=closes_at, description=description
    )
    _save(schedule, actor=actor, reason="Opening times added")
    _touch(service, actor=actor, reason="Opening times added")
    return schedule


@transaction.atomic
def schedule_remove(*, actor: User, schedule: Schedule) -> None:
    service = schedule.service
    _delete(schedule, actor=actor, reason="Opening times removed")
    _touch(service, actor=actor, reason="Opening times removed")


@transaction.atomic
def need_terms_sync(*, actor: User | None) -> list[TaxonomyTerm]:
    """Make sure every outcome area in use in an assessment framework is a need people can search by.

    Terms are matched by name, so the migration's ten Supporting Families areas are not duplicated; a
    framework's extra areas get a new term. Retired areas keep their term (entries still point at it).
    """
    from assessments.models import Domain

    taxonomy = Taxonomy.objects.get(pk=NEEDS_TAXONOMY_ID)
    existing = {term.name.lower() for term in taxonomy.terms.all()}
    created = []
    for domain in Domain.objects.filter(active=True).order_by("framework_id", "order", "name"):
        if domain.name.lower() in existing:
            continue
        code = slugify(domain.name)[:80] or f"need-{domain.pk}"
        if taxonomy.terms.filter(code=code).exists():
            code = f"{code[:70]}-{domain.pk}"
        term = TaxonomyTerm(
            id=need_term_id(code),
            taxonomy=taxonomy,
            code=code,
            name=domain.name,
            description=domain.description,
        )
        _save(term, actor=actor, reason="Outcome area of an assessment framework")
        existing.add(domain.name.lower())
        created.append(term)
    return created


# --- configuration (the admin) ---------------------------------------------------------------------


def _configuration_save(obj: Any, *, actor: User | None, what: str, reason: str) -> Any:
    obj.full_clean()
    _save(obj, actor=actor, reason=reason or (f"{what} changed" if obj.pk else f"{what} added"))
    return obj


@transaction.atomic
def taxonomy_save(*, actor: User | None, taxonomy: Taxonomy, reason: str = "") -> Taxonomy:
    return _configuration_save(taxonomy, actor=actor, what="Vocabulary", reason=reason)


@transaction.atomic
def taxonomy_term_save(*, actor: User | None, term: TaxonomyTerm, reason: str = "") -> TaxonomyTerm:
    saved = _configuration_save(term, actor=actor, what="Term", reason=reason)
    search.refresh_search_vectors(Service.objects.filter(taxonomy_terms=saved))  # a need's name is searched
    return saved


@transaction.atomic
def term_mapping_save(*, actor: User | None, mapping: TermMapping, reason: str = "") -> TermMapping:
    return _configuration_save(mapping, actor=actor, what="Term mapping", reason=reason)


@transaction.atomic
def organization_save(*, actor: User | None, organization: Organization, reason: str = "") -> Organization:
    """Add or change an organisation (the admin; the directory's own pages use organization_create)."""
    saved = _configuration_save(organization, actor=actor, what="Organisation", reason=reason)
    search.refresh_search_vectors(Service.objects.filter(organization=saved))  # its name is searched
    return saved


@transaction.atomic
def location_save(*, actor: User | None, location: Location, reason: str = "") -> Location:
    if location.postcode:
        location.postcode = normalise_postcode(location.postcode)
    return _configuration_save(location, actor=actor, what="Location", reason=reason)
