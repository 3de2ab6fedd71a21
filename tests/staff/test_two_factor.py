"""Two-step verification: setting up an authenticator app, signing in with a code, backup codes, the
requirement setting and turning it off."""

import re

from django.test import override_settings
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP, totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff import two_factor_services
from staff.two_factor_views import PENDING_SESSION_KEY, SETUP_SESSION_KEY
from tests.factories import PASSWORD


def _app(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key):06d}"


def _wrong_code(key: bytes) -> str:
    """A six-digit code the key does not give for this time step or either neighbour."""
    near = set()
    for drift in (-1, 0, 1):
        generator = TOTP(key, drift=drift)
        near.add(generator.token())
    return next(f"{n:06d}" for n in range(1000000) if n not in near)


def _sign_in_password(client, user, next_url: str = ""):
    data = {"username": user.username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("login"), data)


def _verified(client, user, device) -> None:
    """A session signed in and verified, as after the code step."""
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


# --- Setting up ------------------------------------------------------------------------------------


def test_setting_up_shows_a_key_and_a_correct_code_turns_it_on_with_ten_backup_codes_shown_once(client, cast):
    client.force_login(cast.lead)
    page = client.get(reverse("two_factor:setup"))
    assert page.status_code == 200
    html = page.content.decode()
    key = client.session[SETUP_SESSION_KEY]
    grouped = two_factor_services.key_for_people(key)
    assert grouped in html and re.fullmatch(r"([A-Z2-7]{4} )*[A-Z2-7]{1,4}", grouped)
    assert "otpauth://totp/Power%20of%20One%3A" in html
    assert 'alt="QR code to scan with your authenticator app"' in html

    code = f"{totp(bytes.fromhex(key)):06d}"
    response = client.post(reverse("two_factor:setup"), {"code": code})
    assert response["Location"] == reverse("two_factor:backup_codes")
    device = TOTPDevice.objects.get(user=cast.lead)
    assert device.confirmed and device.key == key

    shown = client.get(reverse("two_factor:backup_codes")).content.decode()
    codes = list(StaticToken.objects.filter(device__user=cast.lead).values_list("token", flat=True))
    assert len(codes) == 10
    assert all(f"{c[:4]} {c[4:]}" in shown for c in codes)
    assert "You will not see them again" in shown
    # Shown once: the page does not show them again.
    assert client.get(reverse("two_factor:backup_codes"))["Location"] == reverse("two_factor:overview")
    # The session that set it up is verified, and the change is on the user's history.
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert cast.lead.history.filter(
        history_change_reason__startswith="Two-step verification turned on"
    ).exists()
    overview = client.get(reverse("two_factor:overview")).content.decode()
    assert "On" in overview and "10 left" in overview


def test_setting_up_with_a_wrong_code_shows_a_clear_error_and_saves_nothing(client, cast):
    client.force_login(cast.lead)
    client.get(reverse("two_factor:setup"))
    key = bytes.fromhex(client.session[SETUP_SESSION_KEY])
    response = client.post(reverse("two_factor:setup"), {"code": _wrong_code(key)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "The code is not right" in html
    assert "govuk-input--error" in html
    assert not TOTPDevice.objects.filter(user=cast.lead).exists()
    assert not StaticDevice.objects.filter(user=cast.lead).exists()
    empty = client.post(reverse("two_factor:setup"), {"code": ""}).content.decode()
    assert "Enter the 6-digit code from your authenticator app" in empty


# --- Signing in ------------------------------------------------------------------------------------


def test_a_user_with_an_app_is_not_signed_in_by_the_password_alone_and_is_with_a_valid_code(client, cast):
    device = _app(cast.lead)
    response = _sign_in_password(client, cast.lead)
    assert response["Location"] == reverse("login_code")
    # The password step has not signed them in.
    assert client.get(reverse("families:caseload"))["Location"].startswith(reverse("login"))
    page = client.get(reverse("login_code"))
    assert "Enter your security code" in page.content.decode()

    response = client.post(reverse("login_code"), {"code": _code(device)}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("families:caseload")
    assert "My families" in response.content.decode()
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id


def test_the_code_step_keeps_where_the_user_was_going(client, cast):
    device = _app(cast.lead)
    _sign_in_password(client, cast.lead, next_url=reverse("time:week"))
    response = client.post(reverse("login_code"), {"code": _code(device)})
    assert response["Location"] == reverse("time:week")


def test_a_wrong_code_is_refused_and_the_user_stays_signed_out(client, cast):
    device = _app(cast.lead)
    _sign_in_password(client, cast.lead)
    response = client.post(reverse("login_code"), {"code": _wrong_code(device.bin_key)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and "The code is not right" in html
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("families:caseload"))["Location"].startswith(reverse("login"))


def test_the_code_step_needs_the_password_step_first(client, cast):
    _app(cast.lead)
    response = client.get(reverse("login_code"))
    assert response["Location"] == reverse("login")


def test_the_code_step_runs_out_after_a_few_minutes(client, cast):
    device = _app(cast.lead)
    _sign_in_password(client, cast.lead)
    session = client.session
    session[PENDING_SESSION_KEY]["at"] -= 6 * 60
    session.save()
    response = client.post(reverse("login_code"), {"code": _code(device)}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("login")
    assert "the time to enter your security code ran out" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_admin_sign_in_cannot_skip_the_code_step(client, cast):
    _app(cast.admin)
    response = client.get("/admin/login/?next=/admin/")
    assert response["Location"] == f"{reverse('login')}?next=/admin/"
    posted = client.post("/admin/login/", {"username": cast.admin.username, "password": PASSWORD})
    assert posted["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session
    # Through the site's sign-in, an administrator with an app is asked for a code.
    assert _sign_in_password(client, cast.admin, next_url="/admin/")["Location"] == reverse("login_code")


def test_a_user_without_an_app_signs_in_with_the_password_as_before(client, cast):
    response = _sign_in_password(client, cast.lead)
    assert response["Location"] == reverse("home")


def test_a_backup_code_works_once(client, cast):
    _app(cast.lead)
    codes = two_factor_services.backup_codes_regenerate(actor=cast.lead, user=cast.lead)
    _sign_in_password(client, cast.lead)
    # Typed with a space or in capitals, as people copy them.
    response = client.post(
        reverse("login_code"), {"code": f"{codes[0][:4].upper()} {codes[0][4:]}"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("families:caseload")
    assert "You used a backup code. You have 9 left." in response.content.decode()

    client.post(reverse("logout"))
    _sign_in_password(client, cast.lead)
    again = client.post(reverse("login_code"), {"code": codes[0]})
    assert again.status_code == 200 and "The code is not right" in again.content.decode()
    assert "_auth_user_id" not in client.session
    StaticDevice.objects.get(user=cast.lead).throttle_reset()  # django-otp slows down codes after a wrong one
    assert client.post(reverse("login_code"), {"code": codes[1]})["Location"] == reverse("home")


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_wrong_codes_count_towards_the_sign_in_lockout(client, cast):
    device = _app(cast.lead)
    _sign_in_password(client, cast.lead)
    statuses = [client.post(reverse("login_code"), {"code": "12345x"}).status_code for _ in range(3)]
    assert statuses[-1] == 429
    locked = client.post(reverse("login_code"), {"code": _code(device)})
    assert locked.status_code == 429
    assert "Your account is locked for now" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    assert _sign_in_password(client, cast.lead).status_code == 429


# --- Requiring it ----------------------------------------------------------------------------------


@override_settings(STAFF_REQUIRE_TWO_FACTOR=True)
def test_when_required_a_user_without_an_app_is_sent_to_set_one_up_before_the_caseload(client, cast):
    client.force_login(cast.lead)
    response = client.get(reverse("families:caseload"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor:setup"))
    page = client.get(response["Location"]).content.decode()
    assert "You need to set up two-step verification before you can use Power of One." in page
    # The family record and the admin are just as closed; the public pages and signing out are not.
    assert client.get(reverse("families:detail", args=[cast.family.reference])).status_code == 302
    assert client.get(reverse("directory:search")).status_code == 200
    assert client.get(reverse("accessibility")).status_code == 200
    assert client.get(reverse("two_factor:overview")).status_code == 200
    client.post(reverse("logout"))
    assert "_auth_user_id" not in client.session


@override_settings(STAFF_REQUIRE_TWO_FACTOR=True)
def test_when_required_an_unverified_session_of_a_user_with_an_app_must_enter_a_code(client, cast):
    device = _app(cast.lead)
    client.force_login(cast.lead)
    response = client.get(reverse("families:caseload"))
    assert response["Location"] == f"{reverse('login_code')}?next=%2Ffamilies%2F"
    verified = client.post(
        response["Location"], {"code": _code(device), "next": reverse("families:caseload")}
    )
    assert verified["Location"] == reverse("families:caseload")
    assert client.get(reverse("families:caseload")).status_code == 200


@override_settings(STAFF_REQUIRE_TWO_FACTOR=True)
def test_when_required_anonymous_pages_are_unaffected(client, cast):
    assert client.get(reverse("directory:search")).status_code == 200
    assert client.get(reverse("login")).status_code == 200
    assert client.get(reverse("families:caseload"))["Location"].startswith(reverse("login"))


@override_settings(STAFF_REQUIRE_TWO_FACTOR=True)
def test_when_required_it_cannot_be_turned_off(client, cast):
    device = _app(cast.lead)
    _verified(client, cast.lead, device)
    assert "Turn off two-step verification" not in client.get(reverse("two_factor:overview")).content.decode()
    response = client.post(reverse("two_factor:turn_off"), {"code": _code(device)})
    assert response["Location"] == reverse("two_factor:overview")
    assert TOTPDevice.objects.filter(user=cast.lead).exists()


# --- Changing and turning off ----------------------------------------------------------------------


def test_turning_off_needs_a_current_code(client, cast):
    device = _app(cast.lead)
    two_factor_services.backup_codes_regenerate(actor=cast.lead, user=cast.lead)
    _verified(client, cast.lead, device)
    wrong = client.post(reverse("two_factor:turn_off"), {"code": _wrong_code(device.bin_key)})
    assert wrong.status_code == 200 and "The code is not right" in wrong.content.decode()
    assert TOTPDevice.objects.filter(user=cast.lead).exists()

    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows down codes after a wrong one; this is not what is tested
    response = client.post(reverse("two_factor:turn_off"), {"code": _code(device)}, follow=True)
    assert "Two-step verification is off." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=cast.lead).exists()
    assert not StaticDevice.objects.filter(user=cast.lead).exists()
    assert cast.lead.history.filter(history_change_reason="Two-step verification turned off").exists()
    # And the next sign-in needs the password only.
    client.post(reverse("logout"))
    assert _sign_in_password(client, cast.lead)["Location"] == reverse("home")


def test_new_backup_codes_replace_the_old_ones(client, cast):
    device = _app(cast.lead)
    old = two_factor_services.backup_codes_regenerate(actor=cast.lead, user=cast.lead)
    _verified(client, cast.lead, device)
    response = client.post(reverse("two_factor:backup_codes_new"), {"code": _code(device)})
    assert response["Location"] == reverse("two_factor:backup_codes")
    new = set(StaticToken.objects.filter(device__user=cast.lead).values_list("token", flat=True))
    assert len(new) == 10 and not new & set(old)
    shown = client.get(reverse("two_factor:backup_codes")).content.decode()
    assert all(f"{c[:4]} {c[4:]}" in shown for c in new)


def test_moving_to_a_new_phone_needs_a_verified_session(client, cast):
    _app(cast.lead)
    client.force_login(cast.lead)
    response = client.get(reverse("two_factor:setup"))
    assert response["Location"].startswith(reverse("login_code"))
