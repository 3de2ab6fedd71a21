"""What one family member may see: the one place every family page, PDF, count and message asks.

An item is shown to a member only if it is shared with the family (`shared_with_family`, where the model
has it) and the lead has not hidden it from that member (a `Restriction`). The family's address and other
members' details can be hidden from a member too. Pages build one `MemberView` per request and filter
everything through it, so a list, its count, the timeline and a PDF cannot disagree.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.http import Http404, HttpRequest

from families.models import Family, Person
from family_portal.models import MemberAccess, Restriction

T = TypeVar("T", bound=Model)


@dataclass
class MemberView:
    access: MemberAccess
    family: Family
    person: Person
    hidden_items: set[tuple[int, int]] = field(default_factory=set)  # (content type id, object id)
    hides_address: bool = False
    hidden_people: set[int] = field(default_factory=set)

    def shows(self, obj: Model) -> bool:
        if not getattr(obj, "shared_with_family", True):
            return False
        content_type = ContentType.objects.get_for_model(obj)
        if (content_type.pk, obj.pk) in self.hidden_items:
            return False
        if isinstance(obj, Person):
            return obj.pk not in self.hidden_people
        return True

    def only_shown(self, items: Iterable[T]) -> list[T]:
        return [item for item in items if self.shows(item)]

    def shows_person(self, person: Person | int | None) -> bool:
        if person is None:
            return True
        pk = person if isinstance(person, int) else person.pk
        return pk not in self.hidden_people


def member_view(access: MemberAccess) -> MemberView:
    """The member's view of their family (one query for the restrictions)."""
    person = access.person
    view = MemberView(access=access, family=person.family, person=person)
    for kind, content_type_id, object_id, hidden_person_id in Restriction.objects.filter(
        access=access
    ).values_list("kind", "content_type_id", "object_id", "hidden_person_id"):
        if kind == Restriction.Kind.ITEM and object_id is not None:
            view.hidden_items.add((content_type_id, object_id))
        elif kind == Restriction.Kind.ADDRESS:
            view.hides_address = True
        elif kind == Restriction.Kind.PERSON:
            view.hidden_people.add(hidden_person_id)
    return view


def open_access_for(user: Any) -> MemberAccess | None:
    """The signed-in family member's access if it is still open (not withdrawn, family not closed)."""
    if user is None or not user.is_authenticated or not user.is_active or not user.is_family_member:
        return None
    try:
        access = MemberAccess.objects.select_related("person__family__lead_practitioner").get(user=user)
    except MemberAccess.DoesNotExist:
        return None
    return access if access.is_open else None


def view_for(request: HttpRequest) -> MemberView:
    """The member's view for a family page: 404 for anyone who is not a signed-in member with open access."""
    cached = getattr(request, "_member_view", None)
    if cached is not None:
        return cached
    access = open_access_for(getattr(request, "user", None))
    if access is None:
        raise Http404("No family page here")
    view = member_view(access)
    request._member_view = view  # type: ignore[attr-defined]
    return view
