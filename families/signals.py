"""News about a family that the family itself may hear of (issue 11).

The services of the floors below the family's own pages (plans, agencies, pots, families) send
`family_news` once their change has committed (`send_family_news` defers to `transaction.on_commit`).
They never import the family's pages: `family_portal` connects a receiver that tells each member who
may see it, by their channel and in their language, once per event (its sent-log).

`key` names the event uniquely and stably (for example "plan:12:v7"), so a retried task or a service
that runs twice does not tell anyone twice.
"""

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction
from django.dispatch import Signal

# Sent with: family (Family), kind (one of the names below), key (str), obj (the model instance or None).
family_news = Signal()

PLAN_CHANGED = "plan_changed"
REVIEW_BOOKED = "review_booked"
REVIEW_DUE = "review_due"
REFERRAL_ANSWERED = "referral_answered"
HELP_APPROVED = "help_approved"
WORKER_CHANGED = "worker_changed"
KINDS = (PLAN_CHANGED, REVIEW_BOOKED, REVIEW_DUE, REFERRAL_ANSWERED, HELP_APPROVED, WORKER_CHANGED)


_paused: contextvars.ContextVar[bool] = contextvars.ContextVar("family_news_paused", default=False)


@contextmanager
def news_paused() -> Iterator[None]:
    """Records written inside are not news to anyone: demo data, and records brought in from another
    system, which happened before the family was invited."""
    token = _paused.set(True)
    try:
        yield
    finally:
        _paused.reset(token)


def news_is_paused() -> bool:
    """Inside `news_paused()`: for receivers of other signals (a family's closure) that tell families."""
    return _paused.get()


def send_family_news(*, family: Any, kind: str, key: str, obj: Any = None) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown family news {kind!r}")
    if _paused.get():
        return
    family_id = family.pk
    transaction.on_commit(
        lambda: family_news.send(sender=type(family), family_id=family_id, kind=kind, key=key, obj=obj)
    )
