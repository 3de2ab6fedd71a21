"""Validate JSON against the official Open Referral UK 3.0 schemas, as the ORUK validator does, offline.

The files are in directory/standards/oruk-3.0/ (openapi.json and schema/*.json, served at
openreferraluk.org/specifications/3.0/; SOURCE.md there says where they come from). Each schema is
registered under the address its `$ref`s use, so references resolve locally and no request leaves the
machine. Formats (uuid, date-time, email, uri) are checked: jsonschema's FormatChecker, with the optional
checkers jsonschema knows installed or not, and strict uuid and uri checks of our own where they are
missing. The feed importer (directory/feed_import.py) reports another directory's feed with it, and the
API's tests hold our own answers to it.
"""

import json
import re
import uuid
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

OFFICIAL = Path(__file__).resolve().parent / "standards" / "oruk-3.0"

SCHEMA_BASE = "https://openreferraluk.org/specifications/3.0/schema/"
OPENAPI_URI = "https://openreferraluk.org/specifications/3.0/openapi.json"


@cache
def openapi() -> Any:
    return json.loads((OFFICIAL / "openapi.json").read_text(encoding="utf-8"))


@cache
def registry() -> Registry:
    resources = [(OPENAPI_URI, openapi())]
    for path in sorted((OFFICIAL / "schema").glob("*.json")):
        resources.append((SCHEMA_BASE + path.name, json.loads(path.read_text(encoding="utf-8"))))
    return Registry().with_resources(
        (uri, Resource.from_contents(contents, default_specification=DRAFT202012))
        for uri, contents in resources
    )


def _format_checker() -> FormatChecker:
    checker = Draft202012Validator.FORMAT_CHECKER
    strict = FormatChecker(formats=list(checker.checkers))
    for name, (func, raises) in checker.checkers.items():
        strict.checkers[name] = (func, raises)

    @strict.checks("uuid", raises=ValueError)
    def _uuid(value: object) -> bool:
        return not isinstance(value, str) or str(uuid.UUID(value)) == value.lower()

    @strict.checks("uri", raises=ValueError)
    def _uri(value: object) -> bool:
        if not isinstance(value, str):
            return True
        parts = urlsplit(value)
        return bool(parts.scheme and re.fullmatch(r"[a-z][a-z0-9+.-]*", parts.scheme) and parts.netloc)

    @strict.checks("date-time", raises=ValueError)
    def _date_time(value: object) -> bool:
        pattern = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)"
        return not isinstance(value, str) or re.fullmatch(pattern, value) is not None

    @strict.checks("email", raises=ValueError)
    def _email(value: object) -> bool:
        return not isinstance(value, str) or re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value) is not None

    return strict


FORMATS = _format_checker()


@cache
def _validator(ref: str) -> Draft202012Validator:
    return Draft202012Validator({"$ref": ref}, registry=registry(), format_checker=FORMATS)


def errors(instance: Any, ref: str) -> list[str]:
    """Every way `instance` breaks the schema at `ref`, each as "where: what" (empty: it is valid)."""
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in _validator(ref).iter_errors(instance)
    ]


def schema(name: str) -> str:
    return SCHEMA_BASE + name


def response_schema(path: str) -> str:
    """The official openapi.json's schema of a path's 200 answer (as the validator reads it)."""
    pointer = path.replace("~", "~0").replace("/", "~1")
    return f"{OPENAPI_URI}#/paths/{pointer}/get/responses/200/content/application~1json/schema"


PAGE = OPENAPI_URI + "#/components/schemas/Page"
