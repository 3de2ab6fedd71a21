"""Reading another directory's Open Referral UK 3.0 feed over HTTP: every page of its `/services`.

Each answer must come within the timeout, be JSON (an HTML page is the wrong address, or a sign-in page),
be no larger than the page limit (read in chunks and stopped there, never held whole) and redirect at most
a few times (a loop fails). Any of these ends the run with a FeedError that says which, before the
importer writes anything.
"""

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
from django.conf import settings

USER_AGENT = "PowerOfOne-directory-import/1.0 (Open Referral UK 3.0)"
CHUNK_BYTES = 64 * 1024


class FeedError(Exception):
    """The feed cannot be read: the message says why, in words an administrator can act on."""


@dataclass(frozen=True)
class Limits:
    timeout: float
    max_bytes: int
    max_redirects: int
    per_page: int
    max_pages: int

    @classmethod
    def from_settings(cls) -> "Limits":
        return cls(
            timeout=settings.DIRECTORY_IMPORT_TIMEOUT_SECONDS,
            max_bytes=settings.DIRECTORY_IMPORT_MAX_PAGE_BYTES,
            max_redirects=settings.DIRECTORY_IMPORT_MAX_REDIRECTS,
            per_page=settings.DIRECTORY_IMPORT_PER_PAGE,
            max_pages=settings.DIRECTORY_IMPORT_MAX_PAGES,
        )


def services_url(feed_url: str) -> str:
    """The feed's `/services`, from its base address (or from `/services` itself)."""
    parts = urlsplit(feed_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FeedError(f"{feed_url} is not a web address (it must start with https:// or http://).")
    base = feed_url.rstrip("/")
    return base if base.endswith("/services") else base + "/services"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def _read_body(response: requests.Response, url: str, limits: Limits, started: float) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise FeedError(f"{url} is larger than the {_megabytes(limits.max_bytes)} a page may be.")
    body = bytearray()
    for chunk in response.iter_content(CHUNK_BYTES):
        body.extend(chunk)
        if len(body) > limits.max_bytes:
            raise FeedError(f"{url} is larger than the {_megabytes(limits.max_bytes)} a page may be.")
        if time.monotonic() - started > limits.timeout:
            raise requests.Timeout()
    return bytes(body)


def _check_answer(response: requests.Response, url: str) -> None:
    if response.status_code != 200:
        raise FeedError(f"{url} answered HTTP {response.status_code}, not 200.")
    content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if not (content_type == "application/json" or content_type.endswith("+json")):
        shown = content_type or "no content type"
        raise FeedError(f"{url} answered {shown}, not JSON: is this the address of an Open Referral UK API?")


def get_json(session: requests.Session, url: str, params: dict[str, Any], limits: Limits) -> Any:
    """One answer of the feed, checked and parsed; FeedError if it is not a JSON answer within limits."""
    session.max_redirects = limits.max_redirects
    started = time.monotonic()
    shown = requests.Request("GET", url, params=params).prepare().url or url
    try:
        with session.get(
            url,
            params=params,
            stream=True,
            timeout=(limits.timeout, limits.timeout),
            headers={"Accept": "application/json", "User-Agent": USER_AGENT},
        ) as response:
            _check_answer(response, shown)
            body = _read_body(response, shown, limits, started)
    except requests.TooManyRedirects as exc:
        raise FeedError(
            f"{shown} redirected more than {limits.max_redirects} times (a redirect loop?)."
        ) from exc
    except requests.Timeout as exc:
        raise FeedError(f"{shown} did not answer within {limits.timeout:g} seconds.") from exc
    except requests.RequestException as exc:
        raise FeedError(f"{shown} could not be reached: {exc.__class__.__name__}.") from exc
    try:
        return json.loads(body)
    except ValueError as exc:  # not UTF-8, or not JSON
        raise FeedError(f"{shown} is not valid JSON ({exc}).") from exc


def _is_last(page: dict[str, Any], number: int) -> bool:
    if not page["contents"] or page.get("last_page") is True:
        return True
    total_pages = page.get("total_pages")
    return isinstance(total_pages, int) and number >= total_pages


def fetch_pages(
    feed_url: str,
    *,
    limits: Limits,
    session: requests.Session | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[dict[str, Any]]:
    """Every page of the feed's `/services?full=true`, in order (each a Page object with `contents`)."""
    url = services_url(feed_url)
    session = session or requests.Session()
    pages: list[dict[str, Any]] = []
    number = 1
    while True:
        params = {"page": number, "per_page": limits.per_page, "full": "true"}
        page = get_json(session, url, params, limits)
        if not isinstance(page, dict) or not isinstance(page.get("contents"), list):
            raise FeedError(f"Page {number} of {url} is not a page of services (no `contents` list).")
        pages.append(page)
        if progress:
            total = page.get("total_pages")
            progress(f"page {number}{f' of {total}' if isinstance(total, int) else ''}")
        if _is_last(page, number):
            return pages
        number += 1
        if number > limits.max_pages:
            raise FeedError(f"{url} has more than {limits.max_pages} pages.")


def fetch_service(
    session: requests.Session, feed_url: str, service_id: str, limits: Limits
) -> dict[str, Any] | None:
    """`/services/{id}`, for a feed whose list gives only one-to-one fields (no `full=true`)."""
    data = get_json(session, f"{services_url(feed_url)}/{service_id}", {}, limits)
    return data if isinstance(data, dict) else None
