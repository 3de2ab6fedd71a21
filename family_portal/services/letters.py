"""Letters to post: the notices a member chose to get by letter, until the lead worker posts them."""

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from families import permissions as family_permissions
from family_portal.models import FamilyNotice
from staff.models import User


def letters_for(user: User, *, status: str = FamilyNotice.Status.TO_POST) -> QuerySet[FamilyNotice]:
    """Letters of the families this user holds (their lead worker, their team's managers)."""
    families = family_permissions.families_visible_to(user, family_permissions.CHANGE)
    return (
        FamilyNotice.objects.filter(status=status, access__person__family__in=families)
        .select_related("access__person__family")
        .order_by("created_at", "pk")
    )


def letter_for(user: User, notice_id: int) -> FamilyNotice:
    """One letter of a family the user holds; 404 for any other (never says whether it exists)."""
    families = family_permissions.families_visible_to(user, family_permissions.CHANGE)
    notice = (
        FamilyNotice.objects.filter(pk=notice_id, access__person__family__in=families)
        .exclude(letter="")
        .select_related("access__person__family")
        .first()
    )
    if notice is None:
        raise Http404("No such letter")
    return notice


@transaction.atomic
def letter_mark_posted(*, actor: User, notice: FamilyNotice) -> FamilyNotice:
    """Record that the letter went in the post (once: marking it again changes nothing)."""
    notice = FamilyNotice.objects.select_for_update().get(pk=notice.pk)
    if notice.status == FamilyNotice.Status.TO_POST:
        notice.status = FamilyNotice.Status.POSTED
        notice.posted_by = actor
        notice.posted_at = timezone.now()
        notice.save(update_fields=["status", "posted_by", "posted_at"])
    return notice
