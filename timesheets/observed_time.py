"""Time the system observes: how long a worker spends on one of its forms, from opening to saving.

Every form rendered with the project's form template (core/templates/django/forms/govuk.html) carries
a hidden, signed "opened at" token. When a POST carrying that token succeeds (the view redirects, as
every form view here does after a save), ObservedFormTimeMiddleware records the seconds between the
two. A form opened and abandoned never posts, so it records nothing; a form re-displayed with errors
keeps its original token, so the time spent correcting it counts. Stateless: no session writes on GET.
"""

import logging
import time
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse

from core.submissions import REPLAYED

FIELD_NAME = "_form_opened"
SALT = "staff.observed-form-time"
POSTED_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

logger = logging.getLogger(__name__)


def form_opened_token(form_name: str, *, opened_at: float | None = None) -> str:
    return signing.dumps(
        {"f": form_name[:120], "t": opened_at if opened_at is not None else time.time()}, salt=SALT
    )


def read_form_opened_token(token: str) -> tuple[str, float] | None:
    """(form name, opened at) from a genuine, recent token; None for a forged, garbled or stale one."""
    max_age = settings.TIME_OBSERVED_FORM_MAX_AGE_SECONDS
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
        form_name, opened_at = str(data["f"]), float(data["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    if not 0 <= time.time() - opened_at <= max_age:
        return None
    return form_name, opened_at


class ObservedFormTimeMiddleware:
    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # A repeated post of the same form (core/submissions.py) saved nothing, so it is not counted again.
        replayed = getattr(response, REPLAYED, False)
        if request.method == "POST" and response.status_code in (302, 303) and not replayed:
            self._observe(request)
        return response

    def _observe(self, request: HttpRequest) -> None:
        user: Any = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_casework_staff:
            return
        if request.content_type not in POSTED_CONTENT_TYPES:
            return
        try:
            token = request.POST.get(FIELD_NAME)
        except Exception:  # a view that streamed the body itself: nothing to read, nothing to record
            return
        opened = read_form_opened_token(token) if token else None
        if opened is None:
            return
        form_name, opened_at = opened
        match = request.resolver_match
        view_name = match.view_name if match else request.path
        from timesheets.services import observed_form_time_record

        try:
            observed_form_time_record(
                worker=user, seconds=time.time() - opened_at, view_name=view_name, form_name=form_name
            )
        except DatabaseError:  # observing must never cost the worker the save they just made
            logger.exception("Could not record observed form time")
