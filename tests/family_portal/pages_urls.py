"""The project's URLs for the family pages' tests, with stand-ins for the sign-in and sign-out pages until
the sign-in part (another branch) provides them: the pages' base template links to both."""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, include, path

from config import urls as project
from family_portal import urls as family_urls


def _stand_in(request: HttpRequest) -> HttpResponse:
    return HttpResponse("stand-in")


_names = {getattr(p, "name", None) for p in family_urls.urlpatterns}
_stand_ins = [
    path(f"stand-in/{name}/", _stand_in, name=name) for name in ("sign_in", "sign_out") if name not in _names
]
_family = ([*family_urls.urlpatterns, *_stand_ins], "family_portal")

urlpatterns: list[URLPattern | URLResolver] = [
    *(p for p in project.urlpatterns if str(p.pattern) != "my/"),
    path("my/", include(_family)),
]
