"""Sentry only with SENTRY_DSN, and never with what a family's record says."""

import os
import subprocess
import sys
from pathlib import Path

import sentry_sdk

from core.error_reporting import scrub
from core.request_id import request_id

ROOT = Path(__file__).resolve().parent.parent.parent


def test_without_sentry_dsn_nothing_is_initialised() -> None:
    assert not sentry_sdk.get_client().is_active()


def test_with_sentry_dsn_the_client_starts_without_personal_data() -> None:
    env = dict(
        os.environ,
        SENTRY_DSN="https://public@sentry.invalid/1",
        DJANGO_SETTINGS_MODULE="config.settings.test",
    )
    code = (
        "import django; django.setup(); import sentry_sdk; c = sentry_sdk.get_client(); "
        "print(c.is_active(), c.options['send_default_pii'], c.options['include_local_variables'])"
    )
    out = subprocess.run(  # noqa: S603 - our own interpreter, fixed code
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert out.stdout.split()[-3:] == ["True", "False", "False"]


def test_the_scrubber_removes_what_was_typed_and_keeps_where_it_happened() -> None:
    event = {
        "request": {
            "url": "https://casework.example/families/F-1/notes/?q=Sam+Taylor",
            "method": "POST",
            "data": {"text": "Sam disclosed ..."},
            "cookies": {"sessionid": "abc"},
            "query_string": "q=Sam+Taylor",
            "headers": {"Cookie": "sessionid=abc", "User-Agent": "Firefox", "X-Csrftoken": "t"},
            "env": {"REMOTE_ADDR": "10.0.0.1"},
        },
        "user": {"email": "lena@example.org"},
        "exception": {"values": [{"type": "ValueError"}]},
    }
    token = request_id.set("lb-00000042")
    try:
        scrubbed = scrub(event, {})
    finally:
        request_id.reset(token)
    assert scrubbed["request"] == {
        "url": "https://casework.example/families/F-1/notes/",
        "method": "POST",
        "headers": {"User-Agent": "Firefox"},
    }
    assert "user" not in scrubbed
    assert scrubbed["tags"] == {"request_id": "lb-00000042"}
    assert scrubbed["exception"] == {"values": [{"type": "ValueError"}]}
