"""Who is asking: the signed-in user of a page or API request, and the client's address, in
one place.

Pages reach these behind ``@login_required`` and API operations behind the API's
authentication, so a missing user is a wiring mistake; it is still refused (401), never
passed on as an anonymous user."""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from typing import TYPE_CHECKING, cast

from django.conf import settings
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


IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def client_address(request: HttpRequest) -> str:
    """The address the request came from, as throttles should count it.

    The connecting address, unless it is one of ``TRUSTED_PROXIES``: then X-Forwarded-For is
    read from the right, past the trusted proxies, to the first address that is not one (what
    the client wrote to the left of it is not believed). Without ``TRUSTED_PROXIES`` the header
    is ignored, since anyone can send it."""
    remote_raw = str(request.META.get("REMOTE_ADDR", ""))
    remote = _address(remote_raw)
    trusted = _networks(tuple(settings.TRUSTED_PROXIES))
    if remote is None or not _is_trusted(remote, trusted):
        return str(remote) if remote is not None else remote_raw
    nearest = remote
    for hop in reversed(str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")):
        address = _address(hop)
        if address is None:  # unreadable: the last hop we could read and trust answers for it
            break
        if not _is_trusted(address, trusted):
            return str(address)
        nearest = address
    return str(nearest)


@lru_cache(maxsize=8)
def _networks(items: tuple[str, ...]) -> tuple[IPNetwork, ...]:
    return tuple(ipaddress.ip_network(item) for item in items)


def _is_trusted(address: IPAddress, networks: tuple[IPNetwork, ...]) -> bool:
    return any(address in network for network in networks)


def _address(raw: str) -> IPAddress | None:
    """An address as proxies write it: ``1.2.3.4``, ``2001:db8::1``, ``[2001:db8::1]:443`` or
    ``1.2.3.4:5678``; None when it is none of these."""
    text = raw.strip()
    if text.startswith("[") and "]" in text:
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped if mapped is not None else address
