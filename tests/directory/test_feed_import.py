"""Importing another directory's Open Referral UK 3.0 feed (`manage.py directory_import URL`).

The feeds are served by a real HTTP server on 127.0.0.1 in a thread, so the importer's own client, its
timeout, size limit and redirect limit are what is tested; the round trip exports this directory through
its API with Django's test client and imports it into an emptied database.
"""

import datetime
import http.server
import io
import json
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from directory import feed_services, serializers, services
from directory.feed_import import import_configured_feeds
from directory.models import (
    Contact,
    DirectoryFeed,
    Location,
    Organization,
    Schedule,
    Service,
    Taxonomy,
    TaxonomyTerm,
)
from tests.directory import factories as df

ORG_ID = "6a0a1d3e-58c4-4f53-9a55-7a1ce6c0f001"
IDS = {name: str(uuid.uuid5(uuid.NAMESPACE_URL, f"feed-test:{name}")) for name in "ABCDEF"}


def _id(*parts: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, ":".join(("feed-test", *parts))))


def _place(key: str, name: str, sid: str) -> dict[str, Any]:
    location_id = _id("location", key)
    address = {
        "id": _id("address", key),
        "location_id": location_id,
        "address_1": "2 High Street",
        "city": "Ipswich",
        "state_province": "Suffolk",
        "postal_code": "ip1 1aa",
        "country": "GB",
        "address_type": "physical",
    }
    location = {
        "id": location_id,
        "location_type": "physical",
        "name": f"{name} hall",
        "latitude": 52.6,
        "longitude": 1.3,
        "addresses": [address],
    }
    return {"id": _id("sal", key), "service_id": sid, "location_id": location_id, "location": location}


def feed_service(key: str, name: str, **changes: Any) -> dict[str, Any]:
    """One service of the neighbouring directory, as its API's `full=true` gives it (service.json)."""
    sid = IDS[key]
    contact = {
        "id": _id("contact", key),
        "service_id": sid,
        "name": "Front desk",
        "email": "desk@next.example",
        "phones": [{"id": _id("phone", key), "number": "01473 000000"}],
    }
    schedule = {
        "id": _id("schedule", key),
        "service_id": sid,
        "freq": "WEEKLY",
        "byday": "MO,WE",
        "opens_at": "10:00:00",
        "closes_at": "12:30:00",
    }
    organization = {
        "id": ORG_ID,
        "name": "Next County Council",
        "description": "The next county.",
        "website": "https://next.example",
    }
    data = {
        "id": sid,
        "organization_id": ORG_ID,
        "name": name,
        "description": f"{name}, from the next county.",
        "email": "help@next.example",
        "status": "active",
        "assured_date": "2026-11-02",
        "organization": organization,
        "service_at_locations": [_place(key, name, sid)],
        "contacts": [contact],
        "schedules": [schedule],
        "languages": [],
        "attributes": [],
        "service_areas": [],
    }
    return data | changes


def pages(*contents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    total = sum(len(c) for c in contents)
    per_page = max(len(c) for c in contents)
    return [
        serializers.page_data(contents=c, total_items=total, page_number=n, per_page=per_page)
        for n, c in enumerate(contents, start=1)
    ]


class FeedServer(http.server.ThreadingHTTPServer):
    """Serves `self.pages` at /api/directory/services?page=N; `self.bad_page` misbehaves as `self.bad`."""

    daemon_threads = True
    pages: list[dict[str, Any]]
    bad_page: int | None = None
    bad = ""
    released: threading.Event
    details: dict[str, dict[str, Any]]  # /services/{id}, for a feed whose list has one-to-one fields only


class Handler(http.server.BaseHTTPRequestHandler):
    server: FeedServer

    def log_message(self, format: str, *args: Any) -> None:  # the test output stays readable
        pass

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _misbehave(self) -> None:
        if self.server.bad == "html":
            self._send(200, "text/html; charset=utf-8", b"<!doctype html><title>Sign in</title>")
        elif self.server.bad == "slow":
            self.server.released.wait(10)
        elif self.server.bad == "loop":
            self.send_response(302)
            self.send_header("Location", self.path)
            self.end_headers()
        elif self.server.bad == "huge":  # 10 MB, no Content-Length: the client must stop reading itself
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"contents": ["')
            for _ in range(160):
                self.wfile.write(b"x" * 65536)
            self.wfile.write(b'"]}')

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        number = int(parse_qs(parts.query).get("page", ["1"])[0])
        try:
            if number == self.server.bad_page:
                self._misbehave()
            elif parts.path == "/api/directory/services" and number <= len(self.server.pages):
                body = json.dumps(self.server.pages[number - 1])
                self._send(200, "application/json", body.encode())
            elif parts.path.startswith("/api/directory/services/") and self.server.details:
                body = json.dumps(self.server.details[parts.path.rsplit("/", 1)[1]])
                self._send(200, "application/json", body.encode())
            else:
                self._send(404, "application/json", b'{"status": 404, "message": "No such page."}')
        except (BrokenPipeError, ConnectionResetError):
            pass  # the importer stopped reading, as it should


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    server = FeedServer(("127.0.0.1", 0), Handler)
    server.pages = []
    server.details = {}
    server.released = threading.Event()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.released.set()
    server.shutdown()
    server.server_close()
    thread.join(5)


def feed_url(server: FeedServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}/api/directory"


def run(server: FeedServer, owner: Any, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("directory_import", feed_url(server), "--owner", owner.email, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


FIRST = [
    [feed_service("A", "Toy library"), feed_service("B", "Baby massage")],
    [feed_service("C", "Dads' group"), feed_service("D", "Food bank")],
]


def directory_state() -> dict[str, Any]:
    """Everything an import could change: each entry's values and each history table's size."""
    models = (Service, Organization, Location, Contact, Schedule, Taxonomy, TaxonomyTerm)
    state: dict[str, Any] = {m.__name__: sorted(map(str, m.objects.values_list())) for m in models}
    state |= {f"history {m.__name__}": m.history.count() for m in models}  # type: ignore[attr-defined]
    return state


def test_a_two_page_feed_is_imported_with_its_parts_and_its_source(
    feed_server: FeedServer, owner: Any
) -> None:
    feed_server.pages = pages(*FIRST)
    out, err = run(feed_server, owner)
    assert "2 page(s); 4 added, 0 updated" in out
    assert "page 2 of 2" in err  # the progress line
    food = Service.objects.get(pk=IDS["D"])  # from the second page
    assert food.name == "Food bank"
    assert food.organization.name == "Next County Council"
    assert food.owner == owner
    assert food.source == feed_url(feed_server)
    assert food.last_seen_at is not None
    assert food.last_reviewed_on == datetime.date(2026, 11, 2)
    assert food.organization.source == food.source
    (place,) = [sal.location for sal in food.service_at_locations.all()]
    assert (place.postcode, place.city, place.county) == ("IP1 1AA", "Ipswich", "Suffolk")
    (contact,) = food.contacts.all()
    assert (contact.email, contact.phone) == ("desk@next.example", "01473 000000")
    (schedule,) = food.schedules.all()
    assert (schedule.byday, schedule.opens_at) == ("MO,WE", datetime.time(10, 0))
    assert food.history.get().history_change_reason == f"Imported from {feed_url(feed_server)}"


def test_a_changed_entry_is_updated_a_vanished_one_retired_and_an_invalid_one_named(
    feed_server: FeedServer, owner: Any
) -> None:
    feed_server.pages = pages(*FIRST)
    run(feed_server, owner)
    ours = df.service(owner=owner, name="Our own group")  # not from the feed: never retired by it
    invalid_schema = feed_service("E", "Broken entry", status=None, email="not an email")
    invalid_rule = feed_service("F", "Phone only", organization={**FIRST[0][0]["organization"]})
    del invalid_rule["email"], invalid_rule["organization"]["website"]  # valid ORUK, but phone-only here
    changed = feed_service("B", "Baby massage", description="Now on Fridays too.")
    feed_server.pages = pages([FIRST[0][0], changed], [invalid_schema, FIRST[1][1], invalid_rule])
    out, _ = run(feed_server, owner)

    assert "1 updated, 2 unchanged, 1 made inactive, 2 invalid" in out
    assert Service.objects.get(pk=IDS["B"]).description == "Now on Fridays too."
    assert Service.objects.get(pk=IDS["B"]).history.first().history_change_reason.startswith("Changed in")
    assert Service.objects.get(pk=IDS["A"]).history.count() == 1  # unchanged: not written again
    vanished = Service.objects.get(pk=IDS["C"])  # kept, with its history, but no longer offered
    assert vanished.status == Service.Status.INACTIVE
    assert vanished.history.first().history_change_reason == f"No longer in the feed {feed_url(feed_server)}"
    assert Service.objects.get(pk=ours.pk).status == Service.Status.ACTIVE
    assert not Service.objects.filter(pk__in=[IDS["E"], IDS["F"]]).exists()
    assert f"Broken entry ({IDS['E']}): not valid Open Referral UK 3.0" in out
    assert "email: 'not an email' is not a 'email'" in out and "status" in out
    assert f"Phone only ({IDS['F']}): email: Give an email address or a website" in out


def test_an_entry_the_feed_lists_again_comes_back(feed_server: FeedServer, owner: Any) -> None:
    feed_server.pages = pages(*FIRST)
    run(feed_server, owner)
    feed_server.pages = pages(FIRST[0])
    run(feed_server, owner)
    assert Service.objects.get(pk=IDS["C"]).status == Service.Status.INACTIVE
    feed_server.pages = pages(*FIRST)
    out, _ = run(feed_server, owner)
    assert "2 updated" in out
    assert Service.objects.get(pk=IDS["C"]).status == Service.Status.ACTIVE


def test_a_feed_cannot_take_over_this_directorys_own_entry(feed_server: FeedServer, owner: Any) -> None:
    ours = df.service(owner=owner, name="Our own group")
    feed_server.pages = pages([feed_service("A", "Hijack", id=str(ours.pk))])
    out, _ = run(feed_server, owner)
    assert "already lists this service (not from this feed)" in out
    ours.refresh_from_db()
    assert (ours.name, ours.source) == ("Our own group", "")


def test_a_feed_whose_list_has_no_nested_parts_is_read_service_by_service(
    feed_server: FeedServer, owner: Any
) -> None:
    one_to_one = ("id", "organization_id", "name", "description", "email", "status")
    feed_server.details = {item["id"]: item for page in FIRST for item in page}
    feed_server.pages = pages(*[[{k: item[k] for k in one_to_one} for item in page] for page in FIRST])
    out, _ = run(feed_server, owner)
    assert "4 added" in out
    assert Service.objects.get(pk=IDS["D"]).contacts.get().email == "desk@next.example"


def test_a_dry_run_says_what_would_change_and_writes_nothing(feed_server: FeedServer, owner: Any) -> None:
    feed_server.pages = pages(*FIRST)
    before = directory_state()
    out, _ = run(feed_server, owner, "--dry-run")
    assert "4 added" in out and "dry run: nothing was written" in out
    assert "Food bank" in out
    assert directory_state() == before


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("html", "answered text/html, not JSON: is this the address of an Open Referral UK API?"),
        ("slow", "did not answer within 0.5 seconds"),
        ("huge", "is larger than the 5 MB a page may be"),
        ("loop", "redirected more than 5 times (a redirect loop?)"),
    ],
)
def test_a_bad_feed_fails_clearly_and_changes_nothing(
    feed_server: FeedServer, owner: Any, settings: Any, bad: str, message: str
) -> None:
    settings.DIRECTORY_IMPORT_TIMEOUT_SECONDS = 0.5
    feed_server.pages = pages(*FIRST)
    run(feed_server, owner)
    before = directory_state()
    # The feed's second page misbehaves: its first page, with a change, is read but nothing is written.
    feed_server.pages = pages([feed_service("A", "Toy library renamed")], FIRST[1])
    feed_server.bad, feed_server.bad_page = bad, 2
    started = time.monotonic()
    with pytest.raises(CommandError, match="Nothing was imported") as failure:
        run(feed_server, owner)
    assert message in str(failure.value)
    assert time.monotonic() - started < 5
    assert directory_state() == before


def test_a_feed_that_is_not_a_feed_fails_clearly(feed_server: FeedServer, owner: Any) -> None:
    with pytest.raises(CommandError, match="answered HTTP 404, not 200"):
        run(feed_server, owner)  # no pages
    feed_server.pages = pages([])
    with pytest.raises(CommandError, match="lists no services, so nothing was changed"):
        run(feed_server, owner)
    with pytest.raises(CommandError, match="Give --owner EMAIL"):
        call_command("directory_import", feed_url(feed_server), stdout=io.StringIO())


def test_configured_feeds_are_imported_each_night_with_their_outcome(
    feed_server: FeedServer, owner: Any
) -> None:
    feed = feed_services.directory_feed_save(
        actor=None, feed=DirectoryFeed(url=feed_url(feed_server) + "/", name="Next county", owner=owner)
    )
    broken = feed_services.directory_feed_save(
        actor=None, feed=DirectoryFeed(url=feed_url(feed_server) + "/nowhere", name="Broken", owner=owner)
    )
    feed_server.pages = pages(*FIRST)
    assert import_configured_feeds() == {feed.url: True, broken.url: False}
    feed.refresh_from_db()
    broken.refresh_from_db()
    assert feed.last_run_ok and "4 added" in feed.last_run_outcome
    assert not broken.last_run_ok and "answered HTTP 404" in broken.last_run_outcome
    assert Service.objects.filter(source=feed.url).count() == 4
    assert Service.objects.get(pk=IDS["A"]).owner == owner


def test_a_feed_s_entries_are_owned_by_a_member_of_staff(owner: Any) -> None:
    from django.core.exceptions import ValidationError

    from tests import factories

    complaints = factories.user(role="complaints_manager")
    with pytest.raises(ValidationError, match="Choose a member of staff"):
        feed_services.directory_feed_save(
            actor=None, feed=DirectoryFeed(url="https://next.example/api", name="Next", owner=complaints)
        )
    assert not DirectoryFeed.objects.exists()


API = "/api/directory"


def _export(client: Any) -> list[dict[str, Any]]:
    """This directory's `/services?full=true`, every page, as a consumer reads it."""
    exported, number = [], 1
    while True:
        page = client.get(f"{API}/services", {"full": "true", "per_page": 2, "page": number}).json()
        exported.append(page)
        if page["last_page"]:
            return exported
        number += 1


def _as_served(client: Any, service_id: str) -> dict[str, Any]:
    """`GET /services/{id}`, less what a new row is given afresh (when it changed, its link rows' ids)."""
    data = client.get(f"{API}/services/{service_id}").json()
    data.pop("last_modified")
    for link in data["service_at_locations"]:
        link.pop("id")
    for area in data["service_areas"]:
        area.pop("id")
    return data


def _our_directory(owner: Any) -> list[str]:
    vocabulary = services.taxonomy_save(actor=None, taxonomy=Taxonomy(name="Service types", description=""))
    term = services.taxonomy_term_save(
        actor=None,
        term=TaxonomyTerm(taxonomy=vocabulary, code="drop-in", name="Drop-in", description="Walk in."),
    )
    full = df.full_service(owner=owner, name="Debt advice drop-in")
    full.taxonomy_terms.add(term)
    online = df.location(name="Online", postcode="", address_1="", city="", location_type="virtual")
    areas = [
        services.AreaSpec(kind="district", code="NR1", name="NR1"),
        services.AreaSpec(kind="local_authority", code="E07000148", name="Norwich"),
    ]
    covered = df.service(owner=owner, name="Home visits", needs=("health",), locations=(online,), areas=areas)
    closed = df.service(owner=owner, name="Closed group", status=Service.Status.TEMPORARILY_CLOSED)
    return [str(s.pk) for s in (full, covered, closed)]


def _empty_the_directory() -> None:
    Service.objects.all().delete()  # with their places' links, contacts, opening times and areas
    Organization.objects.all().delete()
    Location.objects.all().delete()
    TaxonomyTerm.objects.filter(taxonomy__name="Service types").delete()
    Taxonomy.objects.filter(name="Service types").delete()


def test_the_directory_exported_through_its_api_imports_into_an_empty_one_as_the_same_services(
    client: Any, feed_server: FeedServer, owner: Any
) -> None:
    ids = _our_directory(owner)
    before = {sid: _as_served(client, sid) for sid in ids}
    assert before[ids[0]]["contacts"] and before[ids[0]]["schedules"] and before[ids[0]]["attributes"]
    feed_server.pages = _export(client)
    assert len(feed_server.pages) == 2
    _empty_the_directory()
    assert not Service.objects.exists()

    out, _ = run(feed_server, owner)

    assert "3 added, 0 updated, 0 unchanged, 0 made inactive, 0 invalid" in out
    assert {sid: _as_served(client, sid) for sid in ids} == before
    assert Taxonomy.objects.get(name="Service types").terms.get().name == "Drop-in"
