"""Background work on core's bookkeeping. Tasks call a function and return what it did."""

from celery import shared_task

from core.submissions import submission_tokens_prune


@shared_task(acks_late=True)
def submission_tokens_prune_task() -> int:
    return submission_tokens_prune()
