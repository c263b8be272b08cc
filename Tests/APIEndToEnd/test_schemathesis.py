"""Property-based tests: schemathesis generates requests from the OpenAPI document the server
serves at /v1/openapi.json (valid and invalid ones) and checks every answer: no 5xx, and every
status, content type, header and body as the document describes it.

Bounded for CI: SCHEMATHESIS_MAX_EXAMPLES examples per operation and mode (default 50).
"""
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from conftest import KEY_A

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "50"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance]


@pytest.fixture(scope="session")
def served_schema(server):
    config = schemathesis.Config.from_dict({"generation": {"mode": "all"}})
    return schemathesis.openapi.from_url(server.api_url + "/openapi.json", config=config,
                                         headers={"x-api-key": KEY_A}, timeout=120)


schema = schemathesis.pytest.from_fixture("served_schema")


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_every_operation_conforms(case, server):
    case.call_and_validate(base_url=server.base_url, headers={"x-api-key": KEY_A}, checks=CHECKS, timeout=120)
