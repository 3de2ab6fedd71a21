"""Who sees which complaint: the one place that decides (ADR 008).

Complaints managers see every complaint. Anyone else sees only a complaint on which they are the named
responsible person of a stage, and never one about themselves or about a team they belong to or manage,
even if they were named by mistake. Everyone else, the worker complained about first, gets 404: the
page, the count, the search and the history behave as if the complaint did not exist.
"""

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from voice.models import Change, Complaint, Suggestion


def _conflicted(user: Any) -> Q:
    """Complaints the user is too close to: about them, or about a team they are in or manage."""
    near = Q(about_worker=user)
    if user.team_id:
        near |= Q(team_id=user.team_id)
    managed = list(user.groups.values_list("managed_team__pk", flat=True).exclude(managed_team__pk=None))
    if managed:
        near |= Q(team_id__in=managed)
    return near


def complaints_for(user: Any) -> QuerySet[Complaint]:
    if not user.is_authenticated or not user.is_active or user.is_family_member:
        return Complaint.objects.none()
    if user.is_complaints_manager:
        return Complaint.objects.all()
    named = Complaint.objects.filter(stages__responsible=user).exclude(_conflicted(user))
    return Complaint.objects.filter(pk__in=named.values("pk"))


def may_be_responsible(user: Any, complaint: Complaint) -> bool:
    """A person may be named responsible for a stage only if they are detached from its cause."""
    if not user.is_active or user.is_family_member or user.is_agency_worker:
        return False
    return not Complaint.objects.filter(pk=complaint.pk).filter(_conflicted(user)).exists()


def suggestions_for(user: Any) -> QuerySet[Suggestion]:
    """Suggestions are not about anyone: complaints managers see all, a responsible person theirs."""
    if not user.is_authenticated or not user.is_active or user.is_family_member:
        return Suggestion.objects.none()
    if user.is_complaints_manager:
        return Suggestion.objects.all()
    return Suggestion.objects.filter(responsible=user)


def published_changes() -> QuerySet[Change]:
    """ "You said, we did": what managers have published, newest first (public, and on the family's pages)."""
    return Change.objects.filter(published_on__isnull=False).order_by("-published_on", "-pk")


# Suggestions and "you said, we did" on the staff side (voice/views/suggestions.py, voice/views/changes.py).


def suggestions_page(user: Any) -> QuerySet[Suggestion]:
    """The staff's list: open suggestions first, oldest first (their acknowledgement falls due first),
    then the decided ones, newest first; with the responsible person and the acknowledgement clock."""
    from django.db.models import Case, F, Prefetch, When

    from voice.models import Deadline

    still_open = Q(status__in=[Suggestion.Status.RECEIVED, Suggestion.Status.ACKNOWLEDGED])
    return (
        suggestions_for(user)
        .select_related("responsible", "meeting")
        .prefetch_related(
            Prefetch(
                "deadlines",
                queryset=Deadline.objects.filter(kind=Deadline.Kind.SUGGESTION_ACK),
                to_attr="ack_deadlines",
            )
        )
        .annotate(open_since=Case(When(still_open, then=F("received_at")), default=None))
        .order_by(F("open_since").asc(nulls_last=True), "-received_at", "-pk")
    )


def review_meetings() -> QuerySet[Any]:
    from django.db.models import Count

    from voice.models import ReviewMeeting

    undecided = Q(suggestions__status__in=[Suggestion.Status.RECEIVED, Suggestion.Status.ACKNOWLEDGED])
    return (
        ReviewMeeting.objects.select_related("chair")
        .annotate(listed=Count("suggestions"), undecided=Count("suggestions", filter=undecided))
        .order_by("-held_on", "-pk")
    )


def changes_for_staff() -> QuerySet[Change]:
    """Every change, drafts first (they want finishing), then the published ones, newest first."""
    from django.db.models import F

    return Change.objects.select_related("created_by", "survey").order_by(
        F("published_on").desc(nulls_first=True), "-created_at", "-pk"
    )


def change_in(change: Change, language: str) -> dict[str, Any]:
    """What a visitor reads of a change: the Welsh text on a Welsh page, the English where there is none."""
    welsh = language.startswith("cy")
    return {
        "change": change,
        "language": "cy" if welsh else "en-gb",
        "you_said": (change.you_said_cy if welsh else "") or change.you_said,
        "we_did": (change.we_did_cy if welsh else "") or change.we_did,
        "source": Change.Source(change.source).label,  # lazy: translated where it is shown
        "published_on": change.published_on,
    }


def complaint_history(complaint: Complaint) -> list[Any]:
    """Every change to a complaint, its stages, its deadlines and the replies sent, newest first: who
    acted, when, what changed and why (the same field-by-field entries as a family's History tab)."""
    from core.history import history_entries, history_records
    from voice.models import Deadline, Reply, Stage

    stage_ids = list(complaint.stages.values_list("pk", flat=True))
    return history_entries(
        [
            (str(_("Complaint")), history_records(Complaint).filter(id=complaint.pk)),
            (
                lambda r: str(_("Stage %(number)s") % {"number": r.number}),
                history_records(Stage).filter(complaint_id=complaint.pk),
            ),
            (
                lambda r: str(Deadline.Kind(r.kind).label),
                history_records(Deadline).filter(Q(complaint_id=complaint.pk) | Q(stage_id__in=stage_ids)),
            ),
            (
                lambda r: str(_("Reply: %(subject)s") % {"subject": r.subject}),
                history_records(Reply).filter(complaint_id=complaint.pk),
            ),
        ]
    )
