"""`/healthz` (the process answers) and `/readyz` (the database, the cache and the broker answer), for a load
balancer or an orchestrator. Both are public, never cached, say nothing about the data, and are exempt
from the HTTPS redirect so a load balancer may ask over plain HTTP inside the network."""

import logging
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe


@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _cache() -> str:
    key = "readyz-probe"
    cache.set(key, "1", timeout=10)
    if cache.get(key) != "1":
        raise RuntimeError("the cache did not return what was written")
    return "ok"


def _broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER or not settings.CELERY_BROKER_URL:
        return "not used (tasks run in the web process)"
    from config.celery import app

    with app.connection_for_write(settings.CELERY_BROKER_URL) as conn:
        conn.ensure_connection(max_retries=1, timeout=settings.READYZ_TIMEOUT_SECONDS)
    return "ok"


logger = logging.getLogger(__name__)
PROBES: dict[str, Callable[[], str]] = {"database": _database, "cache": _cache, "broker": _broker}


@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    """200 when every dependency answers; 503 naming the one that does not (never its error's detail)."""
    answers: dict[str, Any] = {}
    ready = True
    for name, probe in PROBES.items():
        started = time.monotonic()
        try:
            answers[name] = {"status": probe()}
        except Exception:  # any failure means not ready; the reason goes to the log, not the response
            logger.exception("readyz: %s did not answer", name)
            answers[name] = {"status": "unavailable"}
            ready = False
        answers[name]["ms"] = round((time.monotonic() - started) * 1000, 1)
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": answers}, status=200 if ready else 503
    )
