"""The pot's documents: a funder's statement as a PDF (WeasyPrint) and as CSV rows, the ledger as CSV rows. It holds no personal data: money by category and by
outcome area only. WeasyPrint fetches nothing but our own static files (core.pdf.StaticOnlyFetcher)."""

from collections.abc import Iterator
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from core.pdf import html_to_pdf
from pots.models import LedgerEntry, Pot
from pots.selectors import Statement


def statement_pdf(statement: Statement) -> bytes:
    return html_to_pdf(render_to_string("pots/statement_pdf.html", {"s": statement}))


def statement_rows(statement: Statement) -> Iterator[list[str]]:
    """The statement as CSV rows, one per figure, so a funder's spreadsheet can sum any column."""
    yield ["section", "item", "committed", "spent"]
    b = statement.balance
    yield ["total", "paid in", "", f"{b.contributed:.2f}"]
    yield ["total", "corrected", "", f"{b.corrected:.2f}"]
    yield ["total", "available", "", f"{b.available:.2f}"]
    yield ["total", "committed and spent", f"{b.committed:.2f}", f"{b.spent:.2f}"]
    for row in statement.categories:
        yield ["category", str(row["label"]), f"{row['committed']:.2f}", f"{row['spent']:.2f}"]
    for row in statement.domains:
        yield ["outcome area", str(row["domain"]), f"{row['committed']:.2f}", f"{row['spent']:.2f}"]


def ledger_rows(*, pot: Pot) -> Iterator[list[Any]]:
    """The whole ledger for the team's records and audit, oldest first; request numbers, never family names."""
    yield ["entry", "date", "kind", "amount", "funder", "contribution", "request", "category"]
    entries = (
        LedgerEntry.objects.filter(pot=pot)
        .order_by("pk")
        .values_list(
            "pk",
            "created_at",
            "kind",
            "amount",
            "contribution__funder__name",
            "contribution_id",
            "help_request_id",
            "help_request__category",
        )
    )
    for pk, created_at, kind, amount, funder, contribution_id, request_id, category in entries.iterator():
        yield [
            pk,
            timezone.localtime(created_at).strftime("%Y-%m-%d %H:%M"),
            kind,
            f"{amount:.2f}",
            funder,
            contribution_id,
            request_id or "",
            category or "",
        ]
