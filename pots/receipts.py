"""Receipt files on disk follow the rows that point at them.

A replaced receipt's old file is deleted once the replacement has committed: never before (a rollback
would leave the row pointing at a file that is gone), and never by the transaction that might still fail.
A file that no row points at (a replacement whose transaction rolled back, a file left by an older version)
is found by `manage.py orphaned_receipts`, which reports it and, with --delete, removes it.
"""

from collections.abc import Iterator

from django.core.files.storage import Storage, default_storage
from django.db import transaction

from pots.models import HelpRequest

RECEIPTS_ROOT = "pots/receipts"


def receipt_delete_on_commit(*, storage: Storage, old_name: str, new_name: str) -> None:
    if old_name and old_name != new_name:
        transaction.on_commit(lambda: storage.delete(old_name))


def _files_under(storage: Storage, folder: str) -> Iterator[str]:
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from _files_under(storage, f"{folder}/{sub}")


def orphaned_receipts(storage: Storage | None = None) -> list[str]:
    """Files in the receipts folder that no request for practical help points at, sorted."""
    storage = storage or default_storage
    referenced = set(HelpRequest.objects.exclude(receipt="").values_list("receipt", flat=True))
    return sorted(name for name in _files_under(storage, RECEIPTS_ROOT) if name not in referenced)
