"""Schemathesis against the served schema (/api/v1/schema/): every operation, with generated valid and
invalid inputs, answers without a server error and as its schema says, problem details included."""

from typing import Any

import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import response_schema_conformance

from config.wsgi import application
from tests.partner_api.conftest import bearer


def test_it_answers_every_operation_as_its_schema_says(api: Any, settings: Any) -> None:
    settings.PARTNER_API_RATE = "100000/min"  # the rate limit has its own test
    # Called through WSGI, each request would close the test's database connection at its end (Django's
    # test client keeps it open the same way).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        _check_every_operation(api)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _check_every_operation(api: Any) -> None:
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
