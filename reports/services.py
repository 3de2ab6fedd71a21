"""Writes for reports: the weekly digest to each team manager, sent once per manager per week."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.email import send_templated_email
from reports import permissions, selectors
from reports.models import WeeklyDigestSent
from reports.periods import Period
from staff.models import User


def digest_managers() -> list[User]:
    """Every active team manager with a team and an email address."""
    return list(
        User.objects.filter(is_active=True, role=User.Role.TEAM_MANAGER, team__isnull=False)
        .exclude(email="")
        .order_by("pk")
    )


@transaction.atomic
def weekly_digest_send(*, manager: User, week_start: datetime.date) -> bool:
    """Email `manager` last week's figures for their teams. False if already sent for this week.

    The sent-log row is inserted first, in the same transaction as the send: a second run (or a
    concurrent one, blocked on the unique index until this commits) finds it and sends nothing. If the
    send fails, the row is rolled back with it and the next run tries again.
    """
    if not manager.is_active or not manager.is_team_manager or not manager.email:
        return False
    try:
        with transaction.atomic():
            WeeklyDigestSent.objects.create(manager=manager, week_start=week_start)
    except IntegrityError:
        return False
    last_week = Period(
        "week", week_start - datetime.timedelta(days=7), week_start - datetime.timedelta(days=1)
    )
    boards = [
        selectors.dashboard(
            workers=permissions.dashboard_workers(manager, team), period=last_week, team=team, on=week_start
        )
        for team in permissions.dashboard_teams(manager)
    ]
    context = {
        "manager": manager,
        "boards": boards,
        "period": last_week,
        "dashboard_url": settings.SITE_URL.rstrip("/") + "/reports/dashboard/",
    }
    send_templated_email(
        to=[manager.email],
        subject=_("Your team's week: %(date)s") % {"date": date_format(last_week.start, "j F Y")},
        text_template="reports/email/weekly_digest.txt",
        context=context,
    )
    return True
