"""The addresses a member signs in with: an email address, or a UK mobile number in one written form."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

_MOBILE = re.compile(r"^07\d{9}$")


def normalise_mobile(value: str) -> str | None:
    """A UK mobile number as 07xxxxxxxxx (from "07700 900123", "+44 7700 900123", "(07700) 900-123");
    None if it is not one."""
    digits = re.sub(r"[\s().-]", "", value or "")
    if digits.startswith("+44"):
        digits = "0" + digits[3:]
    elif digits.startswith("0044"):
        digits = "0" + digits[4:]
    return digits if _MOBILE.match(digits) else None


def normalise_email(value: str) -> str | None:
    value = (value or "").strip()
    try:
        validate_email(value)
    except ValidationError:
        return None
    return value.lower()


def read_address(value: str) -> tuple[str, str] | None:
    """("email", address) or ("text", mobile number) for what a member typed; None for anything else."""
    if "@" in (value or ""):
        email = normalise_email(value)
        return ("email", email) if email else None
    mobile = normalise_mobile(value)
    return ("text", mobile) if mobile else None
