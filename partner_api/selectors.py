"""Read queries for the partner API."""

import hmac

from partner_api.models import ApiKey
from partner_api.services import hash_key, split_key


def key_from_secret(key: str) -> ApiKey | None:
    """The live (unrevoked) key this is, if any; compared in constant time."""
    parts = split_key(key)
    if parts is None:
        return None
    row = ApiKey.objects.filter(prefix=parts[0], revoked_at__isnull=True).select_related("agency").first()
    if row is None or not hmac.compare_digest(row.hashed_secret, hash_key(key)):
        return None
    return row
