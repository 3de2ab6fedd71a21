"""The annual complaints report (issue 12 item 7): counts only, read only.

The year is the council's financial year, 1 April to 31 March, as councils report complaints. A
complaint or a suggestion counts in the year it was received, a survey response in the year of its
month, a "you said, we did" change in the year it was published.

Nothing here names anyone: no names, references, postcodes, dates of birth, workers, teams or anything
a person typed, except the "you said, we did" changes, which managers wrote to be published. Every
number under VOICE_SMALL_NUMBER is shown as "fewer than N", and when only one number of a breakdown is
hidden that way, the next smallest is hidden too ("not shown"), so the hidden one cannot be worked out
from the total.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count
from django.utils.translation import gettext as _

from core.calendar import today
from voice.models import Change, Complaint, ComplaintCategory, Deadline, Stage, Suggestion, SurveyResponse
from voice.models.surveys import Moment


@dataclass(frozen=True)
class Year:
    start: datetime.date  # 1 April

    @property
    def end(self) -> datetime.date:
        return datetime.date(self.start.year + 1, 3, 31)

    @property
    def label(self) -> str:
        return _("April %(start)s to March %(end)s") % {"start": self.start.year, "end": self.end.year}


def year_of(day: datetime.date) -> Year:
    return Year(datetime.date(day.year if day.month >= 4 else day.year - 1, 4, 1))


def years_offered() -> list[Year]:
    """This financial year and the five before it."""
    current = year_of(today())
    return [Year(datetime.date(current.start.year - n, 4, 1)) for n in range(6)]


def shown(n: int) -> str:
    small = settings.VOICE_SMALL_NUMBER
    if 0 < n < small:
        return _("fewer than %(n)s") % {"n": small}
    return str(n)


@dataclass
class Row:
    label: str
    n: int
    text: str = ""


@dataclass
class Breakdown:
    title: str
    heading: str
    rows: list[Row]
    total: int = 0
    total_text: str = ""

    def hide_small(self) -> "Breakdown":
        small = settings.VOICE_SMALL_NUMBER
        for row in self.rows:
            row.text = shown(row.n)
        hidden = [row for row in self.rows if 0 < row.n < small]
        if len(hidden) == 1:
            others = sorted((row for row in self.rows if row.n >= small), key=lambda row: row.n)
            if others:
                others[0].text = _("not shown")
        self.total_text = shown(self.total)
        return self


@dataclass
class Timeliness:
    label: str
    # on time, late, by-passed, not yet due: a by-passed stage's deadline is never on time.
    cells: list[Row] = field(default_factory=list)


TIMELINESS_COLUMNS = ("on_time", "late", "bypassed", "pending")


def timeliness_headings() -> list[str]:
    return [_("Met on time"), _("Late"), _("Stage by-passed"), _("Not yet due")]


@dataclass
class AnnualReport:
    year: Year
    complaints: Breakdown
    by_stage: Breakdown
    by_category: Breakdown
    by_outcome: Breakdown
    timeliness: list[Timeliness]
    suggestions: Breakdown
    surveys: Breakdown
    changes: list[Change]


def _breakdown(title: str, heading: str, counts: dict[str, int]) -> Breakdown:
    rows = [Row(label, n) for label, n in counts.items()]
    return Breakdown(title, heading, rows, sum(counts.values())).hide_small()


def _stage_counts(stages: list[Stage], complaint_ids: list[int]) -> tuple[dict[str, int], dict[str, int]]:
    """How far each complaint went, and the outcome of its last decided stage."""
    furthest: dict[int, int] = {}
    outcome: dict[int, tuple[int, str]] = {}
    for stage in stages:
        furthest[stage.complaint_id] = max(furthest.get(stage.complaint_id, 0), stage.number)
        if stage.outcome and stage.number >= outcome.get(stage.complaint_id, (0, ""))[0]:
            outcome[stage.complaint_id] = (stage.number, stage.outcome)
    by_stage = {str(label): 0 for _n, label in Stage._meta.get_field("number").choices or []}
    labels = dict(Stage._meta.get_field("number").choices or [])
    for pk in complaint_ids:
        if pk in furthest:
            by_stage[str(labels[furthest[pk]])] += 1
    by_outcome = {str(label): 0 for _value, label in Stage.Outcome.choices}
    undecided = str(_("Not decided yet"))
    by_outcome[undecided] = 0
    names = dict(Stage.Outcome.choices)
    for pk in complaint_ids:
        key = str(names[outcome[pk][1]]) if pk in outcome else undecided
        by_outcome[key] += 1
    return by_stage, by_outcome


def _deadline_label(deadline: Deadline, stage_labels: dict[int, str]) -> str:
    if deadline.kind == Deadline.Kind.RESPOND and deadline.stage is not None:
        return _("%(stage)s: respond") % {"stage": stage_labels[deadline.stage.number]}
    return str(deadline.get_kind_display())


def _timeliness(deadlines: list[Deadline], on: datetime.date) -> list[Timeliness]:
    stage_labels = {int(n): str(label) for n, label in Stage._meta.get_field("number").choices or []}
    counts: dict[str, Counter[str]] = {}
    for deadline in deadlines:
        label = _deadline_label(deadline, stage_labels)
        if deadline.stage is not None and deadline.stage.bypassed:
            column = "bypassed"
        elif deadline.met_on is not None:
            column = "on_time" if deadline.met_on <= deadline.due_on else "late"
        else:
            column = "late" if deadline.due_on < on else "pending"
        counts.setdefault(label, Counter())[column] += 1
    rows = []
    for label, counter in counts.items():
        cells = {column: counter[column] for column in TIMELINESS_COLUMNS}
        hidden = _breakdown(label, "", cells).rows
        rows.append(Timeliness(label, hidden))
    return rows


def annual_report(*, year: Year) -> AnnualReport:
    """Everything the report shows for `year`, in a fixed number of queries."""
    complaints = Complaint.objects.filter(received_at__date__range=(year.start, year.end))
    complaint_ids = list(complaints.values_list("pk", flat=True))
    stages = list(Stage.objects.filter(complaint_id__in=complaint_ids).only("complaint", "number", "outcome"))
    by_stage, by_outcome = _stage_counts(stages, complaint_ids)
    per_category = dict(complaints.values_list("category__name").annotate(n=Count("pk")))
    categories = {c.name: per_category.get(c.name, 0) for c in ComplaintCategory.objects.all()}
    deadlines = list(
        Deadline.objects.filter(complaint_id__in=complaint_ids)
        .select_related("stage")
        .only("kind", "due_on", "met_on", "stage__number", "stage__bypassed")
        .order_by("kind", "stage__number")
    )
    deadlines.sort(key=lambda d: (d.stage.number if d.stage else 0, d.due_on))
    suggestions = Suggestion.objects.filter(received_at__date__range=(year.start, year.end))
    decided = dict(suggestions.values_list("decision").annotate(n=Count("pk")))
    decisions = {str(label): decided.get(value, 0) for value, label in Suggestion.Decision.choices}
    decisions[str(_("Not decided yet"))] = decided.get("", 0)
    responses = SurveyResponse.objects.filter(month__range=(year.start, year.end))
    per_moment = dict(responses.values_list("moment").annotate(n=Count("pk")))
    moments = {str(label): per_moment.get(value, 0) for value, label in Moment.choices}
    return AnnualReport(
        year=year,
        complaints=_breakdown(_("Complaints received"), "", {_("Complaints"): len(complaint_ids)}),
        by_stage=_breakdown(_("Complaints by the furthest stage reached"), _("Stage"), by_stage),
        by_category=_breakdown(_("Complaints by what they were about"), _("About"), categories),
        by_outcome=_breakdown(_("Complaints by outcome"), _("Outcome"), by_outcome),
        timeliness=_timeliness(deadlines, today()),
        suggestions=_breakdown(_("Suggestions and what we decided"), _("Decision"), decisions),
        surveys=_breakdown(_("Survey responses by when they were asked"), _("When asked"), moments),
        changes=list(
            Change.objects.filter(published_on__range=(year.start, year.end)).order_by("published_on", "pk")
        ),
    )
