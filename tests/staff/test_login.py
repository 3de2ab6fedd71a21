from django.test import override_settings
from django.urls import reverse

from tests.factories import PASSWORD


def test_a_worker_signs_in_and_lands_on_their_caseload(client, cast):
    response = client.post(
        reverse("login"), {"username": cast.lead.username, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("families:caseload")
    assert "My families" in response.content.decode()


def test_a_wrong_password_gets_a_clear_message(client, cast):
    response = client.post(reverse("login"), {"username": cast.lead.username, "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_signing_out_ends_the_session(client, cast):
    client.force_login(cast.lead)
    client.post(reverse("logout"))
    assert client.get(reverse("families:caseload"))["Location"].startswith(reverse("login"))


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_account_for_now(client, cast):
    for _ in range(3):
        client.post(reverse("login"), {"username": cast.lead.username, "password": "wrong"})
    response = client.post(reverse("login"), {"username": cast.lead.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "Your account is locked for now" in response.content.decode()


def test_the_sign_in_page_shows_families_and_visitors_their_own_way_in(client):
    page = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("family_portal:sign_in")}"' in page
    assert f'href="{reverse("directory:search")}"' in page
