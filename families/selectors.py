"""Read queries for families: the caseload and the family record."""

from typing import Any

from django.db.models import Prefetch, QuerySet

from families import permissions
from families.models import CaseNote, Family, FamilyEvent, Person


def caseload(*, user: Any, scope: str = "mine", search: str = "", status: str = "open") -> QuerySet[Family]:
    """Families for the caseload page: the user's own, or (for managers) every family they can see."""
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
    from plans.selectors import with_review_dates  # the plan's next review and overdue actions per row

    return (
        with_review_dates(families)
        .select_related("lead_practitioner", "team")
        .prefetch_related(
            # Only what the caseload shows: building full Person rows was a third of the page's time.
            Prefetch(
                "members",
                queryset=Person.objects.only(
                    "family_id", "first_name", "last_name", "preferred_name"
                ).order_by("date_of_birth", "first_name"),
            )
        )
        .order_by("name", "reference")
    )


def _looks_like_postcode(term: str) -> bool:
    compact = term.replace(" ", "")
    return 5 <= len(compact) <= 7 and compact[-3:-2].isdigit() and compact[0].isalpha()


def family_members(*, family: Family) -> QuerySet[Person]:
    return family.members.order_by("date_of_birth", "first_name")


def family_chronology(*, family: Family, limit: int | None = None) -> list[Any]:
    """Case notes and events together, newest first."""
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
    items = sorted(items, key=lambda item: (item.occurred_on, item.created_at), reverse=True)
    return items[:limit] if limit else items


def family_history(*, family: Family) -> list[Any]:
    from core.history import history_entries

    member_label = {p.pk: p.display_name for p in family.members.all()}
    return history_entries(
        [
            (str(family._meta.verbose_name).capitalize(), Family.history.filter(id=family.pk)),
            (
                lambda r: (
                    f"{str(Person._meta.verbose_name).capitalize()}: {member_label.get(r.id, r.first_name)}"
                ),
                Person.history.filter(family_id=family.pk),
            ),
            (
                lambda r: f"{str(CaseNote._meta.verbose_name).capitalize()} ({r.occurred_on:%d %b %Y})",
                CaseNote.history.filter(family_id=family.pk),
            ),
            (lambda r: str(FamilyEvent.Kind(r.kind).label), FamilyEvent.history.filter(family_id=family.pk)),
        ]
    )
