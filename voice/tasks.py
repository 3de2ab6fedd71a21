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
def send_stage_reply(complaint_id: int, kind: str, key: str, context: dict[str, str]) -> bool:
    """A reply about a stage (voice/services/stages.py): values named `*_on` are ISO dates, turned back
    into dates so the template writes them in the complainant's language."""
    import datetime

    values: dict[str, object] = {
        name: datetime.date.fromisoformat(value) if name.endswith("_on") else value
        for name, value in context.items()
    }
    complaint = Complaint.objects.get(pk=complaint_id)
    return send_reply(complaint, kind=kind, key=key, context=values) is not None


@shared_task
def check_deadlines() -> tuple[int, int]:
    """Daily: remind before each open complaint deadline and escalate each missed one, once each."""
    from voice.services.reminders import deadlines_check

    return deadlines_check()


@shared_task(acks_late=True)
def send_survey_invitations(family_id: int, moment: str, event: str) -> int:
    """Invite each adult member of a family to the open surveys, after a review or at closure (once
    per event: a retried task sends nothing more)."""
    from voice.services.surveys import invite_family

    return invite_family(family_id=family_id, moment=moment, event=event)


@shared_task
def prune_survey_invitations() -> int:
    """Daily: forget survey links past their date, or of a closed survey."""
    from voice.services.surveys import survey_invitations_prune

    return survey_invitations_prune()


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def send_suggestion_outcome(suggestion_id: int) -> bool:
    """The review meeting's decision, to the person who made the suggestion (once)."""
    from voice.services.suggestions_review import suggestion_outcome_send

    return suggestion_outcome_send(suggestion_id=suggestion_id) is not None
