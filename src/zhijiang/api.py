"""The JSON API at /api/v1/: authentication, one error format, and the routers of each app."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import (
    BadRequest,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
)
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.urls import URLPattern, URLResolver
from django.utils.log import log_response
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.security import APIKeyCookie, HttpBearer

from zhijiang.accounts.api import router as accounts_router
from zhijiang.accounts.auth import user_for_token
from zhijiang.analytics.api import router as analytics_router
from zhijiang.assessment.api import router as assessment_router
from zhijiang.careers.api import router as careers_router
from zhijiang.common.database_unavailable import (
    database_unavailable_response,
    is_connection_failure,
)
from zhijiang.common.errors import ApplicationError
from zhijiang.common.nul_characters import field_with_nul
from zhijiang.common.openapi import add_error_responses
from zhijiang.credentials.api import router as credentials_router
from zhijiang.jobs.api import router as jobs_router
from zhijiang.occupations.api import router as occupations_router
from zhijiang.training.api import router as training_router


class TokenAuth(HttpBearer):
    """``Authorization: Bearer zjt_…`` with a token from POST /api/v1/auth/tokens."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The signed-in browser session; unsafe methods also need the CSRF token."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        if getattr(request.user, "is_authenticated", False):
            return request.user
        return None


class ZhijiangAPI(NinjaAPI):
    """django-ninja's API with every error in the one shape: the OpenAPI document lists each
    operation's error responses, and a method an address does not take is answered 405 in JSON."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        add_error_responses(schema)
        return schema

    def _get_urls(self) -> list[URLResolver | URLPattern]:
        patterns = super()._get_urls()
        for pattern in patterns:
            if isinstance(pattern, URLPattern):
                pattern.callback = _refusals_as_json(pattern.callback)
        return patterns


def _refusals_as_json(view: Callable[..., Any]) -> Callable[..., Any]:
    """``view`` refusing input with a NUL character (422), and answering a method it does not
    take (405), in the error shape."""

    @functools.wraps(view)  # keeps ninja's csrf_exempt mark
    def answer(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        field = field_with_nul(request)
        if field is not None:
            message = _("Text may not contain the NUL character (U+0000).")
            return error_response(
                request, status=422, code="invalid", message=message, fields={field: message}
            )
        response = view(request, *args, **kwargs)
        if not isinstance(response, HttpResponseNotAllowed):
            return response
        refusal = error_response(
            request,
            status=405,
            code="method_not_allowed",
            message=_("This address does not take %(method)s requests.")
            % {"method": request.method},
        )
        refusal["Allow"] = response["Allow"]
        return refusal

    return answer


api = ZhijiangAPI(
    title="智匠 Zhijiang API",
    version="1",
    description="JSON API of the Zhijiang digital-skills talent platform. "
    'Errors always have the form {"error": {"code", "message", "fields"}}.',
    auth=[TokenAuth(), SessionAuth(csrf=True)],
    urls_namespace="api",
)


def error_response(
    request: HttpRequest,
    *,
    status: int,
    code: str,
    message: Any,
    fields: dict[str, Any] | None = None,
) -> HttpResponse:
    body = {
        "error": {
            "code": code,
            "message": str(message),
            "fields": {key: str(value) for key, value in (fields or {}).items()},
        }
    }
    return api.create_response(request, body, status=status)


@api.exception_handler(ApplicationError)
def _application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    response = error_response(
        request, status=exc.status, code=exc.code, message=exc.message, fields=exc.fields
    )
    if exc.retry_after is not None:
        response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields: dict[str, str] = {}
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("body", "payload")]
        name = ".".join(location[1:] if location[:1] in (["query"], ["path"]) else location)
        name = name or "body"
        fields.setdefault(name, str(error.get("msg", "invalid")))
    return error_response(
        request,
        status=422,
        code="invalid",
        message=_("Some fields are not valid: %(fields)s") % {"fields": ", ".join(fields)},
        fields=fields,
    )


@api.exception_handler(AuthenticationError)
def _authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(
        request,
        status=401,
        code="not_authenticated",
        message=_("Sign in, or send a valid API token (Authorization: Bearer …)."),
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if exc.status_code == 403:
        # django-ninja's CSRF refusal for session-authenticated writes.
        return error_response(
            request, status=403, code="csrf", message=_("The CSRF token is missing or wrong.")
        )
    message = _("The request body is not valid JSON.") if exc.status_code == 400 else str(exc)
    code = "malformed" if exc.status_code == 400 else "http_error"
    return error_response(request, status=exc.status_code, code=code, message=message)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(request, status=404, code="not_found", message=_("Not found."))


@api.exception_handler(RequestDataTooBig)
def _too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return error_response(
        request, status=413, code="too_large", message=_("The request body is too large.")
    )


@api.exception_handler(PermissionDenied)
def _permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return error_response(request, status=403, code="forbidden", message=_("You may not do this."))


@api.exception_handler(BadRequest)
@api.exception_handler(SuspiciousOperation)
def _bad_request(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error_response(
        request, status=400, code="malformed", message=_("The request is not valid.")
    )


@api.exception_handler(InterfaceError)
@api.exception_handler(OperationalError)
def _database_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    """The database cannot be reached: 503 with Retry-After, not a 500."""
    if is_connection_failure(exc):
        return database_unavailable_response(request)
    return _server_error(request, exc)


@api.exception_handler(Exception)
def _server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    """Anything unexpected: logged with its traceback as Django logs it, answered in the
    error shape (in development, Django's debug page instead)."""
    if settings.DEBUG:
        raise exc
    got_request_exception.send(sender=None, request=request)  # test clients re-raise it
    response = error_response(
        request,
        status=500,
        code="server_error",
        message=_(
            "Something went wrong on our side and it has been logged. Please try again later."
        ),
    )
    log_response(
        "Internal Server Error: %s", request.path, response=response, request=request,
        exception=exc,
    )  # fmt: skip
    return response


def unknown_endpoint(request: HttpRequest) -> HttpResponse:
    """Any other address under /api/: 404 in the error shape, not the site's page."""
    return error_response(request, status=404, code="not_found", message=_("Not found."))


api.add_router("/", accounts_router)
api.add_router("/", occupations_router)
api.add_router("/jobs", jobs_router)
api.add_router("/careers", careers_router)
api.add_router("/training", training_router)
api.add_router("/assessment", assessment_router)
api.add_router("/credentials", credentials_router)
api.add_router("/analytics", analytics_router)
