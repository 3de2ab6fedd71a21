"""CSV downloads whose cells cannot run as spreadsheet formulas.

A name typed as `=HYPERLINK(...)` or `@SUM(...)` would be a live formula when a manager opens the export
in a spreadsheet (CSV injection). Every text cell that starts like a formula is written with a leading
apostrophe, so it stays text; plain numbers (a negative amount) are left as they are.
"""

import csv
import re
from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def neutralise(value: Any) -> Any:
    """`value` as a CSV cell: text that a spreadsheet would run is prefixed with `'`; None is empty."""
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_response(rows: Iterable[Iterable[Any]], *, filename: str) -> HttpResponse:
    """A download of `rows` as UTF-8 CSV named `filename`, every cell neutralised."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return response
