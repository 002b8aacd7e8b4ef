"""Public pages come from the page cache for visitors without a session, never for signed-in
users, each visitor with their own CSRF token; and those pages' queries do not grow with data."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.cache import cache
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client

from zhijiang.common.testing import assert_queries_constant

pytestmark = pytest.mark.django_db

_FORM_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]{64})"')
_HTMX_TOKEN = re.compile(r'"X-CSRFToken": "([A-Za-z0-9]{64})"')


def _cards(response: Any) -> int:
    return response.content.decode().count('data-testid="position-card"')


def test_an_anonymous_visitor_gets_the_job_board_from_the_cache(web, post, page_cache):
    post(1)
    assert _cards(web().get("/jobs/")) == 1
    post(1)
    assert _cards(web().get("/jobs/")) == 1  # kept: the new position waits for the TTL
    cache.clear()
    assert _cards(web().get("/jobs/")) == 2


def test_a_signed_in_user_never_gets_a_cached_page(web, post, learner, page_cache):
    post(1)
    assert _cards(web().get("/jobs/")) == 1
    post(1)
    assert _cards(web(learner).get("/jobs/")) == 2
    front = web(learner).get("/")
    assert 'data-testid="sign-in-link"' not in front.content.decode()


def test_nothing_is_cached_when_the_setting_is_zero(web, post, settings):
    settings.PAGE_CACHE_SECONDS = 0
    post(1)
    assert _cards(web().get("/jobs/")) == 1
    post(1)
    assert _cards(web().get("/jobs/")) == 2


def test_a_cached_page_carries_each_visitors_own_csrf_token(web, post, page_cache):
    post(1)
    first = Client(enforce_csrf_checks=True)
    first.get("/jobs/")
    second = Client(enforce_csrf_checks=True)
    page = second.get("/jobs/").content.decode()
    secret = second.cookies["csrftoken"].value
    tokens = _FORM_TOKEN.findall(page) + _HTMX_TOKEN.findall(page)
    assert len(tokens) == 2
    assert {_unmask_cipher_token(token) for token in tokens} == {secret}
    assert secret != first.cookies["csrftoken"].value
    switched = second.post(
        "/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": tokens[0]}
    )
    assert switched.status_code == 302


def test_the_cache_keeps_each_language_and_htmx_apart(web, post, page_cache):
    post(1)
    assert '<html lang="en">' in web(language="en").get("/jobs/").content.decode()
    chinese = web(language="zh-hans").get("/jobs/").content.decode()
    assert '<html lang="zh-Hans">' in chinese
    results = web().get("/jobs/", headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in results
    assert _cards(web().get("/jobs/", headers={"HX-Request": "true"})) == 1


def test_a_cached_page_runs_no_query(web, post, page_cache, django_assert_num_queries):
    post(2)
    web().get("/")
    with django_assert_num_queries(0):
        assert web().get("/").status_code == 200


def test_the_job_board_runs_the_same_queries_for_two_or_twenty_positions(web, post):
    client = web()
    _two, twenty = assert_queries_constant(post, lambda: client.get("/jobs/"), sizes=(2, 20))
    assert _cards(twenty) == 20


def test_the_front_page_runs_the_same_queries_for_two_or_twenty_positions(web, post):
    client = web()
    _two, twenty = assert_queries_constant(post, lambda: client.get("/"), sizes=(2, 20))
    assert 'data-testid="sign-in-link"' in twenty.content.decode()
