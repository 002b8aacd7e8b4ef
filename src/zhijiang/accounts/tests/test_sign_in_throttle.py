"""Sign-in throttling slows guessing but cannot be turned against the account's owner: it
counts per account and per real client address, covers the admin and password changes, and
bounds the password hashing a flood of sign-ins can ask for."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from zhijiang.accounts import throttle
from zhijiang.accounts.models import ApiToken, ThrottleBucket
from zhijiang.common.tests.test_settings import load_settings, production

pytestmark = pytest.mark.django_db

WRONG = "wrong-guess-1"


class CountingHasher(MD5PasswordHasher):
    """Django's MD5 hasher (fast, for tests) that notes each hash it computes."""

    calls: list[str] = []

    def encode(self, password: str, salt: str) -> str:
        type(self).calls.append("encode")
        return super().encode(password, salt)

    def verify(self, password: str, encoded: str) -> bool:
        type(self).calls.append("verify")
        return super().verify(password, encoded)


@pytest.fixture
def counted_hashes(settings):
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher"]
    CountingHasher.calls.clear()
    return CountingHasher.calls


def sign_in(api, identifier, password, *, address="127.0.0.1", forwarded=None):
    extra = {"REMOTE_ADDR": address}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    body = {"username": identifier, "password": password}
    return api().call("post", "/auth/tokens", body, **extra)


def codes(responses):
    return [response.json()["error"]["code"] for response in responses]


# --- the admin -----------------------------------------------------------------------------


@pytest.fixture
def staff(bureau_officer):
    bureau_officer.is_staff = True
    bureau_officer.save(update_fields=["is_staff"])
    return bureau_officer


def test_admin_sign_in_pauses_after_repeated_failures_like_every_other_sign_in(staff, password):
    client = Client(headers={"Accept-Language": "en"})
    for _ in range(5):
        wrong = client.post("/admin/login/", {"username": "bea", "password": WRONG})
        assert "_auth_user_id" not in client.session
    assert b"Please enter the correct username and password" in wrong.content
    response = client.post("/admin/login/", {"username": "bea", "password": password})
    assert response.status_code == 200
    assert b"Too many failed sign-ins" in response.content
    assert "_auth_user_id" not in client.session


def test_admin_sign_in_with_the_right_password_still_works(staff, password):
    client = Client()
    response = client.post("/admin/login/", {"username": "bea", "password": password})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


# --- who is counted --------------------------------------------------------------------------


def test_guesses_from_one_client_behind_the_proxy_do_not_keep_the_owner_out(
    api, learner, password, settings
):
    settings.TRUSTED_PROXIES = ["127.0.0.1/32"]
    attacker = [sign_in(api, "alice", WRONG, forwarded="203.0.113.9") for _ in range(8)]
    assert codes(attacker) == ["invalid_credentials"] * 5 + ["throttled"] * 3
    assert attacker[-1].status_code == 429
    owner = sign_in(api, "alice", password, forwarded="198.51.100.7")
    assert owner.status_code == 201, owner.content


def test_without_trusted_proxies_a_forged_forwarded_for_does_not_escape_the_pause(
    api, learner, password, settings
):
    settings.TRUSTED_PROXIES = []
    for n in range(5):
        sign_in(api, "alice", WRONG, forwarded=f"198.51.100.{n}")
    response = sign_in(api, "alice", password, forwarded="198.51.100.99")
    assert response.status_code == 429
    assert codes([response]) == ["throttled"]
    assert not ApiToken.objects.exists()


def test_addresses_a_client_writes_left_of_the_proxys_entry_are_not_believed(
    api, learner, password, settings
):
    settings.TRUSTED_PROXIES = ["127.0.0.1/32"]
    for n in range(5):
        sign_in(api, "alice", WRONG, forwarded=f"198.51.100.{n}, 203.0.113.9")
    response = sign_in(api, "alice", password, forwarded="198.51.100.99, 203.0.113.9")
    assert response.status_code == 429


def test_failures_count_per_account_however_it_is_named(api, learner, password):
    for identifier in ["alice", "ALICE", "138 0013 8001", "13800138001", "alice"]:
        assert codes([sign_in(api, identifier, WRONG)]) == ["invalid_credentials"]
    response = sign_in(api, "13800138001", password)
    assert response.status_code == 429


def test_a_name_of_no_account_pauses_exactly_like_an_account(api, learner):
    known = [sign_in(api, "alice", WRONG) for _ in range(6)]
    unknown = [sign_in(api, "nobody", WRONG) for _ in range(6)]
    assert [r.status_code for r in known] == [r.status_code for r in unknown] == [400] * 5 + [429]
    assert [r.json() for r in known] == [r.json() for r in unknown]


def test_guessing_from_many_addresses_leaves_each_address_one_try_but_the_owner_gets_in(
    api, learner, password, settings
):
    settings.LOGIN_FAILURE_LIMIT = 2
    for n in range(4):  # 8 failures: the account is under attack (4 x the limit)
        for _ in range(2):
            assert sign_in(api, "alice", WRONG, address=f"203.0.113.{n}").status_code == 400
    assert sign_in(api, "alice", WRONG, address="203.0.113.50").status_code == 400
    assert sign_in(api, "alice", password, address="203.0.113.50").status_code == 429
    assert sign_in(api, "alice", password, address="198.51.100.7").status_code == 201


def test_one_address_trying_many_accounts_is_paused(api, learner, password, settings):
    settings.LOGIN_FAILURE_LIMIT = 1
    for n in range(10):  # 10 x the limit, each name tried once
        assert sign_in(api, f"someone{n}", WRONG, address="203.0.113.9").status_code == 400
    assert sign_in(api, "alice", password, address="203.0.113.9").status_code == 429
    assert sign_in(api, "alice", password, address="198.51.100.7").status_code == 201


def test_a_success_clears_the_failures_of_that_address(api, learner, password):
    for _ in range(4):
        sign_in(api, "alice", WRONG)
    assert sign_in(api, "alice", password).status_code == 201
    assert codes([sign_in(api, "alice", WRONG) for _ in range(5)]) == ["invalid_credentials"] * 5


def test_the_pause_ends_with_the_window_and_old_counts_are_deleted(
    api, learner, other_learner, password, settings
):
    for _ in range(5):
        sign_in(api, "alice", WRONG)
    assert sign_in(api, "alice", password).status_code == 429
    window = timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    ThrottleBucket.objects.update(window_start=timezone.now() - window - timedelta(seconds=1))
    assert sign_in(api, "alice", password).status_code == 201
    assert sign_in(api, "bob", WRONG, address="198.51.100.7").status_code == 400
    expired = ThrottleBucket.objects.filter(window_start__lt=timezone.now() - window)
    assert not expired.exists()


# --- floods --------------------------------------------------------------------------------


def test_names_of_no_account_beyond_the_site_limit_cost_no_password_hash(
    api, counted_hashes, settings
):
    settings.LOGIN_UNKNOWN_NAME_LIMIT = 3
    responses = [sign_in(api, f"nobody{n}", WRONG, address=f"203.0.113.{n}") for n in range(6)]
    assert codes(responses) == ["invalid_credentials"] * 6
    assert counted_hashes == ["encode"] * 3


def test_sign_in_answers_busy_at_once_when_every_hashing_turn_is_taken(
    api, learner, password, settings
):
    settings.PASSWORD_HASH_CONCURRENCY = 1
    settings.PASSWORD_HASH_WAIT_MS = 50
    settings.LOGIN_FAILURE_LIMIT = 1
    with throttle.password_hashing_turn():
        busy = sign_in(api, "alice", WRONG)
    assert busy.status_code == 503
    assert busy.json()["error"] == {
        "code": "busy",
        "message": "The server is busy checking other passwords. Try again in a few seconds.",
        "fields": {},
    }
    # The busy attempt was never checked, so it does not count towards the pause.
    assert sign_in(api, "alice", password).status_code == 201


def test_sign_in_page_says_busy_and_answers_503(learner, password, settings):
    settings.PASSWORD_HASH_CONCURRENCY = 1
    settings.PASSWORD_HASH_WAIT_MS = 0
    client = Client(headers={"Accept-Language": "en"})
    with throttle.password_hashing_turn():
        response = client.post("/accounts/login/", {"identifier": "alice", "password": password})
    assert response.status_code == 503
    assert b"The server is busy checking other passwords" in response.content
    assert "_auth_user_id" not in client.session


def test_sign_in_page_answers_429_while_paused(learner, password):
    client = Client(headers={"Accept-Language": "en"})
    for _ in range(5):
        client.post("/accounts/login/", {"identifier": "alice", "password": WRONG})
    response = client.post("/accounts/login/", {"identifier": "alice", "password": password})
    assert response.status_code == 429
    assert b"Too many failed sign-ins. Wait 15 minutes and try again." in response.content


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent sign-ins run on PostgreSQL"
)
def test_forty_concurrent_guesses_get_no_more_checks_than_the_limit(
    learner, counted_hashes, settings
):
    settings.PASSWORD_HASH_WAIT_MS = 60_000
    start = threading.Barrier(40)
    outcomes: list[str] = []

    def guess() -> None:
        try:
            start.wait()
            response = Client().post(
                "/api/v1/auth/tokens",
                data={"username": "alice", "password": WRONG},
                content_type="application/json",
            )
            outcomes.append(response.json()["error"]["code"])
        finally:
            connections.close_all()

    threads = [threading.Thread(target=guess) for _ in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["invalid_credentials"] * 5 + ["throttled"] * 35
    assert counted_hashes.count("verify") == 5


# --- password change -------------------------------------------------------------------------


def change_password(client, old, new="a-brand-new-passphrase"):
    body = {"old_password": old, "new_password": new}
    return client.call("post", "/me/password", body)


def test_password_change_pauses_after_repeated_wrong_current_passwords(api, learner, password):
    client = api(learner)
    wrong = [change_password(client, WRONG) for _ in range(5)]
    assert codes(wrong) == ["wrong_password"] * 5
    response = change_password(client, password)
    assert response.status_code == 429
    assert response.json()["error"] == {
        "code": "throttled",
        "message": "Too many wrong passwords. Wait 15 minutes and try again.",
        "fields": {},
    }
    learner.refresh_from_db()
    assert learner.check_password(password)


def test_password_change_page_answers_429_while_paused(learner, password):
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(learner)
    new = "a-brand-new-passphrase"
    body = {"old_password": WRONG, "new_password": new, "new_password_again": new}
    for _ in range(5):
        assert client.post("/accounts/me/password/", body).status_code == 400
    response = client.post("/accounts/me/password/", {**body, "old_password": password})
    assert response.status_code == 429
    assert b"Too many wrong passwords. Wait 15 minutes and try again." in response.content
    learner.refresh_from_db()
    assert learner.check_password(password)


def test_password_change_with_the_right_password_clears_the_wrong_ones(api, learner, password):
    client = api(learner)
    for _ in range(4):
        change_password(client, WRONG)
    assert change_password(client, password).status_code == 204
    later = [change_password(client, WRONG) for _ in range(5)]
    assert codes(later) == ["wrong_password"] * 5


# --- settings ------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["localhost", "10.0.0.1/8", "127.0.0.1,,10.0.0.1", "::g"])
def test_a_malformed_trusted_proxy_stops_start_up(value):
    result = load_settings(TRUSTED_PROXIES=value)
    assert result.returncode != 0
    assert "TRUSTED_PROXIES" in result.stderr


def test_trusted_proxies_accept_addresses_and_networks():
    result = load_settings("s.TRUSTED_PROXIES", TRUSTED_PROXIES="127.0.0.1, 10.0.0.0/8, ::1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['127.0.0.1/32', '10.0.0.0/8', '::1/128']"


def test_production_behind_a_tls_proxy_needs_its_address():
    refused = load_settings(**production(BEHIND_TLS_PROXY="true"))
    assert refused.returncode != 0
    assert "needs TRUSTED_PROXIES" in refused.stderr
    started = load_settings(**production(BEHIND_TLS_PROXY="true", TRUSTED_PROXIES="127.0.0.1"))
    assert started.returncode == 0, started.stderr
