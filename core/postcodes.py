"""UK postcodes: one shape, one spelling ("sw1a1aa" is stored as "SW1A 1AA"), one error message."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The shape of a UK postcode (outward code, space, inward code); GIR 0AA is the one historic exception.
POSTCODE_RE = re.compile(
    r"^(GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-HJKMNPR-Y]? ?[0-9][ABD-HJLNP-UW-Z]{2})$", re.I
)


def normalise_postcode(value: str) -> str:
    compact = re.sub(r"\s+", "", value or "").upper()
    if len(compact) > 3:
        return f"{compact[:-3]} {compact[-3:]}"
    return compact


def validate_postcode(value: str) -> None:
    if not POSTCODE_RE.match(normalise_postcode(value)):
        raise ValidationError(_("Enter a real postcode, like SW1A 1AA"), code="invalid_postcode")
