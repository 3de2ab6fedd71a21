"""Factories for the test suite. Writes go through the services, so permissions and history are real."""

import datetime
import itertools
from typing import Any

from families import services as family_services
from families.models import Family, Person
from partners.models import Agency
from staff import services as staff_services
from staff.models import Team, User

_counter = itertools.count(1)

PASSWORD = "correct-horse-battery-staple"


def team(name: str | None = None, area: str = "North") -> Team:
    return staff_services.team_create(actor=None, name=name or f"Team {next(_counter)}", area=area)


def user(
    *,
    role: str = User.Role.LEAD_PRACTITIONER,
    team: Team | None = None,
    agency: Agency | None = None,
    username: str | None = None,
    **extra: Any,
) -> User:
    n = next(_counter)
    return staff_services.user_create(
        actor=None,
        username=username or f"user{n}",
        password=PASSWORD,
        role=role,
        first_name=extra.pop("first_name", f"First{n}"),
        last_name=extra.pop("last_name", f"Last{n}"),
        email=extra.pop("email", f"user{n}@example.org"),
        team=team,
        agency=agency,
        **extra,
    )


def lead(team: Team, **extra: Any) -> User:
    return user(role=User.Role.LEAD_PRACTITIONER, team=team, **extra)


def manager(team: Team, **extra: Any) -> User:
    return user(role=User.Role.TEAM_MANAGER, team=team, **extra)


def complaints_manager(**extra: Any) -> User:
    return user(role=User.Role.COMPLAINTS_MANAGER, **extra)


def agency(name: str | None = None, kind: str = Agency.Kind.SCHOOL) -> Agency:
    return Agency.objects.create(name=name or f"Agency {next(_counter)}", kind=kind)


def agency_worker(agency_obj: Agency | None = None, **extra: Any) -> User:
    return user(role=User.Role.AGENCY_WORKER, agency=agency_obj or agency(), **extra)


def family(
    *, lead_practitioner: User, name: str | None = None, actor: User | None = None, **extra: Any
) -> Family:
    n = next(_counter)
    assert lead_practitioner.team is not None
    return family_services.family_create(
        actor=actor or lead_practitioner,
        name=name or f"Family {n}",
        team=lead_practitioner.team,
        lead_practitioner=lead_practitioner,
        postcode=extra.pop("postcode", "NR1 1AA"),
        **extra,
    )


def person(*, family: Family, actor: User | None = None, **extra: Any) -> Person:
    fields: dict[str, Any] = {
        "first_name": "Sam",
        "last_name": "Taylor",
        "household_role": Person.HouseholdRole.PARENT,
        "date_of_birth": datetime.date(1990, 5, 1),
    }
    fields.update(extra)
    return family_services.person_add(actor=actor or family.lead_practitioner, family=family, **fields)


def family_member(*, person: Person, invited_by: User | None = None, **extra: Any) -> Any:
    """An open invitation to the family's own pages for `person`, with its family-member user (made
    directly: the invitation service and its checks are tested on their own)."""
    from family_portal.models import MemberAccess

    inviter = invited_by or person.family.lead_practitioner
    member_user = user(role=User.Role.FAMILY_MEMBER, first_name=person.first_name, last_name=person.last_name)
    fields: dict[str, Any] = {"email": person.email or f"{member_user.username}@example.org"}
    fields.update(extra)
    return MemberAccess.objects.create(
        person=person, user=member_user, invited_by=inviter, status=MemberAccess.Status.ACTIVE, **fields
    )


def complaint(
    *,
    family: Any = None,
    about_worker: Any = None,
    responsible: Any = None,
    name: str = "Pat Complainant",
    **extra: Any,
) -> Any:
    """A complaint received today by email, with stage 1 started when `responsible` is given (rows made
    directly: the services' own tests go through voice.services)."""
    import datetime

    from voice.models import Complaint, ComplaintCategory, Stage, reference_for

    fields: dict[str, Any] = {
        "how_received": "online",
        "who": Complaint.Who.FAMILY_MEMBER,
        "name": name,
        "email": "complainant@example.org",
        "reply_channel": "email",
        "category": ComplaintCategory.objects.order_by("order").first(),
        "what_happened": "Nobody called me back for three weeks.",
        "family": family,
        "team": family.team if family is not None else None,
        "about_worker": about_worker,
        **extra,
    }
    made = Complaint.objects.create(reference=reference_for("CMP"), **fields)
    if responsible is not None:
        Stage.objects.create(
            complaint=made, number=1, started_on=datetime.date.today(), responsible=responsible
        )
        made.status = Complaint.Status.STAGE_1
        made.save(update_fields=["status"])
    return made
