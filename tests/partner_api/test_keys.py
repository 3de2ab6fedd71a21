"""The agency manager's API keys pages: made and shown once, listed, revoked; nobody else reaches them."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from partner_api.models import ApiKey
from tests.partner_api.conftest import bearer

pytestmark = pytest.mark.django_db


def test_it_makes_a_key_and_shows_it_once(client: Client, api: Any) -> None:
    client.force_login(api.manager_a)
    reply = client.post(reverse("partner_api_keys:new"), {"name": "Attendance system"}, follow=True)
    assert reply.status_code == 200
    key = reply.context["key"]
    assert key.startswith("poo_") and key in reply.content.decode()
    row = ApiKey.objects.get(name="Attendance system")
    again = client.get(reverse("partner_api_keys:made", args=[row.pk]), follow=True)
    assert key not in again.content.decode()  # shown once
    assert row.agency == api.agency_a and row.created_by == api.manager_a
    assert key not in row.hashed_secret and row.history.count() == 1
    listing = client.get(reverse("partner_api_keys:list")).content.decode()
    assert "Attendance system" in listing and key not in listing
    client.logout()
    assert client.get(reverse("partner_api:referrals"), **bearer(key)).status_code == 200


def test_it_refuses_a_second_live_key_of_the_same_name(client: Client, api: Any) -> None:
    client.force_login(api.manager_a)
    reply = client.post(reverse("partner_api_keys:new"), {"name": "school mis"})
    assert reply.status_code == 200 and "already has a key with this name" in reply.content.decode()


def test_it_revokes_a_key(client: Client, api: Any) -> None:
    client.force_login(api.manager_a)
    url = reverse("partner_api_keys:revoke", args=[api.key_a_row.pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    api.key_a_row.refresh_from_db()
    assert api.key_a_row.is_revoked
    assert client.get(url).status_code == 404  # already revoked
    client.logout()
    assert client.get(reverse("partner_api:referrals"), **bearer(api.key_a)).status_code == 401


def test_other_staff_of_the_agency_and_other_managers_get_404(client: Client, api: Any) -> None:
    client.force_login(api.worker_a)
    assert client.get(reverse("partner_api_keys:list")).status_code == 404
    assert client.post(reverse("partner_api_keys:new"), {"name": "Mine"}).status_code == 404
    # B's key, from A's manager: 404 (not A's), and nothing revoked.
    client.force_login(api.manager_a)
    assert client.post(reverse("partner_api_keys:revoke", args=[api.key_b_row.pk])).status_code == 404
    api.key_b_row.refresh_from_db()
    assert not api.key_b_row.is_revoked


def test_the_reference_page_needs_nothing_from_elsewhere(client: Client, api: Any) -> None:
    reply = client.get(reverse("partner_api:docs"))
    assert reply.status_code == 200
    page = reply.content.decode()
    assert "http://" not in page and "https://" not in page and "<style" not in page
    assert "<script>" not in page  # the set-up script is a file (the CSP allows no inline script)
    assert "default-src 'self'" in reply["Content-Security-Policy"]
    script = client.get(reverse("partner_api:docs") + "?script=")
    assert script.status_code == 200 and "/api/v1/schema/" in script.content.decode()
    schema = client.get(reverse("partner_api:schema"), {"format": "json"})
    assert schema.status_code == 200 and "/api/v1/referrals/{id}/answer/" in schema.json()["paths"]


def test_it_rate_limits_each_key(client: Client, api: Any, settings: Any) -> None:
    from django.core.cache import cache

    cache.clear()
    settings.PARTNER_API_RATE = "2/min"
    url = reverse("partner_api:referrals")
    assert [client.get(url, **bearer(api.key_a)).status_code for _ in range(3)] == [200, 200, 429]
    assert client.get(url, **bearer(api.key_b)).status_code == 200  # B has its own budget
    reply = client.get(url, **bearer(api.key_a))
    assert reply["Content-Type"] == "application/problem+json" and reply.json()["status"] == 429


def test_only_the_manager_finds_the_keys_in_the_header(api: Any) -> None:
    from django.test import RequestFactory

    from core.navigation import nav_items

    request = RequestFactory().get("/agencies/portal/api-keys/")
    request.user = api.manager_a
    items = nav_items(request)
    assert "API keys" in [str(i["label"]) for i in items]
    assert [str(i["label"]) for i in items if i["active"]] == ["API keys"]
    request.user = api.worker_a
    assert "API keys" not in [str(i["label"]) for i in nav_items(request)]
