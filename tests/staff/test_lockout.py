"""A stranger cannot lock a user out: the lock is per username and address, and the user can unlock it."""

import re
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from staff import sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.usefixtures("_axes_on")


@pytest.fixture
def _axes_on(settings: Any) -> None:
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    cache.clear()  # the one-email-per-interval limit lives in the cache


def _sign_in(client: Any, username: str, password: str, **meta: str) -> Any:
    return client.post(reverse("login"), {"username": username, "password": password}, **meta)


def _main(response: Any) -> str:
    return response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]


def _five_wrong(client: Any, username: str, **meta: str) -> None:
    for _ in range(5):
        _sign_in(client, username, "wrong", **meta)


def test_five_wrong_passwords_from_one_address_do_not_stop_the_user_signing_in_from_another(
    cast: Any,
) -> None:
    _five_wrong(Client(), cast.lead.username, REMOTE_ADDR="203.0.113.66")
    assert _sign_in(Client(), cast.lead.username, PASSWORD, REMOTE_ADDR="203.0.113.66").status_code == 429
    response = _sign_in(Client(), cast.lead.username, PASSWORD, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_the_lock_follows_the_real_client_address(cast: Any) -> None:
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    _five_wrong(Client(), cast.lead.username, HTTP_X_FORWARDED_FOR="203.0.113.66", **proxy)
    locked = _sign_in(Client(), cast.lead.username, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.66", **proxy)
    assert locked.status_code == 429
    response = _sign_in(Client(), cast.lead.username, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    assert response.status_code == 302


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_stranger_cannot_dodge_the_lock_by_writing_the_forwarded_header_themselves(cast: Any) -> None:
    for n in range(5):
        # The proxy appends the address it saw; what the client wrote stays on the left.
        header = f"192.0.2.{n}, 203.0.113.66"
        _sign_in(Client(), cast.lead.username, "wrong", HTTP_X_FORWARDED_FOR=header, REMOTE_ADDR="10.0.0.1")
    again = _sign_in(
        Client(),
        cast.lead.username,
        PASSWORD,
        HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.66",
        REMOTE_ADDR="10.0.0.1",
    )
    assert again.status_code == 429


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(rf: Any) -> None:
    request = rf.get("/", HTTP_X_FORWARDED_FOR="192.0.2.1", REMOTE_ADDR="203.0.113.66")
    assert sign_in.client_ip(request) == "203.0.113.66"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_with_two_proxies_it_reads_the_address_the_outer_one_saw(rf: Any) -> None:
    request = rf.get("/", HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.66, 10.0.0.2", REMOTE_ADDR="10.0.0.3")
    assert sign_in.client_ip(request) == "203.0.113.66"
    short = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.66", REMOTE_ADDR="10.0.0.3")
    assert sign_in.client_ip(short) == "10.0.0.3"


def test_the_lockout_page_offers_the_ways_back_in(client: Any, cast: Any) -> None:
    _five_wrong(client, cast.lead.username)
    html = _sign_in(client, cast.lead.username, PASSWORD).content.decode()
    assert "Your account is locked for now" in html
    assert reverse("unlock") in html and reverse("password_reset") in html


def test_a_locked_user_unlocks_through_the_link_emailed_to_them(client: Any, cast: Any) -> None:
    _five_wrong(client, cast.lead.username)
    response = client.post(reverse("unlock"), {"username": cast.lead.username})
    assert "If there is an account with that username" in response.content.decode()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [cast.lead.email]
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)  # type: ignore[union-attr]
    assert client.get(link).status_code == 200  # a GET (a mail scanner) changes nothing
    assert AccessAttempt.objects.filter(username=cast.lead.username).exists()
    assert client.post(link)["Location"] == reverse("login")
    assert not AccessAttempt.objects.filter(username=cast.lead.username).exists()
    assert _sign_in(client, cast.lead.username, PASSWORD).status_code == 302


def test_asking_to_unlock_says_the_same_for_an_unknown_username_and_sends_nothing(
    client: Any, cast: Any
) -> None:
    known = _main(client.post(reverse("unlock"), {"username": cast.lead.username}))
    unknown = _main(client.post(reverse("unlock"), {"username": "nobody-here"}))
    assert known == unknown
    assert len(mail.outbox) == 1


def test_a_stranger_asking_again_and_again_sends_one_email(client: Any, cast: Any) -> None:
    for _ in range(5):
        client.post(reverse("unlock"), {"username": cast.lead.username})
    assert len(mail.outbox) == 1


def test_a_tampered_or_expired_unlock_link_unlocks_nothing(client: Any, cast: Any, settings: Any) -> None:
    _five_wrong(client, cast.lead.username)
    token = sign_in.unlock_token(cast.lead)
    assert client.post(reverse("unlock_confirm", args=[token[:-2] + "xx"])).status_code == 404
    settings.STAFF_UNLOCK_LINK_MAX_AGE_MINUTES = -1
    assert client.post(reverse("unlock_confirm", args=[token])).status_code == 404
    assert AccessAttempt.objects.filter(username=cast.lead.username).exists()
