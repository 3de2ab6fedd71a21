"""Sign-in that a stranger cannot turn against a user (docs/decisions/006-sign-in-lockout.md).

django-axes locks the pair (username, client address), so failures from one address never lock the same
username elsewhere. Behind a reverse proxy every request comes from the proxy's address; `client_ip` reads
the real one from the header the trusted proxies append to, counting TRUSTED_PROXY_COUNT hops from the
right (a client can put anything on the left of that header, so the left is never believed). A locked
user can clear their failed attempts through a signed, expiring link emailed to their own address.
"""

import ipaddress
from typing import Any

from axes.utils import reset
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from core.email import send_templated_email
from staff.models import User

UNLOCK_SALT = "staff.sign_in.unlock"
# One unlock email per account in this many seconds, however often someone asks for one.
UNLOCK_EMAIL_INTERVAL_SECONDS = 5 * 60


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or with trusted proxies the address the outermost one saw."""
    remote = request.META.get("REMOTE_ADDR")
    hops = int(settings.TRUSTED_PROXY_COUNT)
    if hops <= 0:
        return remote
    forwarded = [part for part in str(request.META.get(settings.TRUSTED_PROXY_HEADER, "")).split(",") if part]
    if len(forwarded) < hops:
        return remote  # not through the proxies we were told about: trust only the connection
    return _valid_ip(forwarded[-hops]) or remote


def unlock_token(user: User) -> str:
    return signing.dumps({"u": user.pk}, salt=UNLOCK_SALT, compress=True)


def user_for_unlock_token(token: str) -> User | None:
    max_age = int(settings.STAFF_UNLOCK_LINK_MAX_AGE_MINUTES) * 60
    try:
        data: Any = signing.loads(token, salt=UNLOCK_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    return User.objects.filter(pk=data["u"], is_active=True).first()


def unlock_email_send(*, request: HttpRequest, username: str) -> None:
    """Emails the account's own address a link that unlocks it. Says nothing about whether it exists."""
    user = User.objects.filter(username=username, is_active=True).exclude(email="").first()
    if user is None or not cache.add(f"staff:unlock-email:{user.pk}", 1, UNLOCK_EMAIL_INTERVAL_SECONDS):
        return
    link = request.build_absolute_uri(reverse("unlock_confirm", args=[unlock_token(user)]))
    context = {"user": user, "link": link, "minutes": settings.STAFF_UNLOCK_LINK_MAX_AGE_MINUTES}
    send_templated_email(
        to=[user.email],
        subject=_("Unlock your Power of One account"),
        text_template="staff/unlock_email.txt",
        context=context,
    )


def sign_in_failures_clear(*, user: User) -> None:
    """Clears every failed attempt for the username, from every address (the unlock link, a new password)."""
    reset(username=user.get_username())
