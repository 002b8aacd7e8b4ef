"""API tokens, sign-in throttling and the one error format."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from zhijiang.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


def token_for(api, identifier, password):
    response = api().call("post", "/auth/tokens", {"username": identifier, "password": password})
    assert response.status_code == 201, response.content
    return response.json()["token"]


def test_token_from_mobile_number_authenticates_api_calls(api, learner, password):
    token = token_for(api, "138 0013 8001", password)
    response = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    assert response.json()["username"] == "alice"
    stored = ApiToken.objects.get(user=learner)
    assert token not in (stored.key_hash, stored.prefix)


def test_wrong_password_and_unknown_account_get_the_same_answer(api, learner):
    wrong = api().call("post", "/auth/tokens", {"username": "alice", "password": "nope-nope"})
    unknown = api().call("post", "/auth/tokens", {"username": "nobody", "password": "nope-nope"})
    assert wrong.status_code == unknown.status_code == 400
    assert wrong.json() == unknown.json()
    assert wrong.json()["error"]["code"] == "invalid_credentials"


def test_repeated_failures_pause_sign_in_even_with_the_right_password(
    api, learner, password, settings
):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        api().call("post", "/auth/tokens", {"username": "alice", "password": "wrong-guess"})
    response = api().call("post", "/auth/tokens", {"username": "alice", "password": password})
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "throttled"
    assert not ApiToken.objects.exists()


def test_missing_token_fields_name_the_fields(api):
    response = api().call("post", "/auth/tokens", {"username": "alice"})
    assert response.status_code == 422
    body = response.json()["error"]
    assert body["code"] == "invalid"
    assert "password" in body["fields"]


def test_listing_tokens_needs_a_login(api):
    response = api().call("get", "/auth/tokens")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_revoked_token_no_longer_works(api, learner, password):
    token = token_for(api, "alice", password)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    listed = client.get("/api/v1/auth/tokens").json()
    assert [t["prefix"] for t in listed] == [token[4:12]]
    assert client.delete(f"/api/v1/auth/tokens/{listed[0]['id']}").status_code == 204
    assert client.get("/api/v1/me").status_code == 401


def test_token_stops_working_when_it_is_older_than_its_maximum_age(
    api, learner, password, settings
):
    token = token_for(api, "alice", password)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert client.get("/api/v1/me").status_code == 200
    ApiToken.objects.update(created_at=timezone.now() - timedelta(days=29, hours=23))
    assert client.get("/api/v1/me").status_code == 200
    ApiToken.objects.update(created_at=timezone.now() - timedelta(days=30, minutes=1))
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_token_lists_say_when_each_token_expires(api, learner, password, settings):
    settings.API_TOKEN_MAX_AGE_DAYS = 7
    created = api().call("post", "/auth/tokens", {"username": "alice", "password": password})
    stored = ApiToken.objects.get(user=learner)
    expires_at = datetime.fromisoformat(created.json()["expires_at"])
    assert abs(expires_at - (stored.created_at + timedelta(days=7))) < timedelta(milliseconds=1)
    listed = api(learner).call("get", "/auth/tokens").json()
    assert [item["expires_at"] for item in listed] == [created.json()["expires_at"]]


def test_password_change_revokes_every_api_token_of_the_person(
    api, learner, other_learner, password
):
    alice_tokens = [token_for(api, "alice", password) for _ in range(2)]
    bob_token = token_for(api, "bob", password)
    response = api(learner).call(
        "post",
        "/me/password",
        {"old_password": password, "new_password": "a-brand-new-passphrase"},
    )
    assert response.status_code == 204
    for token in alice_tokens:
        assert Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/v1/me").status_code == 401
    assert Client(HTTP_AUTHORIZATION=f"Bearer {bob_token}").get("/api/v1/me").status_code == 200
    assert not ApiToken.objects.filter(user=learner, revoked_at__isnull=True).exists()


def test_nobody_can_revoke_another_users_token(api, learner, other_learner, password):
    token_for(api, "alice", password)
    alice_token = ApiToken.objects.get(user=learner)
    response = api(other_learner).call("delete", f"/auth/tokens/{alice_token.pk}")
    assert response.status_code == 404
    alice_token.refresh_from_db()
    assert alice_token.revoked_at is None


def test_malformed_json_gets_the_error_format(api, learner):
    response = api(learner).patch("/api/v1/me", data="{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed"


def test_oversized_payload_is_refused(api, learner, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2048
    body = json.dumps({"name": "x" * 5000})
    response = api(learner).patch("/api/v1/me", data=body, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"


def test_session_writes_need_the_csrf_token(learner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    response = client.patch("/api/v1/me", data='{"name": "x"}', content_type="application/json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "csrf"


def test_openapi_schema_is_served(api):
    response = api().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert "/api/v1/people" in response.json()["paths"]


def sign_up_body(**overrides):
    body = {
        "username": "dana",
        "password": "dana-long-password",
        "name": "丹娜",
        "phone": "13700002222",
        "district": "500112",
        "accept_privacy": True,
    }
    return {**body, **overrides}


def test_sign_up_opens_a_learner_account_that_can_get_a_token(api):
    from zhijiang.common.sms import outbox

    started = api().call("post", "/auth/sign-up", sign_up_body())
    assert started.status_code == 202, started.content
    code = outbox[-1].params["code"]
    response = api().call(
        "post", "/auth/sign-up/confirm", {"sign_up_id": started.json()["sign_up_id"], "code": code}
    )
    assert response.status_code == 201, response.content
    assert response.json()["roles"] == ["learner"]
    assert response.json()["phone"] == "137****2222"
    assert token_for(api, "13700002222", "dana-long-password").startswith("zjt_")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"accept_privacy": False}, "accept_privacy"),
        ({"phone": "123"}, "phone"),
        ({"district": "000000"}, "district"),
        ({"password": "password"}, "password"),
        ({"username": "x y"}, "username"),
    ],
)
def test_sign_up_refusals_name_the_field_and_create_nothing(api, overrides, field):
    from zhijiang.accounts.models import User

    response = api().call("post", "/auth/sign-up", sign_up_body(**overrides))
    assert response.status_code in (400, 422)
    assert field in response.json()["error"]["fields"]
    assert not User.objects.filter(username="dana").exists()
