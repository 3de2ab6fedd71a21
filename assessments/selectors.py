"""Read queries for assessments: the assessment page and the family's distance travelled."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch

from assessments.models import Assessment, AssessmentReview, DomainEntry, ReviewScore


def assessment_entries(*, assessment: Assessment) -> list[DomainEntry]:
    """Every area of the assessment, active ones first in framework order; retired ones keep their data."""
    entries = list(assessment.entries.select_related("domain").order_by("domain__order", "domain__name"))
    return [e for e in entries if e.domain.active] + [e for e in entries if not e.domain.active]


def entry_is_empty(entry: DomainEntry) -> bool:
    return not (
        entry.strengths
        or entry.worries
        or entry.family_words
        or entry.family_score
        or entry.worker_score
        or entry.need_identified_by_family
    )


@dataclass
class DomainJourney:
    domain: Any
    # (date, family score, worker score) for each snapshot, oldest first
    points: list[tuple[datetime.date, int | None, int | None]] = field(default_factory=list)

    def change(self, index: int) -> int | None:
        values: list[int] = [v for p in self.points if isinstance(v := p[index], int)]
        return values[-1] - values[0] if len(values) >= 2 else None

    @property
    def family_change(self) -> int | None:
        return self.change(1)

    @property
    def worker_change(self) -> int | None:
        return self.change(2)


def distance_travelled(*, assessment: Assessment) -> tuple[list[AssessmentReview], list[DomainJourney]]:
    """The snapshots, oldest first, and for each area its scores at each one (two queries)."""
    reviews = list(
        assessment.reviews.prefetch_related(
            Prefetch("scores", queryset=ReviewScore.objects.select_related("domain"))
        ).order_by("reviewed_on", "created_at")
    )
    journeys: dict[int, DomainJourney] = {}
    for review in reviews:
        for score in review.scores.all():
            journey = journeys.setdefault(score.domain_id, DomainJourney(domain=score.domain))
            journey.points.append((review.reviewed_on, score.family_score, score.worker_score))
    ordered = sorted(journeys.values(), key=lambda j: (j.domain.order, j.domain.name))
    return reviews, ordered
