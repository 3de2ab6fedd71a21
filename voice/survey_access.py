"""Who may run surveys and read their results (ADR 008, decision 4): complaints managers and team
managers; anyone else gets 404. A team manager reads the results of their own teams only; a survey is
closed by its owner or a complaints manager."""

from typing import Any

from django.http import Http404

from voice.models import Survey


def may_run_surveys(user: Any) -> bool:
    return bool(
        user.is_authenticated and user.is_active and (user.is_complaints_manager or user.is_team_manager)
    )


def survey_staff(user: Any) -> Any:
    if not may_run_surveys(user):
        raise Http404
    return user


def survey_for(user: Any, survey_id: int) -> Survey:
    survey_staff(user)
    survey = Survey.objects.select_related("owner").filter(pk=survey_id).first()
    if survey is None:
        raise Http404
    return survey


def may_close(user: Any, survey: Survey) -> bool:
    return may_run_surveys(user) and (user.is_complaints_manager or survey.owner_id == user.pk)
