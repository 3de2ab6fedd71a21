"""The official Open Referral UK 3.0 schemas for the tests: the app's own offline validator
(directory/oruk_validation.py, over the schemas copied into directory/standards/oruk-3.0/)."""

from directory.oruk_validation import (
    FORMATS,
    OFFICIAL,
    OPENAPI_URI,
    PAGE,
    SCHEMA_BASE,
    errors,
    openapi,
    registry,
    response_schema,
    schema,
)

__all__ = [
    "FORMATS",
    "OFFICIAL",
    "OPENAPI_URI",
    "PAGE",
    "SCHEMA_BASE",
    "errors",
    "openapi",
    "registry",
    "response_schema",
    "schema",
]
