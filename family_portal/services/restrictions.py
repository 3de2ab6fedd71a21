"""The lead hides an item, the family's address or another member's details from one named member
(safeguarding), and removes such a restriction. Both are in the history with the lead as the actor."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.history import save_with_actor
from families.models import Person
from family_portal.models import MemberAccess, Restriction
from staff.models import User

MAX_REASON = 2000


def _check_item(access: MemberAccess, item: Any) -> None:
    family_id = access.person.family_id
    owner = getattr(item, "family_id", None)
    if owner is None:
        plan = getattr(item, "plan", None) or getattr(getattr(item, "goal", None), "plan", None)
        owner = getattr(plan, "family_id", None)
    if owner != family_id:
        raise ValidationError({"item": _("Choose something from this family's record.")})


@transaction.atomic
def restriction_add(
    *,
    actor: User,
    access: MemberAccess,
    kind: str,
    reason: str,
    item: Any = None,
    hidden_person: Person | None = None,
) -> Restriction:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why this is hidden from them.")})
    if len(reason) > MAX_REASON:
        raise ValidationError({"reason": _("The reason must be 2,000 characters or fewer.")})
    restriction = Restriction(access=access, kind=kind, reason=reason, created_by=actor)
    existing = Restriction.objects.filter(access=access, kind=kind)
    if kind == Restriction.Kind.ITEM:
        if item is None:
            raise ValidationError({"item": _("Choose what to hide.")})
        _check_item(access, item)
        restriction.content_type = ContentType.objects.get_for_model(item)
        restriction.object_id = item.pk
        existing = existing.filter(content_type=restriction.content_type, object_id=item.pk)
    elif kind == Restriction.Kind.PERSON:
        if hidden_person is None:
            raise ValidationError({"hidden_person": _("Choose whose details to hide.")})
        if hidden_person.family_id != access.person.family_id or hidden_person.pk == access.person_id:
            raise ValidationError({"hidden_person": _("Choose another member of this family.")})
        restriction.hidden_person = hidden_person
        existing = existing.filter(hidden_person=hidden_person)
    elif kind != Restriction.Kind.ADDRESS:
        raise ValidationError({"kind": _("Choose what to hide.")})
    if existing.exists():
        raise ValidationError(_("This is already hidden from %(name)s.") % {"name": access.person})
    restriction.full_clean()
    save_with_actor(restriction, actor=actor, reason=reason)
    return restriction


@transaction.atomic
def restriction_remove(*, actor: User, restriction: Restriction) -> None:
    """Show it to the member again: the history keeps who hid it, why, and who removed it."""
    restriction._history_user = actor  # type: ignore[attr-defined]
    restriction._change_reason = _("Shown to them again")  # type: ignore[attr-defined]
    restriction.delete()
