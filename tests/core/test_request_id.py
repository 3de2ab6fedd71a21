"""A request's id is on every log line it causes, and on the lines of the tasks it queues."""

import contextvars
import copy
import io
import json
import logging
import logging.config
from collections.abc import Iterator
from typing import Any

import pytest
from celery import shared_task
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from core import request_id

logger = logging.getLogger("tests.core.request_id")


@shared_task
def _log_in_a_task() -> None:
    logger.info("in the task")


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    """The project's LOGGING with LOG_FORMAT=json, its console handler writing here."""
    stream = io.StringIO()
    config = copy.deepcopy(settings.LOGGING)
    config["handlers"]["console"].update(formatter="json", stream=stream)
    config["loggers"]["tests"] = {"level": "INFO"}
    logging.config.dictConfig(config)
    yield stream
    logging.config.dictConfig(settings.LOGGING)


def _lines(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def _view(request: HttpRequest) -> HttpResponse:
    logger.info("in the view")
    _log_in_a_task.delay()  # eager in the tests: run here, in the request's context
    return HttpResponse("ok")


def test_a_requests_log_lines_and_its_tasks_carry_the_load_balancers_id(json_log: io.StringIO) -> None:
    response = request_id.RequestIdMiddleware(_view)(
        RequestFactory().get("/", HTTP_X_REQUEST_ID="lb-4f1c9e2a-77")
    )
    assert response[request_id.HEADER] == "lb-4f1c9e2a-77"
    lines = {line["message"]: line for line in _lines(json_log)}
    assert lines["in the view"]["request_id"] == "lb-4f1c9e2a-77"
    assert lines["in the task"]["request_id"] == "lb-4f1c9e2a-77"
    assert lines["in the view"]["level"] == "INFO" and lines["in the view"]["logger"] == logger.name


@pytest.mark.parametrize("incoming", ["", "short", "x" * 129, "evil\nInjected: 1", "a b c d e f g h"])
def test_an_id_that_is_not_a_sane_token_is_replaced_by_a_new_one(incoming: str) -> None:
    factory = RequestFactory()
    headers = {"HTTP_X_REQUEST_ID": incoming} if incoming else {}
    response = request_id.RequestIdMiddleware(lambda r: HttpResponse())(factory.get("/", **headers))
    assert response[request_id.HEADER] != incoming
    assert len(response[request_id.HEADER]) == 32
    assert request_id.request_id.get() == ""  # nothing left behind after the request


def test_a_task_run_elsewhere_takes_the_id_from_its_message_headers(json_log: io.StringIO) -> None:
    headers: dict[str, Any] = {}
    token = request_id.request_id.set("web-req-0001")
    try:
        request_id._publish_with_request_id(headers=headers)
    finally:
        request_id.request_id.reset(token)
    # A worker: another context, where the request's contextvar was never set.
    contextvars.Context().run(_log_in_a_task.apply, headers=headers)
    assert _lines(json_log)[-1]["request_id"] == "web-req-0001"
    assert request_id.request_id.get() == ""


def test_every_page_answers_with_its_request_id(client: Any) -> None:
    response = client.get("/healthz", HTTP_X_REQUEST_ID="probe-000001")
    assert response[request_id.HEADER] == "probe-000001"
