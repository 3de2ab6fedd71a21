"""Where a postcode is: pluggable look-ups behind one small interface.

`DIRECTORY_POSTCODE_BACKEND` names a class (dotted path) with `lookup(postcode) -> (latitude, longitude)
| None`. The default reads the Postcode table that `manage.py import_postcodes` fills. A backend may also
offer `local_authority(postcode) -> str | None` (an ONS code, for council-area service areas) and
`is_empty() -> bool` (nothing imported yet: the search then falls back to postcode districts).
"""

import functools
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from core.postcodes import POSTCODE_RE, normalise_postcode
from directory.models import Postcode


class PostcodeBackend(Protocol):
    def lookup(self, postcode: str) -> tuple[float, float] | None: ...


class DatabaseBackend:
    """The Postcode table (ONSPD or Code-Point Open, imported)."""

    def __init__(self) -> None:
        # One read per postcode: place_for_postcode asks lookup() then local_authority() of the same row.
        self._rows: dict[str, tuple[float, float, str] | None] = {}

    def _row(self, postcode: str) -> tuple[float, float, str] | None:
        normal = normalise_postcode(postcode)
        if normal not in self._rows:
            self._rows[normal] = (
                Postcode.objects.filter(postcode=normal)
                .values_list("latitude", "longitude", "local_authority_code")
                .first()
            )
        return self._rows[normal]

    def lookup(self, postcode: str) -> tuple[float, float] | None:
        found = self._row(postcode)
        return (found[0], found[1]) if found else None

    def local_authority(self, postcode: str) -> str | None:
        found = self._row(postcode)
        return (found[2] or None) if found else None

    def is_empty(self) -> bool:
        return not Postcode.objects.exists()


@functools.cache
def _backend_class(path: str) -> type:
    return import_string(path)


def backend() -> PostcodeBackend:
    return _backend_class(settings.DIRECTORY_POSTCODE_BACKEND)()  # type: ignore[no-any-return,unused-ignore]


@dataclass(frozen=True)
class Place:
    """Where the person is: a point, and (from a postcode) its district and council area."""

    latitude: float
    longitude: float
    district: str = ""
    local_authority_code: str = ""


class UnknownPostcode(Exception):
    """The backend does not know this postcode."""


def is_full_postcode(value: str) -> bool:
    return bool(POSTCODE_RE.match(normalise_postcode(value or "")))


def place_for_postcode(postcode: str) -> Place | None:
    """The place of a full postcode; None when nothing is imported yet (search by district instead).

    Raises UnknownPostcode for a postcode the backend does not know, so the page or the API can say so.
    """
    found = backend()
    point = found.lookup(postcode)
    if point is None:
        is_empty = getattr(found, "is_empty", None)
        if is_empty is not None and is_empty():
            return None
        raise UnknownPostcode(postcode)
    local_authority = getattr(found, "local_authority", None)
    normal = normalise_postcode(postcode)
    return Place(
        latitude=point[0],
        longitude=point[1],
        district=normal.split(" ")[0],
        local_authority_code=(local_authority(normal) or "") if local_authority else "",
    )
