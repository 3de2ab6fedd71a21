"""The read log: every look at a family record, written as one insert per request.

How a look is noticed. `families.permissions.family_for` (the one access path of every family page)
notes the family on the current request; pages that reach a family another way (an agency's email link,
the agency portal, an export) call `record_look` themselves. `ReadLogMiddleware` keeps the request's notes
in a context variable and, once the view has answered with a 2xx, writes them in one INSERT, with the
category registered for the page's URL name (families/registry.py), who, from where and why.

A 404 leaves no row: the user saw nothing, and `family_for` never learns which family a stranger meant
(the reference may not exist). Redirects after a write leave none either: the write is in the history.

The log is append-only (families/models.py `RecordLook`, migration 0003). Rows past the retention
(`READ_LOG_RETENTION_DAYS`) leave through `read_log_purge` only: it opens the database's purge gate for
its own transaction, naming a cutoff, and the trigger lets a DELETE through only for rows older than it.
"""

import contextvars
import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from families import registry
from families.models import Family, RecordLook


@dataclass
class _Look:
    category: str = ""
    agency_inbox: str = ""
    referral_response_id: int | None = None
    reason: str = ""


# family id -> what was looked at; None outside a request that ReadLogMiddleware serves.
_looks: contextvars.ContextVar[dict[int, _Look] | None] = contextvars.ContextVar("read_log", default=None)


def note_family(family: Family) -> None:
    """Called by `family_for`: this request shows this family (written only if it answers 2xx)."""
    looks = _looks.get()
    if looks is not None and family.pk not in looks:
        looks[family.pk] = _Look()


def record_look(
    *,
    request: HttpRequest | None,
    family: Family | int,
    category: str = "",
    user: Any = None,
    agency_inbox: str = "",
    referral_response_id: int | None = None,
    reason: str = "",
) -> None:
    """Record a look at `family` by a page that does not go through `family_for`.

    Inside a request, the look joins the request's one insert, written if the page answers 2xx (so
    call it before returning the response). Outside one (a task, a command), it is written at once and
    needs `request=None` with `user` or `agency_inbox`. `category` is a `RecordLook.Category` value;
    blank takes the page's registered category.
    """
    family_id = family if isinstance(family, int) else family.pk
    look = _Look(category, agency_inbox, referral_response_id, reason)
    looks = _looks.get()
    if looks is not None and request is not None:
        looks[family_id] = look
        return
    RecordLook.objects.create(
        family_id=family_id,
        user=user,
        category=category or RecordLook.Category.OTHER,
        agency_inbox=agency_inbox,
        referral_response_id=referral_response_id,
        reason=reason,
        **(_where(request) if request is not None else {}),
    )


def _where(request: HttpRequest) -> dict[str, Any]:
    # django-axes reads the client address as configured for the proxy (AXES_CLIENT_IP_CALLABLE or its
    # ipware settings), so sign-in lockouts and the read log agree; unconfigured, it is REMOTE_ADDR.
    return {
        "ip_address": get_client_ip_address(request) or None,
        "user_agent": request.META.get("HTTP_USER_AGENT", "")[:300],
    }


def _rows(request: HttpRequest, looks: dict[int, _Look]) -> list[RecordLook]:
    match = request.resolver_match
    url_name = match.view_name if match else ""
    page_category = registry.look_category(url_name) or RecordLook.Category.OTHER
    user = getattr(request, "user", None)
    user_id = user.pk if user is not None and user.is_authenticated else None
    where = _where(request)
    now = timezone.now()
    return [
        RecordLook(
            at=now,
            family_id=family_id,
            user_id=user_id,
            category=look.category or page_category,
            url_name=url_name[:100],
            agency_inbox=look.agency_inbox,
            referral_response_id=look.referral_response_id,
            reason=look.reason,
            **where,
        )
        for family_id, look in looks.items()
        if user_id is not None or look.agency_inbox
    ]


class ReadLogMiddleware:
    """Collects the families a request shows and writes them in one insert after a 2xx answer."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _looks.set({})
        try:
            response = self.get_response(request)
            looks = _looks.get()
            if looks and 200 <= response.status_code < 300:
                rows = _rows(request, looks)
                if rows:
                    RecordLook.objects.bulk_create(rows)
            return response
        finally:
            _looks.reset(token)


# The purge gate (see migration 0003). PostgreSQL: a transaction-local setting naming the cutoff.
# SQLite: a function the trigger calls, answering from this context variable on the same thread.
PG_GATE = "families.read_log_purge_before"
_sqlite_gate: contextvars.ContextVar[str | None] = contextvars.ContextVar("read_log_gate", default=None)


def sqlite_purge_cutoff() -> str | None:
    return _sqlite_gate.get()


def register_sqlite_gate(sender: Any, connection: Any, **kwargs: Any) -> None:
    """connection_created: give each SQLite connection the gate function its trigger calls."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("read_log_purge_cutoff", 0, sqlite_purge_cutoff)


@contextmanager
def _purge_gate(cutoff: datetime.datetime) -> Iterator[None]:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, %s, true)", [PG_GATE, cutoff.isoformat()])
        yield
        return
    # SQLite stores aware datetimes as naive UTC text, which compares in time order.
    token = _sqlite_gate.set(cutoff.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(" "))
    try:
        yield
    finally:
        _sqlite_gate.reset(token)


def read_log_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete the looks older than READ_LOG_RETENTION_DAYS: the one path that removes read-log rows."""
    days = max(int(settings.READ_LOG_RETENTION_DAYS), 1)
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    with transaction.atomic(), _purge_gate(cutoff), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {RecordLook._meta.db_table} WHERE at < %s", [cutoff])  # noqa: S608
        return cursor.rowcount
