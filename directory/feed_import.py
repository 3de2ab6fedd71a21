"""Importing another directory's Open Referral UK 3.0 feed: the inverse of directory/serializers.py.

1. Every page is fetched (directory/feed_fetch.py) and every service checked against the official
   service.json schema (directory/oruk_validation.py) before anything is written: a feed that cannot be
   read fails whole and changes nothing.
2. In one transaction, each valid service is written through directory.services in its own savepoint:
   added, brought up to date (only when the feed says something new: a fingerprint of what it said), or
   refused by this directory's save rules. Entries are keyed by their ORUK ids, which are our primary keys,
   so a re-import or a round trip keeps every id.
3. The feed's services it no longer lists are made inactive (never deleted), and only that feed's.
Invalid entries (the schema's errors or our rules') are skipped and named in the report with why. A dry
run does all of it and rolls back.
"""

import datetime
import logging
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import requests
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone

from directory import feed_services, offer, oruk_validation, services
from directory.feed_fetch import FeedError, Limits, fetch_pages, fetch_service
from directory.models import DIRECTORY_NAMESPACE, DirectoryFeed, Location, Service, ServiceArea
from staff.models import User

__all__ = ["FeedError", "ImportReport", "import_configured_feeds", "import_feed"]

logger = logging.getLogger(__name__)

SERVICE_SCHEMA = oruk_validation.schema("service.json")
MAX_REASONS = 5
MAX_OUTCOME_CHARS = 20_000  # what a feed's admin page keeps of its last run's report
DISTRICT = re.compile(r"[A-Z]{1,2}\d[A-Z\d]?")
COUNCIL_CODE = re.compile(r"[EWSN]\d{8}")
TEXT_PHONE_TYPES = {"text", "sms", "textphone", "minicom"}


class EntryInvalid(Exception):
    pass


@dataclass(frozen=True)
class Entry:
    id: str
    name: str
    reason: str = ""

    def __str__(self) -> str:
        label = f"{self.name} ({self.id})" if self.name else self.id
        return f"{label}: {self.reason}" if self.reason else label


@dataclass
class ImportReport:
    url: str
    dry_run: bool
    pages: int = 0
    created: list[Entry] = field(default_factory=list)
    updated: list[Entry] = field(default_factory=list)
    unchanged: list[Entry] = field(default_factory=list)
    retired: list[Entry] = field(default_factory=list)
    invalid: list[Entry] = field(default_factory=list)
    # What the official schemas say about the pages themselves (the entries' own problems are `invalid`).
    page_problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        counts = (
            f"{len(self.created)} added, {len(self.updated)} updated, {len(self.unchanged)} unchanged, "
            f"{len(self.retired)} made inactive, {len(self.invalid)} invalid (skipped)"
        )
        done = "dry run: nothing was written" if self.dry_run else "saved"
        return f"{self.url}: {self.pages} page(s); {counts}; {done}."

    def lines(self) -> list[str]:
        out = [self.summary()]
        for title, entries in (
            ("Added", self.created),
            ("Updated", self.updated),
            ("Made inactive (no longer in the feed)", self.retired),
            ("Invalid, skipped", self.invalid),
        ):
            if entries:
                out.append(f"{title}:")
                out.extend(f"  - {entry}" for entry in entries)
        if self.page_problems:
            out.append("Pages not as the Open Referral UK 3.0 schema has them:")
            out.extend(f"  - {problem}" for problem in self.page_problems)
        return out


# --- mapping one service of the feed -------------------------------------------------------------


def _text(data: dict[str, Any], key: str, max_length: int | None = None) -> str:
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise EntryInvalid(f"{key} is not text")
    value = value.strip()
    if max_length is not None and len(value) > max_length:
        raise EntryInvalid(f"{key} is longer than {max_length} characters")
    return value


def _age(data: dict[str, Any], key: str) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 130:
        raise EntryInvalid(f"{key} is not an age from 0 to 130")
    return int(value)


def _uuid(value: Any, what: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise EntryInvalid(f"{what} has no valid id") from exc


def _coordinate(value: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value)).quantize(Decimal("0.000001"))
    except InvalidOperation as exc:
        raise EntryInvalid("a location's latitude or longitude is not a number") from exc


def _organization(item: dict[str, Any]) -> dict[str, Any]:
    org = item.get("organization")
    if not isinstance(org, dict) or not _text(org, "name"):
        raise EntryInvalid("no organisation with a name")
    return {
        "id": _uuid(org.get("id"), "its organisation"),
        "name": _text(org, "name", 200),
        "description": _text(org, "description"),
        "website": _text(org, "website", 200),
        "email": _text(org, "email", 254),
    }


def _location(link: dict[str, Any]) -> dict[str, Any]:
    location = link.get("location")
    if not isinstance(location, dict):
        raise EntryInvalid("a service_at_location has no location")
    addresses = [a for a in location.get("addresses") or [] if isinstance(a, dict)]
    address = addresses[0] if addresses else {}
    access = [a for a in location.get("accessibility") or [] if isinstance(a, dict)]
    kind = location.get("location_type")
    return {
        "id": _uuid(location.get("id"), "a location"),
        "location_type": kind if kind in Location.Kind.values else Location.Kind.PHYSICAL,
        "name": _text(location, "name") or _text(address, "address_1") or "Location",
        "description": _text(location, "description"),
        "latitude": _coordinate(location.get("latitude")),
        "longitude": _coordinate(location.get("longitude")),
        "address_1": _text(address, "address_1"),
        "address_2": _text(address, "address_2"),
        "city": _text(address, "city"),
        "county": _text(address, "state_province"),
        "postcode": _text(address, "postal_code"),
        "accessibility": "\n".join(_text(a, "description") for a in access if _text(a, "description")),
    }


def _contact(contact: dict[str, Any]) -> dict[str, Any]:
    values = {
        "id": _uuid(contact.get("id"), "a contact"),
        "name": _text(contact, "name"),
        "title": _text(contact, "title"),
        "email": _text(contact, "email"),
        "phone": "",
        "text_phone": "",
    }
    for phone in contact.get("phones") or []:
        if not isinstance(phone, dict) or not _text(phone, "number"):
            continue
        key = "text_phone" if _text(phone, "type").lower() in TEXT_PHONE_TYPES else "phone"
        values[key] = values[key] or _text(phone, "number")
    return values


def _time(value: Any) -> datetime.time | None:
    if not value:
        return None
    try:
        return datetime.time.fromisoformat(str(value)[:8])
    except ValueError as exc:
        raise EntryInvalid(f"an opening time {value!r} is not a time") from exc


def _schedule(schedule: dict[str, Any]) -> dict[str, Any] | None:
    if (schedule.get("freq") or "WEEKLY").upper() != "WEEKLY":
        return None  # this directory keeps weekly opening times only
    days = [d.strip().upper() for d in _text(schedule, "byday").split(",") if d.strip()]
    if any(day not in services.DAY_CODES for day in days):
        raise EntryInvalid("opening days must be MO, TU, WE, TH, FR, SA or SU")
    return {
        "id": _uuid(schedule.get("id"), "an opening time"),
        "byday": ",".join(days),
        "opens_at": _time(schedule.get("opens_at")),
        "closes_at": _time(schedule.get("closes_at")),
        "description": _text(schedule, "description", 300),
    }


def _term(attribute: dict[str, Any]) -> dict[str, Any] | None:
    term = attribute.get("taxonomy_term")
    if not isinstance(term, dict) or not _text(term, "name"):
        return None
    vocabulary = _text(term, "taxonomy", 120) or "Imported terms"
    taxonomy_id = term.get("taxonomy_id") or uuid.uuid5(DIRECTORY_NAMESPACE, f"taxonomy:{vocabulary}")
    return {
        "id": _uuid(term.get("id") or attribute.get("taxonomy_term_id"), "a taxonomy term"),
        "name": _text(term, "name", 200),
        "code": _text(term, "code"),
        "description": _text(term, "description"),
        "taxonomy": vocabulary,
        "taxonomy_id": _uuid(taxonomy_id, "a taxonomy"),
    }


def _area(area: dict[str, Any]) -> services.AreaSpec | None:
    code = _text(area, "extent").upper()
    uri_code = _text(area, "uri").rstrip("/").rsplit("/", 1)[-1].upper()
    name = (_text(area, "name") or _text(area, "service_area") or code)[:120]
    if DISTRICT.fullmatch(code):
        return services.AreaSpec(kind=ServiceArea.Kind.DISTRICT, code=code, name=name)
    for candidate in (code, uri_code):
        if COUNCIL_CODE.fullmatch(candidate):
            return services.AreaSpec(kind=ServiceArea.Kind.LOCAL_AUTHORITY, code=candidate, name=name)
    return None  # an extent this directory cannot search by (a polygon, a free-text area)


@dataclass
class Mapped:
    organization: dict[str, Any]
    locations: list[dict[str, Any]]
    terms: list[dict[str, Any]]
    service: dict[str, Any]
    areas: list[services.AreaSpec]
    contacts: list[dict[str, Any]]
    schedules: list[dict[str, Any]]
    costs: list[dict[str, Any]]
    assured_on: datetime.date | None


def _dicts(item: dict[str, Any], key: str) -> list[dict[str, Any]]:
    return [row for row in item.get(key) or [] if isinstance(row, dict)]


def _service_values(item: dict[str, Any]) -> dict[str, Any]:
    status = item.get("status") or Service.Status.ACTIVE
    if status not in Service.Status.values:
        raise EntryInvalid(f"status {status!r} is not one of {', '.join(Service.Status.values)}")
    names = [offer.language_from_oruk(lang) for lang in _dicts(item, "languages")]
    languages = ", ".join(name for name in names if name)
    if len(languages) > 300:
        raise EntryInvalid("its languages are longer than 300 characters")
    values: dict[str, Any] = {
        "name": _text(item, "name", 200),
        "description": _text(item, "description"),
        "url": _text(item, "url", 200),
        "email": _text(item, "email", 254),
        "status": status,
        "minimum_age": _age(item, "minimum_age"),
        "maximum_age": _age(item, "maximum_age"),
        "eligibility_description": _text(item, "eligibility_description"),
        "fees": _text(item, "fees", 300) or _text(item, "fees_description", 300),
        "languages": languages,
        "alert": _text(item, "alert", 300),
    }
    return values


def map_service(item: dict[str, Any]) -> Mapped:
    """One `service.json` of the feed as this directory's fields; EntryInvalid says what it cannot take."""
    try:
        assured = datetime.date.fromisoformat(item["assured_date"]) if item.get("assured_date") else None
    except (TypeError, ValueError) as exc:
        raise EntryInvalid("assured_date is not a date") from exc
    locations = {}
    for link in _dicts(item, "service_at_locations"):
        location = _location(link)
        locations[location["id"]] = location
    schedules = [_schedule(s) for s in _dicts(item, "schedules")]
    terms = [_term(a) for a in _dicts(item, "attributes")]
    areas = [_area(a) for a in _dicts(item, "service_areas")]
    return Mapped(
        organization=_organization(item),
        locations=list(locations.values()),
        terms=[t for t in terms if t is not None],
        service=_service_values(item),
        areas=list({(a.kind, a.code): a for a in areas if a is not None}.values()),
        contacts=[_contact(c) for c in _dicts(item, "contacts")],
        schedules=[s for s in schedules if s is not None],
        costs=[c for c in map(offer.cost_option_from_oruk, _dicts(item, "cost_options")) if c is not None],
        assured_on=assured,
    )


# --- the run ----------------------------------------------------------------------------------------


def _label(item: Any) -> tuple[str, str]:
    if not isinstance(item, dict):
        return "(no id)", ""
    name = item.get("name")
    return str(item.get("id") or "(no id)"), name if isinstance(name, str) else ""


def _reasons(messages: list[str]) -> str:
    shown = "; ".join(messages[:MAX_REASONS])
    return shown + (f"; and {len(messages) - MAX_REASONS} more" if len(messages) > MAX_REASONS else "")


def _validation_messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [
            f"{name}: {' '.join(str(m) for m in errs[0].messages)}" for name, errs in exc.error_dict.items()
        ]
    return [str(m) for m in exc.messages]


def _complete(items: list[Any], *, feed_url: str, limits: Limits, session: requests.Session) -> list[Any]:
    """Items as `service.json`: a feed whose list ignores `full=true` is asked for each `/services/{id}`."""
    complete = []
    for item in items:
        nested = isinstance(item, dict) and any(
            key in item for key in ("service_at_locations", "contacts", "schedules")
        )
        if nested or not isinstance(item, dict) or not item.get("id"):
            complete.append(item)
        else:
            complete.append(fetch_service(session, feed_url, str(item["id"]), limits) or item)
    return complete


def _valid_items(items: list[Any], report: ImportReport) -> tuple[list[dict[str, Any]], set[uuid.UUID]]:
    """The items that pass the official schema, and the ids of every item the feed lists (valid or not:
    an entry that is only invalid this time is still listed, so it is not retired)."""
    valid, listed = [], set()
    for item in items:
        item_id, name = _label(item)
        problems = oruk_validation.errors(item, SERVICE_SCHEMA)
        try:
            pk = uuid.UUID(item_id)
        except ValueError:
            report.invalid.append(Entry(item_id, name, _reasons([*problems, "id: not a UUID"])))
            continue
        if pk in listed:
            report.invalid.append(Entry(item_id, name, "the feed lists this id more than once"))
            continue
        listed.add(pk)
        if problems:
            report.invalid.append(
                Entry(item_id, name, "not valid Open Referral UK 3.0: " + _reasons(problems))
            )
        else:
            valid.append(item)
    return valid, listed


def _write_one(
    item: dict[str, Any], *, owner: User, source: str, seen_at: datetime.datetime, actor: User | None
) -> str:
    mapped = map_service(item)
    org = feed_services.organization_import(
        actor=actor, values=mapped.organization, source=source, seen_at=seen_at
    )
    locations = [
        feed_services.location_import(actor=actor, values=values, source=source, seen_at=seen_at)
        for values in mapped.locations
    ]
    terms = [feed_services.taxonomy_term_import(actor=actor, values=values) for values in mapped.terms]
    fields = services.ServiceFields(
        organization=org,
        owner=owner,
        taxonomy_terms=terms,
        locations=locations,
        areas=mapped.areas,
        **mapped.service,
    )
    entry = feed_services.ImportedService(
        id=uuid.UUID(str(item["id"])),
        fields=fields,
        assured_on=mapped.assured_on,
        fingerprint=feed_services.fingerprint(item, owner),
        contacts=mapped.contacts,
        schedules=mapped.schedules,
        costs=mapped.costs,
    )
    return feed_services.service_import(actor=actor, entry=entry, source=source, seen_at=seen_at)


def _write_all(
    items: list[dict[str, Any]],
    *,
    listed: set[uuid.UUID],
    owner: User,
    report: ImportReport,
    actor: User | None,
    progress: Callable[[str], None] | None,
) -> None:
    seen_at = timezone.now()
    outcomes = {"created": report.created, "updated": report.updated, "unchanged": report.unchanged}
    for number, item in enumerate(items, start=1):
        item_id, name = _label(item)
        try:
            with transaction.atomic():
                outcome = _write_one(item, owner=owner, source=report.url, seen_at=seen_at, actor=actor)
        except EntryInvalid as exc:
            report.invalid.append(Entry(item_id, name, str(exc)))
        except ValidationError as exc:
            report.invalid.append(Entry(item_id, name, _reasons(_validation_messages(exc))))
        except DatabaseError as exc:  # a constraint the checks above do not know
            report.invalid.append(Entry(item_id, name, f"the database refused it ({exc.__class__.__name__})"))
        else:
            outcomes[outcome].append(Entry(item_id, name))
        if progress and (number % 25 == 0 or number == len(items)):
            progress(f"{number} of {len(items)} services")
    for service in feed_services.services_retire_vanished(actor=actor, source=report.url, seen_ids=listed):
        report.retired.append(Entry(str(service.id), service.name))


def import_feed(
    url: str,
    *,
    owner: User,
    dry_run: bool = False,
    actor: User | None = None,
    session: requests.Session | None = None,
    progress: Callable[[str], None] | None = None,
    limits: Limits | None = None,
) -> ImportReport:
    """Import every page of the feed at `url` (its API's base address); FeedError, with nothing written,
    if it cannot be read. Its new services are owned by `owner`."""
    source = url.strip().rstrip("/")
    limits = limits or Limits.from_settings()
    session = session or requests.Session()
    report = ImportReport(url=source, dry_run=dry_run)
    pages = fetch_pages(source, limits=limits, session=session, progress=progress)
    report.pages = len(pages)
    for number, page in enumerate(pages, start=1):
        outline = {key: value for key, value in page.items() if key != "contents"}
        report.page_problems += [
            f"page {number}: {p}" for p in oruk_validation.errors(outline, oruk_validation.PAGE)
        ]
    items = _complete(
        [item for page in pages for item in page["contents"]], feed_url=source, limits=limits, session=session
    )
    if not items:
        # More likely a fault at the other end than a directory with nothing in it: retire nothing.
        raise FeedError(f"{source} lists no services, so nothing was changed.")
    valid, listed = _valid_items(items, report)
    with transaction.atomic():
        _write_all(valid, listed=listed, owner=owner, report=report, actor=actor, progress=progress)
        if dry_run:
            transaction.set_rollback(True)
    return report


def import_configured_feeds() -> dict[str, bool]:
    """Import every active feed configured in the admin (the nightly job), recording each run's outcome
    on the feed. One feed failing does not stop the others. Returns {feed address: succeeded}."""
    results = {}
    for feed in DirectoryFeed.objects.filter(active=True).select_related("owner"):
        try:
            report = import_feed(feed.url, owner=feed.owner)
        except FeedError as exc:
            logger.warning("Directory feed %s failed: %s", feed.url, exc)
            ok, outcome = False, str(exc)
        except Exception:
            logger.exception("Directory feed %s failed", feed.url)
            ok, outcome = (
                False,
                "The import stopped on an unexpected error (see the logs); nothing was written.",
            )
        else:
            ok, outcome = True, "\n".join(report.lines())
        feed_services.directory_feed_record_run(feed=feed, ok=ok, outcome=outcome[:MAX_OUTCOME_CHARS])
        results[feed.url] = ok
    return results
