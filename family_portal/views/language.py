"""The language switch on every family page: a POST that stores the choice and returns to the page."""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, path
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from family_portal.language import SESSION_KEY
from family_portal.middleware import FAMILY_PREFIX
from family_portal.models import Language
from family_portal.services.language import member_language_set
from family_portal.visibility import open_access_for


def _safe_next(request: HttpRequest) -> str:
    """Back to the family page it came from; anything else (another site, a staff page) goes to /my/."""
    candidate = request.POST.get("next", "")
    if candidate.startswith(FAMILY_PREFIX) and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return FAMILY_PREFIX


@require_POST
def language(request: HttpRequest) -> HttpResponse:
    """Open to visitors on the sign-in pages (kept in their session) and to members (kept on their
    record, so their messages and PDFs follow too). Staff never get here: the fence answers 404."""
    chosen = request.POST.get("language", "")
    if chosen in Language.values:
        access = open_access_for(request.user)
        if access is not None:
            member_language_set(actor=request.user, access=access, language=chosen)  # type: ignore[arg-type]
        request.session[SESSION_KEY] = chosen
    return HttpResponseRedirect(_safe_next(request))


urls: list[URLPattern] = [path("language/", language, name="language")]
