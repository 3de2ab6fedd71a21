"""The lists behind the dashboard's "What needs attention": each figure links to its list, and the list
shows as many rows as the figure says (tests/reports/conftest.py's fixture, plus referrals and requests)."""

import datetime
import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agencies.models import Consent, ReferralResponse
from agencies.services.consent import consent_give
from agencies.services.referral import referral_send
from core.calendar import working_days_between
from plans.services import plan_create
from reports import sources
from tests import factories
from tests.agencies.conftest import ALL, consent_all, make_agency


def _refer(cast: Any, family: Any, agencies: list[Any], sent_at: datetime.datetime) -> Any:
    if family == cast.family:
        for agency in agencies:
            consent_all(cast, agency)
    return referral_send(
        actor=family.lead_practitioner,
        family=family,
        agencies=agencies,
        request="Please help with rent arrears.",
        shares=ALL,
        sent_at=sent_at,
    )


@pytest.fixture
def waiting(cast: Any) -> dict[str, Any]:
    """Three answers awaited for the cast's team (one acknowledged), one answered, one in another team."""
    housing = make_agency("Norwich Housing")
    school = make_agency("Riverside Primary Academy Trust With A Very Long Name")
    sent = timezone.now() - datetime.timedelta(days=9)
    referral = _refer(cast, cast.family, [housing, school], sent)
    # Sent today, whatever the hour the test runs (two hours ago is yesterday just after midnight).
    today_start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    newer = _refer(
        cast, cast.family, [housing], max(timezone.now() - datetime.timedelta(hours=2), today_start)
    )
    answered = newer.responses.get()
    answered.status = ReferralResponse.Status.ACKNOWLEDGED
    answered.save(update_fields=["status"])
    # Declined: no longer waiting.
    third = _refer(cast, cast.family, [school], sent)
    declined = third.responses.get()
    declined.status, declined.decline_reason = ReferralResponse.Status.DECLINED, "Not our area"
    declined.save(update_fields=["status", "decline_reason"])
    # Another team's referral: not this team's.
    elsewhere = factories.family(lead_practitioner=cast.other_manager, name="Elsewhere family")
    factories.person(family=elsewhere, first_name="Eli", last_name="Where")
    for category in ALL:
        consent_give(
            actor=cast.other_manager,
            family=elsewhere,
            agency=housing,
            category=category,
            given_by=elsewhere.members.first(),
            how=Consent.How.SIGNED,
        )
    _refer(cast, elsewhere, [housing], sent)
    return {"referral": referral, "sent": sent}


def _count_in_caption(page: str) -> int:
    match = re.search(r"govuk-table__caption[^>]*>(\d+) ", page)
    assert match, page
    return int(match.group(1))


def test_it_lists_every_answer_the_team_waits_for_with_working_days(cast: Any, waiting: Any) -> None:
    rows = sources.referrals_waiting(team_id=cast.team.pk)
    assert [(r.response.agency.name, r.response.status) for r in rows] == [
        ("Norwich Housing", "sent"),
        ("Riverside Primary Academy Trust With A Very Long Name", "sent"),
        ("Norwich Housing", "acknowledged"),
    ]
    sent_on = timezone.localdate(waiting["sent"])
    expected = working_days_between(sent_on, timezone.localdate())
    assert [r.working_days for r in rows[:2]] == [expected, expected]
    assert rows[0].sent_on == sent_on and rows[0].late
    assert rows[2].working_days == 0 and not rows[2].late
    assert sources.referrals_awaiting_answer(team_id=cast.team.pk).awaiting == len(rows) == 3


def test_it_counts_working_days_by_the_calendar_weekends_and_bank_holidays_excluded(
    cast: Any, waiting: Any
) -> None:
    # Sent on Friday 22 December 2023: Christmas Day and Boxing Day are bank holidays.
    friday = timezone.make_aware(datetime.datetime(2023, 12, 22, 10, 0))
    now = timezone.make_aware(datetime.datetime(2023, 12, 28, 10, 0))
    response = waiting["referral"].responses.first()
    response.referral.sent_at = friday
    response.referral.save(update_fields=["sent_at"])
    rows = sources.referrals_waiting(team_id=cast.team.pk, now=now)
    row = next(r for r in rows if r.response.referral_id == waiting["referral"].pk)
    assert (row.sent_on, row.working_days) == (datetime.date(2023, 12, 22), 2)  # Wed 27, Thu 28


def test_the_dashboard_figure_links_to_the_list_and_equals_its_count(
    client: Any, cast: Any, waiting: Any
) -> None:
    client.force_login(cast.manager)
    board = client.get(reverse("reports:dashboard")).content.decode()
    link = reverse("reports:referrals_waiting") + f"?team={cast.team.pk}"
    assert f'href="{link}">3 referrals waiting' in board
    page = client.get(link).content.decode()
    assert _count_in_caption(page) == 3 == page.count('<tr class="govuk-table__row">') - 1
    assert "Taylor family" in page and "Riverside Primary Academy Trust With A Very Long Name" in page
    assert "Elsewhere family" not in page


def test_the_other_teams_manager_sees_only_their_own_teams_list(cast: Any, waiting: Any, client: Any) -> None:
    client.force_login(cast.other_manager)
    page = client.get(reverse("reports:referrals_waiting")).content.decode()
    assert "Elsewhere family" in page and "Taylor family" not in page
    # Asking for a team they do not manage shows their own.
    page = client.get(reverse("reports:referrals_waiting"), {"team": cast.team.pk}).content.decode()
    assert "Taylor family" not in page


def test_the_reviews_overdue_figure_links_to_its_list_with_the_same_count(
    client: Any, cast: Any, board: Any
) -> None:
    colin_late = factories.family(lead_practitioner=cast.colleague, name="Late review family")
    plan_create(
        actor=cast.colleague,
        family=colin_late,
        started_on=datetime.date.today() - datetime.timedelta(weeks=9),
    )
    client.force_login(cast.manager)
    page = client.get(reverse("reports:dashboard")).content.decode()
    link = reverse("reports:reviews_overdue") + f"?team={cast.team.pk}"
    assert f'href="{link}">2 plan reviews overdue' in page
    listed = client.get(link).content.decode()
    assert _count_in_caption(listed) == 2
    assert "Taylor family" in listed and "Late review family" in listed and "Second family" not in listed

    # Filtered to one worker, the figure and its list follow the filter.
    page = client.get(reverse("reports:dashboard"), {"worker": cast.colleague.pk}).content.decode()
    link = reverse("reports:reviews_overdue") + f"?team={cast.team.pk}&amp;worker={cast.colleague.pk}"
    assert f'href="{link}">1 plan review overdue' in page
    listed = client.get(link.replace("&amp;", "&")).content.decode()
    assert _count_in_caption(listed) == 1 and "Late review family" in listed and "Taylor family" not in listed


def test_the_approvals_figure_links_to_the_approvals_page(client: Any, cast: Any) -> None:
    client.force_login(cast.manager)
    page = client.get(reverse("reports:dashboard")).content.decode()
    assert f'href="{reverse("pots:approvals")}">0 practical-help requests waiting' in page


def test_the_waiting_list_query_count_does_not_grow_with_rows(client: Any, cast: Any, waiting: Any) -> None:
    client.force_login(cast.manager)
    url = reverse("reports:referrals_waiting")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    more = make_agency("Home-Start")
    _refer(cast, cast.family, [more, make_agency("Job Centre")], timezone.now())
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert _count_in_caption(page) == 5
    assert len(many) == len(few)
