"""Reading the ONS Postcode Directory (ONSPD) and Ordnance Survey Code-Point Open into the Postcode table.

ONSPD is one CSV with a header row and WGS84 latitude and longitude. Code-Point Open is a CSV per postcode
area with no header, giving eastings and northings on the British National Grid (OSGB36): pyproj converts
them to WGS84 (EPSG:27700 to EPSG:4326; without the OSTN15 grid file PROJ uses the published Helmert
parameters, good to a few metres, far finer than a search radius). Re-importing updates rows in place.
"""

import csv
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import IO

from core.postcodes import POSTCODE_RE, normalise_postcode
from directory.models import Postcode

FORMATS = ("onspd", "codepoint")
ONSPD_POSTCODE_COLUMNS = ("pcds", "pcd", "pcd7", "pcd8")
ONSPD_NO_LOCATION = 99.999999  # ONSPD's latitude for a postcode with no grid reference
LOCAL_AUTHORITY_COLUMN_RE = re.compile(r"^(oslaud|laua|lad\d\dcd)$", re.I)
# Code-Point Open's fixed columns (its documentation: Postcode, Positional_quality_indicator, Eastings,
# Northings, Country_code, NHS_regional_HA_code, NHS_HA_code, Admin_county_code, Admin_district_code, ...).
CP_POSTCODE, CP_EASTING, CP_NORTHING, CP_DISTRICT = 0, 2, 3, 8


class ImportFormatError(ValueError):
    """The file is not in a format this importer reads."""


def detect_format(first_row: list[str]) -> str:
    """ONSPD starts with a header naming its columns; Code-Point Open starts with a postcode."""
    lowered = [cell.strip().lower() for cell in first_row]
    if any(name in lowered for name in ONSPD_POSTCODE_COLUMNS) and "lat" in lowered:
        return "onspd"
    if (
        len(first_row) >= 4
        and POSTCODE_RE.match(normalise_postcode(first_row[0]))
        and first_row[CP_EASTING].strip().isdigit()
        and first_row[CP_NORTHING].strip().isdigit()
    ):
        return "codepoint"
    raise ImportFormatError("Neither ONSPD (a header with pcds, lat, long) nor Code-Point Open.")


def _row(postcode: str, latitude: float, longitude: float, local_authority: str) -> Postcode | None:
    normal = normalise_postcode(postcode)
    if not POSTCODE_RE.match(normal):
        return None
    return Postcode(
        postcode=normal,
        latitude=round(latitude, 6),
        longitude=round(longitude, 6),
        district=normal.split(" ")[0],
        local_authority_code=local_authority.strip()[:9],
    )


def read_onspd(rows: Iterator[list[str]], header: list[str]) -> Iterator[Postcode]:
    names = [cell.strip().lower() for cell in header]
    postcode_at = next(names.index(n) for n in ONSPD_POSTCODE_COLUMNS if n in names)
    lat_at, long_at = names.index("lat"), names.index("long")
    authority_at = next((i for i, n in enumerate(names) if LOCAL_AUTHORITY_COLUMN_RE.match(n)), None)
    for cells in rows:
        try:
            latitude, longitude = float(cells[lat_at]), float(cells[long_at])
        except (ValueError, IndexError):
            continue
        if latitude >= ONSPD_NO_LOCATION:
            continue
        authority = cells[authority_at] if authority_at is not None else ""
        row = _row(cells[postcode_at], latitude, longitude, authority)
        if row is not None:
            yield row


def read_codepoint(rows: Iterable[list[str]]) -> Iterator[Postcode]:
    from pyproj import Transformer  # imported only when Code-Point is read: it loads PROJ's database

    to_wgs84 = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)
    for cells in rows:
        try:
            easting, northing = float(cells[CP_EASTING]), float(cells[CP_NORTHING])
        except (ValueError, IndexError):
            continue
        if easting == 0 and northing == 0:  # no grid reference
            continue
        longitude, latitude = to_wgs84.transform(easting, northing)
        district = cells[CP_DISTRICT] if len(cells) > CP_DISTRICT else ""
        row = _row(cells[CP_POSTCODE], latitude, longitude, district)
        if row is not None:
            yield row


def read_area_names(stream: IO[str]) -> dict[str, str]:
    """An ONS names-and-codes file (first column the code, second the name; a header row is skipped)."""
    names = {}
    for cells in csv.reader(stream):
        if len(cells) >= 2 and re.match(r"^[ENSWLM]\d{8}$", cells[0].strip()):
            names[cells[0].strip()] = cells[1].strip()
    return names


def import_postcodes(
    stream: IO[str],
    *,
    file_format: str | None = None,
    area_names: dict[str, str] | None = None,
    batch_size: int = 5000,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Insert or update every postcode in the file; returns how many rows were read."""
    reader = csv.reader(stream)
    first = next(reader, None)
    if first is None:
        return 0
    file_format = file_format or detect_format(first)
    onspd = file_format == "onspd"
    postcodes = read_onspd(reader, first) if onspd else read_codepoint(itertools.chain([first], reader))
    update = ["latitude", "longitude", "district", "local_authority_code"]
    if area_names:
        update.append("local_authority_name")
    count, batch = 0, []
    for row in postcodes:
        if area_names:
            row.local_authority_name = area_names.get(row.local_authority_code, "")
        batch.append(row)
        if len(batch) >= batch_size:
            count += save_postcodes(batch, update)
            batch = []
            if progress:
                progress(count)
    count += save_postcodes(batch, update)
    if progress:
        progress(count)
    return count


def save_postcodes(batch: list[Postcode], update: list[str]) -> int:
    """Insert the rows, or update these fields of a postcode already there; returns how many were given."""
    if not batch:
        return 0
    # A file may list a postcode twice (ONSPD's re-used codes): the last one wins within a batch.
    unique = list({row.postcode: row for row in batch}.values())
    Postcode.objects.bulk_create(
        unique, batch_size=1000, update_conflicts=True, unique_fields=["postcode"], update_fields=update
    )
    return len(batch)
