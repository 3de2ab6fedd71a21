"""The referrals' invariants for `manage.py check_consistency` (core/consistency.py)."""

from collections.abc import Iterator

from django.db.models import Exists, OuterRef

from agencies.models import OutboxMessage, ReferralResponse
from core.consistency import register


@register("referrals: every agency a referral was sent to has its alert in the outbox")
def every_response_has_its_alert() -> Iterator[str]:
    alert = OutboxMessage.objects.filter(response=OuterRef("pk"), kind=OutboxMessage.Kind.ALERT)
    unalerted = list(
        ReferralResponse.objects.exclude(Exists(alert))
        .select_related("referral", "agency")
        .order_by("pk")[:6]
    )
    for response in unalerted[:5]:
        yield f"referral {response.referral_id} to {response.agency}: no alert was ever written to the outbox"
    if len(unalerted) > 5:
        yield "and more referrals without their alert"
