"""Who may do what with suggestions, review meetings and "you said, we did" (404 for anyone else).

Complaints managers handle suggestions: they record them, name the responsible person, run the review
meetings and record the decisions. The responsible person sees the suggestions they are named on and may
acknowledge them. Managers (complaints managers and team managers) write and publish "you said, we did".
"""

from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404

from voice.models import Change, ReviewMeeting, Suggestion
from voice.selectors import suggestions_for
from voice.services.changes import may_write_changes


def handles_suggestions(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_complaints_manager)


def require_suggestion_handler(user: Any) -> None:
    if not handles_suggestions(user):
        raise Http404


def require_suggestion_list(user: Any) -> None:
    """The list is for complaints managers, and for anyone named responsible for a suggestion."""
    if not (handles_suggestions(user) or suggestions_for(user).exists()):
        raise Http404


def suggestion_for(user: Any, reference: str) -> Suggestion:
    return get_object_or_404(suggestions_for(user), reference=reference)


def may_acknowledge(user: Any, suggestion: Suggestion) -> bool:
    return handles_suggestions(user) or suggestion.responsible_id == user.pk


def meeting_for(user: Any, pk: int) -> ReviewMeeting:
    require_suggestion_handler(user)
    return get_object_or_404(ReviewMeeting, pk=pk)


def require_change_writer(user: Any) -> None:
    if not may_write_changes(user):
        raise Http404


def change_for(user: Any, pk: int) -> Change:
    require_change_writer(user)
    return get_object_or_404(Change, pk=pk)
