"""The SMS adapter: console in development, Aliyun SendSms (signed RPC) against a fake server."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest

from zhijiang.common import sms
from zhijiang.common.sms import SentMessage, SmsError, SmsTemplate, sms_send
from zhijiang.common.tests.fake_aliyun_sms import FakeAliyunSms
from zhijiang.common.tests.test_settings import load_settings, production

# Aliyun's own worked example of signing a SendSms request (signature version 1.0).
ALIYUN_EXAMPLE = {
    "AccessKeyId": "testId",
    "Action": "SendSms",
    "Format": "XML",
    "OutId": "123",
    "PhoneNumbers": "15300000001",
    "RegionId": "cn-hangzhou",
    "SignName": "阿里云短信测试专用",
    "SignatureMethod": "HMAC-SHA1",
    "SignatureNonce": "45e25e9b-0a6f-4070-8c85-2956eda1b466",
    "SignatureVersion": "1.0",
    "TemplateCode": "SMS_71390007",
    "TemplateParam": '{"customer":"test"}',
    "Timestamp": "2017-07-12T02:42:19Z",
    "Version": "2017-05-25",
}


@pytest.fixture
def aliyun(settings):
    with FakeAliyunSms(access_key_id="LTAI-test", secret="the-secret") as server:
        settings.SMS_BACKEND = "aliyun"
        settings.SMS_ALIYUN_ENDPOINT = server.url
        settings.SMS_ALIYUN_ACCESS_KEY_ID = "LTAI-test"
        settings.SMS_ALIYUN_ACCESS_KEY_SECRET = "the-secret"
        settings.SMS_ALIYUN_SIGN_NAME = "智匠平台"
        settings.SMS_ALIYUN_TEMPLATES = {"sign_up_code": "SMS_100", "account_exists": "SMS_200"}
        yield server


def test_the_signature_matches_aliyuns_published_example():
    assert sms.aliyun_signature(ALIYUN_EXAMPLE, secret="testSecret", method="GET") == (
        "zJDF+Lrzhj/ThnlvIToysFRq6t4="
    )


def test_percent_encoding_follows_rfc_3986_as_aliyun_asks():
    assert sms.aliyun_percent_encode("a b*c~d/é") == "a%20b%2Ac~d%2F%C3%A9"


def test_the_fake_aliyun_server_receives_a_correctly_signed_send_sms(aliyun):
    sms_send(phone="13700002222", template=SmsTemplate.SIGN_UP_CODE, params={"code": "123456"})
    [request] = aliyun.requests
    assert request.signature_valid and request.method == "POST"
    params = request.params
    assert (params["Action"], params["Version"], params["SignatureMethod"]) == (
        "SendSms",
        "2017-05-25",
        "HMAC-SHA1",
    )
    assert (params["PhoneNumbers"], params["SignName"], params["TemplateCode"]) == (
        "13700002222",
        "智匠平台",
        "SMS_100",
    )
    assert params["TemplateParam"] == '{"code": "123456"}'
    assert datetime.strptime(params["Timestamp"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def test_a_message_without_parameters_sends_no_template_param(aliyun):
    sms_send(phone="13700002222", template=SmsTemplate.ACCOUNT_EXISTS)
    [request] = aliyun.requests
    assert request.signature_valid and request.params["TemplateCode"] == "SMS_200"
    assert "TemplateParam" not in request.params


def test_a_wrong_secret_is_refused_by_aliyun_and_raised(aliyun, settings):
    settings.SMS_ALIYUN_ACCESS_KEY_SECRET = "not-the-secret"
    with pytest.raises(SmsError, match="SignatureDoesNotMatch"):
        sms_send(phone="13700002222", template=SmsTemplate.ACCOUNT_EXISTS)
    assert aliyun.requests[0].signature_valid is False


def test_a_business_refusal_is_raised_with_its_code(aliyun):
    aliyun.answer_code = "isv.BUSINESS_LIMIT_CONTROL"
    with pytest.raises(SmsError, match=r"isv\.BUSINESS_LIMIT_CONTROL"):
        sms_send(phone="13700002222", template=SmsTemplate.ACCOUNT_EXISTS)


def test_an_unreachable_gateway_is_an_sms_error(aliyun, settings):
    settings.SMS_ALIYUN_ENDPOINT = "http://127.0.0.1:9/"
    with pytest.raises(SmsError):
        sms_send(phone="13700002222", template=SmsTemplate.ACCOUNT_EXISTS)


def test_the_console_keeps_the_message_and_logs_the_number_masked(caplog, settings):
    settings.SMS_BACKEND = "console"
    with caplog.at_level(logging.INFO, logger="zhijiang.common.sms"):
        sms_send(phone="13700002222", template=SmsTemplate.SIGN_UP_CODE, params={"code": "864213"})
    assert sms.outbox[-1] == SentMessage(
        "13700002222", SmsTemplate.SIGN_UP_CODE, {"code": "864213"}
    )
    assert "137****2222" in caplog.text and "13700002222" not in caplog.text


def test_the_console_never_logs_the_code_in_production(caplog, settings):
    settings.SMS_BACKEND, settings.PRODUCTION = "console", True
    with caplog.at_level(logging.INFO, logger="zhijiang.common.sms"):
        sms_send(phone="13700002222", template=SmsTemplate.SIGN_UP_CODE, params={"code": "864213"})
    assert "864213" not in caplog.text and "13700002222" not in caplog.text
    assert "sign_up_code" in caplog.text


def test_every_template_has_a_setting_name():
    from django.conf import settings

    assert set(settings.SMS_TEMPLATE_NAMES) == {template.value for template in SmsTemplate}


def test_aliyun_without_its_keys_stops_start_up_naming_what_is_missing():
    result = load_settings(SMS_BACKEND="aliyun", SMS_ALIYUN_ACCESS_KEY_ID="LTAI")
    assert result.returncode != 0
    assert "SMS_BACKEND=aliyun needs SMS_ALIYUN_ACCESS_KEY_SECRET" in result.stderr
    assert "SMS_ALIYUN_TEMPLATES (sign_up_code=…)" in result.stderr


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"SMS_BACKEND": "twilio"}, "SMS_BACKEND='twilio' is not one of: aliyun, console"),
        ({"SMS_ALIYUN_TEMPLATES": "sign_up=SMS_1"}, "SMS_ALIYUN_TEMPLATES: 'sign_up=SMS_1'"),
        ({"SMS_ALIYUN_ENDPOINT": "http://dysmsapi.aliyuncs.com/"}, "is not an https:// address"),
    ],
)
def test_malformed_sms_settings_stop_start_up(overrides, message):
    aliyun = {
        "SMS_BACKEND": "aliyun",
        "SMS_ALIYUN_ACCESS_KEY_ID": "LTAI",
        "SMS_ALIYUN_ACCESS_KEY_SECRET": "secret",
        "SMS_ALIYUN_SIGN_NAME": "智匠",
        "SMS_ALIYUN_TEMPLATES": "sign_up_code=SMS_1,account_exists=SMS_2",
    }
    result = load_settings(**production(**{**aliyun, **overrides}))
    assert result.returncode != 0
    assert message in result.stderr


def test_complete_aliyun_settings_start_in_production():
    result = load_settings(
        "s.SMS_BACKEND, s.SMS_ALIYUN_TEMPLATES",
        **production(
            SMS_BACKEND="aliyun",
            SMS_ALIYUN_ACCESS_KEY_ID="LTAI",
            SMS_ALIYUN_ACCESS_KEY_SECRET="secret",
            SMS_ALIYUN_SIGN_NAME="智匠",
            SMS_ALIYUN_TEMPLATES="sign_up_code=SMS_1, account_exists=SMS_2",
        ),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ("aliyun {'sign_up_code': 'SMS_1', 'account_exists': 'SMS_2'}")
