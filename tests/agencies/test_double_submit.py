"""One email stays one email: the referral form sent twice makes one referral and one alert per agency."""

from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from agencies.models import OutboxMessage, Referral
from core.submissions import FIELD_NAME
from tests.core.test_submission_concurrency import _post_together
from tests.core.test_submissions import banner, token_on


def _form(cast: Any, agencies: list[Any], token: str) -> dict[str, Any]:
    return {
        "agencies": [a.pk for a in agencies],
        "request": "Help with rent arrears.",
        "urgency": "routine",
        "shares": ["contact"],
        FIELD_NAME: token,
    }


def test_the_referral_form_sent_twice_sends_one_referral_and_one_email_per_agency(
    cast, housing, school, django_capture_on_commit_callbacks
):
    client = Client()
    client.force_login(cast.lead)
    url = reverse("agencies:referral_new", args=[cast.family.reference])
    data = _form(cast, [housing, school], token_on(client, url))

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, data)
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(url, data, follow=True)

    referral = Referral.objects.get()
    assert first.status_code == 302
    assert second.redirect_chain[-1][0] == first["Location"]
    assert "This referral was already sent at" in banner(second)
    assert OutboxMessage.objects.filter(response__referral=referral).count() == 2
    alerted = sorted(address for m in mail.outbox for address in m.to)
    assert alerted == sorted([housing.inboxes.get().email, school.inboxes.get().email])


@pytest.mark.postgres
def test_the_referral_form_sent_from_two_tabs_at_once_alerts_each_agency_once(
    transactional_db, cast, housing
):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")
    setup = Client()
    setup.force_login(cast.lead)
    url = reverse("agencies:referral_new", args=[cast.family.reference])
    data = _form(cast, [housing], token_on(setup, url))

    responses = _post_together(cast.lead, url, data, tabs=3)

    assert [r.status_code for r in responses] == [302, 302, 302]
    assert Referral.objects.count() == 1
    assert OutboxMessage.objects.count() == 1
    assert len({r["Location"] for r in responses}) == 1
