"""Access rows for the partner API and the agency manager's API keys pages.

The API takes an agency's API key only: a signed-in session is no key, so every role gets 401 (a problem
document), and a family member the fence's 404. Its schema and reference page hold no data: open to all
(but the fence). The keys pages are the agency manager's (the worker whose email is the agency's
manager's email); the agency's other staff and everyone else get 404."""

from django.urls import reverse

from agencies.services.agency import agency_create
from partner_api.services import apikey_create
from tests.access import STAFF_SIDE_ROLES, AccessRow, everyone_but
from tests.agencies.access_rows import referred_to_worker

NO_KEY = {**dict.fromkeys(STAFF_SIDE_ROLES, 401)}
OPEN = {**dict.fromkeys(STAFF_SIDE_ROLES, 200)}
MANAGER_ONLY = everyone_but({"agency_worker": 200})


def _as_manager(cast, url_name, *args):
    agency = cast.agency_worker.agency
    agency.manager_email = cast.agency_worker.email
    agency.save()
    return reverse(url_name, args=args)


def _own_key_revoke(cast):
    row, _key = apikey_create(actor=None, agency=cast.agency_worker.agency, name="School MIS")
    return _as_manager(cast, "partner_api_keys:revoke", row.pk)


def _other_agency_key_revoke(cast):
    other = agency_create(actor=None, name="Other Agency", inboxes=["referrals@other.example.org"])
    row, _key = apikey_create(actor=None, agency=other, name="Their CRM")
    return _as_manager(cast, "partner_api_keys:revoke", row.pk)


def _own_key_made(cast):
    row, _key = apikey_create(actor=None, agency=cast.agency_worker.agency, name="School MIS")
    return _as_manager(cast, "partner_api_keys:made", row.pk)


def _other_agency_key_made(cast):
    other = agency_create(actor=None, name="Other Agency", inboxes=["referrals@other.example.org"])
    row, _key = apikey_create(actor=None, agency=other, name="Their CRM")
    return _as_manager(cast, "partner_api_keys:made", row.pk)


def _api(name, with_pk=False):
    return lambda cast: reverse(f"partner_api:{name}", args=[referred_to_worker(cast).pk] if with_pk else [])


ROWS = [
    AccessRow("partner_api:referrals", _api("referrals"), NO_KEY),
    AccessRow("partner_api:referral", _api("referral", with_pk=True), NO_KEY),
    AccessRow("partner_api:referral_answer", _api("referral_answer", with_pk=True), NO_KEY, method="POST"),
    AccessRow("partner_api:actions", _api("actions"), NO_KEY),
    AccessRow("partner_api:action", lambda cast: reverse("partner_api:action", args=[1]), NO_KEY),
    AccessRow("partner_api:pots", _api("pots"), NO_KEY),
    AccessRow(
        "partner_api:pot_statement", lambda cast: reverse("partner_api:pot_statement", args=[1]), NO_KEY
    ),
    AccessRow("partner_api:schema", lambda cast: reverse("partner_api:schema"), OPEN),
    AccessRow("partner_api:docs", lambda cast: reverse("partner_api:docs"), OPEN),
    AccessRow("partner_api_keys:list", lambda cast: _as_manager(cast, "partner_api_keys:list"), MANAGER_ONLY),
    AccessRow(
        "partner_api_keys:list",
        lambda cast: reverse("partner_api_keys:list"),
        everyone_but({}),
        note="the agency's staff who are not its manager",
    ),
    AccessRow("partner_api_keys:new", lambda cast: _as_manager(cast, "partner_api_keys:new"), MANAGER_ONLY),
    AccessRow(
        "partner_api_keys:new", lambda cast: reverse("partner_api_keys:new"), everyone_but({}), method="POST"
    ),
    AccessRow("partner_api_keys:revoke", _own_key_revoke, MANAGER_ONLY),
    AccessRow(
        "partner_api_keys:made",
        _own_key_made,
        everyone_but({"agency_worker": 302}),
        note="the key is shown once, after it is made: later, its manager goes to the list",
    ),
    AccessRow("partner_api_keys:made", _other_agency_key_made, everyone_but({}), note="another agency's key"),
    AccessRow(
        "partner_api_keys:revoke", _other_agency_key_revoke, everyone_but({}), note="another agency's key"
    ),
]
