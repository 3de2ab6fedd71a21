"""Surveys (issue 12 item 5): the staff's pages for complaints managers and team managers only (404 for
everyone else, a team manager closing only the surveys they own); answering from a link is public."""

import datetime
from typing import Any

from django.urls import reverse

from core.calendar import today
from tests.access import ROLES, AccessRow, everyone_but
from voice.models import Survey


def _survey(cast: Any) -> Survey:
    """One survey owned by the cast's team manager, made on first use."""
    from tests.voice.survey_support import open_survey

    return Survey.objects.first() or open_survey(cast.manager)


def _link(cast: Any) -> str:
    from tests.voice.survey_support import link

    return reverse("survey:answer", args=[link(_survey(cast), cast.team)])


def _survey_url(name: str) -> Any:
    return lambda cast: reverse(name, args=[_survey(cast).pk])


SURVEY_STAFF = everyone_but({"manager": 200, "other_manager": 200, "complaints_manager": 200})
EVERYONE = dict.fromkeys(ROLES, 200)


def _half_answer(cast: Any) -> dict[str, Any]:
    """Two questions of three: the form comes back with its message (200), nothing written."""
    return {"helpful": "4", "listened_to": "yes", "comment": ""}


def _open(cast: Any) -> dict[str, Any]:
    by = today() + datetime.timedelta(days=30)
    # Valid but for the Welsh title: the form comes back with its message, and nothing is written.
    return {"title": "How did we do?", "title_cy": "", "owner": cast.manager.pk, "at_review": "on"} | {
        "publish_changes_by_day": by.day,
        "publish_changes_by_month": by.month,
        "publish_changes_by_year": by.year,
    }


ROWS = [
    AccessRow("surveys:list", lambda cast: reverse("surveys:list"), SURVEY_STAFF),
    AccessRow("surveys:open", lambda cast: reverse("surveys:open"), SURVEY_STAFF),
    AccessRow("surveys:open", lambda cast: reverse("surveys:open"), SURVEY_STAFF, method="POST", data=_open),
    AccessRow("surveys:results", _survey_url("surveys:results"), SURVEY_STAFF),
    AccessRow("surveys:results_csv", _survey_url("surveys:results_csv"), SURVEY_STAFF),
    AccessRow("surveys:paper", _survey_url("surveys:paper"), SURVEY_STAFF),
    AccessRow(
        "surveys:close",
        _survey_url("surveys:close"),
        everyone_but({"manager": 200, "complaints_manager": 200}),
        note="its owner (the cast's manager) and complaints managers; another team's manager gets 404",
    ),
    AccessRow("survey:answer", _link, EVERYONE, note="public: the link is the key"),
    AccessRow("survey:answer", _link, EVERYONE, method="POST", data=_half_answer),
    AccessRow(
        "survey:answer",
        lambda cast: reverse("survey:answer", args=["no-such-link"]),
        dict.fromkeys(ROLES, 404),
        note="an unknown or used link: a clear page",
    ),
    AccessRow("survey:thanks", lambda cast: reverse("survey:thanks"), EVERYONE),
]
