from django.conf import settings
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

from partner_api.models import ApiKey


class PerKeyThrottle(SimpleRateThrottle):
    """PARTNER_API_RATE requests per key (each key its own budget; requests without a key by address)."""

    scope = "partner_api"

    def get_rate(self) -> str | None:
        return str(settings.PARTNER_API_RATE) or None

    def get_cache_key(self, request: Request, view: object) -> str | None:
        ident = f"key-{request.auth.pk}" if isinstance(request.auth, ApiKey) else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}
