"""Read queries for families: the caseload and the family record."""

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from families import permissions, registry
from families.models import CaseNote, Family, FamilyEvent, Person, RecordLook
from staff.models import User


def caseload(*, user: User, scope: str = "mine", search: str = "", status: str = "open") -> QuerySet[Any]:
    """The caseload page's rows: the user's own families, or (for managers) every family they can see.

    Rows are dicts with what the page shows and nothing more (`values()`): building model instances for
    the families, their leads and teams cost more than the SQL. `caseload_rows` adds the people.
    """
    families = permissions.families_visible_to(user)
    if scope == "mine":
        families = families.filter(lead_practitioner=user)
    if status in (Family.Status.OPEN, Family.Status.CLOSED):
        families = families.filter(status=status)
    if search:
        term = search.strip().lower()
        families = families.filter(
            search_text__contains=term.replace(" ", "") if _looks_like_postcode(term) else term
        )
    fields = ["id", "reference", "name", "status", "postcode"]
    if scope == "team":  # only the team view has a lead practitioner column
        fields += [
            "lead_practitioner__username",
            "lead_practitioner__first_name",
            "lead_practitioner__last_name",
        ]
    for column in registry.caseload_columns():  # what the floors above add (the plan's next review ...)
        families = column.annotate(families)
        fields += column.fields
    return families.order_by("name", "reference").values(*fields)


def caseload_rows(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """A page of `caseload` rows made ready to show: the link, open or closed, the lead's name and the
    names of the people in each family, oldest first as the family page lists them (one more query)."""
    by_id: dict[int, dict[str, Any]] = {}
    for row in rows:
        row["is_open"] = row["status"] == Family.Status.OPEN
        row["url"] = reverse("families:detail", args=[row["reference"]])
        if row.get("lead_practitioner__username") is not None:  # as User.__str__ shows a worker
            full_name = (
                f"{row['lead_practitioner__first_name']} {row['lead_practitioner__last_name']}".strip()
            )
            row["lead_practitioner"] = full_name or row["lead_practitioner__username"]
        row["members"] = []
        by_id[row["id"]] = row
    if by_id:
        people = (
            Person.objects.filter(family_id__in=list(by_id))
            .order_by("date_of_birth", "first_name")
            .values_list("family_id", "first_name", "last_name", "preferred_name")
        )
        for family_id, first_name, last_name, preferred_name in people:
            by_id[family_id]["members"].append(Person.name_to_show(first_name, last_name, preferred_name))
    for row in by_id.values():
        row["members"] = ", ".join(row["members"])
    return list(by_id.values())


def _looks_like_postcode(term: str) -> bool:
    compact = term.replace(" ", "")
    return 5 <= len(compact) <= 7 and compact[-3:-2].isdigit() and compact[0].isalpha()


def family_members(*, family: Family) -> QuerySet[Person]:
    return family.members.order_by("date_of_birth", "first_name")


def family_chronology(*, family: Family, limit: int | None = None) -> list[Any]:
    """Case notes, events and what the floors above register (families.registry), newest first."""
    notes = list(
        CaseNote.objects.filter(family=family)
        .select_related("author")
        .order_by("-occurred_on", "-created_at")[: limit or None]
    )
    events = list(
        FamilyEvent.objects.filter(family=family)
        .select_related("actor")
        .order_by("-occurred_on", "-created_at")[: limit or None]
    )
    items: list[Any] = [*notes, *events]
    for source in registry.chronology_sources():
        items.extend(source(family, limit))
    items = sorted(items, key=lambda item: (item.occurred_on, item.created_at), reverse=True)
    return items[:limit] if limit else items


def family_history(*, family: Family) -> list[Any]:
    from core.history import history_entries, history_records

    member_label = {
        pk: Person.name_to_show(first_name, last_name, preferred_name)
        for pk, first_name, last_name, preferred_name in family.members.values_list(
            "pk", "first_name", "last_name", "preferred_name"
        )
    }
    return history_entries(
        [
            (str(family._meta.verbose_name).capitalize(), history_records(Family).filter(id=family.pk)),
            (
                lambda r: (
                    f"{str(Person._meta.verbose_name).capitalize()}: {member_label.get(r.id, r.first_name)}"
                ),
                history_records(Person).filter(family_id=family.pk),
            ),
            (
                lambda r: f"{str(CaseNote._meta.verbose_name).capitalize()} ({r.occurred_on:%d %b %Y})",
                history_records(CaseNote).filter(family_id=family.pk),
            ),
            (
                lambda r: str(FamilyEvent.Kind(r.kind).label),
                history_records(FamilyEvent).filter(family_id=family.pk),
            ),
        ]
    )


def family_looks(*, family: Family) -> QuerySet[RecordLook]:
    """The read log of one family, newest first, with who looked (one join; paginated by the view)."""
    return RecordLook.objects.filter(family=family).select_related("user").order_by("-at", "-pk")
