"""The family's copy of the plan as a PDF (WeasyPrint), standard or large print.

The HTML comes from a template that escapes everything the family and workers typed, and core.pdf renders
it with a url_fetcher that serves only the app's own static files: a plan that contains
`<img src="file:///etc/passwd">` or a link to another site renders without reading either.
"""

from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from core.calendar import today
from core.pdf import StaticOnlyFetcher, html_to_pdf
from plans.models import Plan


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
    return html_to_pdf(render_plan_html(plan, large_print=large_print), fetcher=fetcher)
