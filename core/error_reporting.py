"""Optional error reporting to Sentry, switched on by SENTRY_DSN (config/settings/base.py).

The records are about families, so nothing typed into the site leaves it: no default personal data
(send_default_pii=False: no user, no address), no request bodies, cookies, query strings or headers bar
the user agent, and no local variables of the failing frames. What is left is the error, where it was,
the URL's path and the request id that finds its log lines (core/request_id.py).
"""

from typing import Any

KEPT_HEADERS = {"user-agent", "x-request-id"}


def scrub(event: dict[str, Any], hint: dict[str, Any] | None = None) -> dict[str, Any]:
    """Sentry's before_send: the event without the request's contents."""
    request = event.get("request")
    if isinstance(request, dict):
        for key in ("data", "cookies", "query_string", "env"):
            request.pop(key, None)
        headers = request.get("headers")
        if isinstance(headers, dict):
            request["headers"] = {k: v for k, v in headers.items() if k.lower() in KEPT_HEADERS}
        if isinstance(request.get("url"), str):
            request["url"] = request["url"].split("?")[0]
    event.pop("user", None)
    from core.request_id import request_id

    if request_id.get():
        event.setdefault("tags", {})["request_id"] = request_id.get()
    return event


def sentry_init(*, dsn: str, environment: str, traces_sample_rate: float = 0.0) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        before_send=scrub,  # type: ignore[arg-type]  # Event is a TypedDict of this dict's keys
        traces_sample_rate=traces_sample_rate,
    )
