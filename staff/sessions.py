"""Sessions that end: on inactivity, at the end of the working day, and at once when a user is deactivated.

- The session store is Django's database store with the user's id in an indexed column (`UserSession`),
  so `user_sessions_end` is one DELETE. A request of that user already under way cannot write its session
  back: Django's store updates (never inserts) an existing session, and an update of a deleted row fails.
- `SessionTimeoutMiddleware` signs a user out after SESSION_IDLE_TIMEOUT_MINUTES without a request, and
  SESSION_ABSOLUTE_TIMEOUT_HOURS after they signed in, whatever they do; they land on a page that says why.
- `session_expiry` (a context processor) tells the page when the working day's session is about to end.
"""

import datetime
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from staff.models import User, UserSession

STARTED_KEY = "session_started_at"  # when this user signed in (seconds since the epoch)
SEEN_KEY = "session_seen_at"  # their last request
# The last-seen time is written at most this often, so a page's images and redirects do not each save.
SEEN_RESOLUTION_SECONDS = 60

IDLE = "idle"
ABSOLUTE = "absolute"


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls) -> Any:
        return UserSession

    def create_model_instance(self, data: dict[str, Any]) -> Any:
        session: Any = super().create_model_instance(data)
        try:
            session.user_id = int(data[SESSION_KEY])
        except (KeyError, TypeError, ValueError):
            session.user_id = None
        return session


def user_sessions_end(*, user: User) -> int:
    """Signs the user out everywhere, now. Returns how many sessions ended."""
    deleted, _ = UserSession.objects.filter(user_id=user.pk).delete()
    return deleted


def _is_family_member(user: Any) -> bool:
    return bool(getattr(user, "is_family_member", False))


def idle_limit_seconds(user: Any = None) -> int:
    """Staff: SESSION_IDLE_TIMEOUT_MINUTES. Family members (issue 11): FAMILY_SESSION_IDLE_MINUTES."""
    if _is_family_member(user):
        return int(settings.FAMILY_SESSION_IDLE_MINUTES) * 60
    return int(settings.SESSION_IDLE_TIMEOUT_MINUTES) * 60


def absolute_limit_seconds(user: Any = None) -> int:
    """Staff: the working day. Family members (issue 11): FAMILY_SESSION_ABSOLUTE_MINUTES."""
    if _is_family_member(user):
        return int(settings.FAMILY_SESSION_ABSOLUTE_MINUTES) * 60
    return int(float(settings.SESSION_ABSOLUTE_TIMEOUT_HOURS) * 60 * 60)


def _expired(session: Any, now: float, user: Any = None) -> str | None:
    started = session.get(STARTED_KEY)
    seen = session.get(SEEN_KEY)
    if isinstance(started, int | float) and now - started > absolute_limit_seconds(user):
        return ABSOLUTE
    if isinstance(seen, int | float) and now - seen > idle_limit_seconds(user):
        return IDLE
    return None


# Where a family member lands when their session ends: the family's own signed-out page (a URL name, so
# this floor does not import the family_portal app above it).
FAMILY_SIGNED_OUT_URL_NAME = "family_portal:signed_out"


def session_clock_start(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """Connected to user_logged_in: the working day starts at sign-in, not at the first page after it."""
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[STARTED_KEY] = now
        request.session[SEEN_KEY] = now


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.user.is_authenticated:
            now = time.time()
            user = request.user
            reason = _expired(request.session, now, user)
            if reason is not None:
                logout(request)
                landing = FAMILY_SIGNED_OUT_URL_NAME if _is_family_member(user) else "signed_out"
                return redirect(f"{reverse(landing)}?{urlencode({'reason': reason})}")
            request.session.setdefault(STARTED_KEY, now)
            if now - float(request.session.get(SEEN_KEY) or 0) >= SEEN_RESOLUTION_SECONDS:
                request.session[SEEN_KEY] = now
        return self.get_response(request)


def session_expiry(request: HttpRequest) -> dict[str, Any]:
    """When the signed-in session ends at the latest, and whether that is soon enough to warn about."""
    user = getattr(request, "user", None)
    started = getattr(request, "session", {}).get(STARTED_KEY) if user and user.is_authenticated else None
    if not isinstance(started, int | float):
        return {}
    if _is_family_member(user):
        # The family's pages say how long a quiet session lasts; the working day's warning is the staff's.
        return {"session_idle_minutes": settings.FAMILY_SESSION_IDLE_MINUTES}
    ends = started + absolute_limit_seconds()
    warn = int(settings.SESSION_WARNING_MINUTES) * 60
    return {
        "session_idle_minutes": settings.SESSION_IDLE_TIMEOUT_MINUTES,
        "session_ends_at": datetime.datetime.fromtimestamp(ends, tz=datetime.UTC).astimezone(
            timezone.get_current_timezone()
        ),
        "session_ending_soon": ends - time.time() <= warn,
    }
