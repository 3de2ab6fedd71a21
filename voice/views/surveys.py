"""The staff's survey pages (complaints managers and team managers): the list, opening and closing a
survey, its results (cohorts of at least VOICE_SMALL_NUMBER only), their CSV and the paper version.
Access through voice.survey_access (404 for anyone else), writes through voice.services.surveys."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.calendar import today
from core.csv import csv_response
from core.forms import add_service_errors
from core.submissions import once_per_submission
from core.views import form_page
from staff.http import AuthedRequest
from voice import survey_results
from voice.models import Survey
from voice.services import surveys as survey_services
from voice.survey_access import may_close, survey_for, survey_staff
from voice.survey_forms import SurveyCloseForm, SurveyOpenForm
from voice.survey_paper import survey_paper_pdf


@login_required
def survey_list(request: AuthedRequest) -> HttpResponse:
    survey_staff(request.user)
    surveys = list(Survey.objects.select_related("owner"))
    on = today()
    rows = [(survey, survey_services.survey_is_open(survey, on)) for survey in surveys]
    return render(request, "voice/surveys/list.html", {"rows": rows})


@login_required
@once_per_submission(message=gettext_lazy("This survey was already opened at %(time)s."))
def survey_open(request: AuthedRequest) -> HttpResponse:
    user = survey_staff(request.user)
    form = SurveyOpenForm(request.POST if request.method == "POST" else None, initial={"owner": user.pk})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            survey = survey_services.survey_open(actor=user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The survey is open."))
            return redirect("surveys:results", survey.pk)
    return form_page(
        request,
        form,
        title=_("Open a survey"),
        lead=_(
            "A survey without a willingness to change is worse than no survey at all: name who will act on "
            "the answers and the date by which they will publish what changed."
        ),
        submit_label=_("Open the survey"),
        back_url=reverse("surveys:list"),
    )


@login_required
def survey_close(request: AuthedRequest, survey_id: int) -> HttpResponse:
    survey = survey_for(request.user, survey_id)
    if not may_close(request.user, survey):
        raise Http404
    form = SurveyCloseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            survey_services.survey_close(actor=request.user, survey=survey)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The survey is closed."))
            return redirect("surveys:results", survey.pk)
    return form_page(
        request,
        form,
        title=_("Close the survey"),
        caption=survey.title,
        submit_label=_("Close the survey"),
        warning=True,
        back_url=reverse("surveys:results", args=[survey.pk]),
    )


def _by(request: AuthedRequest) -> str:
    return survey_results.BY_PERIOD if request.GET.get("by") == "period" else survey_results.BY_MONTH


@login_required
def results(request: AuthedRequest, survey_id: int) -> HttpResponse:
    survey = survey_for(request.user, survey_id)
    by = _by(request)
    teams = survey_results.survey_teams_for(request.user)
    return render(
        request,
        "voice/surveys/results.html",
        {
            "survey": survey,
            "is_open": survey_services.survey_is_open(survey),
            "may_close": may_close(request.user, survey) and survey_services.survey_is_open(survey),
            "cohorts": survey_results.survey_cohorts(survey=survey, teams=teams, by=by),
            "questions": survey_results.question_labels(),
            "by": by,
            "small": settings.VOICE_SMALL_NUMBER,
        },
    )


@login_required
def results_csv(request: AuthedRequest, survey_id: int) -> HttpResponse:
    survey = survey_for(request.user, survey_id)
    teams = survey_results.survey_teams_for(request.user)
    rows = survey_results.survey_results_rows(survey=survey, teams=teams, by=_by(request))
    return csv_response(rows, filename=f"survey-{survey.pk}-results.csv")


@login_required
def paper(request: AuthedRequest, survey_id: int) -> HttpResponse:
    """The questions on paper, to print, in English or in Welsh."""
    survey = survey_for(request.user, survey_id)
    language = "cy" if request.GET.get("language") == "cy" else "en"
    with translation.override(language):
        data = survey_paper_pdf(survey=survey, language=language)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="survey-{survey.pk}-{language}.pdf"'
    return response
