"""News about a family, told to each of its members who may hear of it (the fan-out of `family_news`)."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

from family_portal.models import FamilyNotice, MemberAccess
from family_portal.services.notify import notify_family_member


def news_object(content_type_id: int | None, object_id: int | None) -> Model | None:
    """The item the news is about, or None (no item, or it has since been deleted)."""
    if content_type_id is None or object_id is None:
        return None
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    return model._default_manager.filter(pk=object_id).first()


def news_context(kind: str, obj: Any) -> dict[str, Any]:
    """What each kind of message says beyond "something happened" (never a person's details)."""
    context: dict[str, Any] = {"obj": obj}
    if obj is None:
        return context
    if kind in ("review_booked", "review_due"):
        context["review_on"] = getattr(obj, "next_review_on", None)
    elif kind == "referral_answered":
        context["agency"] = obj.agency.name
        context["answer"] = obj.get_status_display()
    elif kind == "help_approved":
        context["category"] = obj.get_category_display()
    return context


def family_news_notify(
    *, family_id: int, kind: str, key: str, content_type_id: int | None = None, object_id: int | None = None
) -> list[FamilyNotice]:
    """Tell every open member of the family, once each; returns the notices sent now."""
    obj = news_object(content_type_id, object_id)
    if content_type_id is not None and obj is None:
        return []  # the item was deleted before the news went out: nothing true to say
    context = news_context(kind, obj)
    accesses = (
        MemberAccess.objects.filter(person__family_id=family_id)
        .exclude(status=MemberAccess.Status.WITHDRAWN)
        .order_by("pk")
    )
    actor_id = _latest_actor_id(obj)
    if actor_id is not None:
        accesses = accesses.exclude(user_id=actor_id)  # nobody is told of what they did themselves
    sent = []
    for access in accesses:
        notice = notify_family_member(access=access, kind=kind, key=key, context=context)
        if notice is not None:
            sent.append(notice)
    return sent


def _latest_actor_id(obj: Any) -> int | None:
    """Who made the latest change to `obj`, from its history (a member marking their own step done)."""
    history = getattr(obj, "history", None)
    if history is None:
        return None
    return history.order_by("-history_date", "-history_id").values_list("history_user_id", flat=True).first()
