"""Who may see and change an assessment: exactly the people who may see and change the family."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from assessments.models import Assessment, DomainEntry
from families.models import Family
from families.permissions import CHANGE, VIEW, family_for
from staff.models import User

__all__ = ["CHANGE", "VIEW", "assessment_for", "entry_for", "existing_assessment_for"]


def assessment_for(user: User, reference: str, perm: str = VIEW) -> tuple[Family, Assessment | None]:
    family = family_for(user, reference, perm)
    return family, Assessment.objects.filter(family=family).select_related("framework").first()


def existing_assessment_for(user: User, reference: str, perm: str = VIEW) -> tuple[Family, Assessment]:
    family, assessment = assessment_for(user, reference, perm)
    if assessment is None:
        raise Http404("No assessment")
    return family, assessment


def entry_for(assessment: Assessment, entry_id: int) -> DomainEntry:
    return get_object_or_404(
        DomainEntry.objects.select_related("domain", "assessment__framework"),
        pk=entry_id,
        assessment=assessment,
    )
