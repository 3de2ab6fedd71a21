"""One checked row of a caseload file written as a family, through the same services the pages use: the
family (its lead's and team managers' access granted as `family_create` grants them), its members, its
closure, its plan's goal and action. The caller sets the history reason ("imported from <file>")."""

from django.utils.translation import gettext as _

from caseload_import import fields
from caseload_import.checking import ROLES, STATUSES, Known, parse_date
from families import services as family_services
from families.models import Family, Person
from plans import services as plan_services
from staff.models import Team, User


def _member_role(values: dict[str, str], n: int) -> str:
    role = values.get(f"member_{n}_role", "").lower()
    if role:
        return ROLES[role]
    return Person.HouseholdRole.PARENT if n == 1 else Person.HouseholdRole.CHILD


def _add_members(*, actor: User, family: Family, values: dict[str, str]) -> Person | None:
    first_member = None
    for n in range(1, fields.MEMBERS + 1):
        first_name = values.get(f"member_{n}_first_name", "")
        if not first_name:
            continue
        person = family_services.person_add(
            actor=actor,
            family=family,
            first_name=first_name,
            last_name=values.get(f"member_{n}_last_name", ""),
            date_of_birth=parse_date(values.get(f"member_{n}_date_of_birth", "")),
            household_role=_member_role(values, n),
        )
        first_member = first_member or person
    return first_member


def _add_plan(*, actor: User, family: Family, values: dict[str, str], known: Known) -> None:
    if not values.get("goal_text"):
        return
    plan = plan_services.plan_create(actor=actor, family=family, started_on=family.opened_on)
    goal = plan_services.goal_add(
        actor=actor, plan=plan, domain=known.domains[values["goal_area"].lower()], text=values["goal_text"]
    )
    if values.get("action_text"):
        plan_services.action_add(
            actor=actor,
            goal=goal,
            text=values["action_text"],
            owner_worker=family.lead_practitioner,
            due_on=parse_date(values.get("action_due_on", "")),
        )


def row_write(*, actor: User, values: dict[str, str], team: Team, known: Known) -> Family:
    """The family of one good row (checking.check_sheet found no blocking problem in it)."""
    row_team = known.teams[values["team"].lower()] if values.get("team") else team
    family = family_services.family_create(
        actor=actor,
        name=values["family_name"],
        team=row_team,
        lead_practitioner=known.workers[values["lead_email"].lower()],
        reference=values.get("reference", ""),
        address_line_1=values.get("address_line_1", ""),
        address_line_2=values.get("address_line_2", ""),
        town=values.get("town", ""),
        postcode=values.get("postcode", ""),
        opened_on=parse_date(values.get("opened_on", "")),
    )
    _add_members(actor=actor, family=family, values=values)
    _add_plan(actor=actor, family=family, values=values, known=known)
    if STATUSES[values.get("status", "").lower()] == Family.Status.CLOSED:
        family_services.family_close(
            actor=actor,
            family=family,
            reason=values.get("closure_reason") or _("Closed in the old system"),
            closed_on=parse_date(values.get("closed_on", "")) or None,
        )
    return family
