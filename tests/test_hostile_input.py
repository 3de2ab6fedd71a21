"""No 500s from bad input, and no partial writes.

For every page of the access matrix, as every role the matrix lets open it (200), the page is read like a
browser reads it (tests/hostile.py): each of its forms is posted with random and hostile values (empty, 100 kB
strings, null bytes, the right-to-left override, emoji, impossible dates, 1e309, £0.001, negative money, and
hypothesis's own text), mixed with values a careful user would send so that one bad field reaches the service
behind the others; and the page, and every page it links to with a query, is asked for with hostile query
parameters. Every answer must be below 500, and a POST that does not redirect (a re-shown form, a refusal)
must leave every table's row count as it was: a form succeeds whole or writes nothing.

Before the examples, a sweep leaves nothing to chance for the values that have broken a parser
(`hostile.PARSER_BREAKERS`): each goes into every parameter the page was seen to read, one at a time, and
into every field of each form at once. Everything runs in savepoints that are rolled back, so every example
starts from the same records.
"""

import os
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import hostile
from tests.access import ROLES, AccessRow, all_rows

NOBODY = dict.fromkeys(ROLES, 0)
# Pages outside the matrix that still have a form or take a query.
EXTRA_ROWS = [
    AccessRow("login", lambda cast: reverse("login"), {**NOBODY, "anonymous": 200}),
    AccessRow("accessibility", lambda cast: reverse("accessibility"), dict.fromkeys(ROLES, 200)),
]
ROWS = [row for row in [*all_rows(), *EXTRA_ROWS] if row.method == "GET" and 200 in row.expect.values()]
# Forms a page carries that are not about its records: signing out would end the session for the rest.
SKIP_ACTIONS = {reverse("logout")}
# Enough for CI to stay within a few minutes; HOSTILE_EXAMPLES=200 make test PYTEST_ARGS=tests/test_hostile_input.py
# searches deeper on demand (the same seed, so a failure found there is found again).
EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "6"))


def _visit(cast: Any, role: str, url: str) -> tuple[str, Client, hostile.Page]:
    client = Client()
    if role != "anonymous":
        client.force_login(getattr(cast, role))
    response = client.get(url)
    assert response.status_code == 200, f"{role} GET {url}: {response.status_code}"
    content_type = response.get("Content-Type", "")
    if "text/html" not in content_type:
        return role, client, hostile.Page(url, download="json" not in content_type)
    return role, client, hostile.read_page(url, response.content.decode())


def _post(role: str, client: Client, action: str, payload: dict[str, Any]) -> None:
    before = hostile.row_counts()
    where = f"{role} POST {action} {hostile.short(payload)}"
    try:
        response = client.post(action, payload)
    except Exception as exc:
        pytest.fail(f"{where}: {exc!r}")
    assert response.status_code < 500, f"{where}: {response.status_code}"
    if not 300 <= response.status_code < 400:
        after = hostile.row_counts()
        changed = {t: (before[t], after[t]) for t in before if before[t] != after.get(t)}
        assert not changed, f"{where}: answered {response.status_code} but wrote {changed}"


def _get(role: str, client: Client, path: str, query: dict[str, str]) -> None:
    where = f"{role} GET {path} {hostile.short(query)}"
    try:
        response = client.get(path, query)
    except Exception as exc:
        pytest.fail(f"{where}: {exc!r}")
    assert response.status_code < 500, f"{where}: {response.status_code}"


def _posted_forms(page: hostile.Page) -> list[hostile.Form]:
    return [
        form
        for form in page.forms
        if form.method == "post" and form.action.removeprefix("http://testserver") not in SKIP_ACTIONS
    ]


def _attack(data: Any, role: str, client: Client, page: hostile.Page) -> None:
    for form in _posted_forms(page):
        payload = data.draw(hostile.form_payload(form), label=f"POST {form.action}")
        _post(role, client, form.action, payload)
    for path, names in sorted(_queries(page).items()):
        _get(role, client, path, data.draw(hostile.query_payload(names), label=f"GET {path}"))


def _queries(page: hostile.Page) -> dict[str, set[str]]:
    """The page's own parameters and the known ones, for itself; the linked pages' for them."""
    queries = dict(page.params)
    own_path = page.url.split("?")[0]
    queries[own_path] = queries.get(own_path, set()) | set(hostile.KNOWN_PARAMS)
    return queries


def _sweep(role: str, client: Client, page: hostile.Page) -> set[str]:
    """Not left to chance: each value that has broken a parser, in each parameter the page reads, alone
    (together, one refused parameter could keep the page from reaching the code that breaks on another).
    Downloads are left to the examples: each reads its query with the code of the page it exports, and a
    PDF a value would cost too much for the suite."""
    own_path = page.url.split("?")[0]
    if page.download:
        return set()
    with hostile.names_read() as names:
        _get(
            role, client, own_path, {"_hostile": "1"}
        )  # a query, so that forms bound to it read their fields
    names = (names | page.params.get(own_path, set())) - {"_hostile"}
    with transaction.atomic():
        for value in hostile.PARSER_BREAKERS:
            for name in sorted(names):
                _get(role, client, own_path, {name: value})
            for form in _posted_forms(page):
                # Every field is cleaned even when another fails: one value in all of them at once.
                _post(role, client, form.action, dict.fromkeys(form.fields, value))
        transaction.set_rollback(True)
    return names


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.url_name} {r.note}".strip() for r in ROWS])
def test_no_hostile_value_causes_a_server_error_or_a_partial_write(cast: Any, row: AccessRow) -> None:
    url = row.url(cast)
    visits = [_visit(cast, role, url) for role in ROLES if row.expect[role] == 200]
    read = _sweep(*visits[0])
    for _role, _client, page in visits:
        page.params.setdefault(url.split("?")[0], set()).update(read)

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.data())
    def attempt(data: Any) -> None:
        with transaction.atomic():
            for role, client, page in visits:
                _attack(data, role, client, page)
            transaction.set_rollback(True)

    attempt()


def test_the_reader_finds_every_kind_of_field_a_form_renders(client: Any, cast: Any) -> None:
    """The search above is only as wide as what tests/hostile.py reads off the page."""
    client.force_login(cast.lead)
    url = reverse("families:note_add", args=[cast.family.reference])
    page = hostile.read_page(url, client.get(url).content.decode())
    (note,) = [form for form in page.forms if form.method == "post" and form.action.endswith(url)]
    assert {"kind", "text", "occurred_on_day", "occurred_on_month", "occurred_on_year"} <= set(note.fields)
    assert note.fields["text"].kind == "textarea"
    assert len(note.fields["kind"].values) > 1
    url = reverse("families:caseload")
    page = hostile.read_page(url, client.get(url).content.decode())
    assert {"q", "status"} <= page.params["/families/"]
