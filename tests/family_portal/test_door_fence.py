"""The fence: a family member reaches only /my/, staff never do, and access ends the moment it should."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from families import services as family_services
from tests.family_portal.door_helpers import invited


def _member(cast: Any) -> tuple[Any, Client]:
    access = invited(cast)
    client = Client()
    client.force_login(access.user)
    return access, client


@pytest.mark.parametrize(
    "url",
    [
        lambda cast: reverse("families:caseload"),
        lambda cast: reverse("families:detail", args=[cast.family.reference]),
        lambda cast: reverse("family_access:family", args=[cast.family.reference]),
        lambda cast: "/time/",
        lambda cast: "/admin/",
        lambda cast: reverse("home"),
    ],
    ids=["caseload", "family", "family_access", "time", "admin", "home"],
)
def test_a_family_member_gets_404_on_staff_pages(cast: Any, url: Any) -> None:
    _, client = _member(cast)
    assert client.get(url(cast)).status_code == 404


@pytest.mark.parametrize("who", ["lead", "manager", "admin"])
def test_staff_get_404_on_the_family_pages(client: Any, cast: Any, who: str) -> None:
    client.force_login(getattr(cast, who))
    for name in ("family_portal:home", "family_portal:sign_in", "family_portal:sign_in_code"):
        assert client.get(reverse(name)).status_code == 404


def test_a_member_of_a_closed_family_loses_access_at_once(cast: Any) -> None:
    _, client = _member(cast)
    assert client.get(reverse("family_portal:home")).status_code == 200
    family_services.family_close(actor=cast.lead, family=cast.family, reason="Goals met")
    assert client.get(reverse("family_portal:home")).status_code == 404


def test_anonymous_visitors_are_sent_to_the_family_sign_in(client: Any, cast: Any) -> None:
    response = client.get(reverse("family_portal:home"))
    assert response["Location"].startswith(reverse("family_portal:sign_in") + "?next=")
    assert client.get(reverse("family_portal:sign_in_code"))["Location"] == reverse("family_portal:sign_in")
