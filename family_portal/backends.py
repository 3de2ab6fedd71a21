"""How a message reaches a family member by text. The full notification service (issue 11) adds the
email and letter backends beside this one, with the same `send` signature."""

import sys
import threading
from typing import TextIO


class ConsoleTextBackend:
    """Writes each text message to standard output, as Django's console email backend writes emails:
    for development and the demo, until a GOV.UK Notify backend sends real texts."""

    _lock = threading.Lock()

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout

    def send(self, *, to: str, body: str) -> None:
        with self._lock:
            self.stream.write(f"Text message to: {to}\n{body}\n{'-' * 79}\n")
            self.stream.flush()
