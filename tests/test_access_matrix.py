from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.access import ROLES, AccessRow, all_rows

# Named URLs that no access row needs, and why.
EXEMPT = {
    "admin": "the Django admin has its own staff-only access checks",
    "login": "the sign-in page is for everyone",
    "logout": "signing out is for everyone",
    "accessibility": "the accessibility statement is public",
}


def _named_urls(resolver: URLResolver | None = None, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _named_urls(pattern, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


ROWS = all_rows()


def test_every_named_url_has_an_access_row() -> None:
    covered = {row.url_name for row in ROWS}
    missing = {
        name
        for name in _named_urls()
        if name not in covered and name.split(":")[0] not in EXEMPT and name not in EXEMPT
    }
    assert not missing, f"URLs with no row in any tests/*/access_rows.py: {sorted(missing)}"


@pytest.mark.parametrize("row", ROWS, ids=[f"{r.method} {r.url_name}" for r in ROWS])
@pytest.mark.parametrize("role", ROLES)
def test_access(client: Any, cast: Any, row: AccessRow, role: str) -> None:
    url = row.url(cast)
    if role != "anonymous":
        client.force_login(getattr(cast, role))
    data = row.data(cast) if row.data else {}
    response = client.post(url, data) if row.method == "POST" else client.get(url, data)
    expected = row.expect[role]
    assert response.status_code == expected, (
        f"{role} {row.method} {url}: {response.status_code}, expected {expected}"
    )
    if expected == 302 and role == "anonymous":
        # The admin's own sign-in page sends everyone on to the site's (staff/admin.py).
        assert "/sign-in/" in response["Location"] or response["Location"].startswith("/admin/login/")
