"""Answering a survey from its link (public: no account, open to family members too). In the member's
language, or the one they choose on the page.

The link is the one-time guarantee: answering deletes the invitation in the transaction that writes the
response, so a second post (a double click, a second tab) finds no invitation and writes nothing. These
views do not use `once_per_submission`: its token row would keep the exact moment of the answer, which
a survey response must not have (ADR 008, decision 4).
"""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation

from voice.models import SurveyInvitation
from voice.services.surveys import invitation_for, survey_answer
from voice.survey_answer_form import SurveyAnswerForm

LANGUAGES = ("en", "cy")


def _language(request: HttpRequest, invitation: SurveyInvitation | None) -> str:
    chosen = request.GET.get("lang")
    if chosen in LANGUAGES:
        return str(chosen)
    if invitation is not None and invitation.member_id is not None and invitation.member is not None:
        return invitation.member.language
    return "cy" if translation.get_language() == "cy" else "en"


def _unusable(request: HttpRequest, language: str) -> HttpResponse:
    return render(request, "voice/survey/unusable.html", {"language": language}, status=404)


def answer(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitation_for(token)
    language = _language(request, invitation)
    with translation.override(language):
        if invitation is None:
            return _unusable(request, language)
        form = SurveyAnswerForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                survey_answer(token=token, **form.cleaned_data)
            except ValidationError:
                return _unusable(request, language)
            return redirect(reverse("survey:thanks") + f"?lang={language}")
        survey = invitation.survey
        return render(
            request,
            "voice/survey/answer.html",
            {
                "form": form,
                "title": survey.title_cy if language == "cy" else survey.title,
                "language": language,
                "other_language": "en" if language == "cy" else "cy",
            },
        )


def thanks(request: HttpRequest) -> HttpResponse:
    language = "cy" if request.GET.get("lang") == "cy" else "en"
    with translation.override(language):
        return render(request, "voice/survey/thanks.html", {"language": language})
