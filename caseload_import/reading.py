"""Read a caseload file (CSV or Excel) into its headings and rows of text.

CSV is read by the standard library's csv module (an old system's export often has rows of uneven
length, which tablib refuses), decoded as UTF-8 with or without a byte-order mark; anything else is
refused with the first row that is not UTF-8, since guessing an encoding turns names into mojibake.
Excel files are read by openpyxl itself, not through tablib: tablib opens a workbook with
`data_only=True`, which gives a formula's last computed value (or nothing, for a file no spreadsheet has
saved), so "=HYPERLINK(...)" would arrive as "Click" and never be reported. Read with the formulas,
a formula cell arrives as its text, is reported like any formula-looking cell and is kept as text.
Every cell becomes text: nothing is evaluated.
"""

import csv
import datetime
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import load_workbook


class FileProblem(Exception):
    """The file cannot be read at all: the message says why, in plain words, and what to do."""

    def __init__(self, message: str, row: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.row = row


@dataclass
class Sheet:
    headers: list[str]
    # (row number as a spreadsheet shows it, the heading row being 1; the cells as text)
    rows: list[tuple[int, list[str]]]


def _first_bad_row(data: bytes) -> int:
    for number, line in enumerate(data.splitlines(), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            return number
    return 1


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime) and not (value.hour or value.minute or value.second):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _read_csv(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = _first_bad_row(data)
        raise FileProblem(
            _(
                "The file is not UTF-8: save it as CSV UTF-8 (in Excel: File, Save as, 'CSV UTF-8') and "
                "upload it again. The first row with characters that are not UTF-8 is row %(row)s."
            )
            % {"row": row},
            row=row,
        ) from exc
    return [[_cell(c) for c in row] for row in csv.reader(io.StringIO(text, newline=""))]


def _read_xlsx(data: bytes) -> list[list[str]]:
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise FileProblem(_("The file could not be read as an Excel workbook (.xlsx).")) from exc
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        return [[_cell(c) for c in row] for row in sheet.iter_rows(values_only=True)] if sheet else []
    finally:
        book.close()


def read_sheet(data: bytes, filename: str) -> Sheet:
    lines = _read_xlsx(data) if filename.lower().endswith(".xlsx") else _read_csv(data)
    numbered = [(n, line) for n, line in enumerate(lines, start=1) if any(cell for cell in line)]
    if not numbered:
        raise FileProblem(_("The file is empty."))
    headers = [h.strip() for h in numbered[0][1]]
    rows = [(n, (line + [""] * len(headers))[: len(headers)]) for n, line in numbered[1:]]
    return Sheet(headers=headers, rows=rows)
