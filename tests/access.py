"""The access matrix: every URL of the site, for each standing person, gets the expected answer.

Each test package lists its URLs in `tests/<app>/access_rows.py` as `ROWS: list[AccessRow]`.
tests/test_access_matrix.py requests each row as each role and fails when a named URL of the site has
no row, so a new page cannot ship without its access rules being written down.
"""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

STAFF_SIDE_ROLES = ("lead", "colleague", "manager", "other_manager", "agency_worker", "admin", "anonymous")
# A member of the cast's family with open access to the family's own pages, and a member of another family.
FAMILY_ROLES = ("family_member", "other_family_member")
# The complaints manager (issue 12): handles complaints, suggestions and surveys, and sees no casework.
VOICE_ROLES = ("complaints_manager",)
ROLES = STAFF_SIDE_ROLES + FAMILY_ROLES + VOICE_ROLES
# The staff pages a complaints manager answers differently from an administrator (the fill rule below).
COMPLAINTS_MANAGER_UNLIKE_ADMIN: dict[str, int] = {}


@dataclass(frozen=True)
class AccessRow:
    url_name: str
    # Builds the URL from the standing cast (tests/conftest.py `cast`); may create objects it needs.
    url: Callable[[Any], str]
    # The status each role gets: 200, 302 (redirect, e.g. to sign in), 404 (never 403) ...
    expect: dict[str, int]
    method: str = "GET"
    data: Callable[[Any], dict[str, Any]] | None = None
    note: str = field(default="")

    def __post_init__(self) -> None:
        # A family member reaches only /my/ and the public pages (family_portal/middleware.py): a row
        # of the staff's pages that says nothing of them expects 404 for both.
        if not set(FAMILY_ROLES) & set(self.expect):
            object.__setattr__(self, "expect", {**self.expect, **dict.fromkeys(FAMILY_ROLES, 404)})
        # A complaints manager sees no casework: on a page that says nothing of them they answer as the
        # administrator does (who sees none either), unless listed in COMPLAINTS_MANAGER_UNLIKE_ADMIN; in
        # the Django admin, which they may not use, as a partner-agency worker does.
        if "complaints_manager" not in self.expect and "admin" in self.expect:
            like = "agency_worker" if self.url_name.startswith("admin:") else "admin"
            status = COMPLAINTS_MANAGER_UNLIKE_ADMIN.get(self.url_name, self.expect[like])
            object.__setattr__(self, "expect", {**self.expect, "complaints_manager": status})
        missing = set(ROLES) - set(self.expect)
        if missing:
            raise ValueError(f"{self.url_name}: no expectation for {sorted(missing)}")


def everyone_but(allowed: dict[str, int], default: int = 404, anonymous: int = 302) -> dict[str, int]:
    """Expectation helper: the listed roles get their status, the other signed-in roles `default`."""
    expect = {role: default for role in STAFF_SIDE_ROLES + VOICE_ROLES}
    expect["anonymous"] = anonymous
    expect.update(allowed)
    return expect


def family_side(member: int = 200, other_member: int = 200, anonymous: int = 302) -> dict[str, int]:
    """Expectation helper for the family's own pages: every staff role gets 404 (the fence); the cast's
    family member and a member of another family get their status (a page of "our" family is each one's
    own; a page of one of the cast family's items is 404 to the other family's member)."""
    expect = {role: 404 for role in STAFF_SIDE_ROLES + VOICE_ROLES}
    expect.update(anonymous=anonymous, family_member=member, other_family_member=other_member)
    return expect


def all_rows() -> list[AccessRow]:
    """Every row of every `tests/<app>/access_rows.py`."""
    import tests

    rows: list[AccessRow] = []
    for module in pkgutil.iter_modules(tests.__path__):
        if not module.ispkg:
            continue
        try:
            rows_module = importlib.import_module(f"tests.{module.name}.access_rows")
        except ModuleNotFoundError:
            continue
        rows.extend(rows_module.ROWS)
    return rows
