"""The API answers any input with its JSON error shape, never a 500: integers beyond 64 bits,
and (in production) unexpected failures; and its OpenAPI document names each schema once."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator
from typing import Any, get_args

import pytest
from django.db import OperationalError, connection
from pydantic import BaseModel

from zhijiang.api import api as ninja_api

BEYOND_64_BITS = str(2**63)


def integer_schemas(schema: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for option in [schema, *schema.get("anyOf", [])]:
        if option.get("type") == "integer":
            yield option


def test_every_integer_path_and_query_parameter_is_bounded_to_64_bits():
    unbounded = []
    for path, operations in ninja_api.get_openapi_schema()["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                for integer in integer_schemas(parameter["schema"]):
                    if integer.get("maximum", math.inf) > 2**63 - 1 or integer.get(
                        "minimum", -math.inf
                    ) < -(2**63):
                        unbounded.append(f"{method.upper()} {path} {parameter['name']}")
    assert unbounded == []


@pytest.mark.django_db
@pytest.mark.parametrize("parameter", ["page", "page_size", "employer", "pay_from", "level"])
def test_a_job_board_number_beyond_64_bits_is_refused_with_422(api, parameter):
    response = api().call("get", f"/jobs/positions?{parameter}={BEYOND_64_BITS}")
    assert response.status_code == 422, response.content
    assert response.json()["error"]["code"] == "invalid"
    assert list(response.json()["error"]["fields"]) == [parameter]


@pytest.mark.django_db
def test_a_path_id_beyond_64_bits_is_refused_with_422(api, learner):
    response = api(learner).call("get", f"/assessment/sessions/{BEYOND_64_BITS}/attempt")
    assert response.status_code == 422, response.content
    assert list(response.json()["error"]["fields"]) == ["session_id"]


@pytest.mark.django_db
def test_a_far_page_within_64_bits_is_an_empty_page(api, bureau_officer):
    response = api(bureau_officer).call("get", "/people?page=1000000000")
    assert response.status_code == 200, response.content
    assert response.json()["items"] == []


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for argument in get_args(annotation):
        yield from _models_in(argument)


def api_schema_classes() -> set[type[BaseModel]]:
    """Every pydantic model of ours that the API reads or writes, nested ones included."""
    pending: list[type[BaseModel]] = []
    for _prefix, router in ninja_api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                pending.extend(operation.models)
                for response_model in operation.response_models.values():
                    pending.extend(_models_in(response_model))
    seen: set[type[BaseModel]] = set()
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.add(model)
        for field in model.model_fields.values():
            pending.extend(_models_in(field.annotation))
    return {model for model in seen if model.__module__.startswith("zhijiang.")}


def test_no_two_api_schemas_share_a_name():
    # The OpenAPI document names a component by its class name only: of two classes with
    # one name, one silently documents the other's endpoints.
    by_name: dict[str, set[str]] = defaultdict(set)
    for model in api_schema_classes():
        by_name[model.__name__].add(f"{model.__module__}.{model.__qualname__}")
    shared = {name: sorted(classes) for name, classes in by_name.items() if len(classes) > 1}
    assert shared == {}
    assert {"PositionOut", "PersonOut", "SessionOut"} <= set(by_name)


def _database_down(execute, sql, params, many, context):
    raise OperationalError("server closed the connection unexpectedly")


@pytest.mark.django_db
def test_an_unexpected_failure_answers_the_json_error_shape_and_is_logged(api, learner, caplog):
    client = api(learner)
    client.raise_request_exception = False
    with connection.execute_wrapper(_database_down):
        response = client.call("get", "/me")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {
        "error": {
            "code": "server_error",
            "message": "Something went wrong on our side and it has been logged. "
            "Please try again later.",
            "fields": {},
        }
    }
    logged = [r for r in caplog.records if r.name == "django.request" and r.levelname == "ERROR"]
    assert [r.getMessage() for r in logged] == ["Internal Server Error: /api/v1/me"]
    assert logged[0].exc_info is not None and logged[0].exc_info[0] is OperationalError


@pytest.mark.django_db
def test_an_unknown_api_address_answers_404_in_the_json_error_shape(api, learner):
    response = api(learner).call("get", "/no-such-endpoint")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.django_db
def test_a_form_with_too_many_fields_is_refused_with_400_in_the_json_error_shape(api, learner):
    client = api(learner)
    client.raise_request_exception = False
    fields = {f"field{number}": "x" for number in range(1001)}  # Django's limit is 1,000
    response = client.post("/api/v1/assessment/banks/1/import", data=fields)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed"
