"""The family's voice's background work: replies to complainants, reminders and escalation."""

from celery import shared_task

from voice.models import Complaint, Suggestion
from voice.services.replies import send_reply


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def send_complaint_reply(complaint_id: int, kind: str, key: str) -> bool:
    complaint = Complaint.objects.get(pk=complaint_id)
    return send_reply(complaint, kind=kind, key=key) is not None


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def send_suggestion_reply(suggestion_id: int, kind: str, key: str) -> bool:
    suggestion = Suggestion.objects.get(pk=suggestion_id)
    return send_reply(suggestion, kind=kind, key=key) is not None


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def send_suggestion_outcome(suggestion_id: int) -> bool:
    """The review meeting's decision, to the person who made the suggestion (once)."""
    from voice.services.suggestions_review import suggestion_outcome_send

    return suggestion_outcome_send(suggestion_id=suggestion_id) is not None
