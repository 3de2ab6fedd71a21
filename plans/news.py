"""What the family hears of their plan (issue 11): sent as `families.signals.family_news` once the
change commits; the family's own pages tell each member who may see the item, once per key."""

import datetime

from django.conf import settings

from core.calendar import today
from families import signals
from plans.models import Action, Goal, Plan, PlanReview


def goal_changed(goal: Goal) -> None:
    plan = goal.plan
    signals.send_family_news(
        family=plan.family,
        kind=signals.PLAN_CHANGED,
        key=f"plan:{plan.pk}:goal:{goal.pk}:v{goal.version}",
        obj=goal,
    )


def action_changed(action: Action) -> None:
    if action.goal is None:
        return
    plan = action.goal.plan
    signals.send_family_news(
        family=plan.family,
        kind=signals.PLAN_CHANGED,
        key=f"plan:{plan.pk}:action:{action.pk}:v{action.version}",
        obj=action,
    )


def review_booked(review: PlanReview) -> None:
    plan = review.plan
    signals.send_family_news(
        family=plan.family,
        kind=signals.REVIEW_BOOKED,
        key=f"plan:{plan.pk}:review:{review.pk}:{review.next_review_on:%Y-%m-%d}",
        obj=review,
    )


def reviews_due_news(*, on: datetime.date | None = None) -> int:
    """Tell each open family whose review falls in PLAN_FAMILY_REVIEW_NOTICE_DAYS days (a daily beat
    task; the key carries the date, so running it twice, or a retry, tells nobody twice)."""
    day = (on or today()) + datetime.timedelta(days=settings.PLAN_FAMILY_REVIEW_NOTICE_DAYS)
    plans = Plan.objects.filter(next_review_on=day, family__status="open").select_related("family")
    count = 0
    for plan in plans:
        signals.send_family_news(
            family=plan.family,
            kind=signals.REVIEW_DUE,
            key=f"plan:{plan.pk}:review_due:{day:%Y-%m-%d}",
            obj=plan,
        )
        count += 1
    return count
