from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each person to where their work starts."""
    user = request.user
    if user.is_casework_staff:  # type: ignore[union-attr]
        return redirect("families:caseload")
    if user.is_complaints_manager:  # type: ignore[union-attr]
        return redirect("complaints:list")
    if user.is_agency_worker:  # type: ignore[union-attr]
        return redirect("agencies:portal_inbox")
    if user.is_staff:
        return redirect("admin:index")
    return render(request, "core/home.html")


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page links: send them to GOV.UK Frontend's icon."""
    return redirect(static("govuk/assets/images/favicon.ico"), permanent=True)


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


def form_page(
    request: HttpRequest,
    form: Any,
    *,
    family: Any = None,
    back_to: str = "",
    template: str = "core/form_page.html",
    **context: Any,
) -> HttpResponse:
    """The one page that shows a form (core/form_page.html or a template extending it).

    `context` gives the title, caption, lead, submit label and back link. A page about a family is
    captioned with the family's name and, with `back_to` (a URL name that takes the family's
    reference), links back there, unless `caption` or `back_url` say otherwise.
    """
    if family is not None:
        context.setdefault("caption", family.name)
        if back_to:
            context.setdefault("back_url", reverse(back_to, args=[family.reference]))
    return render(request, template, {"form": form, "family": family, **context})
