"""Two-step verification: an authenticator app (TOTP, django-otp) and one-time backup codes.

Every write records a row on the user's history with the reason (the Django admin shows it with the user),
and the devices themselves are listed in the admin under "TOTP devices" and "Static devices".
"""

import time
from base64 import b32encode
from binascii import unhexlify

from django.db import transaction
from django_otp import verify_token
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from core.history import save_with_actor
from staff.models import User

BACKUP_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"
TOTP_DIGITS = 6


def new_key() -> str:
    """A new secret for an authenticator app: 20 random bytes, hex-encoded (as TOTPDevice stores it)."""
    return random_hex(20)


def key_for_people(key: str) -> str:
    """The secret as an authenticator app asks for it: base32, in groups of four for typing."""
    encoded = b32encode(unhexlify(key)).decode()
    return " ".join(encoded[i : i + 4] for i in range(0, len(encoded), 4))


def setup_uri(*, user: User, key: str) -> str:
    """The otpauth:// address an authenticator app reads from the QR code."""
    return TOTPDevice(user=user, key=key, digits=TOTP_DIGITS).config_url


def normalise_code(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def _app_code_time_step(key: str, code: str) -> int | None:
    """The time step an app code belongs to (now, or one step either side), or None if it is wrong."""
    if not (len(code) == TOTP_DIGITS and code.isdigit()):
        return None
    totp = TOTP(unhexlify(key), digits=TOTP_DIGITS)
    totp.time = time.time()
    if totp.verify(int(code), tolerance=1):
        return totp.t()
    return None


def has_two_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def app_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def backup_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def verify_code(*, user: User, code: str) -> Device | None:
    """The device that accepts `code` (an app code, or a backup code, which is then used up), or None.

    Six digits are checked against the app, anything else against the backup codes, so a mistyped
    backup code never counts against the app's throttling (django-otp slows down repeated failures).
    """
    code = normalise_code(code)
    if not code:
        return None
    model: type[Device] = TOTPDevice if (len(code) == TOTP_DIGITS and code.isdigit()) else StaticDevice
    for device in model.objects.filter(user=user, confirmed=True):
        verified = verify_token(user, device.persistent_id, code)
        if verified is not None:
            return verified
    return None


def _record(*, actor: User | None, user: User, reason: str) -> None:
    """A row on the user's history saying what happened and who did it (no field of the user changes)."""
    save_with_actor(
        User.objects.select_for_update().get(pk=user.pk), actor=actor, reason=reason, update_fields=["role"]
    )


def _new_backup_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def two_factor_enable(*, actor: User, user: User, key: str, code: str) -> tuple[TOTPDevice, list[str]] | None:
    """Confirm a new authenticator app with a code it shows; returns the device and new backup codes.

    Returns None, saving nothing, when the code is wrong. Replaces any app and backup codes set up before.
    """
    time_step = _app_code_time_step(key, normalise_code(code))
    if time_step is None:
        return None
    TOTPDevice.objects.filter(user=user).delete()
    # last_t: the code just used to confirm cannot be used again to sign in.
    device = TOTPDevice.objects.create(
        user=user, name=APP_DEVICE_NAME, key=key, digits=TOTP_DIGITS, confirmed=True, last_t=time_step
    )
    codes = _new_backup_codes(user)
    _record(actor=actor, user=user, reason="Two-step verification turned on (authenticator app set up)")
    return device, codes


@transaction.atomic
def backup_codes_regenerate(*, actor: User, user: User) -> list[str]:
    """New backup codes; the old ones stop working."""
    codes = _new_backup_codes(user)
    _record(actor=actor, user=user, reason="New backup codes for two-step verification")
    return codes


@transaction.atomic
def two_factor_disable(*, actor: User, user: User) -> None:
    """Remove the authenticator app and the backup codes."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    _record(actor=actor, user=user, reason="Two-step verification turned off")
