"""The project's URLs, with stand-ins for the family pages other parts of issue 11 build (home, sign-in,
the menu), so the tests of what a family can do render their pages on this branch. A name the real
family_portal.urls has is never replaced: once the branches meet, the stand-ins fall away."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, URLResolver, include, path

from config import urls as project
from family_portal import urls as family
from family_portal.decorators import family_page

STAND_INS = ("home", "sign_in", "sign_out", "timeline", "sharing", "looks", "worker")


@family_page
def _stand_in(request: HttpRequest) -> HttpResponse:
    """A family page with nothing on it but the family's own frame (and its success banner)."""
    return render(request, "family_portal/base.html")


_names = {getattr(p, "name", None) for p in family.urlpatterns}
_family_patterns: list[URLPattern | URLResolver] = [
    *family.urlpatterns,
    *(
        path(f"stand-in/{name.replace('_', '-')}/", _stand_in, name=name)
        for name in STAND_INS
        if name not in _names
    ),
]

urlpatterns = [
    path("my/", include((_family_patterns, "family_portal"))),
    *(p for p in project.urlpatterns if str(getattr(p, "pattern", "")) != "my/"),
]
