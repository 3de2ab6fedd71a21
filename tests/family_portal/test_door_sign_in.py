"""Signing in with a one-time code: the whole flow, and every way a code is refused."""

import datetime
from typing import Any

from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from family_portal.models import MemberAccess, SignInCode, SignInFailure
from tests.family_portal.door_helpers import ask_for_code, code_from_outbox, enter_code, invited

SAME_ANSWER = "If pat@example.org is registered for your family"


def _signed_in(client: Any) -> bool:
    return SESSION_KEY in client.session


def test_it_signs_a_member_in_with_the_code_from_their_email(
    client: Any, cast: Any, django_capture_on_commit_callbacks: Any
) -> None:
    access = invited(cast)
    response = ask_for_code(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response["Location"] == reverse("family_portal:sign_in_code")
    assert mail.outbox[0].to == ["pat@example.org"]
    page = client.get(reverse("family_portal:sign_in_code"))
    assert "Check your email" in page.content.decode() and SAME_ANSWER in page.content.decode()

    response = enter_code(client, code_from_outbox())

    assert response.status_code == 302 and response["Location"] == reverse("family_portal:home")
    assert _signed_in(client)
    access.refresh_from_db()
    assert access.status == MemberAccess.Status.ACTIVE
    assert access.history.first().history_user == access.user
    assert client.get(reverse("family_portal:home")).status_code == 200


def test_it_goes_on_to_the_family_page_asked_for_but_never_off_the_family_pages(
    client: Any, cast: Any, django_capture_on_commit_callbacks: Any
) -> None:
    invited(cast)
    timeline = reverse("family_portal:timeline")
    ask_for_code(client, django_capture_on_commit_callbacks, next_url=timeline)
    assert enter_code(client, code_from_outbox())["Location"] == timeline

    client.logout()
    ask_for_code(client, django_capture_on_commit_callbacks, next_url="https://evil.example/my/")
    assert enter_code(client, code_from_outbox())["Location"] == reverse("family_portal:home")


def test_an_unknown_address_gets_the_same_answer_and_nothing_is_sent(
    client: Any, cast: Any, django_capture_on_commit_callbacks: Any
) -> None:
    invited(cast)
    stranger = ask_for_code(client, django_capture_on_commit_callbacks, address="nobody@example.org")
    assert stranger.status_code == 302 and stranger["Location"] == reverse("family_portal:sign_in_code")
    page = client.get(reverse("family_portal:sign_in_code")).content.decode()
    assert "If nobody@example.org is registered for your family" in page
    assert mail.outbox == []
    assert not SignInCode.objects.exists()


def test_a_code_with_letters_gets_a_clear_message_and_writes_nothing(
    client: Any, cast: Any, django_capture_on_commit_callbacks: Any
) -> None:
    invited(cast)
    ask_for_code(client, django_capture_on_commit_callbacks)
    response = enter_code(client, "12a456")
    assert response.status_code == 200
    assert "numbers only, with no letters" in response.content.decode()
    assert not SignInFailure.objects.exists()
    assert SignInCode.objects.get().attempts == 0
    assert not _signed_in(client)


def test_brute_force_is_refused_and_the_right_code_after_the_lockout_too(
    client: Any, cast: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    invited(cast)
    ask_for_code(client, django_capture_on_commit_callbacks)
    right = code_from_outbox()
    wrong = "000000" if right != "000000" else "111111"
    for _ in range(settings.FAMILY_CODE_MAX_ATTEMPTS):
        assert "The code is not right" in enter_code(client, wrong).content.decode()
    response = enter_code(client, right)
    assert "Too many wrong codes" in response.content.decode()
    assert not _signed_in(client)
    # A new code does not lift the lockout either, even from a fresh browser.
    other = type(client)()
    ask_for_code(other, django_capture_on_commit_callbacks)
    assert "Too many wrong codes" in enter_code(other, code_from_outbox()).content.decode()
    assert not _signed_in(other)


def test_a_used_code_cannot_be_replayed(
    client: Any, cast: Any, django_capture_on_commit_callbacks: Any
) -> None:
    invited(cast)
    ask_for_code(client, django_capture_on_commit_callbacks)
    code = code_from_outbox()
    enter_code(client, code)
    client.post(reverse("family_portal:sign_out"))
    ask_for_code(client, django_capture_on_commit_callbacks)  # a new code ends the old one; reuse the old
    mail.outbox.clear()
    SignInCode.objects.order_by("-pk").first().delete()  # leave the used code as the latest
    response = enter_code(client, code)
    assert "expired or has already been used" in response.content.decode()
    assert not _signed_in(client)


def test_an_expired_code_is_refused(client: Any, cast: Any, django_capture_on_commit_callbacks: Any) -> None:
    invited(cast)
    ask_for_code(client, django_capture_on_commit_callbacks)
    SignInCode.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = enter_code(client, code_from_outbox())
    assert "expired or has already been used" in response.content.decode()
    assert not _signed_in(client)


def test_a_new_code_ends_the_older_one(
    client: Any, cast: Any, django_capture_on_commit_callbacks: Any
) -> None:
    invited(cast)
    ask_for_code(client, django_capture_on_commit_callbacks)
    first = code_from_outbox()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("family_portal:sign_in_resend"))
    second = code_from_outbox()
    if first != second:
        assert not _signed_in(client) and enter_code(client, first).status_code == 200
    assert enter_code(client, second).status_code == 302
    assert _signed_in(client)


def test_only_a_few_codes_an_hour_are_sent_to_one_member(
    client: Any, cast: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from family_portal.services.sign_in import CODES_PER_HOUR

    invited(cast)
    for _ in range(CODES_PER_HOUR + 2):
        assert ask_for_code(client, django_capture_on_commit_callbacks).status_code == 302
    assert len(mail.outbox) == CODES_PER_HOUR


def test_the_codes_are_kept_only_as_a_keyed_hash(
    client: Any, cast: Any, django_capture_on_commit_callbacks: Any
) -> None:
    invited(cast)
    ask_for_code(client, django_capture_on_commit_callbacks)
    stored = SignInCode.objects.get()
    assert code_from_outbox() not in stored.code_hash and len(stored.code_hash) == 64


def test_a_member_invited_by_text_gets_the_code_by_text(
    client: Any, cast: Any, capsys: Any, django_capture_on_commit_callbacks: Any
) -> None:
    invited(cast, email="", phone="07700 900123")
    capsys.readouterr()
    ask_for_code(client, django_capture_on_commit_callbacks, address="+44 7700 900123")
    out = capsys.readouterr().out
    assert "Text message to: 07700900123" in out
    import re

    code = re.search(r"code is (\d{6})", out).group(1)  # type: ignore[union-attr]
    assert enter_code(client, code).status_code == 302 and _signed_in(client)


def test_sign_out_ends_the_session(client: Any, cast: Any, django_capture_on_commit_callbacks: Any) -> None:
    invited(cast)
    ask_for_code(client, django_capture_on_commit_callbacks)
    enter_code(client, code_from_outbox())
    assert client.get(reverse("family_portal:sign_out")).status_code == 405  # POST only
    response = client.post(reverse("family_portal:sign_out"))
    assert response["Location"] == reverse("family_portal:signed_out")
    assert "You have signed out" in client.get(response["Location"]).content.decode()
    assert client.get(reverse("family_portal:home"))["Location"].startswith(reverse("family_portal:sign_in"))


def test_a_quiet_family_session_ends_after_the_family_idle_time(
    client: Any, cast: Any, settings: Any
) -> None:
    import time

    from staff.sessions import SEEN_KEY

    access = invited(cast)
    client.force_login(access.user)
    assert client.get(reverse("family_portal:home")).status_code == 200
    session = client.session
    session[SEEN_KEY] = time.time() - settings.FAMILY_SESSION_IDLE_MINUTES * 60 - 5
    session.save()
    response = client.get(reverse("family_portal:home"))
    assert response["Location"] == reverse("family_portal:signed_out") + "?reason=idle"
    assert "had not done anything for 15 minutes" in client.get(response["Location"]).content.decode()
    assert not _signed_in(client)


def test_staff_two_step_verification_does_not_trap_a_family_member(
    client: Any, cast: Any, settings: Any
) -> None:
    settings.STAFF_REQUIRE_TWO_FACTOR = True
    access = invited(cast)
    client.force_login(access.user)
    assert client.get(reverse("family_portal:home")).status_code == 200


def test_welsh_chosen_on_the_sign_in_page_stays_once_signed_in(
    client, cast, django_capture_on_commit_callbacks
):
    access = invited(cast)
    client.post(reverse("family_portal:language"), {"language": "cy", "next": "/my/sign-in/"})
    ask_for_code(client, django_capture_on_commit_callbacks)
    enter_code(client, code_from_outbox())
    access.refresh_from_db()
    assert access.language == "cy"
    assert client.get(reverse("family_portal:home")).content.decode().startswith("<!DOCTYPE html>")
    assert '<html lang="cy"' in client.get(reverse("family_portal:home")).content.decode()
    assert access.history.first().history_user == access.user
