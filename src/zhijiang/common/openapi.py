"""The error responses of the OpenAPI document: every operation lists the errors it can answer,
each in the one error shape (``ErrorOut``), derived from what the operation takes.

An operation that declares an error status itself (``response={201: X, 429: ErrorOut}``, or its
own body such as an import's row errors) keeps its declaration.
"""

from __future__ import annotations

from typing import Any

from zhijiang.common.errors import ErrorOut

SCHEMA_REF = "#/components/schemas/ErrorOut"
UNSAFE_METHODS = frozenset({"post", "put", "patch", "delete"})

# status: (name in components/responses, description)
ERROR_RESPONSES: dict[str, tuple[str, str]] = {
    "400": (
        "BadRequest",
        "A domain rule refused the request and nothing was changed (`invalid`, `taken`, "
        "`duplicate`, `wrong_status`, …), or the body is not JSON (`malformed`).",
    ),
    "401": ("NotAuthenticated", "No session and no valid API token (`not_authenticated`)."),
    "403": (
        "Forbidden",
        "The caller's role or organisation may not do this (`forbidden`), or a session "
        "request lacks its CSRF token (`csrf`).",
    ),
    "404": (
        "NotFound",
        "An object the path, query or body names does not exist, or is outside what the "
        "caller may see (`not_found`).",
    ),
    "413": ("TooLarge", "The body is above `MAX_REQUEST_BYTES` (`too_large`)."),
    "422": (
        "Unprocessable",
        "The body, a query or a path parameter does not match the schema (`invalid`; "
        "`fields` names each one).",
    ),
    "429": (
        "Throttled",
        "Too many attempts from here; retry after the seconds in `Retry-After`, when the "
        "window that refused this one lets the next try (`throttled`).",
    ),
    "503": (
        "Busy",
        "No free turn to check a password now (`busy`, `Retry-After` 1 second), or the "
        "database cannot be reached (`database_unavailable`, `Retry-After` 10 seconds).",
    ),
}
# Statuses whose answers say in ``Retry-After`` when the same request may succeed.
RETRY_AFTER_HEADER = {
    "Retry-After": {
        "description": "Seconds to wait before trying again.",
        "schema": {"type": "integer", "minimum": 1},
    }
}
RETRY_AFTER_STATUSES = frozenset({"429", "503"})


def error_statuses(method: str, operation: dict[str, Any]) -> list[str]:
    """The error statuses an operation can answer, from its method, parameters, body and auth."""
    places = {parameter.get("in") for parameter in operation.get("parameters", [])}
    has_body = "requestBody" in operation
    statuses = []
    if has_body or method in UNSAFE_METHODS or "query" in places:
        statuses.append("400")
    if operation.get("security"):
        statuses += ["401", "403"]
    if places or has_body:
        statuses.append("404")  # an object the path, query or body names is not there
    if has_body:
        statuses.append("413")
    if places or has_body:
        statuses.append("422")
    return statuses


def add_error_responses(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with the error shape in its components and the error responses of every
    operation (declared ones are kept)."""
    components = schema.setdefault("components", {})
    _add_error_schema(components.setdefault("schemas", {}))
    shared = components.setdefault("responses", {})
    for status, (name, description) in ERROR_RESPONSES.items():
        shared[name] = {
            "description": description,
            "content": {"application/json": {"schema": {"$ref": SCHEMA_REF}}},
        }
        if status in RETRY_AFTER_STATUSES:
            shared[name]["headers"] = RETRY_AFTER_HEADER
    for path_item in schema.get("paths", {}).values():
        for method, operation in path_item.items():
            responses = {
                str(status): _shared(str(status), item)
                for status, item in operation["responses"].items()
            }
            for status in error_statuses(method, operation):
                name = ERROR_RESPONSES[status][0]
                responses.setdefault(status, {"$ref": f"#/components/responses/{name}"})
            operation["responses"] = dict(sorted(responses.items()))
    return schema


def _shared(status: str, response: dict[str, Any]) -> dict[str, Any]:
    """A declared error response in the error shape becomes the shared one, with its wording."""
    content = response.get("content", {}).get("application/json", {})
    if status in ERROR_RESPONSES and content.get("schema") == {"$ref": SCHEMA_REF}:
        return {"$ref": f"#/components/responses/{ERROR_RESPONSES[status][0]}"}
    return response


def _add_error_schema(schemas: dict[str, Any]) -> None:
    definition = ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, nested in definition.pop("$defs", {}).items():
        schemas.setdefault(name, nested)
    schemas.setdefault("ErrorOut", definition)
