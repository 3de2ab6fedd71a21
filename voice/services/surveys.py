"""Anonymous surveys (ADR 008, decision 4): opening and closing a survey, inviting members at each plan
review and at the family's closure, taking an answer, and forgetting links nobody used.

An invitation names its member only so that nobody is sent two for one moment; the answer keeps
nothing of it. Answering deletes the invitation and writes a `SurveyResponse` with the survey, the team,
the first of the month and the moment in the journey, in one transaction: nothing else is kept, so no
column of the response leads back to a family, a member or a time of day.
"""

import datetime
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from core.calendar import today
from core.history import save_with_actor
from families.models import Family
from family_portal.models import MemberAccess
from family_portal.services.invitations import age_on
from family_portal.services.notify import notify_family_member
from voice.models import Survey, SurveyInvitation, SurveyResponse
from voice.models.surveys import Moment
from voice.survey_access import may_run_surveys
from voice.survey_check import comment_names_someone

ADULT_AGE = 18


# --- running a survey (complaints managers and team managers) -----------------------------------------


@transaction.atomic
def survey_open(
    *,
    actor: Any,
    title: str,
    title_cy: str,
    owner: Any,
    publish_changes_by: datetime.date | None,
    opens_on: datetime.date | None = None,
    closes_on: datetime.date | None = None,
    at_review: bool = True,
    at_closure: bool = True,
) -> Survey:
    """Open a survey. "A survey without a willingness to change is worse than no survey at all" (seed
    004): it needs an owner and the date by which they will publish what changed because of it."""
    opens_on = opens_on or today()
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = _("Enter the survey's title")
    if not title_cy.strip():
        errors["title_cy"] = _("Enter the survey's title in Welsh")
    if owner is None:
        errors["owner"] = _("Choose who owns the survey: the person who will publish what changed")
    elif not may_run_surveys(owner):
        errors["owner"] = _("The owner must be a complaints manager or a team manager")
    if publish_changes_by is None:
        errors["publish_changes_by"] = _(
            "Enter the date by which the owner will publish what changed because of the survey"
        )
    elif publish_changes_by < opens_on:
        errors["publish_changes_by"] = _(
            "The date to publish what changed must be on or after the day the survey opens"
        )
    if closes_on is not None and closes_on < opens_on:
        errors["closes_on"] = _("The survey must close on or after the day it opens")
    if not (at_review or at_closure):
        errors["at_review"] = _("Choose when the survey is offered: after reviews, at closure, or both")
    if errors or publish_changes_by is None:
        raise ValidationError(errors)
    survey = Survey(
        title=title.strip(),
        title_cy=title_cy.strip(),
        owner=owner,
        publish_changes_by=publish_changes_by,
        opens_on=opens_on,
        closes_on=closes_on,
        at_review=at_review,
        at_closure=at_closure,
    )
    survey.full_clean()
    save_with_actor(survey, actor=actor, reason=_("Survey opened"))
    return survey


@transaction.atomic
def survey_close(*, actor: Any, survey: Survey, closes_on: datetime.date | None = None) -> Survey:
    """Close a survey: no more invitations; links already sent stop working."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    closes_on = closes_on or today()
    if survey.closes_on is not None and survey.closes_on <= today():
        raise ValidationError(_("The survey is already closed."))
    if closes_on < survey.opens_on:
        raise ValidationError({"closes_on": _("The survey must close on or after the day it opens")})
    survey.closes_on = closes_on
    save_with_actor(survey, actor=actor, reason=_("Survey closed"))
    SurveyInvitation.objects.filter(survey=survey).delete()
    return survey


def surveys_open_on(day: datetime.date) -> QuerySet[Survey]:
    return Survey.objects.filter(opens_on__lte=day).filter(Q(closes_on__isnull=True) | Q(closes_on__gt=day))


def survey_is_open(survey: Survey, day: datetime.date | None = None) -> bool:
    day = day or today()
    return survey.opens_on <= day and (survey.closes_on is None or survey.closes_on > day)


# --- invitations ---------------------------------------------------------------------------------------


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def answer_link(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("survey:answer", args=[token])


def adult_members(family: Family) -> QuerySet[MemberAccess]:
    """The family's members signed up to its own pages (not withdrawn) and not known to be under 18."""
    accesses = (
        MemberAccess.objects.filter(person__family=family)
        .exclude(status=MemberAccess.Status.WITHDRAWN)
        .select_related("person")
        .order_by("pk")
    )
    on = today()
    adults = [a.pk for a in accesses if (age_on(a.person, on) or ADULT_AGE) >= ADULT_AGE]
    return accesses.filter(pk__in=adults)


def invite_family(*, family_id: int, moment: str, event: str) -> int:
    """Send each adult member of the family one invitation to every open survey offered at `moment`,
    in their own channel; `event` names the review or the closure, so a second call sends nothing.
    Returns how many were sent."""
    if moment not in Moment.values:
        raise ValueError(f"unknown survey moment {moment!r}")
    family = Family.objects.select_related("team").get(pk=family_id)
    on = today()
    surveys = surveys_open_on(on).filter(**{"at_review" if moment == Moment.REVIEW else "at_closure": True})
    sent = 0
    for survey in surveys:
        for access in adult_members(family):
            if _invite(survey=survey, access=access, team=family.team, moment=moment, event=event):
                sent += 1
    return sent


def _invite(*, survey: Survey, access: MemberAccess, team: Any, moment: str, event: str) -> bool:
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invitation = SurveyInvitation.objects.create(
            survey=survey,
            token_hash=token_hash(token),
            team=team,
            moment=moment,
            member=access,
            expires_on=today() + datetime.timedelta(days=settings.VOICE_SURVEY_LINK_DAYS),
        )
        notice = notify_family_member(
            access=access,
            kind="survey",
            key=f"survey:{survey.pk}:{event}",
            context={
                "survey_link": answer_link(token),
                "survey": survey,
                "link_days": settings.VOICE_SURVEY_LINK_DAYS,
            },
        )
        if notice is None:  # already invited for this event, or no longer reachable: no link to keep
            invitation.delete()
            return False
    return True


def invitation_for(token: str) -> SurveyInvitation | None:
    """The usable invitation behind a link: unknown, used (deleted), expired or closed give None."""
    if not token or len(token) > 100:
        return None
    invitation = (
        SurveyInvitation.objects.select_related("survey").filter(token_hash=token_hash(token)).first()
    )
    if invitation is None or invitation.expires_on < today() or not survey_is_open(invitation.survey):
        return None
    return invitation


@transaction.atomic
def survey_answer(
    *, token: str, helpful: int, listened_to: str, in_control: str, comment: str = ""
) -> SurveyResponse:
    """Take one answer to an invitation, once: the invitation is deleted in the same transaction (a
    second post of the link finds nothing), and the response keeps only survey, team, month, moment."""
    invitation = invitation_for(token)
    if invitation is None:
        raise ValidationError(_("This survey link has already been used, or has expired."))
    # Lock and delete: of two posts at once, only the one that deletes the row writes an answer.
    deleted, _rows = SurveyInvitation.objects.filter(pk=invitation.pk).delete()
    if not deleted:
        raise ValidationError(_("This survey link has already been used, or has expired."))
    comment = comment.strip()
    if not comment:
        status = SurveyResponse.FreeText.NONE
    elif comment_names_someone(comment, team_id=invitation.team_id):
        status = SurveyResponse.FreeText.HELD
    else:
        status = SurveyResponse.FreeText.CLEAR
    response = SurveyResponse(
        survey=invitation.survey,
        team_id=invitation.team_id,
        month=today().replace(day=1),
        moment=invitation.moment,
        helpful=helpful,
        listened_to=listened_to,
        in_control=in_control,
        comment=comment,
        comment_status=status,
    )
    response.full_clean()
    response.save()
    return response


def survey_invitations_prune(*, on: datetime.date | None = None) -> int:
    """Forget links past their date, and those of closed surveys: nobody can use them any more."""
    on = on or today()
    closed = Q(survey__closes_on__isnull=False, survey__closes_on__lte=on)
    deleted, _rows = SurveyInvitation.objects.filter(Q(expires_on__lt=on) | closed).delete()
    return deleted
