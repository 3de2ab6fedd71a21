"""Schemathesis against the served schema (/api/v1/schema/): every operation, with generated valid and
invalid inputs, answers without a server error and as its schema says, problem details included."""

from typing import Any

import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance

from config.wsgi import application
from tests.partner_api.conftest import bearer


def test_it_answers_every_operation_as_its_schema_says(api: Any, settings: Any) -> None:
    settings.PARTNER_API_RATE = "100000/min"  # the rate limit has its own test
    headers = {"Authorization": bearer(api.key_a)["HTTP_AUTHORIZATION"]}
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 7
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @hypothesis_settings(
                max_examples=6, deadline=None, database=None, suppress_health_check=list(HealthCheck)
            )
            def check(case: Any) -> None:
                case.call_and_validate(
                    headers=headers, checks=[not_a_server_error, response_schema_conformance]
                )

            check()
