"""PDFs with WeasyPrint that read nothing but the app's own static files.

Every PDF (the family's plan, a funder's statement, the managers' dashboard) is rendered from a template
that escapes what people typed, and WeasyPrint is given a url_fetcher that serves only the app's static
files: a document that contains `<img src="file:///etc/passwd">` or a link to another site renders
without reading either.
"""

import logging
import mimetypes
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

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
    """The PDF of `html`, its relative URLs resolved against STATIC_BASE and fetched by `fetcher`."""
    document = HTML(string=html, base_url=STATIC_BASE, url_fetcher=fetcher or StaticOnlyFetcher())
    # Tagged for screen readers (PDF/UA-1): headings, lists and reading order, with the document's
    # language and title taken from the HTML's lang and <title>.
    return document.write_pdf(pdf_variant="pdf/ua-1")
