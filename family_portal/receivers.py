"""What happens in the casework that a family hears of: connected to `families.signals.family_news`
(sent by the services of the floors below once their transaction commits). Each piece of news becomes
one task that tells every open member of the family (family_portal.tasks.notify_family_news)."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.dispatch import receiver

from core.queue import task_enqueue
from families.signals import family_news

NOTIFY_TASK = "family_portal.tasks.notify_family_news"


@receiver(family_news, dispatch_uid="family_portal.notify_family_news")
def family_news_received(
    sender: Any, *, family_id: int, kind: str, key: str, obj: Any = None, **kwargs: Any
) -> None:
    content_type_id = object_id = None
    if isinstance(obj, Model) and obj.pk is not None:
        content_type_id = ContentType.objects.get_for_model(obj).pk
        object_id = obj.pk
    task_enqueue(NOTIFY_TASK, family_id, kind, key, content_type_id, object_id)
