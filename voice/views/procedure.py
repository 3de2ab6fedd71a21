"""The published complaints procedure (public): the page, with its flow chart and the same steps as a
list, and the same page as a large-print PDF. In the visitor's language: `?lang=cy` or `?lang=en-gb`
first, then what they chose on the family's pages, then their browser's."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from core.calendar import today
from core.pdf import html_to_pdf
from family_portal.language import language_for
from voice.models import Language
from voice.procedure import flow_chart, procedure_steps, redress_text


def visitor_language(request: HttpRequest) -> str:
    asked = request.GET.get("lang", "")
    if asked in Language.values:
        return asked
    return language_for(request) or translation.get_language() or Language.ENGLISH


def _context(language: str) -> dict[str, object]:
    steps = procedure_steps()
    return {
        "steps": steps,
        "chart": flow_chart(steps),
        "redress": redress_text(),
        "lang": language,
        "welsh": language == Language.WELSH,
        "LANGUAGE_CODE": translation.get_language(),
    }


def procedure(request: HttpRequest) -> HttpResponse:
    language = visitor_language(request)
    with translation.override(language):
        response = render(request, "voice/procedure/page.html", _context(language))
    response.headers["Content-Language"] = language
    return response


def large_print(request: HttpRequest) -> HttpResponse:
    language = visitor_language(request)
    with translation.override(language):
        context = _context(language) | {
            "title": _("How we handle complaints"),
            "today": today(),
            "site_link": settings.SITE_URL.rstrip("/") + "/have-your-say/",
        }
        pdf = html_to_pdf(render_to_string("voice/procedure/large_print.html", context))
        filename = _("how-we-handle-complaints-large-print")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
    response.headers["Content-Language"] = language
    return response
