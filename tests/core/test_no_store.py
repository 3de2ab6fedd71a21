"""Casework never stays in a browser's or a proxy's cache: `Cache-Control: no-store, private`."""

from typing import Any

import pytest

from tests.access import AccessRow
from tests.test_access_matrix import ROWS

# One page of each kind that carries personal data, each opened by someone who may see it.
KINDS = [
    "families:detail",  # a family page
    "plans:pdf",  # a PDF
    "pots:statement_csv",  # a CSV export
    "pots:ledger_csv",
    "reports:dashboard_csv",
    "reports:dashboard_pdf",
    "pots:receipt_file",  # a receipt download
    "agencies:portal_inbox",  # the agency portal
    "agencies:portal_actions",
    "agencies:answer",  # an email-link page (no sign-in)
    "agencies:answer_shared",
]


def _first_allowed(name: str) -> tuple[AccessRow, str]:
    for row in ROWS:
        if row.url_name == name and row.method == "GET":
            for role, status in row.expect.items():
                if status == 200:
                    return row, role
    raise AssertionError(f"no GET row where someone gets 200 for {name}")


@pytest.mark.parametrize("name", KINDS)
def test_it_tells_every_cache_not_to_store_pages_with_personal_data(
    client: Any, cast: Any, name: str
) -> None:
    row, role = _first_allowed(name)
    url = row.url(cast)
    if role != "anonymous":
        client.force_login(getattr(cast, role))
    response = client.get(url)
    assert response.status_code == 200, (name, role)
    assert response["Cache-Control"] == "no-store, private"


def test_it_says_no_store_on_the_sign_in_page_and_on_redirects(client: Any, cast: Any) -> None:
    assert client.get("/sign-in/")["Cache-Control"] == "no-store, private"
    assert client.get("/families/")["Cache-Control"] == "no-store, private"  # a redirect to sign in
    assert client.get("/no-such-page/")["Cache-Control"] == "no-store, private"


def test_it_leaves_the_public_directory_api_cacheable(client: Any, db: Any) -> None:
    response = client.get("/api/directory/")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_it_leaves_static_files_to_whitenoise_and_their_own_caching(client: Any, db: Any) -> None:
    response = client.get("/static/js/init.mjs")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
