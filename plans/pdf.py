"""The family's copy of the plan as a PDF (WeasyPrint), standard or large print.

The HTML comes from a template that escapes everything the family and workers typed, and WeasyPrint is
given a url_fetcher that serves only the app's own static files: a plan that contains
`<img src="file:///etc/passwd">` or a link to another site renders without reading either.
"""

import logging
import mimetypes
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from core.calendar import today
from plans.models import Plan

# WeasyPrint logs every layout step at INFO; a worker rendering plans all day needs only its warnings.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

# Relative URLs in the PDF resolve against this base; only `<STATIC_BASE>static/...` is ever served.
STATIC_BASE = "https://plan-pdf.invalid/"
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
        raise ValueError(f"The plan PDF only uses the app's own static files, not {url[:200]}")


def plan_pdf_context(plan: Plan, *, large_print: bool) -> dict[str, Any]:
    family = plan.family
    agreement = next(iter(plan.agreements.all()), None)
    return {
        "plan": plan,
        "family": family,
        "lead": family.lead_practitioner,
        "goals": list(plan.goals.all()),
        "agreement": agreement,
        "large_print": large_print,
        "today": today(),
        "title": _("Our family plan"),
    }


def render_plan_html(plan: Plan, *, large_print: bool = False) -> str:
    return render_to_string("plans/plan_pdf.html", plan_pdf_context(plan, large_print=large_print))


def render_plan_pdf(
    plan: Plan, *, large_print: bool = False, fetcher: StaticOnlyFetcher | None = None
) -> bytes:
    """`plan` should come from plans.selectors.plan_for_document (everything prefetched)."""
    html = render_plan_html(plan, large_print=large_print)
    return HTML(string=html, base_url=STATIC_BASE, url_fetcher=fetcher or StaticOnlyFetcher()).write_pdf()
