"""A survey's results, cohort by cohort (ADR 008, decision 4): a cohort is a team, a moment in the
journey and a month (or the survey's whole period). A cohort with fewer than VOICE_SMALL_NUMBER
responses shows nothing but "fewer than 5 responses", on the page and in the export alike; free text is
shown only once it has passed the check against the names and references of the team's families.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from staff.models import Team
from voice.models import Survey, SurveyResponse
from voice.models.surveys import Moment
from voice.survey_answer_form import HELPFUL, YES_PARTLY_NO, SurveyAnswerForm
from voice.survey_check import names_someone, team_names

BY_MONTH = "month"
BY_PERIOD = "period"
QUESTIONS = ("helpful", "listened_to", "in_control")


def survey_teams_for(user: Any) -> QuerySet[Team]:
    """The teams whose results the user may read: every team for a complaints manager, a team
    manager's own teams."""
    if user.is_complaints_manager:
        return Team.objects.all()
    managed = user.groups.values_list("managed_team__pk", flat=True).exclude(managed_team__pk=None)
    return Team.objects.filter(pk__in=list(managed))


@dataclass
class Cohort:
    team: Team
    moment: str
    month: datetime.date | None  # None: the survey's whole period
    count: int
    # Filled only when the cohort is large enough to show.
    answers: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    comments: list[str] = field(default_factory=list)
    held_back: int = 0

    @property
    def shown(self) -> bool:
        return self.count >= settings.VOICE_SMALL_NUMBER

    @property
    def moment_label(self) -> str:
        return str(Moment(self.moment).label)

    @property
    def period_label(self) -> str:
        return date_format(self.month, "F Y") if self.month else _("The whole survey")


def _choices(name: str) -> list[tuple[Any, str]]:
    return [(value, str(label)) for value, label in (HELPFUL if name == "helpful" else YES_PARTLY_NO)]


def survey_cohorts(*, survey: Survey, teams: QuerySet[Team], by: str = BY_MONTH) -> list[Cohort]:
    rows = list(
        SurveyResponse.objects.filter(survey=survey, team__in=teams).values(
            "team_id", "moment", "month", *QUESTIONS, "comment", "comment_status"
        )
    )
    groups: dict[tuple[int, str, datetime.date | None], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[(row["team_id"], row["moment"], row["month"] if by == BY_MONTH else None)].append(row)
    team_by_id = Team.objects.in_bulk([key[0] for key in groups])
    checks = {team_id: team_names([team_id]) for team_id in {key[0] for key in groups}}
    cohorts = []
    for (team_id, moment, month), members in groups.items():
        cohort = Cohort(team=team_by_id[team_id], moment=moment, month=month, count=len(members))
        if cohort.shown:
            _fill(cohort, members, checks[team_id])
        cohorts.append(cohort)
    cohorts.sort(key=lambda c: (c.team.name, c.moment, c.month or datetime.date.min))
    return cohorts


def _fill(cohort: Cohort, rows: list[dict[str, Any]], check: tuple[set[str], set[str]]) -> None:
    for question in QUESTIONS:
        counts = Counter(row[question] for row in rows)
        cohort.answers[question] = [(label, counts.get(value, 0)) for value, label in _choices(question)]
    names, references = check
    for row in rows:
        text = row["comment"].strip()
        if not text:
            continue
        # Checked when it was written and again now (a family may have joined the team since).
        if row["comment_status"] == SurveyResponse.FreeText.HELD or names_someone(
            text, names=names, references=references
        ):
            cohort.held_back += 1
        else:
            cohort.comments.append(text)
    cohort.comments.sort()


def question_labels() -> dict[str, str]:
    """The questions as the family read them."""
    fields = SurveyAnswerForm.base_fields
    return {name: str(fields[name].label) for name in QUESTIONS}


def survey_results_rows(*, survey: Survey, teams: QuerySet[Team], by: str = BY_MONTH) -> list[list[Any]]:
    """The results as CSV rows (core.csv writes them), one per cohort; a cohort under the small number
    gives its team, moment and period and "fewer than 5 responses", nothing else. Free text is not
    exported."""
    small = settings.VOICE_SMALL_NUMBER
    header: list[Any] = [_("Team"), _("When it was asked"), _("Period"), _("Responses")]
    labels = question_labels()
    columns: list[tuple[str, str]] = []
    for question in QUESTIONS:
        for _value, label in _choices(question):
            columns.append((question, label))
            header.append(f"{labels[question]}: {label}")
    header.append(_("Comments held back"))
    rows = [header]
    for cohort in survey_cohorts(survey=survey, teams=teams, by=by):
        line: list[Any] = [cohort.team.name, cohort.moment_label, cohort.period_label]
        if not cohort.shown:
            line.append(_("fewer than %(n)s responses") % {"n": small})
            line.extend([""] * (len(columns) + 1))
        else:
            line.append(cohort.count)
            for question, label in columns:
                line.append(dict(cohort.answers[question])[label])
            line.append(cohort.held_back)
        rows.append(line)
    return rows
