"""NUL characters (U+0000) in API input: PostgreSQL cannot store them in text and refuses a query
that holds one, so the API refuses such input up front, on every database, instead of failing
with a 500 deep inside a service."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest

NUL = "\x00"


def field_with_nul(request: HttpRequest) -> str | None:
    """The name of the first input holding a NUL: ``path``, a query parameter, or a field of a
    JSON body (dotted); ``None`` when there is none. Form and file uploads are left to their
    parsers (a file may hold any bytes)."""
    if NUL in request.path:
        return "path"
    for name, values in request.GET.lists():
        if NUL in name or any(NUL in value for value in values):
            return name.replace(NUL, "") or "query"
    content_type = request.content_type or ""
    if not content_type.endswith("json"):
        return None
    try:
        if b"\\u0000" not in request.body:
            return None
        body = json.loads(request.body)
    except (RequestDataTooBig, ValueError, RecursionError):
        return None  # the API answers these itself: too large, malformed
    return _json_field_with_nul(body)


def _json_field_with_nul(body: Any) -> str | None:
    """The dotted name of the first string, or key, in ``body`` that holds a NUL (walked without
    recursion, so that deep nesting costs no stack)."""
    pending: list[tuple[str, Any]] = [("", body)]
    while pending:
        where, value = pending.pop()
        if isinstance(value, str) and NUL in value:
            return where or "body"
        children = (
            value.items()
            if isinstance(value, dict)
            else enumerate(value)
            if isinstance(value, list)
            else ()
        )
        for key, item in children:
            if isinstance(key, str) and NUL in key:
                return where or "body"
            pending.append((f"{where}.{key}" if where else str(key), item))
    return None
