"""What the floors above families add to the families pages: caseload columns and family-record tabs.

families sits below assessments, plans, agencies and pots (ADR 004), so it never imports them. Each of
them registers here, from its `AppConfig.ready()`, the columns it adds to the caseload and the tab it
adds to a family record; the families pages show whatever is registered, in order. An app left out of
INSTALLED_APPS takes its column and its tab with it.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse


@dataclass(frozen=True)
class CaseloadColumn:
    """A column of the caseload table: `annotate` adds `fields` to the rows (no per-row queries), and
    `cell_template` renders one row's cell with `family` (the row) in its context."""

    key: str
    header: Any
    annotate: Callable[[QuerySet[Any]], QuerySet[Any]]
    fields: tuple[str, ...]
    cell_template: str
    order: int


@dataclass(frozen=True)
class FamilyTab:
    key: str
    label: Any
    url_name: str  # reversed with the family's reference
    order: int


_caseload_columns: dict[str, CaseloadColumn] = {}
_family_tabs: dict[str, FamilyTab] = {}


def register_caseload_column(column: CaseloadColumn) -> None:
    _caseload_columns[column.key] = column


def register_family_tab(tab: FamilyTab) -> None:
    _family_tabs[tab.key] = tab


def caseload_columns() -> list[CaseloadColumn]:
    return sorted(_caseload_columns.values(), key=lambda c: c.order)


def family_tabs() -> list[FamilyTab]:
    return sorted(_family_tabs.values(), key=lambda t: t.order)


def family_tab_links(reference: str, current: str) -> list[dict[str, Any]]:
    return [
        {"label": t.label, "url": reverse(t.url_name, args=[reference]), "current": t.key == current}
        for t in family_tabs()
    ]


# The read log's category of each page (families/access_log.py): each app registers its URL names from
# its AppConfig.ready(), as it registers its tabs. A page under a family that no app registered is still
# logged, as "other", with its URL name.
_look_categories: dict[str, str] = {}


def register_look_categories(categories: Mapping[str, str]) -> None:
    _look_categories.update(categories)


def look_category(url_name: str) -> str | None:
    return _look_categories.get(url_name)


def look_categories() -> dict[str, str]:
    return dict(_look_categories)


# More entries on a family's chronology from the floors above (the family's own messages, issue 11): each
# source is `fn(family, limit)` returning items with `occurred_on` (a date), `created_at` (a datetime) and
# `chronology_template`, the template that renders one entry with `item` in its context.
ChronologySource = Callable[[Any, int | None], list[Any]]
_chronology_sources: dict[str, ChronologySource] = {}


def register_chronology_source(source: ChronologySource) -> None:
    """Add a source (once, however often `ready()` runs)."""
    _chronology_sources[f"{source.__module__}.{source.__qualname__}"] = source


def chronology_sources() -> list[ChronologySource]:
    return list(_chronology_sources.values())
