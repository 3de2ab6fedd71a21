"""Two-step verification in the browser: set up from the header link, then sign in with a backup code."""

import json
from base64 import b32decode

from django_otp.oath import totp

from tests.e2e.test_browser import _axe_violations, _shot, _sign_in


def test_a_worker_sets_up_two_step_verification_and_signs_in_with_a_backup_code(page_factory, cast):
    page = page_factory()
    _sign_in(page, cast.lead)
    page.get_by_role("link", name="Two-step verification").click()
    page.get_by_role("link", name="Set up two-step verification").click()
    assert page.get_by_role("img", name="QR code to scan with your authenticator app").is_visible()
    _shot(page, "two-factor-setup")
    violations = _axe_violations(page)
    assert violations == [], json.dumps(violations, indent=1)

    key = page.get_by_label("Key", exact=True).input_value()

    code = f"{totp(b32decode(key.replace(' ', ''))):06d}"
    page.get_by_label("Code from your authenticator app").fill(code)
    page.get_by_role("button", name="Turn on two-step verification").click()
    assert page.get_by_role("heading", name="Two-step verification is on").is_visible()
    codes = page.locator("#backup-codes li").all_inner_texts()
    assert len(codes) == 10
    _shot(page, "two-factor-backup-codes")
    violations = _axe_violations(page)
    assert violations == [], json.dumps(violations, indent=1)

    page.get_by_role("button", name="Sign out").click()
    _sign_in(page, cast.lead)
    assert page.get_by_role("heading", name="Enter your security code").is_visible()
    _shot(page, "two-factor-sign-in-code")
    violations = _axe_violations(page)
    assert violations == [], json.dumps(violations, indent=1)
    page.get_by_label("Security code").fill(codes[0])
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_role("heading", name="My families").is_visible()
    assert page.get_by_text("You used a backup code. You have 9 left.").is_visible()
