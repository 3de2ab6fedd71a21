"""Replaced receipts leave no file behind; files no row points at are reported, and deleted on request."""

from io import StringIO
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction

from pots import services
from pots.models import HelpRequest
from tests.pots import helpers as h


@pytest.fixture(autouse=True)
def _empty_storage(settings: Any) -> None:
    """A new in-memory storage for each test (the default one lives as long as the process)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


@pytest.fixture
def paid(cast: Any) -> HelpRequest:
    pot = h.pot(cast.manager, limit="150.00", cap="500.00")
    h.contribute(cast.manager, pot, "1000.00", funder=cast.agency_worker.agency)
    return h.ask(cast.lead, cast.family, "100.00")


def _pdf(body: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("receipt.pdf", b"%PDF-1.4 " + body, "application/pdf")


def _attach(cast: Any, request: HelpRequest, body: bytes) -> str:
    attached = services.help_request_attach_receipt(actor=cast.lead, help_request=request, receipt=_pdf(body))
    return attached.receipt.name


def test_a_replaced_receipt_file_is_deleted_once_the_replacement_commits(
    cast: Any, paid: HelpRequest, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        first = _attach(cast, paid, b"first")
    with django_capture_on_commit_callbacks(execute=False) as pending:
        second = _attach(cast, paid, b"second")
        assert default_storage.exists(first)  # still there until the replacement commits
    for callback in pending:
        callback()
    assert first != second
    assert not default_storage.exists(first)
    assert default_storage.open(second).read() == b"%PDF-1.4 second"


def test_a_replacement_that_rolls_back_keeps_the_old_file(cast: Any, paid: HelpRequest) -> None:
    first = _attach(cast, paid, b"first")
    with pytest.raises(RuntimeError), transaction.atomic():
        _attach(cast, paid, b"second")
        raise RuntimeError("the request failed after the upload")
    paid.refresh_from_db()
    assert paid.receipt.name == first and default_storage.exists(first)


def test_the_command_reports_orphaned_files_and_deletes_them_only_when_asked(
    cast: Any, paid: HelpRequest
) -> None:
    kept = _attach(cast, paid, b"kept")
    orphan = default_storage.save(f"pots/receipts/{paid.pot_id}/999.pdf", ContentFile(b"%PDF-1.4 lost"))
    report = StringIO()
    call_command("orphaned_receipts", stdout=report)
    assert orphan in report.getvalue() and kept not in report.getvalue()
    assert "Found 1 orphaned receipt file(s)." in report.getvalue()
    assert default_storage.exists(orphan)
    call_command("orphaned_receipts", "--delete", stdout=StringIO())
    assert not default_storage.exists(orphan) and default_storage.exists(kept)
