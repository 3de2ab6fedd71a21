"""The load balancer's probes: /healthz says the process answers; /readyz says whether the database, the
cache and the broker answer, and which one does not."""

from typing import Any

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_signing_in_and_is_never_cached(client: Any) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_readyz_checks_the_database_and_the_cache_and_says_tasks_run_in_process_without_a_broker(
    client: Any,
) -> None:
    body = client.get("/readyz").json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["cache"]["status"] == "ok"
    assert body["checks"]["broker"]["status"] == "not used (tasks run in the web process)"


@override_settings(
    CELERY_TASK_ALWAYS_EAGER=False, CELERY_BROKER_URL="redis://127.0.0.1:1/0", READYZ_TIMEOUT_SECONDS=0.5
)
def test_readyz_is_503_naming_a_broker_that_does_not_answer_and_not_its_error(client: Any) -> None:
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["broker"]["status"] == "unavailable"
    assert body["checks"]["database"]["status"] == "ok"
    assert "127.0.0.1" not in response.content.decode()


def test_the_probes_answer_get_and_head_only(client: Any) -> None:
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405
