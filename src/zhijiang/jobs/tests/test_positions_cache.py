"""The public positions endpoint is kept for anonymous readers like the job board page: a kept
answer runs no query, each page and language is kept apart, and a signed-in caller or one with
an API token always gets a fresh answer."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from zhijiang.accounts import auth

pytestmark = pytest.mark.django_db


def _count(response: Any) -> int:
    assert response.status_code == 200
    return int(response.json()["count"])


def test_an_anonymous_reader_gets_the_positions_from_the_cache(api, post, page_cache):
    post(1)
    assert _count(api().call("get", "/jobs/positions")) == 1
    post(1)
    assert _count(api().call("get", "/jobs/positions")) == 1  # kept until the TTL
    cache.clear()
    assert _count(api().call("get", "/jobs/positions")) == 2


def test_a_kept_positions_answer_runs_no_query_and_is_the_same_json(
    api, post, page_cache, django_assert_num_queries
):
    post(2)
    first = api().call("get", "/jobs/positions")
    with django_assert_num_queries(0):
        kept = api().call("get", "/jobs/positions")
    assert kept.json() == first.json()
    assert kept["Content-Type"] == first["Content-Type"] == "application/json; charset=utf-8"


def test_each_page_and_language_of_the_positions_is_kept_apart(api, post, page_cache):
    post(3)
    assert len(api().call("get", "/jobs/positions?page_size=2").json()["items"]) == 2
    assert len(api().call("get", "/jobs/positions?page_size=2&page=2").json()["items"]) == 1
    english = api(language="en").call("get", "/jobs/positions").json()["items"][0]
    chinese = api(language="zh-hans").call("get", "/jobs/positions").json()["items"][0]
    assert english["district_name"] != chinese["district_name"]


def test_a_caller_with_a_token_or_a_session_gets_fresh_positions(api, post, learner, page_cache):
    post(1)
    assert _count(api().call("get", "/jobs/positions")) == 1
    post(1)
    _token, raw = auth.api_token_create(user=learner, name="cli")
    bearer = api().call("get", "/jobs/positions", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert _count(bearer) == 2
    assert _count(api(learner).call("get", "/jobs/positions")) == 2
