"""Forgot your password? Django's reset, GOV.UK pages, and it never skips two-step verification."""

import re
from typing import Any

from axes.models import AccessAttempt
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD

NEW_PASSWORD = "a-brand-new-long-passphrase-42"


def _reset_link(client: Any, email: str) -> str:
    response = client.post(reverse("password_reset"), {"email": email})
    assert response["Location"] == reverse("password_reset_done")
    return re.search(r"https?://\S+", mail.outbox[-1].body).group(0)  # type: ignore[union-attr]


def _choose(client: Any, link: str, password: str = NEW_PASSWORD) -> Any:
    form_url = client.get(link)["Location"]  # Django moves the token out of the address first
    return client.post(form_url, {"new_password1": password, "new_password2": password})


def test_the_sign_in_page_links_to_forgotten_password(client: Any, db: Any) -> None:
    assert reverse("password_reset") in client.get(reverse("login")).content.decode()


def test_a_user_resets_their_password_end_to_end_and_is_not_signed_in_by_it(client: Any, cast: Any) -> None:
    link = _reset_link(client, cast.lead.email)
    assert mail.outbox[0].to == [cast.lead.email]
    assert "Reset your Power of One password" in mail.outbox[0].subject
    assert "Choose a new password" in client.get(client.get(link)["Location"]).content.decode()
    done = _choose(client, link)
    assert done["Location"] == reverse("password_reset_complete")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("families:caseload"))["Location"].startswith(reverse("login"))
    response = client.post(reverse("login"), {"username": cast.lead.username, "password": NEW_PASSWORD})
    assert response["Location"] == reverse("home")


def test_after_a_reset_a_user_with_an_app_is_still_asked_for_their_code(client: Any, cast: Any) -> None:
    device = TOTPDevice.objects.create(user=cast.lead, name="Authenticator app", confirmed=True)
    _choose(client, _reset_link(client, cast.lead.email))
    response = client.post(reverse("login"), {"username": cast.lead.username, "password": NEW_PASSWORD})
    assert response["Location"] == reverse("login_code")
    assert "_auth_user_id" not in client.session
    signed_in = client.post(reverse("login_code"), {"code": f"{totp(device.bin_key):06d}"})
    assert signed_in.status_code == 302 and "_auth_user_id" in client.session


def test_the_reset_page_says_the_same_whether_or_not_the_address_has_an_account(
    client: Any, cast: Any
) -> None:
    known = client.post(reverse("password_reset"), {"email": cast.lead.email})
    unknown = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert known["Location"] == unknown["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    assert (
        "If there is an account with that address"
        in client.get(reverse("password_reset_done")).content.decode()
    )


def test_a_used_or_tampered_link_says_it_has_expired(client: Any, cast: Any) -> None:
    link = _reset_link(client, cast.lead.email)
    _choose(client, link)
    html = client.get(link, follow=True).content.decode()
    assert "This link has expired" in html
    client.post(reverse("login"), {"username": cast.lead.username, "password": PASSWORD})
    assert "_auth_user_id" not in client.session  # the old password no longer works


def test_a_new_password_ends_a_lockout_and_every_old_session(client: Any, cast: Any, settings: Any) -> None:
    settings.AXES_ENABLED = True
    for _ in range(5):
        client.post(reverse("login"), {"username": cast.lead.username, "password": "wrong"})
    assert AccessAttempt.objects.filter(username=cast.lead.username).exists()
    elsewhere = _signed_in_elsewhere(cast.lead)
    _choose(client, _reset_link(client, cast.lead.email))
    assert not AccessAttempt.objects.filter(username=cast.lead.username).exists()
    assert elsewhere.get(reverse("families:caseload")).status_code == 302


def _signed_in_elsewhere(user: Any) -> Client:
    other = Client()
    other.force_login(user)
    assert other.get(reverse("families:caseload")).status_code == 200
    return other
