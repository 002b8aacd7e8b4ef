"""Sign-up proven by a texted code, without telling anyone which numbers have accounts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zhijiang.accounts.models import SignUpRequest, User
from zhijiang.accounts.tests.factories import district
from zhijiang.accounts.throttle import SIGN_UP_CODES_PER_ADDRESS, SIGN_UP_CODES_PER_PHONE
from zhijiang.common.audit import AuditAction
from zhijiang.common.models import AuditEvent
from zhijiang.common.sms import SmsTemplate, outbox
from zhijiang.common.tests.fake_aliyun_sms import FakeAliyunSms

pytestmark = pytest.mark.django_db

NEW_PHONE = "13700002222"


def body(**overrides):
    return {
        "username": "dana",
        "password": "dana-long-password",
        "name": "丹娜",
        "phone": NEW_PHONE,
        "district": "500112",
        "accept_privacy": True,
        **overrides,
    }


def start(api, **overrides):
    return api().call("post", "/auth/sign-up", body(**overrides))


def confirm(api, sign_up_id, code):
    return api().call("post", "/auth/sign-up/confirm", {"sign_up_id": sign_up_id, "code": code})


def last_message_to(phone):
    return [message for message in outbox if message.phone == phone][-1]


def test_sign_up_with_a_registered_phone_answers_as_for_a_new_one(api, learner):
    start(api, username="warm", phone="13700009999")  # this address's throttle bucket exists
    with CaptureQueriesContext(connection) as new_queries:
        new = start(api)
    with CaptureQueriesContext(connection) as registered_queries:
        registered = start(api, username="dana2", phone=learner.phone)
    assert new.status_code == registered.status_code == 202
    new_body, registered_body = new.json(), registered.json()
    assert set(new_body) == set(registered_body)
    assert len(new_body["sign_up_id"]) == len(registered_body["sign_up_id"])
    masked = {"137****2222": "PHONE", "138****8001": "PHONE"}
    for text in (new_body, registered_body):
        for old, placeholder in masked.items():
            text["detail"] = text["detail"].replace(old, placeholder)
    assert new_body["detail"] == registered_body["detail"]
    # The same work on the database either way: no branch that a stopwatch could see.
    assert len(new_queries.captured_queries) == len(registered_queries.captured_queries)
    assert User.objects.filter(phone=learner.phone).count() == 1


def test_a_registered_number_is_told_it_has_an_account_and_gets_no_code(api, learner):
    started = start(api, phone=learner.phone).json()
    message = last_message_to(learner.phone)
    assert message.template is SmsTemplate.ACCOUNT_EXISTS and message.params == {}
    assert "already has one" in message.text
    for guess in ("000000", "123456"):
        response = confirm(api, started["sign_up_id"], guess)
        assert response.status_code == 400
        assert response.json()["error"]["code"] == "wrong_code"
    assert not User.objects.filter(username="dana").exists()


def test_the_texted_code_opens_the_account_and_the_request_is_gone(api):
    started = start(api).json()
    code = last_message_to(NEW_PHONE).params["code"]
    assert len(code) == 6 and code.isdigit()
    assert not User.objects.filter(username="dana").exists()
    response = confirm(api, started["sign_up_id"], code)
    assert response.status_code == 201, response.content
    dana = User.objects.get(username="dana")
    assert (dana.phone, dana.full_name, dana.district.code) == (NEW_PHONE, "丹娜", "500112")
    assert dana.check_password("dana-long-password")
    assert not SignUpRequest.objects.exists()
    assert AuditEvent.objects.filter(action=AuditAction.PERSON_SIGN_UP, actor=dana).exists()
    assert confirm(api, started["sign_up_id"], code).json()["error"]["code"] == "expired"


def test_the_code_is_kept_only_as_a_hash(api):
    start(api)
    code = last_message_to(NEW_PHONE).params["code"]
    row = SignUpRequest.objects.get()
    stored = " ".join(str(getattr(row, f.attname)) for f in SignUpRequest._meta.concrete_fields)
    assert code not in stored and "dana-long-password" not in stored


def test_five_wrong_codes_lock_the_sign_up(api):
    started = start(api).json()
    code = last_message_to(NEW_PHONE).params["code"]
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    lefts = []
    for _ in range(5):
        response = confirm(api, started["sign_up_id"], wrong)
        assert response.status_code == 400
        lefts.append(response.json()["error"]["fields"]["code"])
    assert lefts[0].endswith("4 tries left.") and lefts[-1].endswith("0 tries left.")
    response = confirm(api, started["sign_up_id"], code)
    assert response.status_code == 429
    assert not User.objects.filter(username="dana").exists()


def test_an_expired_code_opens_nothing(api):
    started = start(api).json()
    code = last_message_to(NEW_PHONE).params["code"]
    SignUpRequest.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = confirm(api, started["sign_up_id"], code)
    assert response.status_code == 400 and response.json()["error"]["code"] == "expired"
    assert not User.objects.filter(username="dana").exists()


def test_a_new_code_replaces_the_old_one(api):
    started = start(api).json()
    old = last_message_to(NEW_PHONE).params["code"]
    again = api().call("post", "/auth/sign-up/resend", {"sign_up_id": started["sign_up_id"]})
    assert again.status_code == 202
    new = last_message_to(NEW_PHONE).params["code"]
    if new != old:
        assert confirm(api, started["sign_up_id"], old).status_code == 400
    assert confirm(api, started["sign_up_id"], new).status_code == 201


@pytest.mark.parametrize("registered", [False, True])
def test_codes_to_one_number_are_limited_whether_or_not_it_has_an_account(api, learner, registered):
    phone = learner.phone if registered else NEW_PHONE
    answers = [
        start(api, username=f"dana{n}", phone=phone).status_code
        for n in range(SIGN_UP_CODES_PER_PHONE + 1)
    ]
    assert answers == [202] * SIGN_UP_CODES_PER_PHONE + [429]


def test_codes_asked_from_one_address_are_limited(api):
    answers = [
        start(api, username=f"dana{n}", phone=f"137000{n:05d}").status_code
        for n in range(SIGN_UP_CODES_PER_ADDRESS + 1)
    ]
    assert answers == [202] * SIGN_UP_CODES_PER_ADDRESS + [429]
    other = api().call("post", "/auth/sign-up", body(), REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 202


def test_a_taken_username_is_still_refused_at_once(api, learner):
    response = start(api, username="alice")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["username"]
    assert not SignUpRequest.objects.exists()


@pytest.mark.parametrize("registered", [False, True])
def test_a_gateway_failure_answers_503_alike_for_both_kinds_of_number(
    api, learner, settings, registered
):
    with FakeAliyunSms(access_key_id="LTAI", secret="s", answer_code="isv.AMOUNT_NOT_ENOUGH") as gw:
        settings.SMS_BACKEND, settings.SMS_ALIYUN_ENDPOINT = "aliyun", gw.url
        settings.SMS_ALIYUN_ACCESS_KEY_ID, settings.SMS_ALIYUN_ACCESS_KEY_SECRET = "LTAI", "s"
        settings.SMS_ALIYUN_SIGN_NAME = "智匠"
        settings.SMS_ALIYUN_TEMPLATES = {"sign_up_code": "SMS_1", "account_exists": "SMS_2"}
        response = start(api, phone=learner.phone if registered else NEW_PHONE)
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "sms_failed"
    assert gw.requests[0].signature_valid
    assert gw.requests[0].params["TemplateCode"] == ("SMS_2" if registered else "SMS_1")


def sign_up_form(**overrides):
    return {
        "username": "dana",
        "full_name": "丹娜",
        "phone": "137 0000 2222",
        "district": district("500112").pk,
        "password": "dana-long-password",
        "accept_privacy": "on",
        **overrides,
    }


@pytest.mark.parametrize("registered", [False, True])
def test_the_sign_up_page_goes_to_the_same_code_page_for_any_number(web, learner, registered):
    phone = learner.phone if registered else "137 0000 2222"
    response = web().post("/accounts/sign-up/", sign_up_form(phone=phone), follow=True)
    assert response.redirect_chain == [("/accounts/sign-up/confirm/", 302)]
    page = response.content.decode()
    masked = "138****8001" if registered else "137****2222"
    assert f"We sent a text message to {masked}." in page
    assert not User.objects.filter(username="dana").exists()


def test_the_code_page_opens_the_account_and_signs_in(web):
    client = web()
    client.post("/accounts/sign-up/", sign_up_form())
    response = client.post("/accounts/sign-up/confirm/", {"code": "12"})
    assert response.status_code == 400
    assert 'id="id_code_error"' in response.content.decode()
    code = last_message_to(NEW_PHONE).params["code"]
    response = client.post("/accounts/sign-up/confirm/", {"code": code}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    dana = User.objects.get(username="dana")
    assert dana.memberships.get().role == "learner"
    assert int(client.session["_auth_user_id"]) == dana.pk


def test_the_code_page_sends_a_new_code(web):
    client = web()
    client.post("/accounts/sign-up/", sign_up_form())
    before = len([m for m in outbox if m.phone == NEW_PHONE])
    response = client.post("/accounts/sign-up/confirm/", {"resend": "1"}, follow=True)
    assert b"We sent a new code." in response.content
    assert len([m for m in outbox if m.phone == NEW_PHONE]) == before + 1


def test_the_code_page_without_a_sign_up_goes_back_to_the_form(web, db):
    response = web().get("/accounts/sign-up/confirm/")
    assert response.status_code == 302 and response["Location"] == "/accounts/sign-up/"
