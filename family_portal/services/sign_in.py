"""Signing in with a one-time code (the family side; ADR 006's lockout rules, for codes).

- A code is 6 digits, kept only as an HMAC-SHA256 keyed with SECRET_KEY (and the member's access), lives
  FAMILY_CODE_LIFETIME_MINUTES, works once, and a new code ends the older ones.
- At most FAMILY_CODE_MAX_ATTEMPTS wrong codes per member in an hour, and IP_FAILURES_PER_HOUR from one
  client address; once over, even the right code is refused until the hour has passed.
- At most CODES_PER_HOUR codes are sent to one member in an hour.
- Nothing here tells a stranger whether an address is registered: the caller answers the same either way.
"""

import datetime
import hashlib
import hmac
import secrets
from enum import StrEnum

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.email import send_templated_email
from core.history import save_with_actor
from family_portal.models import MemberAccess, SignInCode, SignInFailure
from family_portal.services.invitations import text_send

HOUR = datetime.timedelta(hours=1)
CODES_PER_HOUR = 5  # codes sent to one member
IP_FAILURES_PER_HOUR = 20  # wrong codes from one client address, whichever members they were for


class Outcome(StrEnum):
    SIGNED_IN = "signed_in"
    WRONG = "wrong"
    STALE = "stale"  # the right code, but used already or expired
    LOCKED = "locked"


def code_hash(*, access_id: int, code: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"family-sign-in:{access_id}:{code}".encode(), hashlib.sha256).hexdigest()


def access_for_address(*, kind: str, address: str) -> MemberAccess | None:
    """The one open access that signs in with this address (email or mobile), or None."""
    matches = MemberAccess.objects.exclude(status=MemberAccess.Status.WITHDRAWN).select_related(
        "person__family", "user"
    )
    matches = matches.filter(email__iexact=address) if kind == "email" else matches.filter(phone=address)
    open_ones = [access for access in matches if access.is_open and access.user.is_active]
    return open_ones[0] if len(open_ones) == 1 else None


def _lifetime() -> datetime.timedelta:
    return datetime.timedelta(minutes=int(settings.FAMILY_CODE_LIFETIME_MINUTES))


@transaction.atomic
def sign_in_code_send(*, kind: str, address: str, ip_address: str | None) -> bool:
    """Send a fresh code to the address if it belongs to a member with open access (and they have not
    had too many codes this hour). True if a code was sent; the caller must not tell the visitor."""
    found = access_for_address(kind=kind, address=address)
    if found is None:
        return False
    access = MemberAccess.objects.select_for_update().get(pk=found.pk)
    now = timezone.now()
    if SignInCode.objects.filter(access=access, created_at__gte=now - HOUR).count() >= CODES_PER_HOUR:
        return False
    SignInCode.objects.filter(access=access, used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
    code = f"{secrets.randbelow(10**6):06d}"
    SignInCode.objects.create(
        access=access,
        sent_to=address,
        code_hash=code_hash(access_id=access.pk, code=code),
        created_at=now,
        expires_at=now + _lifetime(),
        ip_address=ip_address,
    )
    language = access.language
    # Sent once the row is saved (the member is waiting for it); the code itself is never stored.
    transaction.on_commit(lambda: _deliver(kind=kind, address=address, code=code, language=language))
    return True


def _deliver(*, kind: str, address: str, code: str, language: str) -> None:
    minutes = settings.FAMILY_CODE_LIFETIME_MINUTES
    with translation.override(language):
        if kind == "text":
            body = _("Your Power of One code is %(code)s. It works for %(minutes)s minutes. Do not share it.")
            text_send(to=address, body=body % {"code": code, "minutes": minutes})
            return
        send_templated_email(
            to=[address],
            subject=_("Your code to sign in: %(code)s") % {"code": code},
            text_template="family_portal/email/sign_in_code.txt",
            context={"code": code, "minutes": minutes},
        )


def _locked(*, access: MemberAccess | None, ip_address: str | None, since: datetime.datetime) -> bool:
    if ip_address and (
        SignInFailure.objects.filter(ip_address=ip_address, at__gte=since).count() >= IP_FAILURES_PER_HOUR
    ):
        return True
    if access is None:
        return False
    failures = SignInFailure.objects.filter(access=access, at__gte=since).count()
    return failures >= int(settings.FAMILY_CODE_MAX_ATTEMPTS)


@transaction.atomic
def sign_in_code_check(
    *, kind: str, address: str, code: str, ip_address: str | None
) -> tuple[Outcome, MemberAccess | None]:
    """Check a code typed for this address. Every wrong code is recorded, for the member and the client
    address; a locked member or address is refused whatever the code."""
    now = timezone.now()
    found = access_for_address(kind=kind, address=address)
    access = MemberAccess.objects.select_for_update().get(pk=found.pk) if found else None
    if _locked(access=access, ip_address=ip_address, since=now - HOUR):
        return Outcome.LOCKED, None
    latest = (
        SignInCode.objects.select_for_update().filter(access=access).order_by("-created_at", "-pk").first()
        if access is not None
        else None
    )
    right = latest is not None and hmac.compare_digest(
        latest.code_hash, code_hash(access_id=latest.access_id, code=code)
    )
    if latest is not None and latest.used_at is None:
        latest.attempts += 1
    live = latest is not None and latest.used_at is None and latest.expires_at > now
    if access is not None and latest is not None and right and live:
        latest.used_at = now
        latest.save(update_fields=["attempts", "used_at"])
        if access.status == MemberAccess.Status.INVITED:
            access.status = MemberAccess.Status.ACTIVE
            save_with_actor(access, actor=access.user, reason=_("Signed in for the first time"))
        return Outcome.SIGNED_IN, access
    if latest is not None:
        latest.save(update_fields=["attempts"])
    SignInFailure.objects.create(access=access, ip_address=ip_address, at=now)
    return (Outcome.STALE if right else Outcome.WRONG), None
