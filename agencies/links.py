"""The signed, expiring links in referral emails.

A link carries the response id and the response's current nonce, signed with the site's secret and a
salt of its own (so no other signed value of the site can stand in for it), and timestamped so it
expires. Replacing the nonce (consent withdrawn, referral closed) revokes every link already sent.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.crypto import constant_time_compare

from agencies.models import ReferralResponse

SALT = "agencies.referral-response-link"


def response_token(response: ReferralResponse) -> str:
    return signing.dumps({"r": response.pk, "n": response.link_nonce}, salt=SALT)


def response_url(response: ReferralResponse) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("agencies:answer", args=[response_token(response)])


def link_max_age() -> datetime.timedelta:
    return datetime.timedelta(days=settings.AGENCIES_LINK_MAX_AGE_DAYS)


@dataclass(frozen=True)
class LinkCheck:
    response: ReferralResponse | None
    problem: str = ""  # "invalid", "expired" or "revoked"


def response_from_token(token: str) -> LinkCheck:
    try:
        data = signing.loads(token, salt=SALT, max_age=link_max_age())
    except signing.SignatureExpired:
        return LinkCheck(None, "expired")
    except signing.BadSignature:
        return LinkCheck(None, "invalid")
    if not isinstance(data, dict) or not isinstance(data.get("r"), int) or not isinstance(data.get("n"), str):
        return LinkCheck(None, "invalid")
    response = (
        ReferralResponse.objects.select_related("referral__family", "referral__sent_by", "agency")
        .filter(pk=data["r"])
        .first()
    )
    if response is None:
        return LinkCheck(None, "invalid")
    if not constant_time_compare(response.link_nonce, data["n"]):
        return LinkCheck(None, "revoked")
    return LinkCheck(response)
