"""Domain errors raised by services and turned into one error format by the API and the views."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from ninja import Schema


class ApplicationError(Exception):
    """A rule of the domain refused the operation; nothing was changed.

    ``code`` is stable and machine-readable; ``message`` is for people (translatable);
    ``fields`` maps an input field to what is wrong with it; ``retry_after``, when set, the
    seconds after which the same request may succeed (the answer's ``Retry-After``).
    """

    status = 400
    retry_after: int | None = None

    def __init__(
        self,
        message: str | Promise,
        *,
        code: str = "invalid",
        fields: dict[str, str | Promise] | None = None,
    ) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.fields = dict(fields or {})


def field_error(field: str, message: str | Promise, code: str = "invalid") -> ApplicationError:
    """An ApplicationError about one input field, its message also shown at that field."""
    return ApplicationError(message, code=code, fields={field: message})


class PermissionDeniedError(ApplicationError):
    status = 403

    def __init__(self, message: str | Promise, *, code: str = "forbidden") -> None:
        super().__init__(message, code=code)


class NotFoundError(ApplicationError):
    status = 404

    def __init__(self, message: str | Promise, *, code: str = "not_found") -> None:
        super().__init__(message, code=code)


class NotSignedInError(ApplicationError):
    """The operation needs a signed-in user and the request has none."""

    status = 401

    def __init__(
        self, message: str | Promise | None = None, *, code: str = "not_authenticated"
    ) -> None:
        super().__init__(message or _("Sign in first."), code=code)


class ErrorBody(Schema):
    code: str
    message: str
    fields: dict[str, str]


class ErrorOut(Schema):
    """How the API answers every error: ``{"error": {"code", "message", "fields"}}``."""

    error: ErrorBody
