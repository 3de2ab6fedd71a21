"""The family's own copy of their plan as a PDF, in the member's language, standard or large print."""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET

from family_portal.decorators import family_page
from plans import pdf, selectors
from plans.models import Plan


@require_GET
@family_page
def plan_pdf(request: HttpRequest) -> HttpResponse:
    """Rendered here and now (a family's plan is short): only what this member may see is in it."""
    member = request.member  # type: ignore[attr-defined]
    plan = Plan.objects.filter(family=member.family).first()
    if plan is None:
        raise Http404("No plan yet")
    large_print = request.GET.get("large_print") == "1" or member.access.large_print
    data = pdf.render_plan_pdf(
        selectors.plan_for_document(plan=plan), large_print=large_print, shows=member.shows
    )
    response = HttpResponse(data, content_type="application/pdf")
    name = f"our-plan{'-large-print' if large_print else ''}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


urls: list[URLPattern] = [path("plan.pdf", plan_pdf, name="plan_pdf")]
