import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from assessments import services
from assessments.models import Assessment, AssessmentReview, Domain, DomainEntry, Framework
from core.calendar import today
from core.exceptions import EditConflict

TEN_AREAS = [
    "Getting a good education",
    "Good early years development",
    "Improved mental and physical health",
    "Better managed substance use",
    "Improved family relationships",
    "Children safe from abuse and exploitation",
    "Families diverted from crime",
    "Safe from domestic abuse",
    "Secure housing",
    "Financial stability",
]


@pytest.fixture
def assessment(cast: Any) -> Assessment:
    return services.assessment_start(
        actor=cast.lead, family=cast.family, started_on=today() - datetime.timedelta(days=90)
    )


def _entry(assessment: Assessment, name: str = "Secure housing") -> DomainEntry:
    return assessment.entries.get(domain__name=name)


def test_the_default_framework_is_the_ten_supporting_families_outcomes(db: Any) -> None:
    framework = Framework.objects.get(is_default=True)
    assert list(framework.domains.values_list("name", flat=True)) == TEN_AREAS
    assert (framework.scale_min, framework.scale_max) == (1, 10)


def test_starting_gives_an_entry_for_every_area_in_use(cast: Any, assessment: Assessment) -> None:
    assert assessment.entries.count() == 10
    assert assessment.history.get().history_user == cast.lead


def test_a_second_assessment_is_refused_with_a_clear_message(cast: Any, assessment: Assessment) -> None:
    with pytest.raises(ValidationError, match="already has an assessment"):
        services.assessment_start(actor=cast.lead, family=cast.family)
    assert Assessment.objects.count() == 1


def test_the_database_refuses_a_second_assessment(cast: Any, assessment: Assessment) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(family=cast.family, framework=assessment.framework, created_by=cast.lead)


def test_every_entry_field_change_leaves_history_with_the_actor(cast: Any, assessment: Assessment) -> None:
    entry = _entry(assessment)
    changes = {
        "strengths": "Tenancy in both names",
        "worries": "Rent arrears",
        "family_words": "We're scared of losing the flat",
        "family_score": 3,
        "worker_score": 4,
        "need_identified_by_family": True,
    }
    for field, value in changes.items():
        entry = services.domain_entry_update(
            actor=cast.manager, entry=entry, version=entry.version, **{field: value}
        )
        latest = entry.history.latest()
        assert latest.history_user == cast.manager, field
        assert getattr(latest, field) == value
    assert entry.version == 1 + len(changes)


@pytest.mark.parametrize("score", [0, 11])
def test_a_score_outside_the_scale_is_refused_and_nothing_is_written(
    cast: Any, assessment: Assessment, score: int
) -> None:
    entry = _entry(assessment)
    with pytest.raises(ValidationError, match="Give a score from 1 to 10"):
        services.domain_entry_update(
            actor=cast.lead, entry=entry, version=entry.version, family_score=score, worries="x"
        )
    entry.refresh_from_db()
    assert (entry.family_score, entry.worries, entry.version) == (None, "", 1)


def test_two_stale_entry_edits_the_second_is_refused(cast: Any, assessment: Assessment) -> None:
    entry = _entry(assessment)
    services.domain_entry_update(actor=cast.lead, entry=entry, version=1, worries="Arrears of 400 pounds")
    with pytest.raises(EditConflict) as exc:
        services.domain_entry_update(actor=cast.manager, entry=entry, version=1, worries="No worries")
    assert exc.value.current.worries == "Arrears of 400 pounds"
    entry.refresh_from_db()
    assert entry.worries == "Arrears of 400 pounds"


def _entry_post(entry: DomainEntry, **changes: Any) -> dict[str, Any]:
    data = {
        "strengths": entry.strengths,
        "worries": entry.worries,
        "family_words": entry.family_words,
        "family_score": entry.family_score or "",
        "worker_score": entry.worker_score or "",
        "version": str(entry.version),
    }
    data.update(changes)
    return data


def test_two_stale_entry_forms_show_both_versions(client: Any, cast: Any, assessment: Assessment) -> None:
    entry = _entry(assessment)
    url = f"/assessments/{cast.family.reference}/areas/{entry.pk}/"
    stale = _entry_post(entry)
    client.force_login(cast.lead)
    assert client.post(url, {**stale, "family_words": "We want to stay here"}).status_code == 302
    client.force_login(cast.manager)
    response = client.post(url, {**stale, "family_words": "We want to move nearer Nan"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved a change while you were editing" in page
    assert "We want to stay here" in page and "We want to move nearer Nan" in page
    entry.refresh_from_db()
    assert entry.family_words == "We want to stay here"


@pytest.mark.parametrize(
    ("score", "message"), [("11", "Give a score from 1 to 10."), ("x", "Give a score from 1 to 10.")]
)
def test_a_bad_score_in_the_form_gets_a_clear_message(
    client: Any, cast: Any, assessment: Assessment, score: str, message: str
) -> None:
    entry = _entry(assessment)
    client.force_login(cast.lead)
    response = client.post(
        f"/assessments/{cast.family.reference}/areas/{entry.pk}/",
        _entry_post(entry, family_score=score, worries="x"),
    )
    assert message in response.content.decode()
    entry.refresh_from_db()
    assert entry.worries == ""


def test_re_assessment_snapshots_scores_and_shows_distance_travelled(
    cast: Any, client: Any, assessment: Assessment
) -> None:
    entry = _entry(assessment)
    entry = services.domain_entry_update(
        actor=cast.lead, entry=entry, version=1, family_score=3, worker_score=4
    )
    first = services.assessment_review_record(
        actor=cast.lead, assessment=assessment, reviewed_on=today() - datetime.timedelta(days=60)
    )
    services.domain_entry_update(
        actor=cast.lead, entry=entry, version=entry.version, family_score=7, worker_score=6
    )
    second = services.assessment_review_record(actor=cast.lead, assessment=assessment, reviewed_on=today())
    assert (first.kind, second.kind) == (AssessmentReview.Kind.INITIAL, AssessmentReview.Kind.REVIEW)
    assert first.scores.get().family_score == 3 and second.scores.get().family_score == 7
    client.force_login(cast.lead)
    page = client.get(f"/assessments/{cast.family.reference}/").content.decode()
    assert 'role="img"' in page and "<title" in page and "<desc" in page
    assert "Scores for Secure housing over time" in page
    assert "3 / 4" in page and "7 / 6" in page and "+4 / +2" in page


def test_a_retired_area_keeps_its_data_and_new_areas_join(
    cast: Any, client: Any, assessment: Assessment
) -> None:
    entry = _entry(assessment)
    services.domain_entry_update(actor=cast.lead, entry=entry, version=1, strengths="Good landlord")
    domain = entry.domain
    domain.active = False
    domain.save()
    Domain.objects.create(framework=assessment.framework, name="Digital inclusion", order=11)
    services.assessment_review_record(actor=cast.lead, assessment=assessment)
    assert assessment.entries.filter(domain__name="Digital inclusion").exists()
    client.force_login(cast.lead)
    page = client.get(f"/assessments/{cast.family.reference}/").content.decode()
    assert "Good landlord" in page and "Retired" in page


def test_the_assessment_page_query_count_does_not_grow_with_reviews(
    cast: Any, client: Any, assessment: Assessment
) -> None:
    client.force_login(cast.lead)
    url = f"/assessments/{cast.family.reference}/"
    services.assessment_review_record(
        actor=cast.lead, assessment=assessment, reviewed_on=assessment.started_on
    )
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for entry in assessment.entries.all():
        services.domain_entry_update(
            actor=cast.lead, entry=entry, version=entry.version, family_score=5, worker_score=5
        )
    for days in (30, 20, 10):
        services.assessment_review_record(
            actor=cast.lead, assessment=assessment, reviewed_on=today() - datetime.timedelta(days=days)
        )
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)
