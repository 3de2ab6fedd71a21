"""What every answer under /api/directory/ shares, so the directory API behaves like a public API.

- CORS: every answer, errors included, says `Access-Control-Allow-Origin: *`; an OPTIONS request (a
  browser's preflight) is answered 204 with the methods and whatever headers the page asked to send.
- Methods: GET and HEAD (HEAD is GET without the body); any other method is a 405 in JSON, answered here
  before sessions or CSRF are looked at (nothing in the API writes, and the views are csrf_exempt too).
- JSON for every answer: an error another layer wrote as HTML (a 404 for an unknown path, a 405, a 500) is
  rewritten as `{"status": ..., "message": ...}` with the same status and headers.
- Caching: a 200 carries a strong ETag (a hash of the bytes sent), `Last-Modified` (when the directory
  last changed, from its history tables) and `Cache-Control: public, max-age=DIRECTORY_API_MAX_AGE`;
  If-None-Match and If-Modified-Since are answered 304. Each ETag is remembered (in Django's cache) for
  the data, address and encoding it answered, so a conditional request for an answer already given since
  the directory last changed is a 304 without building the answer again. Errors say `no-store`.
- Compression: JSON is gzipped for clients that accept it (the gzipped bytes are another representation,
  so their ETag carries `-gzip`: strong, where GZipMiddleware would weaken it). Nothing else is touched.
- A per-address limit (DIRECTORY_API_RATE_LIMIT, "300/m"): past it a 429 in JSON with Retry-After. The
  count is kept in Django's cache for one fixed window (CACHE_URL: with a shared cache such as Redis every
  web process sees the same count; the default in-memory cache counts per process), keyed by an HMAC of
  the address (staff.sign_in.client_ip, which knows the trusted proxies). voice/abuse.py's limit is not
  reused: it counts accepted posts in the database, too heavy for every read, and sits on a higher floor.
"""

import datetime
import hashlib
import hmac
import http
import re
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.text import compress_string

from core.calendar import today as local_today
from directory import selectors
from staff.sign_in import client_ip

PREFIX = "/api/directory"
SAFE_METHODS = ("GET", "HEAD")
ALLOWED = "GET, HEAD, OPTIONS"
UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
JSON_TYPES = ("application/json", "application/x-ndjson")
# Answers that describe the API, not the data: their Last-Modified would not follow a new release.
NOT_DATA_VIEWS = frozenset({"directory:api_root", "directory:api_openapi"})
PREFLIGHT_MAX_AGE = 86400

MESSAGES = {
    404: "Not found: this API has no such path.",
    405: "Method not allowed: this API answers GET, HEAD and OPTIONS only.",
    429: "Too many requests from this address: wait for the time Retry-After gives, then try again.",
    500: "Server error: the directory could not answer. Try again later.",
}


def is_api_path(path: str) -> bool:
    return path == PREFIX or path.startswith(PREFIX + "/")


def _is_json(response: HttpResponseBase) -> bool:
    return response.get("Content-Type", "").split(";")[0].strip() in JSON_TYPES


def error_response(status: int, message: str | None = None) -> JsonResponse:
    try:
        phrase = http.HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    return JsonResponse({"status": status, "message": message or MESSAGES.get(status, phrase)}, status=status)


def _accepts_gzip(request: HttpRequest) -> bool:
    return bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))


def _is_data_view(request: HttpRequest) -> bool:
    """Whether the path is one of the API's data answers; resolved as Django would for the view, so
    the middlewares above see which view the answer is for."""
    try:
        request.resolver_match = resolve(request.path_info)
    except Resolver404:
        return False
    return request.resolver_match.view_name not in NOT_DATA_VIEWS


def changed_at(request: HttpRequest) -> datetime.datetime | None:
    """When the directory last changed, read once per request (the views' counts are remembered by it)."""
    if not hasattr(request, "directory_changed"):
        request.directory_changed = selectors.directory_last_modified()  # type: ignore[attr-defined]
    return request.directory_changed  # type: ignore[attr-defined]


def remembered_key(kind: str, changed: datetime.datetime, *asked: object) -> str:
    """A cache key for something that follows from the directory's state (when it last changed), the day
    (prices and opening change by date) and what was asked: the same key, the same answer. What is kept
    under it is kept DIRECTORY_API_MAX_AGE seconds, the freshness a client is told it may assume anyway."""
    parts = "|".join([changed.isoformat(), local_today().isoformat(), *map(str, asked)])
    return f"directory-api-{kind}:{hashlib.sha256(parts.encode()).hexdigest()}"


def _etag_key(request: HttpRequest, changed: datetime.datetime) -> str:
    """The answer's bytes follow from the data, the address asked and the encoding."""
    return remembered_key(
        "etag", changed, request.get_host(), request.get_full_path(), _accepts_gzip(request)
    )


def _caching_headers(response: HttpResponseBase, etag: str, last_modified: int | None) -> None:
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = f"public, max-age={int(settings.DIRECTORY_API_MAX_AGE)}"
    # The answer is the same for every cookie and language: only the encoding varies.
    response["Vary"] = "Accept-Encoding"


def _limit() -> tuple[int, int]:
    count, _slash, unit = str(settings.DIRECTORY_API_RATE_LIMIT).partition("/")
    return int(count), UNITS[unit or "m"]


def over_limit(request: HttpRequest) -> int | None:
    """Counts this request against its address; the seconds to wait if it is over the limit, else None."""
    allowed, window = _limit()
    now = time.time()
    slot = int(now // window)
    address = client_ip(request) or "unknown"
    digest = hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()[:32]
    key = f"directory-api-rate:{window}:{slot}:{digest}"
    cache.add(key, 0, window + 1)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr: this is the first request of the new window
        cache.set(key, 1, window + 1)
        used = 1
    if used <= allowed:
        return None
    return max(1, int((slot + 1) * window - now) + 1)


class DirectoryApiMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not is_api_path(request.path_info):
            return self.get_response(request)
        response = self._answer(request)
        self._add_cors(request, response)
        if request.method == "HEAD" and not response.streaming:
            # Same headers as the GET (Content-Length included), no body.
            response.content = b""  # type: ignore[attr-defined]
        return response

    def _answer(self, request: HttpRequest) -> HttpResponseBase:
        if request.method == "OPTIONS":
            return self._preflight(request)
        wait = over_limit(request)
        if wait is not None:
            response: HttpResponseBase = error_response(429)
            response["Retry-After"] = str(wait)
            response["Cache-Control"] = "no-store"
            return response
        if request.method not in SAFE_METHODS:
            try:
                resolve(request.path_info)
            except Resolver404:
                response = error_response(404)
            else:
                response = error_response(405)
                response["Allow"] = ALLOWED
            response["Cache-Control"] = "no-store"
            return response
        if _is_data_view(request):
            remembered = self._unchanged(request)
            if remembered is not None:
                return remembered
            changed_at(request)  # read once, before the view: its counts are remembered against it
        response = self.get_response(request)
        if response.status_code == 200 and isinstance(response, HttpResponse) and _is_json(response):
            return self._cacheable(request, response)
        if response.status_code >= 400:
            response = self._as_json(response)
            response["Cache-Control"] = "no-store"
        return response

    def _preflight(self, request: HttpRequest) -> HttpResponseBase:
        response = HttpResponse(status=204)
        del response["Content-Type"]  # no body
        response["Allow"] = ALLOWED
        response["Access-Control-Allow-Methods"] = ALLOWED
        asked = request.headers.get("Access-Control-Request-Headers", "")
        # Any header a page wants to send is fine: nothing here reads credentials or writes.
        if asked and re.fullmatch(r"[A-Za-z0-9!#$%&'*+.^_`|~, -]*", asked):
            response["Access-Control-Allow-Headers"] = asked
        response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
        return response

    def _as_json(self, response: HttpResponseBase) -> HttpResponseBase:
        if _is_json(response):
            return response
        rewritten = error_response(response.status_code)
        for header in ("Allow", "Retry-After"):
            if header in response:
                rewritten[header] = response[header]
        return rewritten

    def _unchanged(self, request: HttpRequest) -> HttpResponseBase | None:
        """A 304 for a conditional request whose answer was given since the directory last changed,
        from the ETag remembered for it: one query, whatever the directory's size (else None)."""
        if not request.headers.get("If-None-Match"):
            return None
        changed = changed_at(request)
        etag = cache.get(_etag_key(request, changed)) if changed is not None else None
        if changed is None or etag is None:
            return None
        response = HttpResponse()
        _caching_headers(response, etag, int(changed.timestamp()))
        conditional = get_conditional_response(
            request, etag=etag, last_modified=int(changed.timestamp()), response=response
        )
        return conditional if conditional is not None and conditional.status_code == 304 else None

    def _cacheable(self, request: HttpRequest, response: HttpResponse) -> HttpResponseBase:
        body: bytes = response.content
        gzip = _accepts_gzip(request) and len(body) >= 200
        etag = f'"{hashlib.sha256(body).hexdigest()[:40]}{"-gzip" if gzip else ""}"'
        last_modified = None
        match = getattr(request, "resolver_match", None)
        if match is not None and match.view_name not in NOT_DATA_VIEWS:
            changed = changed_at(request)
            if changed is not None:
                last_modified = int(changed.timestamp())
                if settings.DIRECTORY_API_MAX_AGE > 0:
                    cache.set(_etag_key(request, changed), etag, settings.DIRECTORY_API_MAX_AGE)
        _caching_headers(response, etag, last_modified)
        conditional = get_conditional_response(
            request, etag=etag, last_modified=last_modified, response=response
        )
        if conditional is not None and conditional is not response:
            if conditional.status_code >= 400:  # a failed If-Match or If-Unmodified-Since: 412
                return self._as_json(conditional)
            return conditional
        if gzip:
            response.content = compress_string(body)
            response["Content-Encoding"] = "gzip"
        response["Content-Length"] = str(len(response.content))
        return response

    def _add_cors(self, request: HttpRequest, response: HttpResponseBase) -> None:
        # Open data: other directories and apps may read it from the browser, errors included.
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Retry-After, Content-Length"
