"""When a family is asked what they think (ADR 008, decision 4): after each plan review, and when the
family's case closes. Connected in VoiceConfig.ready(); each queues one task that invites the family's
adult members to the open surveys (voice.services.surveys.invite_family), once per event.

The review comes as `families.signals.family_news` (sent once the review has committed, and never for
records written under `news_paused`); the closure as the `FamilyEvent` the families service writes, so
it waits for the commit and honours `news_paused` itself.
"""

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from core.queue import task_enqueue
from families.models import FamilyEvent
from families.signals import REVIEW_BOOKED, family_news, news_is_paused
from plans.models import PlanReview
from voice.models.surveys import Moment

INVITE_TASK = "voice.tasks.send_survey_invitations"


@receiver(family_news, dispatch_uid="voice.survey_after_review")
def review_recorded(sender: Any, *, family_id: int, kind: str, obj: Any = None, **kwargs: Any) -> None:
    if kind != REVIEW_BOOKED or not isinstance(obj, PlanReview):
        return
    task_enqueue(INVITE_TASK, family_id, Moment.REVIEW.value, f"review:{obj.pk}")


@receiver(post_save, sender=FamilyEvent, dispatch_uid="voice.survey_at_closure")
def family_closed(sender: Any, *, instance: FamilyEvent, created: bool, **kwargs: Any) -> None:
    if kwargs.get("raw") or not created or instance.kind != FamilyEvent.Kind.CLOSED or news_is_paused():
        return
    family_id, event = instance.family_id, f"closure:{instance.pk}"
    transaction.on_commit(lambda: task_enqueue(INVITE_TASK, family_id, Moment.CLOSURE.value, event))
