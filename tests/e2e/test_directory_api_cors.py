"""A page on another origin reads the directory API from Chromium (issue 14's acceptance): a fetch with a
custom header, so the browser must send a CORS preflight first, succeeds; so does reading a JSON error
(404, 405) the API answers, and a conditional request."""

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from directory.api_middleware import DirectoryApiMiddleware

PAGE = "<!doctype html><html lang='en'><head><title>Another site</title></head><body><h1>Other</h1></body></html>"


@pytest.fixture
def other_origin(tmp_path: Path) -> Iterator[str]:
    """A second tiny web server on loopback: a page of another origin than the live server's."""
    (tmp_path / "index.html").write_text(PAGE)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


FETCH = """async ([url, init]) => {
  const response = await fetch(url, init);
  const text = await response.text();
  return {status: response.status, body: text ? JSON.parse(text) : null,
          etag: response.headers.get('ETag'), type: response.headers.get('Content-Type')};
}"""


def test_a_page_on_another_origin_reads_the_api_after_a_preflight(
    page_factory: Any, live_server: Any, other_origin: str, monkeypatch: Any
) -> None:
    preflights: list[str] = []
    original = DirectoryApiMiddleware._preflight

    def counting(self: Any, request: Any) -> Any:
        preflights.append(request.headers.get("Access-Control-Request-Headers", ""))
        return original(self, request)

    monkeypatch.setattr(DirectoryApiMiddleware, "_preflight", counting)
    page = page_factory()
    page.goto(other_origin)
    assert page.evaluate("location.origin") != live_server.url
    api = f"{live_server.url}/api/directory"
    headers = {"X-Api-Client": "neighbouring-directory"}

    ok = page.evaluate(FETCH, [f"{api}/services", {"headers": headers}])
    assert ok["status"] == 200 and ok["type"] == "application/json"
    assert ok["body"]["empty"] is True and ok["etag"]  # ETag is exposed to the page
    assert preflights and "x-api-client" in preflights[0].lower()

    missing = page.evaluate(FETCH, [f"{api}/no-such-path", {"headers": headers}])
    assert missing["status"] == 404 and missing["body"]["status"] == 404

    write = page.evaluate(
        FETCH,
        [
            f"{api}/services",
            {"method": "POST", "headers": {**headers, "Content-Type": "application/json"}, "body": "{}"},
        ],
    )
    assert write["status"] == 405 and write["body"]["status"] == 405

    conditional = page.evaluate(
        FETCH, [f"{api}/services", {"headers": {**headers, "If-None-Match": ok["etag"]}}]
    )
    assert conditional["status"] == 304
