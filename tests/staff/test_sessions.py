"""Sessions end: after 30 idle minutes, at the end of the working day, and at once on deactivation."""

import time
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.sessions.backends.base import UpdateError
from django.test import Client
from django.urls import reverse

from staff import services
from staff.models import UserSession
from staff.sessions import SEEN_KEY, STARTED_KEY
from tests.factories import PASSWORD


def _signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    assert client.get(reverse("families:caseload")).status_code == 200
    return client


def _age(client: Any, key: str, seconds: float) -> None:
    session = client.session
    session[key] = time.time() - seconds
    session.save()


def test_after_30_idle_minutes_the_next_page_signs_the_user_out_and_says_why(cast: Any) -> None:
    client = _signed_in(cast.lead)
    _age(client, SEEN_KEY, 31 * 60)
    response = client.get(reverse("families:caseload"), follow=True)
    assert response.redirect_chain[0][0] == f"{reverse('signed_out')}?reason=idle"
    html = response.content.decode()
    assert "You have been signed out" in html and "30 minutes" in html
    assert client.get(reverse("families:caseload"))["Location"].startswith(reverse("login"))


def test_activity_keeps_the_session_going(cast: Any) -> None:
    client = _signed_in(cast.lead)
    _age(client, SEEN_KEY, 29 * 60)
    assert client.get(reverse("families:caseload")).status_code == 200
    assert time.time() - client.session[SEEN_KEY] < 5


def test_at_the_end_of_the_working_day_the_user_is_signed_out_however_busy(cast: Any, settings: Any) -> None:
    settings.SESSION_ABSOLUTE_TIMEOUT_HOURS = 10
    client = _signed_in(cast.lead)
    _age(client, STARTED_KEY, 10 * 60 * 60 + 1)
    response = client.get(reverse("families:caseload"), follow=True)
    assert response.redirect_chain[0][0] == f"{reverse('signed_out')}?reason=absolute"
    assert "10 hours" in response.content.decode()


def test_pages_warn_before_the_working_day_session_ends(cast: Any) -> None:
    client = _signed_in(cast.lead)
    assert "You will be signed out at" not in client.get(reverse("families:caseload")).content.decode()
    _age(client, STARTED_KEY, 10 * 60 * 60 - 10 * 60)
    html = client.get(reverse("families:caseload")).content.decode()
    assert "You will be signed out at" in html and "Save your work" in html


def test_the_timeouts_are_configurable(cast: Any, settings: Any) -> None:
    settings.SESSION_IDLE_TIMEOUT_MINUTES = 5
    client = _signed_in(cast.lead)
    _age(client, SEEN_KEY, 6 * 60)
    assert client.get(reverse("families:caseload"))["Location"] == f"{reverse('signed_out')}?reason=idle"


def test_signing_in_stores_the_session_against_the_user(client: Any, cast: Any) -> None:
    client.post(reverse("login"), {"username": cast.lead.username, "password": PASSWORD})
    assert UserSession.objects.get(session_key=client.session.session_key).user_id == cast.lead.pk


def test_deactivating_a_user_ends_all_their_sessions_at_once(cast: Any) -> None:
    first, second = _signed_in(cast.lead), _signed_in(cast.lead)
    colleague = _signed_in(cast.colleague)
    services.user_deactivate(actor=cast.admin, user=cast.lead, reason="Left the council")
    assert not UserSession.objects.filter(user_id=cast.lead.pk).exists()
    for client in (first, second):
        assert client.get(reverse("families:caseload"))["Location"].startswith(reverse("login"))
    assert colleague.get(reverse("families:caseload")).status_code == 200
    cast.lead.refresh_from_db()
    assert not cast.lead.is_active
    assert cast.lead.history.latest().history_user == cast.admin


def test_a_request_already_under_way_cannot_bring_a_deleted_session_back(cast: Any) -> None:
    client = _signed_in(cast.lead)
    store = client.session  # loaded before the deactivation, saved after it
    assert store[STARTED_KEY]
    services.user_deactivate(actor=cast.admin, user=cast.lead)
    store[SEEN_KEY] = time.time()
    with pytest.raises(UpdateError):  # Django answers the request 400 "session deleted"
        store.save()
    assert not UserSession.objects.filter(user_id=cast.lead.pk).exists()


def test_deactivating_in_the_admin_ends_their_sessions_too(cast: Any, rf: Any) -> None:
    lead = _signed_in(cast.lead)
    request = rf.post("/admin/")
    request.user = cast.admin
    changed = SimpleNamespace(changed_data=["is_active"], cleaned_data={"is_active": False})  # the admin form
    cast.lead.is_active = False
    admin.site._registry[type(cast.lead)].save_model(request, cast.lead, changed, change=True)
    assert lead.get(reverse("families:caseload"))["Location"].startswith(reverse("login"))
