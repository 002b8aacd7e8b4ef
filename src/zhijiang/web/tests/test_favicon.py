"""The site's icon: at /favicon.ico, where browsers look for it, and linked from every page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _body(response: Any) -> bytes:
    """A static file comes back streamed."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_favicon_ico_leads_to_an_icon_file(client: Client) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/zhijiang/favicon.ico"
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    assert icon["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    assert _body(icon)[:4] == b"\x00\x00\x01\x00"  # the ICO header


def test_pages_link_the_icon_and_the_links_answer(client: Client) -> None:
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    links = re.findall(r'<link rel="icon" href="([^"]+)"', page.content.decode())
    assert sorted(links) == ["/static/zhijiang/favicon.ico", "/static/zhijiang/favicon.svg"]
    svg = client.get("/static/zhijiang/favicon.svg")
    assert svg.status_code == 200 and svg["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in _body(svg)
