"""Every write to a family, its members, notes and events.

Each function is keyword-only, takes the acting user as `actor`, runs in one transaction, records the
actor (and, where it matters, the reason) on the field history, and keeps the object permissions in
step with the change. Views, the admin, Celery tasks and management commands all come through here.
"""

import datetime
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.calendar import today
from core.history import save_with_actor as _save
from core.postcodes import normalise_postcode
from families import permissions, signals
from families.models import CaseNote, Family, FamilyEvent, Person
from staff.models import Team, User

REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0/O, 1/I/L, U: easy to read out on the phone


def family_reference_new() -> str:
    while True:
        candidate = "PO-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(5))
        if not Family.objects.filter(reference=candidate).exists():
            return candidate


def _check_lead(lead: User | None, team: Team) -> User:
    if lead is None:
        raise ValidationError({"lead_practitioner": _("Choose a lead practitioner for the family.")})
    if not lead.is_active or not lead.is_casework_staff:
        raise ValidationError(
            {"lead_practitioner": _("%(name)s cannot be a lead practitioner.") % {"name": lead}}
        )
    if lead.team_id != team.pk:
        raise ValidationError(
            {
                "lead_practitioner": _("%(name)s is not in the %(team)s team.")
                % {"name": lead, "team": team.name}
            }
        )
    return lead


@transaction.atomic
def family_create(
    *,
    actor: User,
    name: str,
    team: Team,
    lead_practitioner: User | None,
    reference: str = "",
    address_line_1: str = "",
    address_line_2: str = "",
    town: str = "",
    postcode: str = "",
    opened_on: datetime.date | None = None,
) -> Family:
    lead = _check_lead(lead_practitioner, team)
    # Views never pass a reference (the form has none, so nobody learns that another exists); an import
    # or the demo may bring its own, and is told plainly if it is taken.
    given = (reference or "").strip().upper()
    if given and Family.objects.filter(reference=given).exists():
        raise ValidationError(
            {"reference": _("A family with the reference %(ref)s already exists.") % {"ref": given}}
        )
    family = Family(
        reference=given or family_reference_new(),
        name=name.strip(),
        team=team,
        lead_practitioner=lead,
        address_line_1=address_line_1,
        address_line_2=address_line_2,
        town=town,
        postcode=normalise_postcode(postcode),
        opened_on=opened_on or today(),
    )
    family.full_clean()
    family.refresh_search_text()
    for attempt in range(3):
        try:
            with transaction.atomic():
                _save(family, actor=actor, reason=_("Family opened"))
            break
        except IntegrityError as exc:
            # Another family took this reference between the check and the insert.
            if given or attempt == 2:
                raise ValidationError(
                    {"reference": _("A family with the reference %(ref)s already exists.") % {"ref": given}}
                ) from exc
            family.reference = family_reference_new()
            family.refresh_search_text()
    permissions.grant_lead_access(family, lead)
    permissions.grant_team_access(family, team)
    _event(family=family, kind=FamilyEvent.Kind.OPENED, actor=actor, occurred_on=family.opened_on)
    return family


FAMILY_EDITABLE_FIELDS = ("name", "address_line_1", "address_line_2", "town", "postcode")


@transaction.atomic
def family_update(*, actor: User, family: Family, reason: str = "", **fields: Any) -> Family:
    unknown = set(fields) - set(FAMILY_EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"family_update cannot change {sorted(unknown)}: use the service for that change")
    family = Family.objects.select_for_update().get(pk=family.pk)
    for field, value in fields.items():
        if field == "postcode":
            value = normalise_postcode(value)
        setattr(family, field, value.strip() if isinstance(value, str) else value)
    family.full_clean()
    family.refresh_search_text()
    _save(family, actor=actor, reason=reason)
    return family


@transaction.atomic
def family_hand_over(*, actor: User, family: Family, to: User, reason: str) -> Family:
    """Give the family a new lead practitioner; the old one loses access, the new one gains it."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for handing over the family.")})
    family = Family.objects.select_for_update().get(pk=family.pk)
    if not family.is_open:
        raise ValidationError(_("A closed family cannot be handed over. Reopen it first."))
    _check_lead(to, family.team)
    previous = family.lead_practitioner
    if previous is not None and previous.pk == to.pk:
        raise ValidationError(
            {"lead_practitioner": _("%(name)s is already the lead practitioner.") % {"name": to}}
        )
    family.lead_practitioner = to
    _save(family, actor=actor, reason=reason)
    if previous is not None:
        permissions.revoke_lead_access(family, previous)
    permissions.grant_lead_access(family, to)
    _tell_family_new_lead(family)
    _event(
        family=family,
        kind=FamilyEvent.Kind.HANDED_OVER,
        actor=actor,
        reason=_("From %(old)s to %(new)s: %(reason)s")
        % {"old": previous or "-", "new": to, "reason": reason},
    )
    return family


def _tell_family_new_lead(family: Family) -> None:
    """Handover: the family's own pages tell each member who their new worker is (keyed by this change
    in the family's history, so handing back to an earlier worker is news again)."""
    change = family.history.order_by("-history_id").values_list("history_id", flat=True).first()
    signals.send_family_news(
        family=family,
        kind=signals.WORKER_CHANGED,
        key=f"family:{family.pk}:lead:{family.lead_practitioner_id}:h{change}",
        obj=family,
    )


@transaction.atomic
def family_move_team(
    *, actor: User, family: Family, team: Team, lead_practitioner: User, reason: str
) -> Family:
    """Move the family to another team, with a lead practitioner from that team."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for moving the family.")})
    family = Family.objects.select_for_update().get(pk=family.pk)
    if family.team_id == team.pk:
        raise ValidationError({"team": _("The family is already with the %(team)s team.") % {"team": team}})
    _check_lead(lead_practitioner, team)
    old_team, old_lead = family.team, family.lead_practitioner
    family.team = team
    family.lead_practitioner = lead_practitioner
    _save(family, actor=actor, reason=reason)
    permissions.revoke_team_access(family, old_team)
    permissions.grant_team_access(family, team)
    if old_lead is not None and old_lead.pk != lead_practitioner.pk:
        permissions.revoke_lead_access(family, old_lead)
        _tell_family_new_lead(family)
    permissions.grant_lead_access(family, lead_practitioner)
    _event(
        family=family,
        kind=FamilyEvent.Kind.TEAM_MOVED,
        actor=actor,
        reason=_("From %(old)s to %(new)s: %(reason)s") % {"old": old_team, "new": team, "reason": reason},
    )
    return family


@transaction.atomic
def family_close(
    *, actor: User, family: Family, reason: str, closed_on: datetime.date | None = None
) -> Family:
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for closing the family.")})
    family = Family.objects.select_for_update().get(pk=family.pk)
    if not family.is_open:
        raise ValidationError(_("The family is already closed."))
    closed_on = closed_on or today()
    if closed_on > today():
        raise ValidationError({"closed_on": _("The closing date must be today or in the past.")})
    family.status = Family.Status.CLOSED
    family.closure_reason = reason.strip()
    family.closed_on = closed_on
    _save(family, actor=actor, reason=reason)
    if family.lead_practitioner is not None:
        # A closed family is read-only to its last lead practitioner; its managers can reopen it.
        permissions.revoke_lead_access(family, family.lead_practitioner, keep_view=True)
    _event(family=family, kind=FamilyEvent.Kind.CLOSED, actor=actor, reason=reason, occurred_on=closed_on)
    return family


@transaction.atomic
def family_reopen(*, actor: User, family: Family, lead_practitioner: User, reason: str) -> Family:
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for reopening the family.")})
    family = Family.objects.select_for_update().get(pk=family.pk)
    if family.is_open:
        raise ValidationError(_("The family is already open."))
    _check_lead(lead_practitioner, family.team)
    previous = family.lead_practitioner
    family.status = Family.Status.OPEN
    family.closure_reason = ""
    family.closed_on = None
    family.lead_practitioner = lead_practitioner
    _save(family, actor=actor, reason=reason)
    if previous is not None and previous.pk != lead_practitioner.pk:
        permissions.revoke_lead_access(family, previous)
    permissions.grant_lead_access(family, lead_practitioner)
    _event(family=family, kind=FamilyEvent.Kind.REOPENED, actor=actor, reason=reason)
    return family


@transaction.atomic
def family_record_step(
    *, actor: User, family: Family, kind: str, reason: str, occurred_on: datetime.date | None = None
) -> FamilyEvent:
    """Record a step up to, or down from, children's social care."""
    if kind not in (FamilyEvent.Kind.STEPPED_UP, FamilyEvent.Kind.STEPPED_DOWN):
        raise ValidationError({"kind": _("Choose step up or step down.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason for the step up or down.")})
    occurred_on = occurred_on or today()
    if occurred_on > today():
        raise ValidationError({"occurred_on": _("The date must be today or in the past.")})
    return _event(family=family, kind=kind, actor=actor, reason=reason, occurred_on=occurred_on)


def _event(
    *,
    family: Family,
    kind: str,
    actor: User | None,
    reason: str = "",
    occurred_on: datetime.date | None = None,
) -> FamilyEvent:
    event = FamilyEvent(
        family=family, kind=kind, reason=reason, actor=actor, occurred_on=occurred_on or today()
    )
    _save(event, actor=actor)
    return event


PERSON_FIELDS = (
    "first_name",
    "last_name",
    "preferred_name",
    "date_of_birth",
    "expected_due_date",
    "household_role",
    "phone",
    "email",
    "preferred_contact",
    "preferred_language",
    "needs_interpreter",
    "uses_bsl",
    "large_print",
    "accessible_formats",
)


def _check_person_dates(person: Person) -> None:
    errors: dict[str, str] = {}
    if person.date_of_birth and person.date_of_birth > today():
        errors["date_of_birth"] = _("Date of birth must be today or in the past.")
    if person.date_of_birth and person.expected_due_date:
        errors["expected_due_date"] = _("Give a date of birth or an expected due date, not both.")
    if person.household_role == Person.HouseholdRole.UNBORN and not person.expected_due_date:
        errors["expected_due_date"] = _("Enter the expected due date for an unborn baby.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def person_add(*, actor: User, family: Family, **fields: Any) -> Person:
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise ValueError(f"person_add does not take {sorted(unknown)}")
    person = Person(family=family, **fields)
    _check_person_dates(person)
    person.full_clean()
    _save(person, actor=actor, reason=_("Added to the family"))
    return person


@transaction.atomic
def person_update(*, actor: User, person: Person, reason: str = "", **fields: Any) -> Person:
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise ValueError(f"person_update does not take {sorted(unknown)}")
    person = Person.objects.select_for_update().get(pk=person.pk)
    for field, value in fields.items():
        setattr(person, field, value)
    _check_person_dates(person)
    person.full_clean()
    _save(person, actor=actor, reason=reason)
    return person


@transaction.atomic
def case_note_add(
    *,
    actor: User,
    family: Family,
    occurred_on: datetime.date,
    kind: str,
    text: str,
    shared_with_family: bool = False,
) -> CaseNote:
    if occurred_on > today():
        raise ValidationError({"occurred_on": _("The date must be today or in the past.")})
    note = CaseNote(
        family=family,
        occurred_on=occurred_on,
        kind=kind,
        text=text.strip(),
        author=actor,
        shared_with_family=shared_with_family,
    )
    note.full_clean()
    _save(note, actor=actor)
    return note


@transaction.atomic
def caseload_transfer(*, actor: User, from_user: User, to_user: User, reason: str) -> int:
    """Hand over every open family of one lead practitioner (for example when they leave)."""
    count = 0
    for family in Family.objects.filter(lead_practitioner=from_user, status=Family.Status.OPEN).order_by(
        "pk"
    ):
        family_hand_over(actor=actor, family=family, to=to_user, reason=reason)
        count += 1
    return count
