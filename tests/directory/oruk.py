"""Validate JSON against the Open Referral UK 3.0 schemas in ../shared/standards/oruk-3.0/, offline.

The schemas' absolute `$ref`s (raw.githubusercontent.com/...) are mapped to the local files, so no
request leaves the machine.
"""

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

STANDARDS = Path(__file__).resolve().parents[3] / "shared" / "standards" / "oruk-3.0"
if not STANDARDS.exists():  # the tree may sit elsewhere; the standards live beside it in /work/shared
    STANDARDS = Path("/work/shared/standards/oruk-3.0")

REMOTE = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/compiled/"
OPENAPI_URI = "urn:oruk:openapi.json"


def _load(name: str) -> Any:
    return json.loads((STANDARDS / name).read_text())


@cache
def registry() -> Registry:
    resources = [
        (REMOTE + "service.json", _load("service.json")),
        (REMOTE + "service_list.json", _load("service_list.json")),
        (OPENAPI_URI, _load("openapi.json")),
    ]
    return Registry().with_resources(
        (uri, Resource.from_contents(contents, default_specification=DRAFT202012))
        for uri, contents in resources
    )


def _validator(ref: str) -> Draft202012Validator:
    return Draft202012Validator(
        {"$ref": ref}, registry=registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def errors(instance: Any, ref: str) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in _validator(ref).iter_errors(instance)
    ]


SERVICE = REMOTE + "service.json"
SERVICE_LIST_ITEM = REMOTE + "service_list.json"
PAGE = OPENAPI_URI + "#/components/schemas/Page"
SERVICES_RESPONSE = OPENAPI_URI + "#/paths/~1services/get/responses/200/content/application~1json/schema"
API_INFO = OPENAPI_URI + "#/paths/~1/get/responses/200/content/application~1json/schema"
