"""PDFs with WeasyPrint that read nothing but the app's own static files.

Every PDF (the family's plan, a funder's statement, the managers' dashboard) is rendered from a template
that escapes what people typed, and WeasyPrint is given a url_fetcher that serves only the app's static
files: a document that contains `<img src="file:///etc/passwd">` or a link to another site renders
without reading either.

WeasyPrint's native libraries (Pango, HarfBuzz, fontconfig) keep memory after each document that Python
cannot give back. So, unless PDF_RENDER_PROCESSES is 0, a PDF is rendered in a child process of a small
pool (multiprocessing, started by forkserver or spawn: no copy of a web worker's threads or connections)
that is replaced after PDF_RENDER_TASKS_PER_CHILD documents, and a document that takes longer than
PDF_RENDER_TIMEOUT_SECONDS stops the pool's children and raises PdfTooSlow instead of holding the request.
"""

import atexit
import logging
import mimetypes
import multiprocessing
import os
import threading
from multiprocessing.pool import Pool
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from core.exceptions import PdfTooSlow

# WeasyPrint logs every layout step at INFO; a worker rendering PDFs all day needs only its warnings.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

# Relative URLs in a PDF resolve against this base; only `<STATIC_BASE>static/...` is ever served.
STATIC_BASE = "https://pdf.invalid/"
STATIC_PREFIX = STATIC_BASE + "static/"


class StaticOnlyFetcher(URLFetcher):
    """Serves the app's static files found by the staticfiles finders; refuses every other URL."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=["https"], allow_redirects=False)
        self.served: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if url.startswith(STATIC_PREFIX):
            relative = url[len(STATIC_PREFIX) :].split("?")[0].split("#")[0]
            found = finders.find(relative) if relative and ".." not in Path(relative).parts else None
            if found:
                path = Path(found)
                self.served.append(url)
                content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})
        self.refused.append(url)
        raise ValueError(f"A PDF only uses the app's own static files, not {url[:200]}")


def html_to_pdf(html: str, *, fetcher: StaticOnlyFetcher | None = None) -> bytes:
    """The PDF of `html`, its relative URLs resolved against STATIC_BASE and fetched by `fetcher` (in a
    child process, the child's own fetcher, whose served and refused URLs are added to `fetcher`'s)."""
    fetcher = fetcher or StaticOnlyFetcher()
    # A Celery prefork worker's child is a daemonic process, which may not have children of its own: it
    # renders itself, and the `pdf` queue's workers are replaced by --max-tasks-per-child instead.
    if settings.PDF_RENDER_PROCESSES <= 0 or multiprocessing.current_process().daemon:
        return _render(html, fetcher)
    result = _pool().apply_async(_render_in_child, (html,))
    try:
        data, served, refused = result.get(timeout=settings.PDF_RENDER_TIMEOUT_SECONDS)
    except multiprocessing.TimeoutError:
        _pool_stop()
        raise PdfTooSlow(f"A PDF took longer than {settings.PDF_RENDER_TIMEOUT_SECONDS} s") from None
    fetcher.served += served
    fetcher.refused += refused
    return data


def _render(html: str, fetcher: StaticOnlyFetcher) -> bytes:
    document = HTML(string=html, base_url=STATIC_BASE, url_fetcher=fetcher)
    # Tagged for screen readers (PDF/UA-1): headings, lists and reading order, with the document's
    # language and title taken from the HTML's lang and <title>.
    return document.write_pdf(pdf_variant="pdf/ua-1")


def _render_in_child(html: str) -> tuple[bytes, list[str], list[str]]:
    fetcher = StaticOnlyFetcher()
    return _render(html, fetcher), fetcher.served, fetcher.refused


def _child_setup(settings_module: str) -> None:
    """A child starts as a fresh interpreter: it sets Django up so the staticfiles finders answer."""
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    import django

    django.setup()


_lock = threading.Lock()
_state: dict[str, Any] = {"pool": None, "pid": None}


def _pool() -> Pool:
    with _lock:
        # A pool belongs to the process that made it: a forked gunicorn worker makes its own.
        if _state["pool"] is None or _state["pid"] != os.getpid():
            method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
            _state["pool"] = multiprocessing.get_context(method).Pool(
                processes=settings.PDF_RENDER_PROCESSES,
                initializer=_child_setup,
                initargs=(os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings.base"),),
                maxtasksperchild=settings.PDF_RENDER_TASKS_PER_CHILD or None,
            )
            _state["pid"] = os.getpid()
            atexit.register(_pool_stop)  # its children end with the process, not at garbage collection
        return _state["pool"]


def _pool_stop() -> None:
    """Stops the pool's children (a stuck render with them); the next PDF starts a new pool."""
    with _lock:
        pool, _state["pool"] = _state["pool"], None
    if pool is not None and _state["pid"] == os.getpid():
        pool.terminate()
