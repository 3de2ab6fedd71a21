"""Staff side: the family's members with access, their restrictions, and what on the record can be hidden."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Prefetch, QuerySet
from django.utils.translation import gettext as _

from agencies.models import Referral
from families.models import CaseNote, Family, FamilyEvent, Person
from family_portal.models import MemberAccess, Restriction
from plans.models import Action, Goal, PlanReview
from pots.models import HelpRequest


def family_accesses(*, family: Family) -> QuerySet[MemberAccess]:
    return (
        MemberAccess.objects.filter(person__family=family)
        .select_related("person")
        .prefetch_related(
            Prefetch(
                "restrictions",
                queryset=Restriction.objects.select_related("content_type", "hidden_person").order_by(
                    "created_at"
                ),
            )
        )
        .order_by("person__first_name", "pk")
    )


def restriction_label(restriction: Restriction) -> str:
    if restriction.kind == Restriction.Kind.ADDRESS:
        return _("The family's address")
    if restriction.kind == Restriction.Kind.PERSON:
        return _("Details of %(name)s") % {"name": restriction.hidden_person}
    item = restriction.item
    if item is None:
        return _("An item that has since been removed")
    return item_label(item)


def item_label(item: Model) -> str:
    kind = str(item._meta.verbose_name).capitalize()
    return f"{kind}: {str(getattr(item, 'text', '') or getattr(item, 'request', '') or item)[:80]}"


def hideable_items(*, family: Family) -> list[tuple[str, str]]:
    """(value "content type id:pk", label) for everything on the record a member could see."""
    querysets: list[QuerySet[Any]] = [
        Goal.objects.filter(plan__family=family),
        Action.objects.filter(goal__plan__family=family),
        PlanReview.objects.filter(plan__family=family),
        CaseNote.objects.filter(family=family, shared_with_family=True),
        FamilyEvent.objects.filter(family=family),
        Referral.objects.filter(family=family),
        HelpRequest.objects.filter(family=family),
    ]
    choices = []
    for queryset in querysets:
        content_type = ContentType.objects.get_for_model(queryset.model)
        for item in queryset:
            choices.append((f"{content_type.pk}:{item.pk}", item_label(item)))
    return choices


def item_from_value(*, family: Family, value: str) -> Model | None:
    """The item a choice names, only if it is one of the family's hideable items."""
    if value not in dict(hideable_items(family=family)):
        return None
    content_type_id, pk = value.split(":")
    model = ContentType.objects.get_for_id(int(content_type_id)).model_class()
    assert model is not None
    return model._default_manager.get(pk=int(pk))


def other_members(*, access: MemberAccess) -> QuerySet[Person]:
    return Person.objects.filter(family_id=access.person.family_id).exclude(pk=access.person_id)
