"""The client's address, as every throttle counts it: X-Forwarded-For is believed only as far
as it was written by proxies named in TRUSTED_PROXIES."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from zhijiang.common.requests import client_address

PROXIES = ["127.0.0.1/32", "10.0.0.0/8", "::1/128"]


def address_of(remote: str, forwarded: str | None = None) -> str:
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **extra))


@pytest.mark.parametrize(
    ("remote", "forwarded", "client"),
    [
        ("127.0.0.1", "203.0.113.9", "203.0.113.9"),
        ("127.0.0.1", "198.51.100.1, 203.0.113.9", "203.0.113.9"),
        ("127.0.0.1", "198.51.100.1, 203.0.113.9, 10.1.2.3", "203.0.113.9"),
        ("127.0.0.1", "10.9.9.9, 10.1.2.3", "10.9.9.9"),
        ("127.0.0.1", None, "127.0.0.1"),
        ("127.0.0.1", "", "127.0.0.1"),
        ("127.0.0.1", "198.51.100.1, not-an-address, 10.1.2.3", "10.1.2.3"),
        ("127.0.0.1", "203.0.113.9:5678", "203.0.113.9"),
        ("::1", "[2001:db8::7]:443", "2001:db8::7"),
        ("127.0.0.1", "::ffff:203.0.113.9", "203.0.113.9"),
        ("198.51.100.50", "203.0.113.9", "198.51.100.50"),
    ],
)
def test_the_client_is_the_right_most_address_no_trusted_proxy_wrote(
    settings, remote, forwarded, client
):
    settings.TRUSTED_PROXIES = PROXIES
    assert address_of(remote, forwarded) == client


def test_without_trusted_proxies_forwarded_for_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert address_of("127.0.0.1", "203.0.113.9") == "127.0.0.1"
