"""A kept public page past its time is rendered again by one request, while the others are
served the kept copy; a kept copy is never served twice its time."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from zhijiang.common import page_cache as page_cache_module

pytestmark = pytest.mark.django_db


def _cards(response: Any) -> int:
    return response.content.decode().count('data-testid="position-card"')


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Any:
    """``clock(seconds)`` moves the page cache's and the cache backend's clock on."""
    moved = [0.0]
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + moved[0])

    def move(seconds: float) -> None:
        moved[0] += seconds

    return move


@pytest.fixture
def render_elsewhere(monkeypatch: pytest.MonkeyPatch) -> Any:
    """``render_elsewhere()``: from now on every page's render lock is held, as if another
    thread were rendering the page."""
    held = threading.Lock()

    def hold() -> None:
        held.acquire()
        monkeypatch.setattr(page_cache_module, "_render_lock", lambda key: held)

    yield hold
    if held.locked():
        held.release()


def test_the_first_visitor_after_the_pages_time_gets_a_new_page(web, post, page_cache, clock):
    post(1)
    assert _cards(web().get("/jobs/")) == 1
    post(1)
    clock(29)
    assert _cards(web().get("/jobs/")) == 1
    clock(2)
    assert _cards(web().get("/jobs/")) == 2


def test_while_the_page_is_rendered_elsewhere_visitors_get_the_kept_copy_without_a_query(
    web, post, page_cache, clock, render_elsewhere, django_assert_num_queries
):
    post(1)
    assert _cards(web().get("/jobs/")) == 1
    post(1)
    clock(31)
    render_elsewhere()
    with django_assert_num_queries(0):
        assert _cards(web().get("/jobs/")) == 1


def test_a_copy_twice_its_time_old_is_not_served_even_while_the_page_is_rendered_elsewhere(
    web, post, page_cache, clock, render_elsewhere, monkeypatch
):
    monkeypatch.setattr(page_cache_module, "_WAIT_SECONDS", 0.05)
    post(1)
    assert _cards(web().get("/jobs/")) == 1
    post(1)
    clock(61)
    render_elsewhere()
    assert _cards(web().get("/jobs/")) == 2
