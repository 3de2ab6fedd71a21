"""Every write of the partner API's keys: made, revoked, used."""

import datetime
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.history import save_with_actor
from partner_api.models import ApiKey
from partners.models import Agency
from staff.models import User

KEY_START = "poo"
# How stale "last used" may get before a request writes it again: one write a minute, not one a request.
LAST_USED_GRANULARITY = datetime.timedelta(minutes=1)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def split_key(key: str) -> tuple[str, str] | None:
    """The prefix of a well-formed key (`poo_<prefix>_<secret>`), else None."""
    parts = key.split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_START or not parts[1] or not parts[2]:
        return None
    return parts[1], parts[2]


@transaction.atomic
def apikey_create(*, actor: User | None, agency: Agency, name: str) -> tuple[ApiKey, str]:
    """A new key for the agency; returns the key row and the key itself, which is never shown again."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Enter a name for the key.")})
    if ApiKey.objects.filter(agency=agency, name__iexact=name, revoked_at__isnull=True).exists():
        raise ValidationError({"name": _("The agency already has a key with this name.")})
    prefix = secrets.token_hex(4)
    while ApiKey.objects.filter(prefix=prefix).exists():  # pragma: no cover - 1 in 4 billion
        prefix = secrets.token_hex(4)
    key = f"{KEY_START}_{prefix}_{secrets.token_urlsafe(32)}"
    row = ApiKey(agency=agency, name=name, prefix=prefix, hashed_secret=hash_key(key), created_by=actor)
    save_with_actor(row, actor=actor, reason="API key created")
    return row, key


@transaction.atomic
def apikey_revoke(*, actor: User | None, key: ApiKey) -> ApiKey:
    key = ApiKey.objects.select_for_update().get(pk=key.pk)
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        save_with_actor(key, actor=actor, reason="API key revoked", update_fields=["revoked_at"])
    return key


def apikey_touch(*, key: ApiKey, now: datetime.datetime | None = None) -> None:
    """Note that the key was used. `last_used_at` is outside the key's history, so a plain UPDATE writes
    it without a history row (at most once a minute per key)."""
    now = now or timezone.now()
    if key.last_used_at is not None and now - key.last_used_at < LAST_USED_GRANULARITY:
        return
    ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
    key.last_used_at = now
