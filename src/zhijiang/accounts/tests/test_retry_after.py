"""Refusals for throttling (429) and for a full password-hashing queue (503) say when to try
again in ``Retry-After``: the seconds until the refusing bucket's window lets the next try, on
the API and on the sign-in, sign-up and password pages alike."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from zhijiang.accounts import throttle
from zhijiang.accounts.models import ThrottleBucket
from zhijiang.accounts.tests.factories import district
from zhijiang.accounts.throttle import SIGN_UP_CODES_PER_PHONE

pytestmark = pytest.mark.django_db

WRONG = "wrong-guess-1"
ELAPSED = timedelta(minutes=10)


def sign_in(api, password):
    return api().call("post", "/auth/tokens", {"username": "alice", "password": password})


def backdate_buckets(by: timedelta) -> None:
    ThrottleBucket.objects.update(window_start=timezone.now() - by)


def seconds_left(settings, window_seconds: int | None = None) -> float:
    window = window_seconds or settings.LOGIN_FAILURE_WINDOW_SECONDS
    return window - ELAPSED.total_seconds()


def assert_retry_after_near(response, expected: float) -> None:
    # Rounded up to a whole second, and read a moment after the buckets were backdated.
    assert expected - 5 <= int(response["Retry-After"]) <= expected + 1


def test_a_paused_sign_in_tells_the_seconds_left_in_the_window(api, learner, password, settings):
    for _ in range(5):
        assert "Retry-After" not in sign_in(api, WRONG)
    backdate_buckets(ELAPSED)
    response = sign_in(api, password)
    assert response.status_code == 429
    assert_retry_after_near(response, seconds_left(settings))
    assert response.json()["error"]["message"] == (
        "Too many failed sign-ins. Wait 5 minutes and try again."
    )


def test_a_busy_sign_in_asks_to_retry_in_a_second(api, learner, password, settings):
    settings.PASSWORD_HASH_CONCURRENCY = 1
    settings.PASSWORD_HASH_WAIT_MS = 0
    with throttle.password_hashing_turn():
        response = sign_in(api, password)
    assert response.status_code == 503
    assert response["Retry-After"] == "1"


def test_a_paused_password_change_tells_the_seconds_left(api, learner, password, settings):
    client = api(learner)
    body = {"old_password": WRONG, "new_password": "a-brand-new-passphrase"}
    for _ in range(5):
        client.call("post", "/me/password", body)
    backdate_buckets(ELAPSED)
    response = client.call("post", "/me/password", {**body, "old_password": password})
    assert response.status_code == 429
    assert_retry_after_near(response, seconds_left(settings))


def test_too_many_sign_up_codes_tell_the_seconds_left_in_the_hour(api, settings):
    body = {
        "username": "dana",
        "password": "dana-long-password",
        "name": "丹娜",
        "phone": "13700002222",
        "district": "500112",
        "accept_privacy": True,
    }
    for n in range(SIGN_UP_CODES_PER_PHONE):
        answer = api().call("post", "/auth/sign-up", {**body, "username": f"dana{n}"})
        assert answer.status_code == 202
    backdate_buckets(ELAPSED)
    response = api().call("post", "/auth/sign-up", body)
    assert response.status_code == 429
    assert_retry_after_near(response, seconds_left(settings, throttle.HOUR))


def test_an_answer_that_is_not_throttled_has_no_retry_after(api, learner):
    response = sign_in(api, WRONG)
    assert response.status_code == 400
    assert "Retry-After" not in response


# --- pages ---------------------------------------------------------------------------------


def page_client() -> Client:
    return Client(headers={"Accept-Language": "en"})


def test_the_sign_in_page_tells_when_a_pause_ends(learner, password, settings):
    client = page_client()
    for _ in range(5):
        client.post("/accounts/login/", {"identifier": "alice", "password": WRONG})
    backdate_buckets(ELAPSED)
    response = client.post("/accounts/login/", {"identifier": "alice", "password": password})
    assert response.status_code == 429
    assert_retry_after_near(response, seconds_left(settings))


def test_the_busy_sign_in_page_asks_to_retry_in_a_second(learner, password, settings):
    settings.PASSWORD_HASH_CONCURRENCY = 1
    settings.PASSWORD_HASH_WAIT_MS = 0
    with throttle.password_hashing_turn():
        response = page_client().post(
            "/accounts/login/", {"identifier": "alice", "password": password}
        )
    assert response.status_code == 503
    assert response["Retry-After"] == "1"


def test_the_sign_up_page_answers_429_with_retry_after_when_codes_run_out(settings):
    form = {
        "full_name": "丹娜",
        "phone": "137 0000 2222",
        "district": district("500112").pk,
        "password": "dana-long-password",
        "accept_privacy": "on",
    }
    for n in range(SIGN_UP_CODES_PER_PHONE):
        page_client().post("/accounts/sign-up/", {**form, "username": f"dana{n}"})
    backdate_buckets(ELAPSED)
    response = page_client().post("/accounts/sign-up/", {**form, "username": "dana"})
    assert response.status_code == 429
    assert_retry_after_near(response, seconds_left(settings, throttle.HOUR))


def test_the_password_page_tells_when_a_pause_ends(learner, password, settings):
    client = page_client()
    client.force_login(learner)
    new = "a-brand-new-passphrase"
    body = {"old_password": WRONG, "new_password": new, "new_password_again": new}
    for _ in range(5):
        client.post("/accounts/me/password/", body)
    backdate_buckets(ELAPSED)
    response = client.post("/accounts/me/password/", {**body, "old_password": password})
    assert response.status_code == 429
    assert_retry_after_near(response, seconds_left(settings))


def test_the_api_document_shows_retry_after_on_throttled_and_busy_answers():
    from zhijiang.api import api as ninja_api

    responses = ninja_api.get_openapi_schema()["components"]["responses"]
    for name in ("Throttled", "Busy"):
        assert responses[name]["headers"]["Retry-After"]["schema"]["type"] == "integer"
    assert "headers" not in responses["BadRequest"]
