"""The dry run: every row of a caseload file checked against what the import would do, each problem in
plain words (row, column, problem), and the possible duplicates a person must decide about.

A problem that `blocks` keeps its row out of the import; one that does not (a cell that looks like a
spreadsheet formula, kept as text) is reported and the row goes in.
"""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from assessments.models import Domain
from assessments.services import default_framework
from caseload_import import fields
from caseload_import.reading import Sheet
from core.calendar import today
from core.postcodes import normalise_postcode, validate_postcode
from families.models import Family, Person
from staff.models import Team, User

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")
FORMULA_STARTS = ("=", "+", "-", "@")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")
ROLES = {str(label).lower(): value for value, label in Person.HouseholdRole.choices} | {
    value.replace("_", " "): value for value in Person.HouseholdRole.values
}
STATUSES = {"open": "open", "active": "open", "closed": "closed", "close": "closed", "": "open"}


def parse_date(text: str) -> datetime.date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    return None


@dataclass
class RowCheck:
    number: int
    values: dict[str, str]
    problems: list[dict[str, Any]] = field(default_factory=list)

    @property
    def good(self) -> bool:
        return not any(p["blocks"] for p in self.problems)


@dataclass
class Known:
    """What the rows are checked against, read once for the whole file."""

    workers: dict[str, User]
    teams: dict[str, Team]
    domains: dict[str, Domain]
    references: set[str]

    @classmethod
    def load(cls, *, teams: list[Team]) -> "Known":
        try:
            domains = {d.name.lower(): d for d in default_framework().domains.filter(active=True)}
        except ValidationError:
            domains = {}
        return cls(
            workers={u.email.lower(): u for u in User.objects.exclude(email="")},
            teams={t.name.lower(): t for t in teams},
            domains=domains,
            references=set(Family.objects.values_list("reference", flat=True)),
        )


def _problem(check: RowCheck, column: str, text: str, *, blocks: bool = True) -> None:
    check.problems.append({"row": check.number, "column": column, "problem": text, "blocks": blocks})


def _check_cell(check: RowCheck, header: str, key: str, value: str) -> None:
    target = fields.BY_KEY[key]
    if target.max_length and len(value) > target.max_length:
        _problem(
            check,
            header,
            _("This is %(n)s characters long; at most %(max)s fit. Shorten it and upload the file again.")
            % {"n": f"{len(value):,}", "max": target.max_length},
        )
    if value[:1] in FORMULA_STARTS and not _PLAIN_NUMBER.fullmatch(value):
        _problem(
            check,
            header,
            _(
                "This starts with '%(c)s' like a spreadsheet formula. It will be kept as plain text, never worked out."
            )
            % {"c": value[:1]},
            blocks=False,
        )
    if target.kind == "date" and value and parse_date(value) is None:
        _problem(
            check,
            header,
            _("'%(value)s' is not a date. Write dates like 31/01/2020 or 2020-01-31.")
            % {"value": value[:40]},
        )


def _check_lead(check: RowCheck, headers: dict[str, str], known: Known, row_team: Team | None) -> None:
    col = headers.get
    email = check.values.get("lead_email", "").lower()
    lead = known.workers.get(email)
    if not email:
        _problem(check, col("lead_email", _("Lead worker's email")), _("The lead worker's email is missing."))
    elif lead is None:
        _problem(
            check,
            col("lead_email", ""),
            _("No worker has the email %(e)s. Add them first, or correct the email.") % {"e": email[:254]},
        )
    elif not lead.is_casework_staff:
        _problem(check, col("lead_email", ""), _("%(name)s cannot be a lead worker.") % {"name": lead})
    elif row_team is not None and lead.team_id != row_team.pk:
        _problem(
            check,
            col("lead_email", ""),
            _("%(name)s is not in the %(team)s team.") % {"name": lead, "team": row_team},
        )


def _check_row(check: RowCheck, headers: dict[str, str], known: Known, team: Team) -> None:
    values = check.values
    col = headers.get
    if not values.get("family_name"):
        _problem(check, col("family_name", _("Family name")), _("The family name is missing."))
    row_team = known.teams.get(values.get("team", "").lower()) if values.get("team") else team
    if row_team is None:
        _problem(
            check,
            col("team", ""),
            _("There is no team called '%(v)s' you may import into.") % {"v": values["team"][:100]},
        )
    _check_lead(check, headers, known, row_team)
    if values.get("status", "").lower() not in STATUSES:
        _problem(
            check,
            col("status", ""),
            _("Write 'open' or 'closed', not '%(v)s'.") % {"v": values["status"][:20]},
        )
    reference = values.get("reference", "").upper()
    if reference and reference in known.references:
        _problem(
            check,
            col("reference", ""),
            _("A family with the reference %(r)s already exists.") % {"r": reference[:20]},
        )
    if values.get("postcode"):
        try:
            validate_postcode(normalise_postcode(values["postcode"]))
        except ValidationError:
            _problem(
                check,
                col("postcode", ""),
                _("'%(v)s' is not a UK postcode.") % {"v": values["postcode"][:20]},
            )
    _check_members(check, headers)
    if values.get("goal_text") and values.get("goal_area", "").lower() not in known.domains:
        _problem(
            check,
            col("goal_area", col("goal_text", "")),
            _("There is no outcome area called '%(v)s'.") % {"v": values.get("goal_area", "")[:120]},
        )
    if values.get("action_text") and not values.get("goal_text"):
        _problem(check, col("action_text", ""), _("An action must serve a goal: give the goal too."))


def _check_members(check: RowCheck, headers: dict[str, str]) -> None:
    for n in range(1, fields.MEMBERS + 1):
        first = check.values.get(f"member_{n}_first_name", "")
        role = check.values.get(f"member_{n}_role", "").lower()
        if not first:
            continue
        if role and role not in ROLES:
            _problem(
                check,
                headers.get(f"member_{n}_role", ""),
                _("'%(v)s' is not a role in the household.") % {"v": role[:20]},
            )
        born = parse_date(check.values.get(f"member_{n}_date_of_birth", ""))
        if born and born > today():
            _problem(
                check, headers.get(f"member_{n}_date_of_birth", ""), _("The date of birth is in the future.")
            )


def check_sheet(*, sheet: Sheet, columns: dict[str, str], known: Known, team: Team) -> list[RowCheck]:
    """Each row's values under our field names and its problems. `columns` maps a heading to a field."""
    index = {
        key: sheet.headers.index(header) for header, key in columns.items() if key and header in sheet.headers
    }
    headers = {key: header for header, key in columns.items() if key}
    checks: list[RowCheck] = []
    seen_references: set[str] = set()
    for number, cells in sheet.rows:
        check = RowCheck(number, {key: cells[i] for key, i in index.items()})
        for key, value in check.values.items():
            _check_cell(check, headers[key], key, value)
        _check_row(check, headers, known, team)
        reference = check.values.get("reference", "").upper()
        if reference and reference in seen_references:
            _problem(
                check,
                headers["reference"],
                _("The reference %(r)s is on an earlier row too.") % {"r": reference[:20]},
            )
        seen_references.add(reference)
        checks.append(check)
    return checks


def _member_keys(values: dict[str, str]) -> list[tuple[str, str, datetime.date]]:
    keys = []
    for n in range(1, fields.MEMBERS + 1):
        born = parse_date(values.get(f"member_{n}_date_of_birth", ""))
        first = values.get(f"member_{n}_first_name", "").lower()
        if first and born:
            keys.append((first, values.get(f"member_{n}_last_name", "").lower(), born))
    return keys


def _address_key(line_1: str, postcode: str) -> tuple[str, str] | None:
    if not line_1 or not postcode:
        return None
    return " ".join(line_1.lower().replace(",", " ").split()), normalise_postcode(postcode).replace(" ", "")


def _known_keys() -> tuple[dict[Any, list[str]], dict[Any, list[str]]]:
    """Every known family's people (name and date of birth) and address, to the families' references."""
    people: dict[Any, list[str]] = defaultdict(list)
    for first, last, born, ref in Person.objects.filter(date_of_birth__isnull=False).values_list(
        "first_name", "last_name", "date_of_birth", "family__reference"
    ):
        people[(first.lower(), last.lower(), born)].append(ref)
    addresses: dict[Any, list[str]] = defaultdict(list)
    for line_1, postcode, ref in Family.objects.exclude(postcode="").values_list(
        "address_line_1", "postcode", "reference"
    ):
        address = _address_key(line_1, postcode)
        if address:
            addresses[address].append(ref)
    return people, addresses


def _matches(
    number: int, key: Any, why: str, known: dict[Any, list[str]], in_file: dict[Any, int]
) -> list[dict[str, Any]]:
    found = [{"row": number, "why": why, "family": ref, "other_row": None} for ref in known.get(key, [])]
    if key in in_file:
        found.append({"row": number, "why": why, "family": None, "other_row": in_file[key]})
    in_file.setdefault(key, number)
    return found


def possible_duplicates(checks: list[RowCheck]) -> list[dict[str, Any]]:
    """Rows that may be a family already known (here or earlier in the file): same name and date of birth,
    or same address. Listed for a person to decide; the import never merges them."""
    people, addresses = _known_keys()
    found: list[dict[str, Any]] = []
    people_in_file: dict[Any, int] = {}
    addresses_in_file: dict[Any, int] = {}
    for check in (c for c in checks if c.good):
        values = check.values
        for first, last, born in _member_keys(values):
            why = _("Same name and date of birth: %(name)s, born %(born)s") % {
                "name": f"{first} {last}".title(),
                "born": born.strftime("%d/%m/%Y"),
            }
            found += _matches(check.number, (first, last, born), why, people, people_in_file)
        address = _address_key(values.get("address_line_1", ""), values.get("postcode", ""))
        if address:
            why = _("Same address: %(address)s") % {
                "address": f"{values['address_line_1']}, {values['postcode']}"
            }
            found += _matches(check.number, address, why, addresses, addresses_in_file)
    return found
