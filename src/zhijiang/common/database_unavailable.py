"""While the database cannot be reached (PostgreSQL restarting, the network to it down), answer
503 with Retry-After at once, JSON for the API and a plain page for the site, instead of 500s;
the broken connection is closed, so the first request after the database is back succeeds."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 10
# PostgreSQL SQLSTATEs of a lost or refused connection: class 08 (connection exception),
# 57P01-57P03 (server shut down by its administrator or a crash, or still starting up).
_POSTGRES_CONNECTION_STATES = ("08", "57P01", "57P02", "57P03")
# SQLite: the database file cannot be opened (its folder gone, its disk unmounted).
_SQLITE_CONNECTION_ERRORS = {"SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_NOTADB"}
_FLAG = "_zhijiang_database_unavailable"


def is_connection_failure(error: BaseException) -> bool:
    """True for errors of the connection itself, not of one statement: a deadlock, a lock
    timeout or a bad query stays an ordinary error."""
    if isinstance(error, InterfaceError):
        return True
    if not isinstance(error, OperationalError):
        return False
    driver_error = error.__cause__
    if hasattr(driver_error, "sqlstate"):  # psycopg: None when no server answered at all
        state: str | None = getattr(driver_error, "sqlstate")  # noqa: B009 (untyped driver)
        return state is None or state.startswith(_POSTGRES_CONNECTION_STATES)
    return getattr(driver_error, "sqlite_errorname", None) in _SQLITE_CONNECTION_ERRORS


def _close_connections() -> None:
    for connection in connections.all(initialized_only=True):
        connection.close()


def database_unavailable_response(request: HttpRequest) -> HttpResponse:
    """503 with Retry-After: the API's error shape, or a page that needs no database."""
    logger.warning("Database unavailable: %s %s", request.method, request.path)
    _close_connections()
    message = _("The database cannot be reached just now. Please try again in a minute.")
    response: HttpResponse
    if request.path_info.startswith("/api/"):
        body = {"error": {"code": "database_unavailable", "message": message, "fields": {}}}
        response = JsonResponse(body, status=503)
    else:
        title = _("The service is briefly unavailable")
        page = format_html(
            '<!doctype html><html lang="{}"><meta charset="utf-8"><title>{}</title>'
            "<h1>{}</h1><p>{}</p></html>",
            get_language() or "zh-hans",
            title,
            title,
            message,
        )
        response = HttpResponse(page, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Place it near the top of MIDDLEWARE. Views' errors arrive in ``process_exception``; an
    error in another middleware (a session saved after the view) has already become a 500 by
    the time it gets here, so ``_note_failure`` marks the request and the 500 is replaced."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        got_request_exception.connect(_note_failure, dispatch_uid=__name__)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, _FLAG, False):
            return database_unavailable_response(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_connection_failure(exception):
            return None
        return database_unavailable_response(request)


def _note_failure(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    """Sent while Django handles an uncaught exception, which is then the current one."""
    error = sys.exc_info()[1]
    if request is not None and error is not None and is_connection_failure(error):
        setattr(request, _FLAG, True)
