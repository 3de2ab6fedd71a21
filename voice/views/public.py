"""The public "Have your say" pages (issue 12): the way in, the complaint form and the suggestion box.

No account needed; a signed-in family member's complaint or suggestion is linked to their access (and so
listed on their own pages). Every form is protected the same way: the per-address limit (a clear 429 page
that writes nothing), the honeypot, and one write per submission. The confirmation pages show only what
this visitor's own session made.
"""

from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.submissions import once_per_submission
from family_portal.visibility import open_access_for
from voice import abuse
from voice.language import in_visitors_language
from voice.models import Complaint, Deadline, HowReceived, Language, Suggestion
from voice.public_forms import ComplaintForm, RadioItem, SuggestionForm
from voice.services.complaints import receive_complaint
from voice.services.suggestions import receive_suggestion

# Pages other parts of the app publish; linked from the way in only once they exist.
PROCEDURE_URL_NAMES = ("procedure:page",)
CHANGES_URL_NAMES = ("you_said:list",)
# What this visitor's session made, so only they see its confirmation page.
MADE_KEY = "voice_made"
COMPLAINT_ALREADY_SENT = gettext_lazy("You already sent this complaint at %(time)s.")
SUGGESTION_ALREADY_SENT = gettext_lazy("You already sent this suggestion at %(time)s.")


def url_if_built(*names: str) -> str:
    """The first of these URL names that resolves, or "" when none is built yet."""
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return ""


def _page_language() -> str:
    return Language.WELSH if translation.get_language() == Language.WELSH else Language.ENGLISH


def _too_many(request: HttpRequest) -> HttpResponse:
    context = {"title": _("You have sent this form too many times"), "message": abuse.TOO_MANY}
    return render(request, "voice/public/too_many.html", context, status=429)


def _remember(request: HttpRequest, reference: str) -> None:
    request.session[MADE_KEY] = [*request.session.get(MADE_KEY, [])[-9:], reference]


def _made_here(request: HttpRequest, reference: str) -> None:
    if reference not in request.session.get(MADE_KEY, []):
        raise Http404("Not made in this session")


def _due(**owner: Any) -> Any:
    deadline = Deadline.objects.filter(**owner).order_by("due_on").first()
    return deadline.due_on if deadline else None


@in_visitors_language
def index(request: HttpRequest) -> HttpResponse:
    context = {
        "title": _("Have your say"),
        "procedure_url": url_if_built(*PROCEDURE_URL_NAMES),
        "changes_url": url_if_built(*CHANGES_URL_NAMES),
        "phone": getattr(settings, "VOICE_COMPLAINTS_PHONE", ""),
        "address": getattr(settings, "VOICE_COMPLAINTS_ADDRESS", ""),
    }
    return render(request, "voice/public/index.html", context)


def _member_initial(access: Any) -> dict[str, Any]:
    if access is None:
        return {}
    person = access.person
    return {
        "name": f"{person.first_name} {person.last_name}".strip(),
        "email": access.email,
        "phone": access.phone,
        "language": access.language,
    }


@in_visitors_language
@once_per_submission(message=COMPLAINT_ALREADY_SENT)
def complaint(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and abuse.over_limit(request, "complaint"):
        return _too_many(request)
    access = open_access_for(request.user)
    language = _page_language()
    form = ComplaintForm(request.POST or None, language=language, initial=_member_initial(access))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            made = receive_complaint(
                member=access,
                how_received=HowReceived.FAMILY_PAGES if access else HowReceived.ONLINE,
                **form.complaint_fields(),
            )
            abuse.count_post(request, "complaint")
        _remember(request, made.reference)
        return redirect("have_your_say:complaint_made", reference=made.reference)
    context = {
        "form": form,
        "title": _("Make a complaint"),
        "back_url": reverse("have_your_say:index"),
        "category_items": [RadioItem(choice) for choice in form["category"]],
        "member_name": access.person.first_name if access else "",
    }
    return render(request, "voice/public/complaint.html", context)


@in_visitors_language
def complaint_made(request: HttpRequest, reference: str) -> HttpResponse:
    _made_here(request, reference)
    made = Complaint.objects.filter(reference=reference).first()
    if made is None:
        raise Http404("No such complaint")
    context = {
        "title": _("Complaint sent"),
        "complaint": made,
        "due": _due(complaint=made, kind=Deadline.Kind.ACKNOWLEDGE),
    }
    return render(request, "voice/public/complaint_made.html", context)


@in_visitors_language
@once_per_submission(message=SUGGESTION_ALREADY_SENT)
def suggestion(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and abuse.over_limit(request, "suggestion"):
        return _too_many(request)
    access = open_access_for(request.user)
    form = SuggestionForm(request.POST or None, language=_page_language())
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            made = receive_suggestion(
                member=access,
                how_received=HowReceived.FAMILY_PAGES if access else HowReceived.ONLINE,
                **form.suggestion_fields(),
            )
            abuse.count_post(request, "suggestion")
        _remember(request, made.reference)
        return redirect("suggest:thanks", reference=made.reference)
    context = {"form": form, "title": _("Make a suggestion"), "back_url": reverse("have_your_say:index")}
    return render(request, "voice/public/suggestion.html", context)


@in_visitors_language
def suggestion_made(request: HttpRequest, reference: str) -> HttpResponse:
    _made_here(request, reference)
    made = Suggestion.objects.filter(reference=reference).first()
    if made is None:
        raise Http404("No such suggestion")
    context = {
        "title": _("Thank you for your suggestion"),
        "suggestion": made,
        "due": _due(suggestion=made, kind=Deadline.Kind.SUGGESTION_ACK),
    }
    return render(request, "voice/public/suggestion_made.html", context)
