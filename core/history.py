"""Field-by-field history for the History tab: who changed what, when, old value -> new value, and why.

Reads django-simple-history's records in one query per model and diffs consecutive versions in Python,
so the page's query count does not grow with the number of changes.
"""

import contextlib
import contextvars
import datetime
import functools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

ACTIONS = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}
# Bookkeeping fields that change on every save and would only add noise.
IGNORED_FIELDS = {"updated_at", "version", "search_text"}


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime.datetime
    who: str
    subject: str
    action: str
    changes: tuple[FieldChange, ...]
    reason: str


def _display(field: models.Field, value: Any, related_labels: dict[tuple[Any, Any], str]) -> str:
    if value is None or value == "":
        return ""
    if field.is_relation:
        return related_labels.get((field.related_model, value), str(value))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, datetime.datetime):
        return value.strftime("%d %b %Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d %b %Y")
    return str(value)


def history_entries(
    history_querysets: Iterable[tuple[Any, models.QuerySet]], *, limit: int | None = None, names: bool = True
) -> list[HistoryEntry]:
    """Entries newest first from several (subject label, historical queryset) pairs.

    `subject label` is a callable taking the historical record (e.g. lambda r: f"Member {r.first_name}")
    or a plain string. `names=False` leaves related objects as their ids (no query per related model),
    for a caller that counts or filters the entries and shows none of their values.
    """
    loaded: list[tuple[Any, list[Any], list[models.Field]]] = []
    for subject, queryset in history_querysets:
        records = list(queryset.select_related("history_user").order_by("id", "history_date", "history_id"))
        if not records:
            continue
        fields = [
            f
            for f in records[0].tracked_fields
            if f.name not in IGNORED_FIELDS and not f.name.endswith("_ptr")
        ]
        loaded.append((subject, records, fields))
    related_labels = _related_labels([(fields, records) for _, records, fields in loaded]) if names else {}
    entries: list[HistoryEntry] = []
    for subject, records, fields in loaded:
        previous: dict[Any, Any] = {}
        for record in records:
            before = previous.get(record.id)
            changes: list[FieldChange] = []
            for field in fields:
                attname = field.attname
                new_value = getattr(record, attname)
                if before is None:
                    continue
                old_value = getattr(before, attname)
                if old_value != new_value:
                    changes.append(
                        FieldChange(
                            field=str(field.verbose_name).capitalize(),
                            old=_display(field, old_value, related_labels),
                            new=_display(field, new_value, related_labels),
                        )
                    )
            previous[record.id] = record
            if before is not None and not changes and record.history_type == "~":
                continue
            user = record.history_user
            entries.append(
                HistoryEntry(
                    when=record.history_date,
                    who=(user.get_full_name() or user.username) if user else str(_("System")),
                    subject=subject(record) if callable(subject) else str(subject),
                    action=str(ACTIONS.get(record.history_type, record.history_type)),
                    changes=tuple(changes),
                    reason=record.history_change_reason or "",
                )
            )
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit] if limit else entries


def _related_labels(loaded: list[tuple[list[models.Field], list[Any]]]) -> dict[tuple[Any, Any], str]:
    """Names for the objects the records point to: one query per related model, whatever the number of
    histories and foreign keys pointing to it (a family's records, its members' and its notes' all
    name the family and workers)."""
    labels: dict[tuple[Any, Any], str] = {}
    ids_by_model: dict[Any, set[Any]] = defaultdict(set)
    for fields, records in loaded:
        for field in fields:
            if not field.is_relation or not isinstance(field.related_model, type):
                continue
            ids = ids_by_model[field.related_model]
            for record in records:
                value = getattr(record, field.attname)
                if value is not None:
                    ids.add(value)
    for related_model, ids in ids_by_model.items():
        if not ids:
            continue
        for pk, obj in related_model._default_manager.in_bulk(list(ids)).items():
            label = obj.get_full_name() if hasattr(obj, "get_full_name") else str(obj)
            labels[(related_model, pk)] = label or str(obj)
    return labels


_reason_for_every_save: contextvars.ContextVar[str] = contextvars.ContextVar("history_reason", default="")


@contextlib.contextmanager
def history_reason(reason: str) -> Iterator[None]:
    """Every history row written inside gives `reason` ("imported from caseload.csv"), whatever reason the
    service would give itself: a bulk import calls the ordinary services, and each of their rows must
    say where it came from."""
    token = _reason_for_every_save.set(reason)
    try:
        yield
    finally:
        _reason_for_every_save.reset(token)


def save_with_actor(obj: models.Model, *, actor: Any, reason: str = "", **kwargs: Any) -> None:
    """Save a tracked object so its history row names who acted and, where given, why.

    Every service writes through this, so the web, the admin, Celery tasks and management commands all
    record the actor the same way.
    """
    obj._history_user = actor  # type: ignore[attr-defined]
    reason = _reason_for_every_save.get() or reason
    if reason:
        obj._change_reason = reason  # type: ignore[attr-defined]
    obj.save(**kwargs)


@functools.cache
def history_records(model: type[models.Model]) -> Any:
    """The model's historical records (what `Model.history` gives) through their plain manager.

    `Model.history` builds a new manager class (with `inspect.getmembers`) on every access, which cost
    more than the SQL on a History tab; the history tabs read their querysets from here instead.
    """
    return model.history.model._default_manager  # type: ignore[attr-defined]
