from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Send each person to where their work starts."""
    user = request.user
    if user.is_casework_staff:  # type: ignore[union-attr]
        return redirect("families:caseload")
    if user.is_agency_worker:  # type: ignore[union-attr]
        return redirect("agencies:portal_inbox")
    if user.is_staff:
        return redirect("admin:index")
    return render(request, "core/home.html")


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")
