"""The fields a legacy caseload file may hold, one family a row, and the longest text each may be.

A row is one family: its details, its lead worker by email, whether it is open or closed, up to three
members, and one goal with one action where the old system had a plan.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

MEMBERS = 3


@dataclass(frozen=True)
class Target:
    key: str
    label: str | Promise
    max_length: int | None = None
    kind: str = "text"  # text, date, email


def _member_fields(n: int) -> list[Target]:
    return [
        Target(f"member_{n}_first_name", _("Member %(n)s: first name") % {"n": n}, 80),
        Target(f"member_{n}_last_name", _("Member %(n)s: last name") % {"n": n}, 80),
        Target(f"member_{n}_date_of_birth", _("Member %(n)s: date of birth") % {"n": n}, kind="date"),
        Target(f"member_{n}_role", _("Member %(n)s: role in the household") % {"n": n}, 20),
    ]


TARGETS: list[Target] = [
    Target("reference", _("Family reference"), 20),
    Target("family_name", _("Family name"), 120),
    Target("address_line_1", _("Address line 1"), 120),
    Target("address_line_2", _("Address line 2"), 120),
    Target("town", _("Town or city"), 80),
    Target("postcode", _("Postcode"), 8),
    Target("team", _("Team"), 100),
    Target("lead_email", _("Lead worker's email"), 254, kind="email"),
    Target("status", _("Open or closed"), 10),
    Target("opened_on", _("Opened on"), kind="date"),
    Target("closed_on", _("Closed on"), kind="date"),
    Target("closure_reason", _("Reason for closing"), 2000),
    *[target for n in range(1, MEMBERS + 1) for target in _member_fields(n)],
    Target("goal_area", _("Goal: outcome area"), 120),
    Target("goal_text", _("Goal, in the family's words"), 2000),
    Target("action_text", _("Action for the goal"), 2000),
    Target("action_due_on", _("Action due on"), kind="date"),
]
BY_KEY = {target.key: target for target in TARGETS}
REQUIRED = ("family_name",)


def guess(header: str) -> str:
    """Our field for a column heading, when the heading says it plainly ("Family name", "family_name")."""
    plain = header.strip().lower().replace(" ", "_").replace("-", "_")
    if plain in BY_KEY:
        return plain
    for target in TARGETS:
        if str(target.label).strip().lower() == header.strip().lower():
            return target.key
    return ""
