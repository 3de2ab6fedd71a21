"""A real Celery worker for integration tests (PostgreSQL + a broker; run by .ci/run).

The worker is a separate process group using the test database, its own queue (so nothing left in
the broker by an earlier run is picked up) and a file-based email backend, so a test can count the
emails it sent across processes. `kill()` sends SIGKILL to the whole group: no clean shutdown, no
chance to acknowledge, exactly like a node dying.
"""

import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.mail.backends import filebased
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
SEPARATOR = "-" * 79 + "\n"
CRASH_ENV = "POWER_OF_ONE_TEST_CRASH"


def integration_available() -> str | None:
    """Why integration tests cannot run here, or None when they can."""
    if connection.vendor != "postgresql":
        return "integration tests need PostgreSQL (DATABASE_URL)"
    if not os.environ.get("CELERY_BROKER_URL"):
        return "integration tests need a broker (CELERY_BROKER_URL)"
    return None


class LiveWorker:
    def __init__(self) -> None:
        self.queue = f"it-{uuid.uuid4().hex[:10]}"
        self.name = f"{self.queue}@%h"
        self.mail_dir = Path(tempfile.mkdtemp(prefix="poo-mail-"))
        self.log_path = self.mail_dir.parent / f"{self.queue}.log"
        self.process: subprocess.Popen[bytes] | None = None

    def _env(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        db = settings.DATABASES["default"]
        url = f"postgres://{db['USER']}:{db.get('PASSWORD') or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        env = dict(os.environ)
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "config.settings.test",
                "DATABASE_URL": url,
                "CELERY_TASK_ALWAYS_EAGER": "false",
                "CELERY_TASK_DEFAULT_QUEUE": self.queue,
                "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                "EMAIL_FILE_PATH": str(self.mail_dir),
            }
        )
        env.update(extra or {})
        return env

    def start(self, concurrency: int = 1, env: dict[str, str] | None = None) -> None:
        log = open(self.log_path, "ab")  # noqa: SIM115 - kept open for the worker's lifetime
        self.process = subprocess.Popen(  # noqa: S603 - our own venv's celery, fixed arguments
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "-Q",
                self.queue,
                "-n",
                self.name,
                "--concurrency",
                str(concurrency),
                "--pool",
                "prefork",
                "--without-gossip",
                "--without-mingle",
                "-l",
                "INFO",
            ],
            cwd=ROOT,
            env=self._env(env),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._wait_ready()

    def _wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process and self.process.poll() is not None:
                raise RuntimeError(f"worker exited early; log:\n{self.log_path.read_text()[-4000:]}")
            if b"ready." in self.log_path.read_bytes():
                return
            time.sleep(0.2)
        raise RuntimeError(f"worker not ready in {timeout}s; log:\n{self.log_path.read_text()[-4000:]}")

    def kill(self) -> None:
        """SIGKILL the worker and its children: no clean shutdown."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
        self.process = None

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
        self.process = None

    def died(self) -> bool:
        """True once the worker's process has gone (for a worker that kills itself, see CrashingFileBackend)."""
        return self.process is None or self.process.poll() is not None

    def restart(self, concurrency: int = 1) -> None:
        self.kill()
        self.start(concurrency)

    def sent_emails(self) -> list[str]:
        """The raw messages the worker's file-based email backend finished writing (one per message).

        The file backend writes each message followed by a line of 79 dashes. A worker killed mid-write
        leaves a message without that line: like an SMTP conversation cut before the final dot, it was
        never delivered, so it is not counted.
        """
        messages: list[str] = []
        for path in sorted(self.mail_dir.glob("*.log")):
            complete = path.read_text().split(SEPARATOR)[:-1]
            messages.extend(chunk for chunk in complete if chunk.strip())
        return messages

    @staticmethod
    def wait_for(predicate: Callable[[], Any], timeout: float = 60, interval: float = 0.2) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = predicate()
            if value:
                return value
            time.sleep(interval)
        raise AssertionError(f"condition not met within {timeout}s")


@pytest.fixture
def live_worker(transactional_db: Any) -> Iterator[LiveWorker]:
    reason = integration_available()
    if reason:
        pytest.skip(reason)
    from config.celery import app

    worker = LiveWorker()
    previous = (app.conf.task_always_eager, app.conf.task_default_queue)
    app.conf.task_always_eager = False
    app.conf.task_default_queue = worker.queue
    try:
        yield worker
    finally:
        worker.stop()
        app.conf.task_always_eager, app.conf.task_default_queue = previous


class CrashingFileBackend(filebased.EmailBackend):
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
