"""A service's refusal (``ApplicationError``) shown to a person: on a form or as a message.

The JSON API turns the same errors into its error format in ``zhijiang.api``."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest

from zhijiang.common.errors import ApplicationError


def add_service_error(form: forms.Form, error: ApplicationError) -> None:
    """Show a service's refusal on the form: on the fields it names, else above the form."""
    placed = False
    for field, message in error.fields.items():
        if field in form.fields:
            form.add_error(field, str(message))
            placed = True
    if not placed:
        form.add_error(None, str(error.message))


def flash_service_error(request: HttpRequest, error: ApplicationError) -> None:
    """Show a service's refusal as an error message on the next page (for form-less actions)."""
    messages.error(request, str(error.message))
