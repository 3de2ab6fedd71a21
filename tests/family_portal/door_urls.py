"""The site's URLs with stand-in family pages where the pages part has not given them yet: the door's
tests need a landing page after sign-in, and the family base template links to every page of the menu."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, include, path

from config import urls as site
from family_portal import urls as family_urls
from family_portal.decorators import family_page
from family_portal.navigation import ITEMS

LANDING_TEXT = "A family page"


@family_page
def _stand_in(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return HttpResponse(LANDING_TEXT)


_names = {getattr(p, "name", None) for p in family_urls.urlpatterns}
_stand_ins = [
    path(
        "" if name == "family_portal:home" else f"door-stand-in/{name.split(':')[1]}/",
        _stand_in,
        name=name.split(":")[1],
    )
    for _label, name in ITEMS
    if name.split(":")[1] not in _names
]
FAMILY: list[URLPattern | URLResolver] = [*family_urls.urlpatterns, *_stand_ins]

urlpatterns = [
    path("my/", include((FAMILY, "family_portal"))) if str(getattr(p, "pattern", "")) == "my/" else p
    for p in site.urlpatterns
]
