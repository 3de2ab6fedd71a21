"""A real Celery worker for integration tests (PostgreSQL + a broker; run by .ci/run).

The worker itself is devtools.live_worker.LiveWorker (`manage.py bench` runs one too): a separate process
group on the test database, with its own queue and a file-based email backend. This module adds the
pytest fixture and a mail backend that kills its worker at a chosen message.
"""

import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from devtools.live_worker import FileBackend, LiveWorker, sending_tasks_to

CRASH_ENV = "POWER_OF_ONE_TEST_CRASH"


def integration_available() -> str | None:
    """Why integration tests cannot run here, or None when they can."""
    if connection.vendor != "postgresql":
        return "integration tests need PostgreSQL (DATABASE_URL)"
    if not os.environ.get("CELERY_BROKER_URL"):
        return "integration tests need a broker (CELERY_BROKER_URL)"
    return None


@pytest.fixture
def live_worker(transactional_db: Any) -> Iterator[LiveWorker]:
    reason = integration_available()
    if reason:
        pytest.skip(reason)
    worker = LiveWorker()
    try:
        with sending_tasks_to(worker):
            yield worker
    finally:
        worker.stop()


class CrashingFileBackend(FileBackend):
    """The file backend, killing its own worker at a chosen message: a node dying at a known instant.

    `POWER_OF_ONE_TEST_CRASH=before:11` SIGKILLs the worker's process group as it is about to write the
    11th message; `after:11` right after the 11th message is complete, before the caller can record that
    it was sent. Only the integration tests' worker is ever given this backend.
    """

    def send_messages(self, email_messages: Any) -> int:
        when, _, at = os.environ.get(CRASH_ENV, "").partition(":")
        if not at:
            return super().send_messages(email_messages)
        counter = Path(self.file_path) / "sent-count"
        sent = int(counter.read_text()) if counter.exists() else 0
        if when == "before" and sent + 1 == int(at):
            os.killpg(os.getpgrp(), signal.SIGKILL)
        count = super().send_messages(email_messages)
        counter.write_text(str(sent + count))
        if when == "after" and sent + count >= int(at):
            os.killpg(os.getpgrp(), signal.SIGKILL)
        return count
