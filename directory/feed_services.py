"""Every write of the feed importer (directory/feed_import.py) and of the configured feeds.

Beside directory/services.py, whose rules they share (the same save check, write and history), so that
an imported service is held to what a worker's is. The importer runs these inside one transaction for the
whole feed, each entry in its own savepoint.
"""

import datetime
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.calendar import today as local_today
from core.history import save_with_actor as _save
from core.postcodes import normalise_postcode
from directory import search
from directory.models import (
    Contact,
    CostOption,
    DirectoryFeed,
    Location,
    Organization,
    Schedule,
    Service,
    Taxonomy,
    TaxonomyTerm,
)
from directory.services import (
    ServiceFields,
    _check,
    _configuration_save,
    _delete,
    _write,
    may_own_entries,
)
from staff.models import User


def _differs(obj: Any, values: dict[str, Any]) -> bool:
    return any(getattr(obj, name) != value for name, value in values.items())


def _seen(obj: Any, *, seen_at: datetime.datetime) -> None:
    # Bookkeeping, not a change: history leaves last_seen_at out, so no history row for it.
    type(obj).objects.filter(pk=obj.pk).update(last_seen_at=seen_at)


def organization_import(
    *, actor: User | None, values: dict[str, Any], source: str, seen_at: datetime.datetime
) -> Organization:
    """The feed's organisation, added or brought up to date. One that this directory lists itself (or
    another feed does) is used as it is: the feed does not change entries that are not its own."""
    org = Organization.objects.filter(pk=values["id"]).first()
    if org is not None and org.source != source:
        return org
    fields = {key: value for key, value in values.items() if key != "id"}
    clash = Organization.objects.filter(name__iexact=fields["name"]).exclude(pk=values["id"]).first()
    if clash is not None:
        raise ValidationError(
            _("An organisation called %(name)s is already listed (not from this feed).") % {"name": clash}
        )
    if org is None:
        org = Organization(id=values["id"], source=source, last_seen_at=seen_at, **fields)
        _save(org, actor=actor, reason=f"Imported from {source}")
    elif _differs(org, fields):
        for name, value in fields.items():
            setattr(org, name, value)
        _save(org, actor=actor, reason=f"Changed in the feed {source}")
        search.refresh_search_vectors(Service.objects.filter(organization=org))
    _seen(org, seen_at=seen_at)
    return org


def location_import(
    *, actor: User | None, values: dict[str, Any], source: str, seen_at: datetime.datetime
) -> Location:
    """The feed's place, added or brought up to date (one not from this feed is used as it is)."""
    location = Location.objects.filter(pk=values["id"]).first()
    if location is not None and location.source != source:
        return location
    fields = {key: value for key, value in values.items() if key != "id"}
    if fields.get("postcode"):
        fields["postcode"] = normalise_postcode(fields["postcode"])
    if location is None:
        location = Location(id=values["id"], source=source, **fields)
        location.full_clean(exclude=["id"])
        _save(location, actor=actor, reason=f"Imported from {source}")
    elif _differs(location, fields):
        for name, value in fields.items():
            setattr(location, name, value)
        location.full_clean(exclude=["id"])
        _save(location, actor=actor, reason=f"Changed in the feed {source}")
    _seen(location, seen_at=seen_at)
    return location


def taxonomy_term_import(*, actor: User | None, values: dict[str, Any]) -> TaxonomyTerm:
    """The feed's term: ours when we have it (by id, or by its vocabulary and code), else added."""
    term = TaxonomyTerm.objects.filter(pk=values["id"]).first()
    if term is not None:
        return term
    taxonomy = (
        Taxonomy.objects.filter(pk=values["taxonomy_id"]).first()
        or Taxonomy.objects.filter(name__iexact=values["taxonomy"]).first()
    )
    if taxonomy is None:
        taxonomy = Taxonomy(id=values["taxonomy_id"], name=values["taxonomy"])
        _save(taxonomy, actor=actor, reason="Vocabulary of an imported service")
    code = slugify(values["code"] or values["name"])[:80] or slugify(str(values["id"]))
    term = TaxonomyTerm.objects.filter(taxonomy=taxonomy, code=code).first()
    if term is None:
        term = TaxonomyTerm(
            id=values["id"],
            taxonomy=taxonomy,
            code=code,
            name=values["name"],
            description=values["description"],
        )
        _save(term, actor=actor, reason="Term of an imported service")
    return term


@dataclass
class ImportedService:
    """A service as a feed gives it, mapped to this directory (directory/feed_import.py)."""

    id: Any
    fields: ServiceFields
    assured_on: datetime.date | None
    fingerprint: str
    contacts: list[dict[str, Any]] = field(default_factory=list)
    schedules: list[dict[str, Any]] = field(default_factory=list)
    costs: list[dict[str, Any]] = field(default_factory=list)


def fingerprint(item: dict[str, Any], owner: User) -> str:
    """What the feed said about the service (less when it says it changed), and who owns it here."""
    said = {key: value for key, value in item.items() if key != "last_modified"}
    text = json.dumps([said, owner.pk], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def service_import(
    *, actor: User | None, entry: ImportedService, source: str, seen_at: datetime.datetime
) -> str:
    """Add or bring up to date a feed's service; "created", "updated" or "unchanged" (its feed says the
    same as last time: only seen). One that this directory lists itself, or another feed does, is refused."""
    service = Service.objects.select_for_update().filter(pk=entry.id).first()
    if service is not None and service.source != source:
        raise ValidationError(_("This directory already lists this service (not from this feed)."))
    if service is not None and service.source_fingerprint == entry.fingerprint:
        _seen(service, seen_at=seen_at)
        return "unchanged"
    _check(entry.fields, service=service)
    created = service is None
    today = local_today()
    reviewed = min(entry.assured_on, today) if entry.assured_on else None
    if service is None:
        service = Service(id=entry.id, owner=entry.fields.owner, last_reviewed_on=reviewed or today)
    elif reviewed:
        service.last_reviewed_on = reviewed
    service.source = source
    service.source_fingerprint = entry.fingerprint
    service.last_seen_at = seen_at
    reason = f"Imported from {source}" if created else f"Changed in the feed {source}"
    _write(service, entry.fields, actor=actor, reason=reason)
    _sync_parts(service, Contact, entry.contacts, actor=actor, reason=reason)
    _sync_parts(service, Schedule, entry.schedules, actor=actor, reason=reason)
    _sync_parts(service, CostOption, entry.costs, actor=actor, reason=reason)
    return "created" if created else "updated"


def _sync_parts(
    service: Service, model: Any, wanted: list[dict[str, Any]], *, actor: User | None, reason: str
) -> None:
    """The service's contacts (opening times, prices) become the feed's, each keeping the feed's id."""
    current = {row.pk: row for row in model.objects.filter(service=service)}
    wanted_ids = {values["id"] for values in wanted}
    for pk, row in current.items():
        if pk not in wanted_ids:
            _delete(row, actor=actor, reason=reason)
    for values in wanted:
        fields = {key: value for key, value in values.items() if key != "id"}
        row = current.get(values["id"])
        if row is None:
            taken = model.objects.filter(pk=values["id"]).exists()  # another service's: a new id here
            row = (
                model(service=service, **fields)
                if taken
                else model(id=values["id"], service=service, **fields)
            )
            row.full_clean(exclude=["id", "service"])
            _save(row, actor=actor, reason=reason)
        elif _differs(row, fields):
            for name, value in fields.items():
                setattr(row, name, value)
            row.full_clean(exclude=["id", "service"])
            _save(row, actor=actor, reason=reason)


def services_retire_vanished(*, actor: User | None, source: str, seen_ids: Iterable[Any]) -> list[Service]:
    """The feed's services it no longer lists become inactive (never deleted: their history stays). Their
    fingerprint is forgotten, so if the feed lists one again it is written again, active or not."""
    listed = set(seen_ids)  # compared here, not in SQL: a feed's thousands of ids make no query parameter
    current = (
        Service.objects.select_for_update()
        .filter(source=source)
        .exclude(status__in=[Service.Status.INACTIVE, Service.Status.DEFUNCT])
    )
    retired = []
    for service in current:
        if service.pk in listed:
            continue
        service.status = Service.Status.INACTIVE
        service.source_fingerprint = ""
        _save(service, actor=actor, reason=f"No longer in the feed {source}")
        retired.append(service)
    return retired


@transaction.atomic
def directory_feed_save(*, actor: User | None, feed: DirectoryFeed, reason: str = "") -> DirectoryFeed:
    """Add or change a configured feed (the admin). Its owner will own every service it brings in."""
    if not may_own_entries(feed.owner if feed.owner_id else None):
        raise ValidationError({"owner": _("Choose a member of staff to own this feed's entries.")})
    feed.url = feed.url.strip().rstrip("/")
    return _configuration_save(feed, actor=actor, what="Feed", reason=reason)


@transaction.atomic
def directory_feed_record_run(*, feed: DirectoryFeed, ok: bool, outcome: str) -> DirectoryFeed:
    feed.last_run_at = timezone.now()
    feed.last_run_ok = ok
    feed.last_run_outcome = outcome
    _save(feed, actor=None, reason="Imported" if ok else "Import failed")
    return feed
