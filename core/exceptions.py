"""Exceptions every app may raise and every view may catch."""

from typing import Any


class EditConflict(Exception):
    """Someone else saved the same thing since it was read. `current` is their saved version.

    Raised by an optimistic-locked save (an assessment area, a goal, an action): the caller passed the
    version it read, and a save over someone else's newer one is refused instead of overwriting it.
    """

    def __init__(self, current: Any) -> None:
        super().__init__("edit conflict")
        self.current = current


class PdfTooSlow(Exception):
    """A PDF took longer than PDF_RENDER_TIMEOUT_SECONDS to render; its child process was stopped
    (core/pdf.py). core.middleware.PdfTooSlowMiddleware answers the request with "try again"."""
