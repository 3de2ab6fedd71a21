"""The family's own scores over time per area (distance travelled), the worker's beside them only if the
lead chose to show them."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from assessments.models import Assessment
from assessments.selectors import distance_travelled
from family_portal.visibility import MemberView


@dataclass
class AreaScores:
    domain: Any
    # (date, family score, worker score), oldest first
    points: list[tuple[datetime.date, int | None, int | None]] = field(default_factory=list)

    def _change(self, index: int) -> int | None:
        values = [v for p in self.points if isinstance(v := p[index], int)]
        return values[-1] - values[0] if len(values) >= 2 else None

    @property
    def family_change(self) -> int | None:
        return self._change(1)

    @property
    def family_change_size(self) -> int:
        return abs(self.family_change or 0)

    @property
    def worker_change(self) -> int | None:
        return self._change(2)


@dataclass
class MemberScores:
    assessment: Assessment | None
    areas: list[AreaScores]
    show_worker: bool
    scale_min: int = 0
    scale_max: int = 0


def member_scores(view: MemberView) -> MemberScores:
    show_worker = view.access.show_worker_scores
    assessment = Assessment.objects.filter(family=view.family).select_related("framework").first()
    if assessment is None:
        return MemberScores(None, [], show_worker)
    entries = list(assessment.entries.select_related("domain"))
    hidden_domains = {e.domain_id for e in entries if not view.shows(e)}
    reviews, journeys = distance_travelled(assessment=assessment)
    areas = [
        AreaScores(domain=j.domain, points=list(j.points))
        for j in journeys
        if j.domain.pk not in hidden_domains
    ]
    if not reviews:
        # No snapshot yet: the assessment's scores as they stand.
        areas = [
            AreaScores(e.domain, [(assessment.started_on, e.family_score, e.worker_score)])
            for e in entries
            if e.domain_id not in hidden_domains and (e.family_score or e.worker_score)
        ]
    if not show_worker:
        for area in areas:
            area.points = [(day, mine, None) for day, mine, _worker in area.points]
    framework = assessment.framework
    return MemberScores(assessment, areas, show_worker, framework.scale_min, framework.scale_max)
