"""The partner API's Django REST framework and drf-spectacular settings (imported by base.py): which
authentication, permission, throttle and error handler every API view has, and how the schema is served."""

import environ

_env = environ.Env()

# Agency API keys only, errors as RFC 9457 problem details, and PARTNER_API_RATE requests per key (DRF's
# rate syntax: "120/min", "5000/day").
PARTNER_API_RATE = _env.str("PARTNER_API_RATE", default="120/min")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["partner_api.authentication.AgencyKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["partner_api.authentication.HasAgencyKey"],
    "DEFAULT_THROTTLE_CLASSES": ["partner_api.throttling.PerKeyThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "partner_api.problems.problem_exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Power of One partner API",
    "DESCRIPTION": "For partner agencies' own systems: the agency's referrals, answers and plan actions.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and its reference page describe the API and hold no data: open to everyone.
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    # The reference page's script and styles are served from here (drf-spectacular-sidecar), not a CDN.
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ResponseStatusEnum": "agencies.models.ReferralResponse.Status",
        "ActionStatusEnum": "plans.models.Action.Status",
        "CategoryEnum": "agencies.models.Category",
        "AnswerEnum": "agencies.services.answer.ANSWERS",
    },
}
