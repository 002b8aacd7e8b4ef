"""The OpenAPI document tells the truth about errors: every operation lists the error statuses
it can answer, each in the one error shape; and a method an address does not take is answered
405 in that shape too."""

from __future__ import annotations

from typing import Any

import pytest

from zhijiang.api import api as ninja_api
from zhijiang.common.errors import ErrorOut

ERROR_SHAPE = {"$ref": "#/components/schemas/ErrorOut"}


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    paths = ninja_api.get_openapi_schema()["paths"]
    return [(method, path, op) for path, ops in paths.items() for method, op in ops.items()]


def _error_schema(document: dict[str, Any], response: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in response:
        response = document["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
    return response["content"]["application/json"]["schema"]


def test_every_operation_documents_the_errors_its_inputs_and_auth_can_cause():
    missing = []
    for method, path, operation in _operations():
        places = {parameter["in"] for parameter in operation.get("parameters", [])}
        expected = set()
        if operation.get("security"):
            expected |= {"401", "403"}
        if places or "requestBody" in operation:
            expected |= {"404", "422"}
        if "requestBody" in operation:
            expected |= {"400", "413"}
        documented = {str(status) for status in operation["responses"]}
        missing += [f"{method.upper()} {path} {status}" for status in expected - documented]
    assert missing == []


def test_every_documented_error_has_the_json_error_shape():
    document = ninja_api.get_openapi_schema()
    other_shapes = []
    for method, path, operation in _operations():
        for status, response in operation["responses"].items():
            if int(status) >= 400 and _error_schema(document, response) != ERROR_SHAPE:
                other_shapes.append(f"{method.upper()} {path} {status}")
    # An item-bank import answers its row errors beside the usual error.
    assert other_shapes == ["POST /api/v1/assessment/banks/{bank_id}/import 400"]
    assert document["components"]["schemas"]["ErrorOut"]["required"] == ["error"]


def test_an_operation_without_inputs_or_auth_documents_no_error():
    operation = ninja_api.get_openapi_schema()["paths"]["/api/v1/districts"]["get"]
    assert list(operation["responses"]) == ["200"]


def test_sign_in_and_password_change_document_throttling_and_busy():
    paths = ninja_api.get_openapi_schema()["paths"]
    for operation in (paths["/api/v1/auth/tokens"]["post"], paths["/api/v1/me/password"]["post"]):
        assert operation["responses"]["429"] == {"$ref": "#/components/responses/Throttled"}
        assert operation["responses"]["503"] == {"$ref": "#/components/responses/Busy"}


@pytest.mark.django_db
def test_a_refusal_matches_the_documented_error_schema(api, learner):
    response = api(learner).call("get", "/people")
    assert response.status_code == 403
    assert ErrorOut.model_validate(response.json()).error.code == "forbidden"


@pytest.mark.django_db
def test_a_method_an_address_does_not_take_is_answered_405_in_the_json_error_shape(api, learner):
    response = api(learner).call("put", "/me")
    assert response.status_code == 405
    assert response["Content-Type"].startswith("application/json")
    assert sorted(response["Allow"].split(", ")) == ["GET", "PATCH"]
    assert response.json() == {
        "error": {
            "code": "method_not_allowed",
            "message": "This address does not take PUT requests.",
            "fields": {},
        }
    }


@pytest.mark.django_db
def test_a_405_message_follows_the_language_asked_for(api, learner):
    response = api(learner, language="zh-hans").call("delete", "/districts")
    assert response.status_code == 405
    assert response.json()["error"]["message"] == "此地址不接受 DELETE 请求。"


NUL_MESSAGE = "Text may not contain the NUL character (U+0000)."


@pytest.mark.django_db
def test_a_json_body_with_a_nul_character_is_refused_with_422_naming_the_field(api, bureau_officer):
    # PostgreSQL cannot store U+0000 in text: this gave a 500 there (found by schemathesis).
    person = {"username": "nul_user", "name": "王\u0000伟", "district": "500103"}
    response = api(bureau_officer).call("post", "/people", person)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid"
    assert response.json()["error"]["fields"] == {"name": NUL_MESSAGE}


@pytest.mark.django_db
def test_a_nul_character_deep_in_a_json_body_is_named_by_its_dotted_path(api, learner):
    payload = {"text": "ok", "nested": [{"a": "x"}, {"b": "y\u0000"}]}
    response = api(learner).call("post", "/skills/extract", payload)
    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == ["nested.1.b"]


@pytest.mark.django_db
def test_a_query_parameter_with_a_nul_character_is_refused_with_422(api):
    response = api().get("/api/v1/occupations?q=%00")
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {"q": NUL_MESSAGE}


@pytest.mark.django_db
def test_a_path_with_a_nul_character_is_refused_with_422(api):
    response = api().get("/api/v1/occupations/2-02%00")
    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == ["path"]


@pytest.mark.django_db
def test_text_without_a_nul_character_still_reaches_the_operation(api, bureau_officer):
    response = api(bureau_officer).call("post", "/people", {"name": "a\\u0000b"})
    assert response.status_code == 422
    assert "name" not in response.json()["error"]["fields"]  # a backslash and "u0000" is text
