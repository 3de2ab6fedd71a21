"""Helpers for tests/test_hostile_input.py: read a page's forms and links, and draw hostile values for them.

A page is read with the standard library's HTML parser, the way a browser would submit it: every named
input (hidden ones too), select, textarea, radio group and checkbox of each `<form>`, and the query
parameters its links and GET forms use. The GOV.UK date input is three text boxes named `<field>_day`,
`<field>_month` and `<field>_year` (core/forms.py `GovukDateWidget`); they are drawn together so that
impossible dates (31/02, year 0001 or 9999) reach the date field whole.
"""

import datetime
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from unittest import mock
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.http import QueryDict
from hypothesis import strategies as st

HOSTILE = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "x" * 100_000,
    "\u202egnp.exe",
    "😀",
    "👨‍👩‍👧‍👦 family",
    "31/02/2024",
    "2024-02-31",
    "0001-01-01",
    "9999-12-31",
    "9999-12-31T23:59:59-23:00",
    "0001-01-01T00:00:00+23:59",
    "1e309",
    "-1e309",
    "NaN",
    "inf",
    "£0.001",
    "0.001",
    "-50.00",
    "-1",
    "0",
    "9223372036854775808",
    "-9223372036854775809",
    "9" * 40,
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "//evil.example/",
    "javascript:alert(1)",
    "\r\n",
]
# The values that have broken a parser here or in Django, tried in every query parameter of every page.
PARSER_BREAKERS = [
    "\x00",
    "0001-01-01",
    "9999-12-31",
    "9999-12-31T23:59:59-23:00",
    "0001-01-01T00:00:00+23:59",
    "31/02/2024",
    "1e309",
    "NaN",
    "-1",
    "9223372036854775808",
    "-9223372036854775809",
]
DATE_TRIPLES = [
    ("31", "2", "2024"),
    ("29", "2", "2023"),
    ("1", "1", "0001"),
    ("31", "12", "9999"),
    ("0", "0", "0"),
    ("-1", "13", "2024"),
    ("1", "1", "1e309"),
    ("١", "٢", "٢٠٢٤"),
    ("1", "1", "99999999999999999999"),
]
# Query parameters the site's list pages read, asked for on every page whether or not it links to them
# (with those the page was seen to read, `names_read`).
KNOWN_PARAMS = [
    "page",
    "q",
    "week",
    "status",
    "scope",
    "age",
    "sort",
    "box",
    "team",
    "worker",
    "agency",
    "organization",
    "goal",
    "next",
    "large_print",
    "contributions",
]
OMIT = object()
DATE_PARTS = ("_day", "_month", "_year")


@dataclass
class Field:
    name: str
    kind: str  # text, hidden, textarea, select, radio, checkbox, file, number, date, email ...
    values: list[str] = field(default_factory=list)  # the options, for selects, radios and checkboxes
    default: str = ""
    multiple: bool = False


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, Field] = field(default_factory=dict)


@dataclass
class Page:
    url: str
    forms: list[Form] = field(default_factory=list)
    params: dict[str, set[str]] = field(default_factory=dict)  # path -> query parameter names
    download: bool = False  # a PDF, CSV or other file rather than a page or the API's JSON


class _PageParser(HTMLParser):
    def __init__(self, url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page(url)
        self.form: Form | None = None
        self.select: Field | None = None
        self.textarea: Field | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            method = a.get("method", "get").lower()
            self.form = Form(urljoin(self.page.url, a.get("action") or self.page.url), method)
            self.page.forms.append(self.form)
        elif tag == "a" and a.get("href"):
            self._link(urljoin(self.page.url, a["href"]))
        elif self.form is not None and a.get("name"):
            self._control(tag, a)
        elif tag == "option" and self.select is not None:
            self.select.values.append(a.get("value", ""))
            if "selected" in a or not self.select.default:
                self.select.default = a.get("value", "")

    def _control(self, tag: str, a: dict[str, str]) -> None:
        assert self.form is not None
        name, kind = a["name"], a.get("type", "text").lower() if tag == "input" else tag
        if kind in ("submit", "button", "image", "reset") or name == "csrfmiddlewaretoken":
            return
        existing = self.form.fields.get(name)
        current = existing or self.form.fields.setdefault(name, Field(name, kind, default=a.get("value", "")))
        if kind in ("radio", "checkbox"):
            current.values.append(a.get("value", "on"))
            current.multiple = kind == "checkbox" and existing is not None
            if existing is not None and "checked" in a:
                current.default = a.get("value", "on")
        current.multiple = current.multiple or "multiple" in a
        if tag == "select":
            self.select = current
        elif tag == "textarea":
            self.textarea = current

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.textarea.default += data

    def _link(self, href: str) -> None:
        parts = urlsplit(href)
        if parts.query and parts.netloc in ("", "testserver"):
            self.page.params.setdefault(parts.path, set()).update(k for k, _ in parse_qsl(parts.query))


@contextmanager
def names_read() -> Iterator[set[str]]:
    """The query and form parameter names the code reads while the block runs (a view's own `GET.get`)."""
    names: set[str] = set()
    originals = {method: getattr(QueryDict, method) for method in ("get", "getlist", "__getitem__")}

    def recording(original: Callable[..., Any]) -> Callable[..., Any]:
        def read(self: QueryDict, key: str, *args: Any) -> Any:
            names.add(key)
            return original(self, key, *args)

        return read

    with ExitStack() as stack:
        for method, original in originals.items():
            stack.enter_context(mock.patch.object(QueryDict, method, recording(original)))
        yield names


def read_page(url: str, html: str) -> Page:
    parser = _PageParser(url)
    parser.feed(html)
    for form in parser.page.forms:
        if form.method == "get":
            parser.page.params.setdefault(urlsplit(form.action).path, set()).update(form.fields)
    return parser.page


def _plausible(f: Field) -> Any:
    """A value a careful user would send, so that a hostile value elsewhere reaches the service."""
    today = datetime.date.today()
    if f.kind == "file":
        return SimpleUploadedFile("receipt.pdf", b"%PDF-1.4 receipt", "application/pdf")
    if f.default:
        return f.default
    for suffix, part in zip(DATE_PARTS, (today.day, today.month, today.year), strict=True):
        if f.name.endswith(suffix):
            return str(part)
    if f.values:
        return next((v for v in f.values if v), f.values[0])
    return {"number": "1", "email": "someone@example.org", "date": today.isoformat()}.get(f.kind, "Hostile")


def _hostile_file() -> st.SearchStrategy[SimpleUploadedFile]:
    names = st.sampled_from([" ", "\u202efdp.exe", "a\x00.pdf", "😀.pdf", "x" * 300 + ".pdf", "../../r.pdf"])
    contents = st.sampled_from([b"", b"\x00" * 10, b"%PDF-1.4", b"GIF89a" + b"\xff" * 50]) | st.binary(
        max_size=64
    )
    types = st.sampled_from(["application/pdf", "image/png", "text/html", ""])
    return st.builds(SimpleUploadedFile, names, contents, types)


def field_values(f: Field) -> st.SearchStrategy[Any]:
    hostile: st.SearchStrategy[Any] = st.sampled_from(HOSTILE) | st.text(max_size=40)
    if f.kind == "file":
        hostile = _hostile_file()
    elif f.multiple:
        hostile = st.lists(st.sampled_from(f.values + HOSTILE[:8]), max_size=4)
    return st.one_of(st.builds(_plausible, st.just(f)), hostile, st.just(OMIT))


@st.composite
def form_payload(draw: Any, form: Form) -> dict[str, Any]:
    """Every field of the form, each plausible, hostile or left out; date parts sometimes as one bad date."""
    payload = {name: draw(field_values(f)) for name, f in form.fields.items()}
    for name in form.fields:
        if (
            name.endswith("_day")
            and all(name[:-4] + s in form.fields for s in DATE_PARTS)
            and draw(st.booleans())
        ):
            triple = draw(st.sampled_from(DATE_TRIPLES))
            payload.update(zip((name[:-4] + s for s in DATE_PARTS), triple, strict=True))
    return {k: v for k, v in payload.items() if v is not OMIT}


@st.composite
def query_payload(draw: Any, names: set[str]) -> dict[str, str]:
    """Each parameter left out or hostile: a page reads its parameters one by one, so all go at once."""
    values = st.just(OMIT) | st.sampled_from(HOSTILE) | st.text(max_size=20)
    query = {name: draw(values) for name in sorted(names)}
    return {name: value for name, value in query.items() if value is not OMIT}


# Tables a request may write without changing what the site holds: the signed-in session, and the
# read-access log (a form shown again with its errors is still a look at the family record).
NOT_WRITES = {"django_session", "families_recordlook"}


def row_counts() -> dict[str, int]:
    """The number of rows in every project table (history tables too, so an update counts), in one query."""
    tables = sorted(set(connection.introspection.table_names()) - NOT_WRITES)
    quote = connection.ops.quote_name
    # Table names come from the database itself and are quoted.
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(zip(tables, cursor.fetchone(), strict=True))


def short(value: Any, limit: int = 600) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + f"... ({len(text)} characters)"
