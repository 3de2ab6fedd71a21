"""A funder's statement as a PDF (WeasyPrint). It holds no personal data: money by category and by
outcome area only. WeasyPrint fetches nothing but our own static files (core.pdf.StaticOnlyFetcher)."""

import csv
import io

from django.template.loader import render_to_string

from core.pdf import html_to_pdf
from pots.selectors import Statement


def statement_pdf(statement: Statement) -> bytes:
    return html_to_pdf(render_to_string("pots/statement_pdf.html", {"s": statement}))


def statement_csv(statement: Statement) -> str:
    """One row per figure, so a funder's spreadsheet can sum any column."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "item", "committed", "spent"])
    b = statement.balance
    writer.writerow(["total", "paid in", "", f"{b.contributed:.2f}"])
    writer.writerow(["total", "corrected", "", f"{b.corrected:.2f}"])
    writer.writerow(["total", "available", "", f"{b.available:.2f}"])
    writer.writerow(["total", "committed and spent", f"{b.committed:.2f}", f"{b.spent:.2f}"])
    for row in statement.categories:
        writer.writerow(
            ["category", _safe(str(row["label"])), f"{row['committed']:.2f}", f"{row['spent']:.2f}"]
        )
    for row in statement.domains:
        writer.writerow(
            ["outcome area", _safe(str(row["domain"])), f"{row['committed']:.2f}", f"{row['spent']:.2f}"]
        )
    return out.getvalue()


def _safe(text: str) -> str:
    """No spreadsheet formulas from our text (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
