"""Who is asking: the signed-in user of a page or API request, in one place.

Pages reach these behind ``@login_required`` and API operations behind the API's
authentication, so a missing user is a wiring mistake; it is still refused (401), never
passed on as an anonymous user."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.http import HttpRequest

from zhijiang.common.errors import NotSignedInError

if TYPE_CHECKING:  # accounts sits above common; only the type is needed here
    from zhijiang.accounts.models import User


def signed_in_user(request: HttpRequest) -> User:
    """The signed-in user of the request; ``NotSignedInError`` (401) when there is none."""
    user = request.user
    if not getattr(user, "is_authenticated", False):
        raise NotSignedInError()
    return cast("User", user)


def user_or_none(request: HttpRequest) -> User | None:
    """The signed-in user, or None for a visitor (public pages that show more to members)."""
    user = request.user
    return cast("User", user) if getattr(user, "is_authenticated", False) else None
