"""A local GOV.UK Notify: the documented endpoints the product uses, on a loopback port.

It checks each request's JWT as Notify does (HS256, signed with the key's secret, `iss` the service id,
`iat` within 30 seconds), records what was sent, answers 201 with a notification id, and answers 429
(or any status) to the next requests when a test asks it to. `GET /v2/notifications?reference=` and
`GET /v2/notifications/<id>` answer from what it recorded. Use the `notify` fixture: it points the
settings at the server and makes Notify the email backend.
"""

import base64
import http.server
import json
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlparse

import jwt
import pytest

SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
API_KEY = f"poo_test-{SERVICE_ID}-{SECRET}"
EMAIL_TEMPLATE = "f33517ff-2a88-4f6e-b855-c550268ce08a"
SMS_TEMPLATE = "ceb50d92-100d-4b8b-b559-14fa3b091cda"
CALLBACK_TOKEN = "callback-token-of-the-council-0123456789"

_PATHS = {
    "/v2/notifications/email": "email",
    "/v2/notifications/sms": "sms",
    "/v2/notifications/letter": "letter",
}


class FakeNotify(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.reset()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def reset(self) -> None:
        with self.lock:
            self.sent: list[dict[str, Any]] = []
            self.refusals: list[int] = []  # statuses to answer to the next sends, one each
            self.unauthorised = 0

    def refuse_next(self, *statuses: int) -> None:
        with self.lock:
            self.refusals.extend(statuses)

    def set_status(self, notify_id: str, status: str) -> None:
        """What Notify's status look-up says of a notification from now on."""
        with self.lock:
            for notification in self.sent:
                if notification["id"] == notify_id:
                    notification["status"] = status
                    notification["completed_at"] = "2026-12-07T10:42:03.000000Z"

    def of_type(self, kind: str) -> list[dict[str, Any]]:
        return [n for n in self.sent if n["type"] == kind]

    def callback_body(self, notification: dict[str, Any], status: str) -> dict[str, Any]:
        """The JSON Notify posts to the service's callback URL when the status became final."""
        return {
            "id": notification["id"],
            "reference": notification["reference"],
            "to": notification["to"],
            "status": status,
            "created_at": "2026-12-07T10:41:58.000000Z",
            "completed_at": "2026-12-07T10:42:03.000000Z",
            "sent_at": "2026-12-07T10:42:00.000000Z",
            "notification_type": notification["type"],
            "template_id": notification.get("template_id"),
            "template_version": 1,
        }


class _Handler(http.server.BaseHTTPRequestHandler):
    server: FakeNotify

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _answer(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _error(self, status: int, error: str, message: str) -> None:
        self._answer(status, {"status_code": status, "errors": [{"error": error, "message": message}]})

    def _authorised(self) -> bool:
        scheme, _space, token = self.headers.get("Authorization", "").partition(" ")
        try:
            claims = jwt.decode(token, SECRET, algorithms=["HS256"], options={"verify_iat": False})
            ok = scheme == "Bearer" and claims["iss"] == SERVICE_ID and abs(time.time() - claims["iat"]) <= 30
        except (jwt.PyJWTError, KeyError):
            ok = False
        if not ok:
            with self.server.lock:
                self.server.unauthorised += 1
            self._error(403, "AuthError", "Invalid token: API key not found")
        return ok

    def do_POST(self) -> None:
        kind = _PATHS.get(self.path)
        if kind is None:
            return self._error(404, "NotFound", "not found")
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        if not self._authorised():
            return None
        with self.server.lock:
            refusal = self.server.refusals.pop(0) if self.server.refusals else 0
        if refusal == 429:
            return self._error(
                429, "RateLimitError", "Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds"
            )
        if refusal:
            return self._error(refusal, "Error", "refused for the test")
        problem = _problem(kind, body)
        if problem:
            return self._error(400, "BadRequestError", problem)
        notification = {
            "id": str(uuid.uuid4()),
            "type": kind,
            "reference": body.get("reference"),
            "to": body.get("email_address") or body.get("phone_number") or "letter",
            "template_id": body.get("template_id"),
            "personalisation": body.get("personalisation", {}),
            "pdf": base64.b64decode(body["content"]) if kind == "letter" else b"",
            "postage": body.get("postage"),
            "status": "created",
        }
        with self.server.lock:
            self.server.sent.append(notification)
        self._answer(
            201,
            {
                "id": notification["id"],
                "reference": notification["reference"],
                "uri": f"{self.server.url}/v2/notifications/{notification['id']}",
            },
        )

    def do_GET(self) -> None:
        if not self._authorised():
            return None
        url = urlparse(self.path)
        with self.server.lock:
            sent = [_as_api(n) for n in self.server.sent]
        if url.path == "/v2/notifications":
            reference = parse_qs(url.query).get("reference", [None])[0]
            found = [n for n in sent if reference is None or n["reference"] == reference]
            return self._answer(200, {"notifications": found[::-1], "links": {"current": self.path}})
        notify_id = url.path.removeprefix("/v2/notifications/")
        for notification in sent:
            if notification["id"] == notify_id:
                return self._answer(200, notification)
        return self._error(404, "NoResultFound", "No result found")


def _problem(kind: str, body: dict[str, Any]) -> str:
    if kind == "letter":
        content = base64.b64decode(body.get("content", ""))
        return (
            ""
            if body.get("reference") and content.startswith(b"%PDF")
            else "reference and a PDF are required"
        )
    template = EMAIL_TEMPLATE if kind == "email" else SMS_TEMPLATE
    if body.get("template_id") != template:
        return "Template not found"
    needed = {"subject", "body"} if kind == "email" else {"body"}
    if not needed <= set(body.get("personalisation", {})):
        return f"Missing personalisation: {', '.join(sorted(needed))}"
    address = body.get("email_address") if kind == "email" else body.get("phone_number")
    return "" if address else "address is required"


def _as_api(notification: dict[str, Any]) -> dict[str, Any]:
    key = {"email": "email_address", "sms": "phone_number"}.get(notification["type"], "line_1")
    return {
        "id": notification["id"],
        "reference": notification["reference"],
        "type": notification["type"],
        "status": notification["status"],
        key: notification["to"],
        "completed_at": notification.get("completed_at"),
    }


@pytest.fixture(scope="session")
def notify_server() -> Iterator[FakeNotify]:
    server = FakeNotify()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def notify(notify_server: FakeNotify, settings: Any) -> FakeNotify:
    """GOV.UK Notify configured for every channel, pointed at the local server."""
    notify_server.reset()
    settings.NOTIFY_API_KEY = API_KEY
    settings.NOTIFY_BASE_URL = notify_server.url
    settings.NOTIFY_EMAIL_TEMPLATE_ID = EMAIL_TEMPLATE
    settings.NOTIFY_SMS_TEMPLATE_ID = SMS_TEMPLATE
    settings.NOTIFY_CALLBACK_TOKEN = CALLBACK_TOKEN
    settings.NOTIFY_SEND_LETTERS = True
    settings.EMAIL_BACKEND = "core.notify.NotifyEmailBackend"
    settings.FAMILY_NOTIFY_BACKENDS = {
        **settings.FAMILY_NOTIFY_BACKENDS,
        "text": "core.notify.NotifyTextBackend",
        "letter": "family_portal.backends.NotifyLetterBackend",
    }
    return notify_server
