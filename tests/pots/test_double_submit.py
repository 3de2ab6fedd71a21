"""The pot's money is committed once: a help request sent twice (one after the other, or from two tabs)."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from core.submissions import FIELD_NAME
from pots import selectors
from pots.models import HelpRequest
from tests.core.test_submission_concurrency import _post_together
from tests.core.test_submissions import banner, token_on
from tests.pots import helpers as h
from tests.pots.test_views import _form


def _setup(cast):
    pot = h.pot(cast.manager, limit="150.00", cap="500.00")
    h.contribute(cast.manager, pot, "1000.00", funder=cast.agency_worker.agency)
    return pot, h.goal(cast.family)


def test_a_help_request_sent_twice_commits_the_money_once(cast):
    pot, goal = _setup(cast)
    client = Client()
    client.force_login(cast.lead)
    url = reverse("pots:request_new", args=[cast.family.reference])
    data = {**_form(goal), FIELD_NAME: token_on(client, url)}

    first = client.post(url, data)
    second = client.post(url, data, follow=True)

    assert first.status_code == 302
    assert second.redirect_chain[-1][0] == first["Location"]
    assert "This request for practical help was already sent at" in banner(second)
    assert HelpRequest.objects.count() == 1
    assert selectors.pot_balance(pot=pot).committed == 45.50


@pytest.mark.postgres
def test_a_help_request_sent_from_two_tabs_at_once_commits_the_money_once(transactional_db, cast):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")
    pot, goal = _setup(cast)
    setup = Client()
    setup.force_login(cast.lead)
    url = reverse("pots:request_new", args=[cast.family.reference])
    data = {**_form(goal), FIELD_NAME: token_on(setup, url)}

    responses = _post_together(cast.lead, url, data, tabs=3)

    assert [r.status_code for r in responses] == [302, 302, 302]
    assert HelpRequest.objects.count() == 1
    assert selectors.pot_balance(pot=pot).committed == 45.50
