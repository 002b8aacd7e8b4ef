"""Public pages kept for a few seconds for visitors who are not signed in.

Django's ``cache_page`` does not fit these pages: every page carries a CSRF token (the language
switch, htmx's header), so the response varies on Cookie and each visitor would get an entry
of their own, or, without that, one visitor's token would be handed to everyone. Here a page is
kept with its tokens replaced by a placeholder, and each visitor's own token goes back in when
it is served. A request with a session or pending messages (a signed-in user, a notice after
signing out) is never served from, nor stored in, the cache.

When a page's time is up, one request in the process renders it again while the others are
still served the kept copy, instead of each rendering it at once (a burst of renders holding
every thread of the process is what made the slowest responses under load). A kept copy is
served at most ``PAGE_CACHE_SECONDS`` past its time, and only while that render runs.
"""

from __future__ import annotations

import functools
import hashlib
import re
import threading
import time
from collections.abc import Callable
from typing import Any, overload

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

# A request finding nothing kept waits this long for another thread's render of the page.
_WAIT_SECONDS = 5.0
_RENDER_LOCKS_KEPT = 4096

View = Callable[..., HttpResponse]
Version = Callable[..., str | None]


@overload
def public_page(view: View, *, version: None = None) -> View: ...


@overload
def public_page(view: None = None, *, version: Version) -> Callable[[View], View]: ...


def public_page(view: View | None = None, *, version: Version | None = None) -> Any:
    """Serve ``view`` from the page cache to visitors without a session, for
    ``PAGE_CACHE_SECONDS`` (0: off), keyed by address, language and htmx. ``version(request,
    *args, **kwargs)``, where given, names the state the page shows (a new one is a new page
    at once) or is None when the page is not to be kept."""
    if view is None:
        return functools.partial(public_page, version=version)

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not _is_anonymous_read(request):
            return view(request, *args, **kwargs)
        state = version(request, *args, **kwargs) if version is not None else ""
        if state is None:
            return view(request, *args, **kwargs)
        key = _key(request, state)
        kept = cache.get(key)
        if _is_fresh(kept):
            return _from_kept(request, kept)
        render = _render_lock(key)
        # Past its time: the page is rendered by whoever takes the lock, the kept copy served
        # meanwhile. Nothing kept: wait for that render rather than render it again.
        taken = render.acquire(blocking=False) if kept else render.acquire(timeout=_WAIT_SECONDS)
        if not taken:
            return _from_kept(request, kept) if kept else view(request, *args, **kwargs)
        try:
            kept = cache.get(key)
            if _is_fresh(kept):  # rendered by another thread while this one waited
                return _from_kept(request, kept)
            response = view(request, *args, **kwargs)
            if _may_keep(response):
                cache.set(key, _kept(request, response, seconds=seconds), 2 * seconds)
            return response
        finally:
            render.release()

    return wrapper


_render_locks: dict[str, threading.Lock] = {}
_render_locks_guard = threading.Lock()


def _render_lock(key: str) -> threading.Lock:
    """This process's lock for rendering the page kept under ``key``."""
    with _render_locks_guard:
        if len(_render_locks) >= _RENDER_LOCKS_KEPT:
            _render_locks.clear()  # addresses with query strings come and go
        return _render_locks.setdefault(key, threading.Lock())


def _is_fresh(kept: dict[str, Any] | None) -> bool:
    return kept is not None and kept.get("fresh_until", 0.0) > time.time()


def _is_anonymous_read(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return (
        request.method in {"GET", "HEAD"}
        and settings.SESSION_COOKIE_NAME not in cookies
        and getattr(settings, "MESSAGE_COOKIE_NAME", "messages") not in cookies
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.user.is_authenticated
    )


def _key(request: HttpRequest, state: str) -> str:
    parts = [
        state,
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


def _kept(request: HttpRequest, response: HttpResponse, *, seconds: int) -> dict[str, Any]:
    """The page with this visitor's CSRF tokens (those of their secret) taken out, and the
    moment until which it is served as it is."""
    secret = request.META.get("CSRF_COOKIE", "")

    def placeholder(match: re.Match[bytes]) -> bytes:
        token = match.group().decode()
        return _PLACEHOLDER if secret and _unmask_cipher_token(token) == secret else match.group()

    return {
        "content": _TOKEN.sub(placeholder, response.content),
        "headers": {name: response[name] for name in _KEPT_HEADERS if name in response},
        "fresh_until": time.time() + seconds,
    }


def _from_kept(request: HttpRequest, kept: dict[str, Any]) -> HttpResponse:
    content = kept["content"]
    if _PLACEHOLDER in content:
        content = content.replace(_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content)
    for name, value in kept["headers"].items():
        response[name] = value
    return response
