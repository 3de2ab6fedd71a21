"""The family's copy of the plan as a PDF (WeasyPrint), standard or large print.

The HTML comes from a template that escapes everything the family and workers typed, and core.pdf renders
it with a url_fetcher that serves only the app's own static files: a plan that contains
`<img src="file:///etc/passwd">` or a link to another site renders without reading either.
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db.models import Model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core.calendar import today
from core.pdf import StaticOnlyFetcher, html_to_pdf
from plans.models import Plan

# Whether one item (goal, action, person) may be in this copy: the family's own pages pass their
# member's view (issue 11), so an item hidden from that member is not in their PDF at all.
Shows = Callable[[Model], bool]


def _everything(obj: Model) -> bool:
    return True


def plan_pdf_context(plan: Plan, *, large_print: bool, shows: Shows | None = None) -> dict[str, Any]:
    shows = shows or _everything
    family = plan.family
    agreement = next(iter(plan.agreements.all()), None)
    goals = [goal for goal in plan.goals.all() if shows(goal)]
    for goal in goals:
        goal.shown_actions = [action for action in goal.actions.all() if shows(action)]  # type: ignore[attr-defined]
        for action in goal.shown_actions:  # type: ignore[attr-defined]
            action.owner_hidden = action.owner_person is not None and not shows(action.owner_person)
    if agreement is not None and agreement.agreed_by is not None and not shows(agreement.agreed_by):
        agreement = None
    return {
        "plan": plan,
        "family": family,
        "lead": family.lead_practitioner,
        "goals": goals,
        "agreement": agreement,
        "large_print": large_print,
        "today": today(),
        "title": _("Our family plan"),
        "LANGUAGE_CODE": translation.get_language(),
        "have_your_say": settings.SITE_URL.rstrip("/") + reverse("have_your_say:index"),
    }


def render_plan_html(plan: Plan, *, large_print: bool = False, shows: Shows | None = None) -> str:
    return render_to_string(
        "plans/plan_pdf.html", plan_pdf_context(plan, large_print=large_print, shows=shows)
    )


def render_plan_pdf(
    plan: Plan,
    *,
    large_print: bool = False,
    fetcher: StaticOnlyFetcher | None = None,
    shows: Shows | None = None,
) -> bytes:
    """`plan` should come from plans.selectors.plan_for_document (everything prefetched). In the active
    language; `shows` leaves out what one family member may not see."""
    return html_to_pdf(render_plan_html(plan, large_print=large_print, shows=shows), fetcher=fetcher)
