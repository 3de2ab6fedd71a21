from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.calendar import today
from staff import sign_in
from tests.access import AccessRow, everyone_but
from tests.timesheets.time_fixtures import category
from timesheets import services as time_services

CASEWORK_STAFF = everyone_but({"lead": 200, "colleague": 200, "manager": 200, "other_manager": 200})
CASEWORK_STAFF_REDIRECTED = everyone_but(
    {"lead": 302, "colleague": 302, "manager": 302, "other_manager": 302}
)
ONLY_THE_WORKER = everyone_but({"lead": 200})
EVERYONE_SIGNED_IN = everyone_but({}, default=200)
EVERYONE_SIGNED_IN_REDIRECTED = everyone_but({}, default=302)
THE_WORKER_AND_THEIR_MANAGER = everyone_but({"lead": 200, "manager": 200})
EVERYONE = everyone_but({}, default=200, anonymous=200)
EVERYONE_404 = everyone_but({}, default=404, anonymous=404)


def _leads_record(name: str):
    def url(cast):
        record = time_services.time_record_add(actor=cast.lead, date=today(), minutes=30, category=category())
        return reverse(name, args=[record.pk])

    return url


def _with_authenticator_apps(name: str):
    """Everyone in the cast has set up two-step verification (what the page needs to show its form)."""

    def url(cast):
        for person in (
            cast.lead,
            cast.colleague,
            cast.manager,
            cast.other_manager,
            cast.agency_worker,
            cast.admin,
            cast.complaints_manager,
        ):
            TOTPDevice.objects.create(user=person, name="Authenticator app", confirmed=True)
        return reverse(name)

    return url


ROWS = [
    AccessRow("time:week", lambda cast: reverse("time:week"), CASEWORK_STAFF),
    AccessRow("time:add", lambda cast: reverse("time:add"), CASEWORK_STAFF),
    AccessRow("time:change", _leads_record("time:change"), ONLY_THE_WORKER),
    AccessRow("time:delete", _leads_record("time:delete"), ONLY_THE_WORKER),
    # A stranger's POST to someone else's record is refused like a GET, and changes nothing.
    AccessRow(
        "time:delete",
        _leads_record("time:delete"),
        everyone_but({"lead": 302}),
        method="POST",
        data=lambda cast: {"reason": ""},
    ),
    AccessRow(
        "time:timer_start",
        lambda cast: reverse("time:timer_start"),
        CASEWORK_STAFF_REDIRECTED,
        method="POST",
        data=lambda cast: {"category": category().pk},
    ),
    AccessRow(
        "time:timer_stop", lambda cast: reverse("time:timer_stop"), CASEWORK_STAFF_REDIRECTED, method="POST"
    ),
    AccessRow(
        "time:timer_discard",
        lambda cast: reverse("time:timer_discard"),
        CASEWORK_STAFF_REDIRECTED,
        method="POST",
    ),
    # The family page's quick note with time: only those who may change the family (404 for the rest).
    AccessRow(
        "time:note_add",
        lambda cast: reverse("time:note_add", args=[cast.family.reference]),
        everyone_but({"lead": 200, "manager": 200}),
    ),
    AccessRow(
        "time:note_add",
        lambda cast: reverse("time:note_add", args=[cast.family.reference]),
        everyone_but({"lead": 302, "manager": 302}),
        method="POST",
        data=lambda cast: {
            "kind": "visit",
            "occurred_on_day": "1",
            "occurred_on_month": "2",
            "occurred_on_year": "2024",
            "text": "x",
            "minutes": "5",
        },
        note="a stranger's POST writes neither a note nor time",
    ),
    AccessRow(
        "time:worker_week",
        lambda cast: reverse("time:worker_week", args=[cast.lead.pk]),
        THE_WORKER_AND_THEIR_MANAGER,
        note="a colleague or another team's manager cannot see a worker's time",
    ),
    # Two-step verification: every account holder manages their own; nothing of anyone else's is reachable.
    AccessRow(
        "login_code",
        lambda cast: reverse("login_code"),
        EVERYONE_SIGNED_IN_REDIRECTED,
        note="without a password step first, anonymous people go back to sign in; signed-in users onwards",
    ),
    AccessRow("two_factor:overview", lambda cast: reverse("two_factor:overview"), EVERYONE_SIGNED_IN),
    AccessRow("two_factor:setup", lambda cast: reverse("two_factor:setup"), EVERYONE_SIGNED_IN),
    AccessRow(
        "two_factor:backup_codes",
        lambda cast: reverse("two_factor:backup_codes"),
        EVERYONE_SIGNED_IN_REDIRECTED,
        note="codes are shown once, straight after they are made; otherwise back to the overview",
    ),
    AccessRow(
        "two_factor:backup_codes_new",
        _with_authenticator_apps("two_factor:backup_codes_new"),
        EVERYONE_SIGNED_IN,
    ),
    AccessRow("two_factor:turn_off", _with_authenticator_apps("two_factor:turn_off"), EVERYONE_SIGNED_IN),
    AccessRow(
        "two_factor:turn_off",
        _with_authenticator_apps("two_factor:turn_off"),
        everyone_but({}, default=200),
        method="POST",
        data=lambda cast: {"code": "not-a-code"},
        note="a wrong code turns nothing off",
    ),
    # Getting back in: public pages that say the same to everyone and sign nobody in.
    AccessRow("signed_out", lambda cast: reverse("signed_out") + "?reason=idle", EVERYONE),
    AccessRow("unlock", lambda cast: reverse("unlock"), EVERYONE),
    AccessRow(
        "unlock_confirm",
        lambda cast: reverse("unlock_confirm", args=[sign_in.unlock_token(cast.lead)]),
        EVERYONE,
        note="the emailed link is the credential: it shows a button that only clears failed attempts",
    ),
    AccessRow("unlock_confirm", lambda cast: reverse("unlock_confirm", args=["forged"]), EVERYONE_404),
    AccessRow("password_reset", lambda cast: reverse("password_reset"), EVERYONE),
    AccessRow("password_reset_done", lambda cast: reverse("password_reset_done"), EVERYONE),
    AccessRow(
        "password_reset_confirm",
        lambda cast: reverse("password_reset_confirm", args=["MQ", "forged-token"]),
        EVERYONE,
        note="a forged link shows 'This link has expired'",
    ),
    AccessRow("password_reset_complete", lambda cast: reverse("password_reset_complete"), EVERYONE),
]
