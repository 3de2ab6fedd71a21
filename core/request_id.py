"""One id per request, on every log line it causes, in the web process and in the tasks it queues.

The load balancer's X-Request-ID is kept when it is a sane token (letters, digits, `._:-`, 8-128 long);
anything else is replaced by a new uuid4. The id is answered in the response's X-Request-ID, held in a
contextvar for the request's duration, written onto every log record by RequestIdFilter (LOGGING in
config/settings/base.py) and carried to Celery in the task message's headers: before_task_publish adds
it, task_prerun puts it back into the worker's contextvar, task_postrun takes it out again.
"""

import contextvars
import logging
import re
import uuid
from collections.abc import Callable
from typing import Any

from celery.signals import before_task_publish, task_postrun, task_prerun
from django.http import HttpRequest, HttpResponseBase

HEADER = "X-Request-ID"
TASK_HEADER = "x_request_id"
SANE = re.compile(r"[A-Za-z0-9._:-]{8,128}")

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
_task_tokens: dict[str, contextvars.Token[str]] = {}


def id_for(incoming: str | None) -> str:
    return incoming if incoming and SANE.fullmatch(incoming) else uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        value = id_for(request.headers.get(HEADER))
        token = request_id.set(value)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response[HEADER] = value
        return response


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record ("-" outside a request or a task a request queued)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get() or "-"
        return True


@before_task_publish.connect
def _publish_with_request_id(headers: dict[str, Any] | None = None, **kwargs: Any) -> None:
    value = request_id.get()
    if value and headers is not None:
        headers[TASK_HEADER] = value


@task_prerun.connect
def _restore_request_id(task_id: str = "", task: Any = None, **kwargs: Any) -> None:
    context = getattr(task, "request", None)
    # A worker gives a message's own headers as attributes of the request; apply(headers=...) as a dict.
    value = getattr(context, TASK_HEADER, None) or (getattr(context, "headers", None) or {}).get(TASK_HEADER)
    if value and SANE.fullmatch(str(value)):
        _task_tokens[task_id] = request_id.set(str(value))


@task_postrun.connect
def _forget_request_id(task_id: str = "", **kwargs: Any) -> None:
    token = _task_tokens.pop(task_id, None)
    if token is not None:
        request_id.reset(token)
