""" "You said, we did": managers write what changed because of complaints, suggestions and surveys, in
English and Welsh, preview it, and publish it (or take it down again). Every write keeps its history."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.calendar import today
from core.history import save_with_actor
from voice.models import Change

TEXT_FIELDS = ("you_said", "you_said_cy", "we_did", "we_did_cy")


def may_write_changes(user: Any) -> bool:
    """Managers write and publish them: complaints managers and team managers."""
    return bool(
        user.is_authenticated and (user.is_complaints_manager or user.is_team_manager) and user.is_active
    )


def _fill(change: Change, *, source: str, survey: Any, **texts: str) -> None:
    change.source = source
    change.survey = survey if source == Change.Source.SURVEY else None
    for name in TEXT_FIELDS:
        setattr(change, name, texts[name].strip())
    if source == Change.Source.SURVEY and survey is None:
        raise ValidationError({"survey": _("Choose the survey this change came from")})
    change.full_clean()


@transaction.atomic
def change_create(*, actor: Any, source: str, survey: Any = None, **texts: str) -> Change:
    """A draft: nobody outside sees it until it is published."""
    change = Change(created_by=actor)
    _fill(change, source=source, survey=survey, **texts)
    save_with_actor(change, actor=actor, reason="Written")
    return change


@transaction.atomic
def change_update(*, actor: Any, change: Change, source: str, survey: Any = None, **texts: str) -> Change:
    change = Change.objects.select_for_update().get(pk=change.pk)
    _fill(change, source=source, survey=survey, **texts)
    save_with_actor(change, actor=actor, reason="Edited")
    return change


@transaction.atomic
def change_publish(*, actor: Any, change: Change) -> bool:
    """Publish it today; False when it was already published (nothing is written)."""
    change = Change.objects.select_for_update().get(pk=change.pk)
    if change.published_on is not None:
        return False
    change.published_on = today()
    save_with_actor(change, actor=actor, reason="Published")
    return True


@transaction.atomic
def change_unpublish(*, actor: Any, change: Change) -> bool:
    """Take it off the public page and the family's pages; False when it was not published."""
    change = Change.objects.select_for_update().get(pk=change.pk)
    if change.published_on is None:
        return False
    change.published_on = None
    save_with_actor(change, actor=actor, reason="Unpublished")
    return True
