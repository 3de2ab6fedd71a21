"""Celery's queues (config/queues.py): alerts, PDFs and everything else each go to their own workers."""

from collections.abc import Iterator

import pytest

from config import queues
from config.celery import app


def _queue_of(name: str) -> str:
    return app.amqp.router.route({}, name)["queue"].name


@pytest.fixture
def default_queue() -> Iterator[None]:
    previous = app.conf.task_default_queue
    yield
    app.conf.task_default_queue = previous


def test_referral_alerts_and_pdfs_have_their_own_queues_and_the_rest_goes_to_default() -> None:
    assert _queue_of("agencies.tasks.deliver_outbox") == "alerts"
    assert _queue_of("agencies.tasks.relay_outbox") == "alerts"
    assert _queue_of("plans.tasks.render_plan_pdf") == "pdf"
    assert _queue_of("voice.tasks.send_complaint_reply") == "pdf"
    assert _queue_of("families.tasks.read_log_purge_task") == "default"
    assert _queue_of("reports.tasks.send_weekly_digests") == "default"


def test_every_routed_task_exists_so_a_renamed_task_cannot_fall_silently_into_default() -> None:
    app.loader.import_default_modules()
    assert set(queues.QUEUE_OF_TASK) <= set(app.tasks)


def test_a_worker_of_its_own_has_three_queues_of_its_own(default_queue: None) -> None:
    app.conf.task_default_queue = "it-123.default"
    assert queues.queue_names("it-123.default") == ["it-123.alerts", "it-123.pdf", "it-123.default"]
    assert _queue_of("agencies.tasks.deliver_outbox") == "it-123.alerts"
    assert _queue_of("plans.tasks.render_plan_pdf") == "it-123.pdf"
    assert _queue_of("core.tasks.submission_tokens_prune_task") == "it-123.default"
