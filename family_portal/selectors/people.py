"""How the family's pages name people: the member is "you", a hidden member is nobody in particular."""

from typing import Any

from django.utils.translation import gettext as _

from families.models import Person
from family_portal.visibility import MemberView


def person_name(view: MemberView, person: Person | None) -> str:
    """A family member as the signed-in member should read them: "You", their first name, or (when
    the lead hid their details) "Another member of your family"."""
    if person is None:
        return ""
    if person.pk == view.person.pk:
        return _("You")
    if not view.shows_person(person):
        return _("Another member of your family")
    return person.preferred_name or person.first_name


def worker_name(user: Any) -> str:
    return user.get_full_name() or user.username
