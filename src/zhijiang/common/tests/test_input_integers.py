"""Integers in request bodies are bounded like those in paths and query strings: a value past
64 bits is refused with the usual 422, never passed to the database driver (a 500), and the
OpenAPI document shows the bounds of every integer an operation takes, so that a new input
schema cannot forget them."""

from __future__ import annotations

from typing import Any

import pytest

from zhijiang.api import api as ninja_api

TOO_BIG = 2**70


def _unbounded_integers(node: Any, where: str, schemas: dict[str, Any], seen: set[str]) -> list:
    """Where in ``node`` (following references once) an integer lacks a minimum or a maximum."""
    if isinstance(node, list):
        return [
            found
            for index, item in enumerate(node)
            for found in _unbounded_integers(item, f"{where}[{index}]", schemas, seen)
        ]
    if not isinstance(node, dict):
        return []
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[1]
        if name in seen:
            return []
        seen.add(name)
        return _unbounded_integers(schemas[name], name, schemas, seen)
    found = []
    if node.get("type") == "integer" and not {"minimum", "maximum"} <= node.keys():
        found.append(where)
    for key, value in node.items():
        found += _unbounded_integers(value, f"{where}.{key}", schemas, seen)
    return found


def test_every_integer_an_operation_takes_has_bounds_in_the_api_document():
    document = ninja_api.get_openapi_schema()
    schemas = document["components"]["schemas"]
    unbounded = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            where = f"{method.upper()} {path}"
            inputs = [parameter["schema"] for parameter in operation.get("parameters", [])]
            inputs.append(operation.get("requestBody", {}))
            unbounded += _unbounded_integers(inputs, where, schemas, set())
    assert sorted(set(unbounded)) == []


def test_the_walk_finds_an_unbounded_integer_in_a_referenced_schema():
    schemas = {"ThingIn": {"properties": {"ids": {"type": "array", "items": {"type": "integer"}}}}}
    body = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ThingIn"}}}}
    assert _unbounded_integers(body, "POST /things", schemas, set()) == [
        "ThingIn.properties.ids.items"
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/assessment/banks", {"owner": TOO_BIG, "standard": 1}, "owner"),
        ("/assessment/banks", {"owner": 1, "standard": -TOO_BIG}, "standard"),
        ("/assessment/banks", {"owner": 1, "standard": float(TOO_BIG)}, "standard"),
    ],
)
def test_an_integer_past_64_bits_in_a_body_is_refused_with_422(api, assessor, path, body, field):
    response = api(assessor).call("post", path, body)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"
    assert field in response.json()["error"]["fields"]


@pytest.mark.django_db
def test_an_integer_past_64_bits_in_a_list_is_refused_with_422(api, provider_staff):
    response = api(provider_staff).call(
        "post", "/training/runs/1/attendance", {"lesson_key": "M1.L1", "present": [1, TOO_BIG]}
    )
    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == ["present.1"]


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["pay_min", "pay_max", "headcount"])
def test_an_amount_past_64_bits_in_a_new_position_is_refused_with_422(
    api, employer, employer_hr, field
):
    body = {
        "title": "数据分析师",
        "description": "负责业务数据分析。",
        "pay_min": 8000,
        "pay_max": 12000,
        "district": "500103",
        field: TOO_BIG,
    }
    response = api(employer_hr).call("post", f"/jobs/employers/{employer.pk}/positions", body)
    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == [field]
