"""Public pages kept for a few seconds for visitors who are not signed in.

Django's ``cache_page`` does not fit these pages: every page carries a CSRF token (the language
switch, htmx's header), so the response varies on Cookie and each visitor would get an entry
of their own, or, without that, one visitor's token would be handed to everyone. Here a page is
kept with its tokens replaced by a placeholder, and each visitor's own token goes back in when
it is served. A request with a session or pending messages (a signed-in user, a notice after
signing out) is never served from, nor stored in, the cache.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import (  # type: ignore[attr-defined]  # private, stable since 4.1
    _unmask_cipher_token,
    get_token,
)
from django.utils import translation

_PLACEHOLDER = b"\x00csrf-token\x00"
# A masked CSRF token: 64 characters of letters and digits.
_TOKEN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
_KEPT_HEADERS = ("Content-Type", "Content-Language")

View = Callable[..., HttpResponse]


def public_page(view: View) -> View:
    """Serve ``view`` from the page cache to visitors without a session, for
    ``PAGE_CACHE_SECONDS`` (0: off), keyed by address, language and htmx."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not _is_anonymous_read(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        kept = cache.get(key)
        if kept is not None:
            return _from_kept(request, kept)
        response = view(request, *args, **kwargs)
        if _may_keep(response):
            cache.set(key, _kept(request, response), seconds)
        return response

    return wrapper


def _is_anonymous_read(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return (
        request.method in {"GET", "HEAD"}
        and settings.SESSION_COOKIE_NAME not in cookies
        and getattr(settings, "MESSAGE_COOKIE_NAME", "messages") not in cookies
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.user.is_authenticated
    )


def _key(request: HttpRequest) -> str:
    parts = [
        request.scheme or "",
        request.get_host(),
        request.get_full_path(),
        translation.get_language() or "",
        "htmx" if request.headers.get("HX-Request") else "page",
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"zhijiang.page.{digest}"


def _may_keep(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "no-store" not in response.get("Cache-Control", "")
        and "private" not in response.get("Cache-Control", "")
    )


def _kept(request: HttpRequest, response: HttpResponse) -> dict[str, Any]:
    """The page with this visitor's CSRF tokens (those of their secret) taken out."""
    secret = request.META.get("CSRF_COOKIE", "")

    def placeholder(match: re.Match[bytes]) -> bytes:
        token = match.group().decode()
        return _PLACEHOLDER if secret and _unmask_cipher_token(token) == secret else match.group()

    return {
        "content": _TOKEN.sub(placeholder, response.content),
        "headers": {name: response[name] for name in _KEPT_HEADERS if name in response},
    }


def _from_kept(request: HttpRequest, kept: dict[str, Any]) -> HttpResponse:
    content = kept["content"]
    if _PLACEHOLDER in content:
        content = content.replace(_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content)
    for name, value in kept["headers"].items():
        response[name] = value
    return response
