"""`Authorization: Bearer <key>`: the request acts as the key's agency (request.auth is the ApiKey)."""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions
from rest_framework.request import Request

from partner_api import selectors, services
from partner_api.models import ApiKey


class AgencyKeyAuthentication(authentication.BaseAuthentication):
    keyword = b"bearer"

    def authenticate(self, request: Request) -> tuple[AnonymousUser, ApiKey] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Give the API key after “Bearer ”, with no spaces."))
        try:
            key = selectors.key_from_secret(header[1].decode("ascii"))
        except UnicodeDecodeError:
            key = None
        if key is None:
            raise exceptions.AuthenticationFailed(_("The API key is not valid, or has been revoked."))
        services.apikey_touch(key=key)
        # No user: the agency acts, through this key (the read log names the key, history no one).
        return AnonymousUser(), key

    def authenticate_header(self, request: Request) -> str:
        # Makes DRF answer 401 (with WWW-Authenticate), not 403, when no key is given.
        return 'Bearer realm="partner-api"'


class HasAgencyKey(permissions.BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return isinstance(request.auth, ApiKey)


def request_key(request: Request) -> ApiKey:
    assert isinstance(request.auth, ApiKey)  # HasAgencyKey let the request through
    return request.auth


class AgencyKeyScheme(OpenApiAuthenticationExtension):
    target_class = "partner_api.authentication.AgencyKeyAuthentication"
    name = "agencyKey"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer", "description": "An API key made by the agency's manager."}
