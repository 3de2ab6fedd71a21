"""Helpers for the survey tests: an open survey, a link to it, answers already given."""

import datetime
import secrets
from typing import Any

from core.calendar import today
from tests import factories
from voice.models import Survey, SurveyInvitation, SurveyResponse
from voice.services.surveys import survey_open, token_hash


def open_survey(owner: Any = None, **extra: Any) -> Survey:
    owner = owner or factories.complaints_manager(first_name="Carla", last_name="Complaints")
    fields: dict[str, Any] = {
        "title": "How did we do?",
        "title_cy": "Sut wnaethon ni?",
        "owner": owner,
        "publish_changes_by": today() + datetime.timedelta(days=90),
    }
    fields.update(extra)
    return survey_open(actor=owner, **fields)


def link(survey: Survey, team: Any, *, moment: str = "review", member: Any = None) -> str:
    """A fresh one-time link to `survey` (made directly: the invitation service is tested on its own)."""
    token = secrets.token_urlsafe(32)
    SurveyInvitation.objects.create(
        survey=survey,
        token_hash=token_hash(token),
        team=team,
        moment=moment,
        member=member,
        expires_on=today() + datetime.timedelta(days=28),
    )
    return token


def answers(survey: Survey, team: Any, count: int, **extra: Any) -> list[SurveyResponse]:
    fields: dict[str, Any] = {
        "survey": survey,
        "team": team,
        "month": today().replace(day=1),
        "moment": "review",
        "helpful": 4,
        "listened_to": "yes",
        "in_control": "partly",
    }
    fields.update(extra)
    return [SurveyResponse.objects.create(**fields) for _n in range(count)]


GOOD_ANSWER = {"helpful": "5", "listened_to": "yes", "in_control": "partly", "comment": ""}
