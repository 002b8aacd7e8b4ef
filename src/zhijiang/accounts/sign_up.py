"""Opening one's own account, proven by a code texted to the mobile number.

The answer to a sign-up never says whether the number already has an account: every sign-up
is answered "we sent a code" and a text message goes to the number, with a code when it is
free and, when it is not, a notice that it already has an account (sign in or reset the
password). The account is made only when the code comes back: six digits, kept as a keyed
hash, valid ``CODE_LIFETIME``, ``CODE_ATTEMPTS`` tries; codes sent are throttled per number and
per client address (``throttle.sign_up_code_start``).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from zhijiang.accounts.models import Membership, Role, SignUpRequest, User
from zhijiang.accounts.services import (
    _check_password,
    _check_username,
    _checked_again_on_conflict,
    _clean_phone,
)
from zhijiang.accounts.throttle import ThrottledError, password_hashing_turn, sign_up_code_start
from zhijiang.common.audit import AuditAction, audit_record
from zhijiang.common.errors import ApplicationError, field_error
from zhijiang.common.models import District
from zhijiang.common.pii import PersonalDataError, mask_phone, normalize_phone
from zhijiang.common.sms import SmsError, SmsTemplate, sms_send

CODE_LIFETIME = timedelta(minutes=10)
CODE_ATTEMPTS = 5


class SmsUnavailableError(ApplicationError):
    status = 503

    def __init__(self) -> None:
        super().__init__(
            _("The text message could not be sent. Try again in a minute."), code="sms_failed"
        )


@dataclass(frozen=True)
class SignUpStarted:
    """What the person gets back: the same whether or not the number has an account."""

    token: str
    masked_phone: str
    expires_at: datetime


def _digest(*parts: str) -> str:
    message = "\x1f".join(("sign-up", *parts)).encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _send_code(*, phone: str, token: str, registered: bool) -> str:
    """Text a new code (or, to a number with an account, the notice); return the code's hash,
    empty for the notice, which no code can confirm."""
    code = f"{secrets.randbelow(10**6):06d}"
    try:
        if registered:
            sms_send(phone=phone, template=SmsTemplate.ACCOUNT_EXISTS)
        else:
            sms_send(phone=phone, template=SmsTemplate.SIGN_UP_CODE, params={"code": code})
    except SmsError:
        raise SmsUnavailableError() from None
    return "" if registered else _digest(token, code)


def sign_up_start(
    *,
    username: str,
    password: str,
    full_name: str,
    phone: str,
    district: District,
    address: str,
) -> SignUpStarted:
    """Check what can be checked without telling who has an account, then text a code."""
    try:
        cleaned_phone = normalize_phone(phone) if phone.strip() else ""
    except PersonalDataError as error:
        raise field_error("phone", error.message) from None
    if not cleaned_phone:
        raise field_error("phone", _("Give your mobile number."), "required")
    _check_username(username)
    _check_password(password, User(username=username, full_name=full_name.strip()))
    sign_up_code_start(phone=cleaned_phone, address=address)
    with password_hashing_turn():
        password_hash = make_password(password)
    registered = User.objects.filter(phone=cleaned_phone).exists()
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    code_hash = _send_code(phone=cleaned_phone, token=token, registered=registered)
    with transaction.atomic():
        SignUpRequest.objects.filter(expires_at__lt=now).delete()
        request = SignUpRequest.objects.create(
            token_hash=_digest(token),
            username=username,
            full_name=full_name.strip(),
            phone=cleaned_phone,
            district=district,
            password=password_hash,
            code_hash=code_hash,
            expires_at=now + CODE_LIFETIME,
        )
    return SignUpStarted(token, mask_phone(cleaned_phone), request.expires_at)


def _pending(token: str) -> SignUpRequest:
    request = SignUpRequest.objects.filter(
        token_hash=_digest(token), expires_at__gte=timezone.now()
    ).first()
    if request is None:
        raise ApplicationError(
            _("This sign-up has expired. Start again to get a new code."), code="expired"
        )
    return request


def sign_up_code_resend(*, token: str, address: str) -> SignUpStarted:
    """Text a new code for a sign-up under way (the old one stops working), throttled as the
    first one was."""
    request = _pending(token)
    sign_up_code_start(phone=request.phone, address=address)
    registered = request.code_hash == ""
    request.code_hash = _send_code(phone=request.phone, token=token, registered=registered)
    request.attempts = 0
    request.expires_at = timezone.now() + CODE_LIFETIME
    request.save(update_fields=["code_hash", "attempts", "expires_at"])
    return SignUpStarted(token, mask_phone(request.phone), request.expires_at)


def sign_up_confirm(*, token: str, code: str) -> User:
    """Open the account when ``code`` is the one texted for this sign-up."""
    request = _pending(token)
    # Counted before it is compared, in one conditional UPDATE, so that concurrent guesses
    # cannot pass the limit.
    counted = SignUpRequest.objects.filter(pk=request.pk, attempts__lt=CODE_ATTEMPTS).update(
        attempts=F("attempts") + 1
    )
    if not counted:
        raise ThrottledError(_("Too many wrong codes. Ask for a new code."), minutes=1)
    # A number with an account was sent no code (``code_hash`` empty): nothing matches it.
    if not hmac.compare_digest(request.code_hash or "-", _digest(token, code.strip())):
        left = CODE_ATTEMPTS - request.attempts - 1
        message = ngettext(
            "The code is not right. %(left)d try left.",
            "The code is not right. %(left)d tries left.",
            left,
        ) % {"left": left}
        raise field_error("code", message, "wrong_code")
    return _account_create(request)


@transaction.atomic
def _account_create(request: SignUpRequest) -> User:
    _check_username(request.username)
    phone = _clean_phone(request.phone)  # taken since: the owner of the number may know
    person = User(
        username=request.username,
        full_name=request.full_name,
        district=request.district,
        phone=phone,
        password=request.password,
    )

    def check_again() -> None:
        _check_username(request.username)
        _clean_phone(request.phone)

    with _checked_again_on_conflict(check_again):
        person.save()
    Membership.objects.create(user=person, role=Role.LEARNER)
    request.delete()
    audit_record(
        actor=person,
        action=AuditAction.PERSON_SIGN_UP,
        target=person,
        district=person.district,
        changes={"district": [None, request.district.code], "phone": [None, person.masked_phone]},
    )
    return person
