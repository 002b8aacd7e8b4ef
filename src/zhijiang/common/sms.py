"""Text messages to mobile phones: the one adapter to the SMS gateway (``SMS_BACKEND``).

- ``console`` (development default): logs one line with the number masked and keeps the message
  in :data:`outbox` so tests can read the code; the text itself is logged only outside
  production.
- ``aliyun``: Aliyun SMS (Dysmsapi ``SendSms``, API version 2017-05-25) over HTTPS, an RPC call
  signed with HMAC-SHA1 as Aliyun documents (signature version 1.0). Messages are templates
  approved in the Aliyun console; ``SMS_ALIYUN_TEMPLATES`` maps ours to their codes.

Callers name a template and its parameters, never free text: gateways in China send only
approved templates.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import urllib.error
import urllib.request
import uuid
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from urllib.parse import quote

from django.conf import settings
from django.utils.translation import gettext as _

from zhijiang.common.pii import mask_phone

logger = logging.getLogger(__name__)

ALIYUN_API_VERSION = "2017-05-25"


class SmsTemplate(StrEnum):
    SIGN_UP_CODE = "sign_up_code"  # params: code
    ACCOUNT_EXISTS = "account_exists"  # no params


class SmsError(Exception):
    """The gateway did not accept the message (or could not be reached)."""


@dataclass(frozen=True)
class SentMessage:
    phone: str
    template: SmsTemplate
    params: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return template_text(self.template, self.params)


# What the console backend "sent", newest last (tests read codes here); the last 100 only, so
# that a development server does not keep every message.
outbox: deque[SentMessage] = deque(maxlen=100)


def template_text(template: SmsTemplate, params: dict[str, str]) -> str:
    """Our wording of each template, as the console shows it and as registered with Aliyun."""
    if template is SmsTemplate.SIGN_UP_CODE:
        return _(
            "Your Zhijiang sign-up code is %(code)s. It is valid for 10 minutes; "
            "do not tell it to anyone."
        ) % {"code": params["code"]}
    return _(
        "Someone tried to open a Zhijiang account with this number, which already has one. "
        "Sign in, or reset your password; if it was not you, ignore this message."
    )


def sms_send(*, phone: str, template: SmsTemplate, params: dict[str, str] | None = None) -> None:
    """Send one templated message to a mainland mobile number; ``SmsError`` when it failed."""
    message = SentMessage(phone=phone, template=template, params=dict(params or {}))
    if settings.SMS_BACKEND == "aliyun":
        _aliyun_send(message)
        return
    outbox.append(message)
    if settings.PRODUCTION:
        logger.info("SMS (console) to %s: %s", mask_phone(phone), template.value)
    else:
        logger.info("SMS (console) to %s: %s", mask_phone(phone), message.text)


# --- Aliyun ----------------------------------------------------------------------------------


def aliyun_percent_encode(value: str) -> str:
    """RFC 3986 encoding of UTF-8 bytes: only A-Z a-z 0-9 - _ . ~ stay as they are."""
    return quote(value, safe="-_.~")


def aliyun_signature(params: dict[str, str], *, secret: str, method: str) -> str:
    """Signature version 1.0: HMAC-SHA1 over ``METHOD&%2F&encode(sorted query)``, keyed with
    the AccessKey secret followed by ``&``, in Base64."""
    canonical = "&".join(
        f"{aliyun_percent_encode(key)}={aliyun_percent_encode(params[key])}"
        for key in sorted(params)
    )
    to_sign = "&".join((method, aliyun_percent_encode("/"), aliyun_percent_encode(canonical)))
    digest = hmac.new(f"{secret}&".encode(), to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def aliyun_request_params(message: SentMessage, *, now: datetime, nonce: str) -> dict[str, str]:
    """Every parameter of the SendSms call but the signature."""
    params = {
        "AccessKeyId": settings.SMS_ALIYUN_ACCESS_KEY_ID,
        "Action": "SendSms",
        "Format": "JSON",
        "PhoneNumbers": message.phone,
        "RegionId": settings.SMS_ALIYUN_REGION,
        "SignName": settings.SMS_ALIYUN_SIGN_NAME,
        "SignatureMethod": "HMAC-SHA1",
        "SignatureNonce": nonce,
        "SignatureVersion": "1.0",
        "TemplateCode": settings.SMS_ALIYUN_TEMPLATES[message.template.value],
        "Timestamp": now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "Version": ALIYUN_API_VERSION,
    }
    if message.params:
        params["TemplateParam"] = json.dumps(message.params, ensure_ascii=False)
    return params


def _aliyun_send(message: SentMessage) -> None:
    params = aliyun_request_params(message, now=datetime.now(UTC), nonce=str(uuid.uuid4()))
    params["Signature"] = aliyun_signature(
        params, secret=settings.SMS_ALIYUN_ACCESS_KEY_SECRET, method="POST"
    )
    body = "&".join(
        f"{aliyun_percent_encode(k)}={aliyun_percent_encode(v)}" for k, v in params.items()
    )
    request = urllib.request.Request(  # noqa: S310 (the endpoint is a checked http(s) setting)
        settings.SMS_ALIYUN_ENDPOINT,
        data=body.encode(),
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.SMS_TIMEOUT_SECONDS) as response:  # noqa: S310
            answer = json.loads(response.read())
    except urllib.error.HTTPError as error:
        answer = _error_body(error)
    except (OSError, ValueError) as error:
        logger.warning("SMS to %s not sent: %s", mask_phone(message.phone), type(error).__name__)
        raise SmsError(type(error).__name__) from None
    code = str(answer.get("Code", "")) if isinstance(answer, dict) else ""
    if code != "OK":
        logger.warning("SMS to %s refused by Aliyun: %s", mask_phone(message.phone), code)
        raise SmsError(code or "no code in the answer")
    logger.info("SMS to %s sent: %s", mask_phone(message.phone), message.template.value)


def _error_body(error: urllib.error.HTTPError) -> object:
    try:
        return json.loads(error.read())
    except ValueError:
        return {"Code": f"HTTP {error.code}"}
