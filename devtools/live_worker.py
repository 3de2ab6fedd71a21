"""A real Celery worker in a subprocess, for the integration tests and `manage.py bench`.

The worker is a separate process group using the current default database (the test database, or the
bench database once `manage.py bench` has switched to it), its own queue (so nothing left in the broker
by an earlier run is picked up) and a file-based email backend, so the caller can count the emails it
sent across processes. `kill()` sends SIGKILL to the whole group: no clean shutdown, no chance to
acknowledge, exactly like a node dying. `sending_tasks_to(worker)` makes this process publish its tasks
to that worker's queue instead of running them eagerly.
"""

import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail.backends import filebased

from config import queues

ROOT = Path(__file__).resolve().parent.parent
# The file email backend writes each message followed by a line of 79 dashes.
SEPARATOR = "-" * 79 + "\n"
MAIL_DIR_ENV = "EMAIL_FILE_PATH"


class FileBackend(filebased.EmailBackend):
    """Django's file backend writing to the directory in $EMAIL_FILE_PATH, whatever the settings say.

    Only the test settings read EMAIL_FILE_PATH from the environment; the bench's worker runs on the
    base settings, which have no file path of their own.
    """

    def __init__(self, *args: Any, file_path: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, file_path=file_path or os.environ.get(MAIL_DIR_ENV), **kwargs)


class LiveWorker:
    def __init__(self, *, queue_prefix: str = "it", settings_module: str | None = None) -> None:
        # Its own three queues (config/queues.py): `<id>.alerts`, `<id>.pdf` and `<id>.default`.
        ident = f"{queue_prefix}-{uuid.uuid4().hex[:10]}"
        self.queue = f"{ident}.{queues.DEFAULT}"
        self.name = f"{ident}@%h"
        # The caller's own settings (config.settings.test under pytest) unless told otherwise.
        self.settings_module = settings_module or os.environ.get(
            "DJANGO_SETTINGS_MODULE", "config.settings.base"
        )
        self.mail_dir = Path(tempfile.mkdtemp(prefix="poo-mail-"))
        self.log_path = self.mail_dir.parent / f"{self.queue}.log"
        self.process: subprocess.Popen[bytes] | None = None

    def _env(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        db = settings.DATABASES["default"]
        url = f"postgres://{db['USER']}:{db.get('PASSWORD') or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        env = dict(os.environ)
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": self.settings_module,
                "DATABASE_URL": url,
                "CELERY_TASK_ALWAYS_EAGER": "false",
                "CELERY_TASK_DEFAULT_QUEUE": self.queue,
                "EMAIL_BACKEND": "devtools.live_worker.FileBackend",
                MAIL_DIR_ENV: str(self.mail_dir),
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
                ",".join(queues.queue_names(self.queue)),
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
        """True once the worker's process has gone (for a worker that kills itself, for instance)."""
        return self.process is None or self.process.poll() is not None

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


@contextmanager
def sending_tasks_to(worker: LiveWorker) -> Iterator[None]:
    """Within the block, this process publishes tasks to `worker`'s queues instead of running them eagerly
    (the routed tasks' queues follow the default queue's name, config/queues.py)."""
    from config.celery import app

    previous = (app.conf.task_always_eager, app.conf.task_default_queue)
    app.conf.task_always_eager = False
    app.conf.task_default_queue = worker.queue
    try:
        yield
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue = previous
