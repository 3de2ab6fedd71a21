"""Benchmarks for the service directory: the Open Referral UK API and the public search, as the public, and
the staff list with how each agency answers referrals, as a lead.

The search and the API must not slow down as the directory grows (issue 14): each is measured on a
directory of 30 services and of 3,000, and the larger one's p95 may be at most 25% above the smaller's.
Each size is made inside a transaction that is rolled back afterwards (services removed, or copies of
the catalogue's added, each in words of its own), so the bench database keeps its dataset for the next
run.
"""

import re
from typing import Any

from django.db import connection
from django.urls import reverse
from simple_history.utils import bulk_create_with_history

from devtools.bench import BenchContext, Benchmark, PageBenchmark, RolledBack
from directory import search
from directory.models import Location, Organization, Service, ServiceAtLocation

TARGET_P95_MS = 100.0
TARGET_RATIO = 4.0
SMALL, LARGE = 30, 3000
WORD_RE = re.compile(r"[^\W\d_]+")
MAX_GROWTH = 0.25  # p95 at LARGE services at most 1.25x the p95 at SMALL


def benchmarks(ctx: BenchContext) -> list[Benchmark]:
    service = Service.objects.filter(status__in=Service.PUBLIC_STATUSES).order_by("name", "id").first()
    if service is None:
        return []
    return [
        # Anonymous (user None): the API and the public pages need no sign-in.
        PageBenchmark(
            "Directory API: services, page of 50",
            None,
            reverse("directory:api_services"),
            data={"per_page": 50},
            max_queries=3,  # the count, the page, and Last-Modified
            target_p95_ms=TARGET_P95_MS,
            target_ratio=TARGET_RATIO,
        ),
        PageBenchmark(
            "Directory API: services, search and need filter",
            None,
            reverse("directory:api_services"),
            data={"per_page": 50, "search": "advice", "taxonomy_term_id": _money_term_id()},
            max_queries=3,
            target_p95_ms=TARGET_P95_MS,
            target_ratio=TARGET_RATIO,
        ),
        PageBenchmark(
            "Directory API: one full service",
            None,
            reverse("directory:api_service", args=[service.pk]),
            max_queries=7,
            target_p95_ms=TARGET_P95_MS,
            target_ratio=TARGET_RATIO,
        ),
        PageBenchmark(
            "Public directory search: need and area",
            None,
            reverse("directory:search"),
            data={"need": "money", "area": "NR2"},
            max_queries=6,
            target_p95_ms=TARGET_P95_MS,
            target_ratio=TARGET_RATIO,
        ),
        PageBenchmark(
            "Public directory search: free text",
            None,
            reverse("directory:search"),
            data={"q": "family support"},
            max_queries=5,
            target_p95_ms=TARGET_P95_MS,
            target_ratio=TARGET_RATIO,
        ),
        *_staff_benchmarks(ctx),
        *_growth_benchmarks(),
    ]


def _staff_benchmarks(ctx: BenchContext) -> list[Benchmark]:
    return [
        # The agencies' referral figures are one read for the page, however many services it lists.
        PageBenchmark(
            "Staff directory list, with how referrals are answered",
            ctx.lead,
            reverse("directory:manage"),
            max_queries=5,  # session, user, the count, the page, the agencies' referral figures
            target_p95_ms=TARGET_P95_MS,
            target_ratio=TARGET_RATIO,
            skip="" if ctx.lead is not None else "no lead practitioner in the dataset",
        ),
    ]


class _Sized(RolledBack):
    """The directory at `size` services for one benchmark, in a transaction rolled back afterwards."""

    def __init__(self, size: int, etag_for: dict[str, Any] | None = None) -> None:
        self.size = size
        self.etag_for = etag_for  # a conditional request: the headers to fill with the answer's ETag

    def prepare(self) -> None:
        self.begin()
        have = Service.objects.count()
        if have > self.size:
            newest = Service.objects.order_by("-created_at", "-id").values_list("pk", flat=True)
            doomed = list(newest[: have - self.size])
            ServiceAtLocation.objects.filter(service__in=doomed).delete()
            Service.objects.filter(pk__in=doomed).delete()
        elif have < self.size:
            _copy_services(self.size - have)
        if connection.vendor == "postgresql":  # fresh statistics for this size, as a directory in use has
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {', '.join(_tables())}")
        if self.etag_for is not None:
            from django.test import Client

            answer = Client().get(reverse("directory:api_services"), {"per_page": 100})
            self.etag_for["If-None-Match"] = answer["ETag"]

    def teardown(self) -> None:
        self.rollback()
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # The rolled-back rows' index entries stay until a vacuum, as autovacuum soon gives a directory
            # in use; without it, every later size searches the dead rows of the earlier ones.
            with connection.cursor() as cursor:
                cursor.execute(f"VACUUM ANALYZE {', '.join(_tables())}")


def _tables() -> list[str]:
    models = (Organization, Service, ServiceAtLocation, Service.taxonomy_terms.through)
    return [model._meta.db_table for model in models]


def _tag(index: int) -> str:
    """Letters unique to one copy ("qa", "qb", ... "qaa"): its own words, as another service has."""
    letters = ""
    index += 1
    while index:
        index, digit = divmod(index - 1, 26)
        letters = chr(ord("a") + digit) + letters
    return "q" + letters


def _own_words(text: str, tag: str) -> str:
    """The text with every word made the copy's own ("family" -> "familyqab"): a directory of 3,000
    services is 3,000 different services, so the same search finds about as many as at 30; what the
    bench measures is whether finding them costs more when the directory is larger."""
    return WORD_RE.sub(lambda word: word.group(0) + tag, text)


def _copy_services(count: int) -> None:
    """`count` more services shaped like the existing ones (same lengths, needs, ages, places), each in
    words of its own, run by organisations of their own (one copy of each organisation per round)."""
    originals = list(
        Service.objects.select_related("organization").prefetch_related(
            "taxonomy_terms", "service_at_locations"
        )
    )
    organizations: dict[tuple[int, Any], Organization] = {}  # each round of copies has its own
    copies, links, terms = [], [], []
    for index in range(count):
        original = originals[index % len(originals)]
        tag = _tag(index)
        round_tag = _tag(index // len(originals))
        organization = organizations.setdefault(
            (index // len(originals), original.organization_id),
            Organization(
                name=_own_words(original.organization.name, round_tag),
                description=_own_words(original.organization.description, round_tag),
                agency_id=original.organization.agency_id,
            ),
        )
        copy = Service(
            organization=organization,
            name=_own_words(original.name, tag),
            description=_own_words(original.description, tag),
            eligibility_description=_own_words(original.eligibility_description, tag),
            minimum_age=original.minimum_age,
            maximum_age=original.maximum_age,
            fees=original.fees,
            languages=original.languages,
            owner_id=original.owner_id,
            last_reviewed_on=original.last_reviewed_on,
        )
        copies.append(copy)
        links += [
            ServiceAtLocation(service=copy, location_id=link.location_id)
            for link in original.service_at_locations.all()
        ]
        terms += [
            Service.taxonomy_terms.through(service_id=copy.pk, taxonomyterm_id=term.pk)
            for term in original.taxonomy_terms.all()
        ]
    # With their history rows, as the demo's bulk services have (the whole size is rolled back afterwards).
    bulk_create_with_history(
        list(organizations.values()), Organization, batch_size=1000, default_change_reason="Bench data"
    )
    bulk_create_with_history(copies, Service, batch_size=1000, default_change_reason="Bench data")
    bulk_create_with_history(links, ServiceAtLocation, batch_size=1000, default_change_reason="Bench data")
    Service.taxonomy_terms.through.objects.bulk_create(terms, batch_size=1000)
    search.refresh_search_vectors(Service.objects.filter(pk__in=[c.pk for c in copies]))


def _growth_benchmarks() -> list[Benchmark]:
    """Each page at SMALL and at LARGE services, the larger compared with the smaller (p95)."""
    if not Location.objects.exists():
        return []
    # (label, url, query, conditional, same content at both sizes). A page of 100 holds 30 entries at 30
    # services and 100 at 3,000: its content grows, so it is measured but compared only where the page is
    # the same size at both (a page of 30), as issue 16 asks of pages whose content grows with the data.
    services = reverse("directory:api_services")
    pages: list[tuple[str, str, dict[str, Any], bool, bool]] = [
        (
            "public search, free text and area",
            reverse("directory:search"),
            {"q": "family support", "area": "NR2"},
            False,
            True,
        ),
        ("API services, page of 30", services, {"per_page": 30}, False, True),
        ("API services, page of 100 (30 entries at 30 services)", services, {"per_page": 100}, False, False),
        ("API services, page of 100, unchanged (304)", services, {"per_page": 100}, True, True),
    ]
    benches: list[Benchmark] = []
    for label, url, data, conditional, same_content in pages:
        small_headers: dict[str, str] = {}
        large_headers: dict[str, str] = {}
        small = _Sized(SMALL, small_headers if conditional else None)
        large = _Sized(LARGE, large_headers if conditional else None)
        small_name = f"Directory of {SMALL} services: {label}"
        benches.append(
            PageBenchmark(
                small_name,
                None,
                url,
                data=data,
                headers=small_headers,
                prepare=small.prepare,
                teardown=small.teardown,
            )
        )
        benches.append(
            PageBenchmark(
                f"Directory of {LARGE:,} services: {label}",
                None,
                url,
                data=data,
                headers=large_headers,
                prepare=large.prepare,
                teardown=large.teardown,
                compare_with=small_name if same_content else "",
                compare_on="p95",
                max_slowdown=MAX_GROWTH,
            )
        )
    return benches


def _money_term_id() -> str:
    from directory.needs import need_term_id

    return str(need_term_id("money"))
