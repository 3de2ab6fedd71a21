"""Celery's three queues and which task goes to which (README "Running on PostgreSQL with real Celery
workers", docs/operations.md "Queues").

- `alerts`: the referral outbox and its service-level clock, so an agency's alert never waits behind
  a batch of PDFs or a night's digests;
- `pdf`: tasks whose work is rendering a PDF (a long plan, a complaint's reply by letter, a family's
  news by letter), on workers sized for WeasyPrint's memory;
- `default` (CELERY_TASK_DEFAULT_QUEUE): everything else.

The queue names follow the default queue's: with CELERY_TASK_DEFAULT_QUEUE=`x.default` they are `x.alerts`
and `x.pdf` (so a test's or a bench's own worker, devtools/live_worker.py, has three queues of its own).
"""

from typing import Any

ALERTS, PDF, DEFAULT = "alerts", "pdf", "default"

QUEUE_OF_TASK = {
    "agencies.tasks.deliver_outbox": ALERTS,
    "agencies.tasks.relay_outbox": ALERTS,
    "agencies.tasks.check_service_levels": ALERTS,
    "plans.tasks.render_plan_pdf": PDF,
    "voice.tasks.send_complaint_reply": PDF,
    "voice.tasks.send_suggestion_reply": PDF,
    "voice.tasks.send_stage_reply": PDF,
    "family_portal.tasks.notify_family_news": PDF,
}


def prefix_of(default_queue: str) -> str:
    """`x.` for a default queue named `x.default`; nothing for `default` (or any other name)."""
    return default_queue[: -len(DEFAULT)] if default_queue.endswith(DEFAULT) else ""


def queue_names(default_queue: str) -> list[str]:
    """Every queue a worker taking all the work consumes (`-Q alerts,pdf,default`)."""
    prefix = prefix_of(default_queue)
    return [prefix + ALERTS, prefix + PDF, default_queue]


def route(
    name: str, args: Any, kwargs: Any, options: Any, task: Any = None, **kw: Any
) -> dict[str, str] | None:
    """Celery's router (CELERY_TASK_ROUTES): a named task's queue, with the default queue's prefix."""
    queue = QUEUE_OF_TASK.get(name)
    if queue is None:
        return None  # the default queue
    from celery import current_app

    return {"queue": prefix_of(current_app.conf.task_default_queue) + queue}
