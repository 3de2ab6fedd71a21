"""Every write to an assessment: start it, record what each outcome area says, re-assess.

Keyword-only, typed, one transaction each, the actor on the field history. Editing an area is
optimistic-locked: the caller passes the version it read, and a save over someone else's newer save is
refused with `EditConflict` (carrying the saved version) instead of silently overwriting it.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from assessments.models import Assessment, AssessmentReview, Domain, DomainEntry, Framework, ReviewScore
from core.calendar import today
from core.exceptions import EditConflict
from core.history import save_with_actor as _save
from families.models import Family
from staff.models import User


def default_framework() -> Framework:
    framework = Framework.objects.filter(is_default=True).first() or Framework.objects.order_by("pk").first()
    if framework is None:
        raise ValidationError(_("No assessment framework has been set up. Ask an administrator to add one."))
    return framework


@transaction.atomic
def assessment_start(
    *, actor: User, family: Family, framework: Framework | None = None, started_on: Any = None
) -> Assessment:
    """The family's one assessment, with an empty entry for every outcome area in use."""
    if Assessment.objects.filter(family=family).exists():
        raise ValidationError(
            _(
                "This family already has an assessment. Review it rather than starting another: one family, one assessment."
            )
        )
    framework = framework or default_framework()
    started_on = started_on or today()
    if started_on > today():
        raise ValidationError({"started_on": _("The start date must be today or in the past.")})
    assessment = Assessment(family=family, framework=framework, started_on=started_on, created_by=actor)
    try:
        with transaction.atomic():
            _save(assessment, actor=actor, reason=_("Assessment started"))
    except IntegrityError as exc:
        raise ValidationError(
            _("This family already has an assessment. One family, one assessment.")
        ) from exc
    for domain in framework.domains.filter(active=True).order_by("order", "name"):
        _save(DomainEntry(assessment=assessment, domain=domain), actor=actor)
    return assessment


def _entries_for_new_domains(*, actor: User, assessment: Assessment) -> None:
    """Areas added to the framework after the assessment started get an entry when next needed."""
    have = set(assessment.entries.values_list("domain_id", flat=True))
    for domain in assessment.framework.domains.filter(active=True).exclude(pk__in=have):
        _save(DomainEntry(assessment=assessment, domain=domain), actor=actor)


def check_score(value: int | None, framework: Framework, field: str) -> None:
    if value is None:
        return
    if not framework.scale_min <= value <= framework.scale_max:
        raise ValidationError(
            {
                field: _("Give a score from %(min)s to %(max)s.")
                % {"min": framework.scale_min, "max": framework.scale_max}
            }
        )


ENTRY_FIELDS = (
    "strengths",
    "worries",
    "family_words",
    "family_score",
    "worker_score",
    "need_identified_by_family",
)


@transaction.atomic
def domain_entry_update(*, actor: User, entry: DomainEntry, version: int, **fields: Any) -> DomainEntry:
    """Save what the assessment says about one area, unless someone else saved it since `version`."""
    unknown = set(fields) - set(ENTRY_FIELDS)
    if unknown:
        raise ValueError(f"domain_entry_update does not take {sorted(unknown)}")
    current = (
        DomainEntry.objects.select_for_update()
        .select_related("assessment__framework", "domain")
        .get(pk=entry.pk)
    )
    if current.version != version:
        raise EditConflict(current)
    framework = current.assessment.framework
    check_score(fields.get("family_score"), framework, "family_score")
    check_score(fields.get("worker_score"), framework, "worker_score")
    for field, value in fields.items():
        setattr(current, field, value.strip() if isinstance(value, str) else value)
    current.full_clean()
    current.version = version + 1
    _save(current, actor=actor)
    return current


@transaction.atomic
def assessment_update(*, actor: User, assessment: Assessment, summary: str) -> Assessment:
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    assessment.summary = summary.strip()
    assessment.full_clean()
    _save(assessment, actor=actor)
    return assessment


@transaction.atomic
def assessment_review_record(
    *, actor: User, assessment: Assessment, reviewed_on: Any = None, notes: str = ""
) -> AssessmentReview:
    """Snapshot today's scores as a dated point on the family's journey (the first one is the baseline)."""
    reviewed_on = reviewed_on or today()
    if reviewed_on > today():
        raise ValidationError({"reviewed_on": _("The date must be today or in the past.")})
    if reviewed_on < assessment.started_on:
        raise ValidationError({"reviewed_on": _("The date cannot be before the assessment started.")})
    _entries_for_new_domains(actor=actor, assessment=assessment)
    kind = AssessmentReview.Kind.REVIEW if assessment.reviews.exists() else AssessmentReview.Kind.INITIAL
    review = AssessmentReview(
        assessment=assessment, kind=kind, reviewed_on=reviewed_on, notes=notes.strip(), created_by=actor
    )
    _save(review, actor=actor, reason=str(review.get_kind_display()))
    for entry in assessment.entries.select_related("domain"):
        if entry.family_score is None and entry.worker_score is None:
            continue
        _save(
            ReviewScore(
                review=review,
                domain=entry.domain,
                family_score=entry.family_score,
                worker_score=entry.worker_score,
            ),
            actor=actor,
        )
    return review


def domain_is_usable(domain: Domain) -> bool:
    return domain.active


# --- configuration (the admin) ---------------------------------------------------------------------


@transaction.atomic
def framework_save(*, actor: Any, framework: Framework, reason: str = "") -> Framework:
    """Add or change a framework (its name, scale, whether it is the default for new assessments)."""
    framework.full_clean()
    _save(
        framework, actor=actor, reason=reason or ("Framework changed" if framework.pk else "Framework added")
    )
    return framework


@transaction.atomic
def domain_save(*, actor: Any, domain: Domain, reason: str = "") -> Domain:
    """Add, rename, reorder or retire an outcome area (areas are never deleted: past scores keep them)."""
    domain.full_clean()
    _save(
        domain, actor=actor, reason=reason or ("Outcome area changed" if domain.pk else "Outcome area added")
    )
    return domain
