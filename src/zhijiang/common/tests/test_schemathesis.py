"""A bounded schemathesis run against a live server holding the demo: no request, valid or not,
gets a 5xx, and every answer (status, content type, body) is one the OpenAPI document allows.

Every operation is tried with a few derandomized examples of valid and of invalid input, as
the demo's bureau officer with an API token, so that the officer-only operations are reached
past their role checks.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
import schemathesis
from django.core.management import call_command
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from zhijiang.accounts.auth import api_token_create
from zhijiang.accounts.models import User

# The demo is loaded outside a test transaction (the live server reads it from another thread);
# serialized rollback puts the database back as the migrations left it (districts, content
# types) for the transactional tests that follow.
pytestmark = [
    pytest.mark.schemathesis,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

EXAMPLES = 5  # per operation and mode (valid, invalid)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Left out, with the reason: revoking tokens at random would revoke the run's own token, and
# every later operation would then only test the 401.
EXCLUDED_PATHS = ["/api/v1/auth/tokens/{token_id}"]


@pytest.fixture
def demo_api(live_server: Any) -> tuple[Any, str]:
    """The live server's OpenAPI document and a token of the demo's bureau officer."""
    call_command("demo", stdout=io.StringIO())
    officer = User.objects.get(username="bureau")
    _, token = api_token_create(user=officer, name="schemathesis")
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    return schema.exclude(path=EXCLUDED_PATHS), token


def test_no_request_gets_a_server_error_or_an_answer_the_document_does_not_allow(
    demo_api, live_server
):
    schema, token = demo_api
    headers = {"Authorization": f"Bearer {token}"}
    failures = []
    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                _fuzz(operation.as_strategy(generation_mode=mode), live_server.url, headers)
            except Unsatisfiable:
                continue  # nothing it takes can be invalid (no input, or any text will do)
            except (Exception, BaseExceptionGroup) as failure:  # checks fail as a group
                failures.append(f"{operation.label} ({mode.value}): {failure}")
    assert len(operations) > 100
    assert failures == [], "\n\n".join(failures)


def _fuzz(cases: Any, base_url: str, headers: dict[str, str]) -> None:
    """Hypothesis over one operation's cases. (schemathesis' own ``pytest.from_fixture``, which
    would load the demo once for all operations, fails on pytest 9.2: it sets ``Node._nodeid``.)"""

    @given(case=cases)
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.generate],  # no shrinking: the first failure is reported as it came
        suppress_health_check=list(HealthCheck),
    )
    def call(case: Any) -> None:
        case.call_and_validate(base_url=base_url, headers=headers, checks=CHECKS)

    call()
