"""What referrals teach: how the agency behind a directory service answers referrals, on the staff pages."""

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from agencies.models import Referral, ReferralResponse
from core.calendar import is_working_day
from reports.referral_outcomes import agency_referral_stats
from tests import factories
from tests.directory import factories as df

Status = ReferralResponse.Status


def _quiet_monday() -> datetime.date:
    """A Monday a few weeks back whose whole week is working days (no bank holiday to blur the counts)."""
    day = timezone.localdate() - datetime.timedelta(weeks=3)
    day -= datetime.timedelta(days=day.weekday())
    while not all(is_working_day(day + datetime.timedelta(days=n)) for n in range(5)):
        day -= datetime.timedelta(weeks=1)
    return day


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _answer(
    cast: Any,
    agency: Any,
    *,
    sent: datetime.datetime,
    status: str,
    acked_after_days: int | None,
    reason: str = "",
) -> ReferralResponse:
    referral = Referral.objects.create(
        family=cast.family, request="Help with rent arrears", sent_by=cast.lead, sent_at=sent
    )
    acked = (
        sent + datetime.timedelta(days=acked_after_days, hours=4) if acked_after_days is not None else None
    )
    return ReferralResponse.objects.create(
        referral=referral,
        agency=agency,
        status=status,
        ack_due_at=sent + datetime.timedelta(days=1),
        escalate_at=sent + datetime.timedelta(days=3),
        acknowledged_at=acked,
        answered_at=acked if status != Status.SENT else None,
        decline_reason=reason,
    )


@pytest.fixture
def housing(cast: Any) -> Any:
    """Seven referrals in the window with known answers, and three that must not count."""
    agency = factories.agency("Housing Options")
    monday = _at(_quiet_monday(), 10)
    for status, days, reason in [
        (Status.ACCEPTED, 0, ""),
        (Status.COMPLETED, 1, ""),
        (Status.DECLINED, 2, "We have no capacity for the Taylor family until March"),
        (Status.DECLINED, 3, "Outside our area"),
        (Status.MORE_INFO, 1, ""),
        (Status.SENT, None, ""),
        (Status.DECLINED, 0, "Our WAITING LIST is six months"),
    ]:
        _answer(cast, agency, sent=monday, status=status, acked_after_days=days, reason=reason)
    # Withdrawn by the worker, sent 13 months ago, and another agency's: none of them count.
    _answer(cast, agency, sent=monday, status=Status.WITHDRAWN, acked_after_days=4)
    _answer(
        cast,
        agency,
        sent=monday - datetime.timedelta(days=400),
        status=Status.DECLINED,
        acked_after_days=9,
        reason="No capacity",
    )
    _answer(
        cast,
        factories.agency("School"),
        sent=monday,
        status=Status.DECLINED,
        acked_after_days=4,
        reason="Full capacity",
    )
    return agency


def test_it_counts_the_median_acknowledgement_and_the_shares(housing: Any) -> None:
    stats = agency_referral_stats([housing.pk])[housing.pk]
    assert stats.referrals == 7
    assert stats.acknowledged == 6
    assert stats.late_unacknowledged == 1
    # Working days to acknowledge: 0, 1, 2, 3, 1, 0 -> median 1.
    assert stats.median_ack_working_days == 1
    assert stats.median_ack_text == "1 working day"
    assert (stats.decided, stats.accepted, stats.declined, stats.declined_no_capacity) == (5, 2, 3, 2)
    assert stats.accepted_percent == 40
    assert stats.no_capacity_percent == 40
    assert stats.enough


def test_it_counts_a_weekend_as_no_working_days(cast: Any) -> None:
    agency = factories.agency("Weekend test")
    friday = _at(_quiet_monday() - datetime.timedelta(days=3), 16)
    _answer(cast, agency, sent=friday, status=Status.ACKNOWLEDGED, acked_after_days=3)  # Monday
    _answer(cast, agency, sent=friday, status=Status.ACKNOWLEDGED, acked_after_days=4)  # Tuesday
    stats = agency_referral_stats([agency.pk])[agency.pk]
    assert stats.median_ack_working_days == 1.5
    assert stats.median_ack_text == "1.5 working days"
    assert not stats.enough


def test_an_agency_with_no_referrals_is_answered_with_zeros(db: Any) -> None:
    agency = factories.agency("Quiet")
    stats = agency_referral_stats([agency.pk])[agency.pk]
    assert (stats.referrals, stats.median_ack_working_days, stats.accepted_percent) == (0, None, None)


def test_the_staff_service_page_shows_the_figures_and_no_family(client: Any, cast: Any, housing: Any) -> None:
    service = df.service(
        owner=cast.colleague, name="Homeless prevention", org=df.organization(agency=housing)
    )
    client.force_login(cast.lead)
    page = client.get(reverse("directory:manage_service", args=[service.pk])).content.decode()
    assert "How Housing Options answered the 7 referrals sent to it in the last 12 months." in page
    assert "1 working day" in page
    assert "40% (2 of 5 answered)" in page
    assert "1 still not acknowledged after its deadline." in page
    assert "Taylor" not in page
    assert "no capacity for the" not in page


def test_the_public_page_and_the_api_do_not_show_them(client: Any, cast: Any, housing: Any) -> None:
    service = df.service(owner=cast.lead, name="Homeless prevention", agency=housing)
    public = client.get(reverse("directory:service", args=[service.pk])).content.decode()
    assert "Homeless prevention" in public
    assert "answered" not in public and "acknowledge" not in public.lower()
    api = client.get(reverse("directory:api_service", args=[service.pk])).content.decode()
    assert "accepted" not in api and "acknowledge" not in api


def test_the_owner_sees_them_on_their_entries(client: Any, cast: Any, housing: Any) -> None:
    df.service(owner=cast.lead, name="Homeless prevention", agency=housing)
    df.service(owner=cast.lead, name="Chess club")
    client.force_login(cast.lead)
    page = client.get(reverse("directory:manage"), {"mine": "1"}).content.decode()
    assert (
        "7 referrals: 40% accepted, 40% declined for no capacity, acknowledged in 1 working day (median)"
        in page
    )
    assert page.count("referrals:") == 1  # the chess club's referrals are not made through the system


def test_too_few_referrals_say_so(client: Any, cast: Any) -> None:
    agency = factories.agency("Tiny charity")
    _answer(cast, agency, sent=_at(_quiet_monday(), 10), status=Status.ACCEPTED, acked_after_days=0)
    service = df.service(owner=cast.lead, name="Befriending", agency=agency)
    unlinked = df.service(owner=cast.lead, name="Library")
    client.force_login(cast.lead)
    assert (
        "Too few referrals to say how they are answered"
        in client.get(reverse("directory:manage")).content.decode()
    )
    page = client.get(reverse("directory:manage_service", args=[service.pk])).content.decode()
    assert "Tiny charity has had 1 referral in the last 12 months: too few referrals to say" in page
    assert "100%" not in page
    page = client.get(reverse("directory:manage_service", args=[unlinked.pk])).content.decode()
    assert "Referrals to this service are not made through the system." in page


def test_the_staff_list_reads_the_figures_once_for_the_page(
    client: Any, cast: Any, housing: Any, django_assert_max_num_queries: Any, settings: Any
) -> None:
    settings.CASEWORK_PAGE_SIZE = 50
    client.force_login(cast.lead)
    df.service(owner=cast.lead, name="First", agency=housing)
    client.get(reverse("directory:manage"))
    with django_assert_max_num_queries(9) as first:
        client.get(reverse("directory:manage"))
    for n in range(10):
        df.service(owner=cast.lead, name=f"Linked {n}", agency=factories.agency(f"Partner {n}"))
        df.service(owner=cast.lead, name=f"Through its organisation {n}", org=df.organization(agency=housing))
    with django_assert_max_num_queries(len(first.captured_queries)):
        page = client.get(reverse("directory:manage")).content.decode()
    assert page.count("Too few referrals to say") == 10


def test_shares_of_too_few_answers_are_not_given(client: Any, cast: Any) -> None:
    agency = factories.agency("Slow to decide")
    monday = _at(_quiet_monday(), 10)
    for status in (
        Status.ACCEPTED,
        Status.ACCEPTED,
        Status.ACKNOWLEDGED,
        Status.MORE_INFO,
        Status.ACKNOWLEDGED,
    ):
        _answer(cast, agency, sent=monday, status=status, acked_after_days=1)
    silent = factories.agency("Silent")
    for _n in range(5):
        _answer(cast, silent, sent=monday, status=Status.SENT, acked_after_days=None)
    service = df.service(owner=cast.lead, name="Slow", agency=agency)
    df.service(owner=cast.lead, name="Silent service", agency=silent)
    client.force_login(cast.lead)
    listing = client.get(reverse("directory:manage")).content.decode()
    assert (
        "5 referrals: acknowledged in 1 working day (median), too few answered yet to say how many are accepted"
        in listing
    )
    assert "5 referrals: none acknowledged yet" in listing
    assert "%" not in listing.split("<tbody")[1].split("</tbody>")[0]
    page = client.get(reverse("directory:manage_service", args=[service.pk])).content.decode()
    assert "Too few answered yet to say (2 answered)" in page
    assert "100%" not in page
