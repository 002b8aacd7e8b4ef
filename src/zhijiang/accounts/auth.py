"""Signing in: by username or mobile number, throttled (``accounts.throttle``); API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.contrib.auth import authenticate
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts import throttle
from zhijiang.accounts.models import ApiToken, User
from zhijiang.common.audit import AuditAction, audit_record
from zhijiang.common.errors import ApplicationError, NotFoundError
from zhijiang.common.pii import PersonalDataError, normalize_phone
from zhijiang.common.requests import client_address

TOKEN_PREFIX = "zjt_"


def normalize_identifier(raw: str) -> tuple[str, str]:
    """(``"phone"`` or ``"username"``, canonical value) for what someone typed to sign in."""
    value = raw.strip()
    digits = value.replace(" ", "").replace("-", "")
    if digits.lstrip("+").isdigit() and len(digits.lstrip("+")) >= 11:
        try:
            return "phone", normalize_phone(value)
        except PersonalDataError:
            pass
    return "username", value


def account_for_identifier(identifier: str) -> User | None:
    """The account a typed username or mobile number names, if any."""
    kind, value = normalize_identifier(identifier)
    lookup = {"phone": value} if kind == "phone" else {"username__iexact": value}
    return User.objects.filter(**lookup).first()


def _throttle_subject(user: User | None, identifier: str) -> str:
    """Failures count per account, however it was named; a name of no account counts as its
    own, so that waiting is no sign of whether an account exists."""
    if user is not None:
        return f"user:{user.pk}"
    return "name:" + normalize_identifier(identifier)[1].lower()


def _password_matches(user: User | None, password: str) -> bool:
    if user is not None:
        return user.check_password(password)
    if throttle.unknown_name_decoy_allowed():
        # Hash anyway, so that timing does not tell whether the account exists.
        User().set_password(password)
    return False


class UsernameOrPhoneBackend(ModelBackend):
    """Django's model backend, also finding the account by its mobile number, and throttled:
    every sign-in, the admin's included, goes through ``accounts.throttle``. Raises
    ``ThrottledError`` (429) or ``BusyError`` (503) instead of checking the password."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if not username or password is None:
            return None
        user = account_for_identifier(username)
        attempt = throttle.sign_in_attempt_start(
            subject=_throttle_subject(user, username),
            address=client_address(request) if request is not None else "",
        )
        try:
            with throttle.password_hashing_turn():
                matches = _password_matches(user, password)
        except throttle.BusyError:
            throttle.sign_in_attempt_abandoned(attempt)
            raise
        if user is not None and matches and self.user_can_authenticate(user):
            throttle.sign_in_attempt_succeeded(attempt)
            return user
        throttle.sign_in_attempt_failed(attempt)
        return None


def login_check(request: HttpRequest, *, identifier: str, password: str) -> User:
    """The account for this name and password. The same refusal is given whether or not the
    account exists; ``ThrottledError`` or ``BusyError`` when the password cannot be checked now."""
    user = authenticate(request, username=identifier, password=password)
    if not isinstance(user, User):
        raise ApplicationError(
            _("The account name or password is not correct."), code="invalid_credentials"
        )
    return user


def old_password_matches(*, user: User, password: str) -> bool:
    """Whether ``password`` is the signed-in person's current one, checked as sign-ins are:
    throttled (429 after repeated wrong ones) and in a hashing turn (503 when busy)."""
    key = throttle.password_check_start(user_id=user.pk)
    try:
        with throttle.password_hashing_turn():
            matches = user.check_password(password)
    except throttle.BusyError:
        throttle.password_check_abandoned(key)
        raise
    if matches:
        throttle.password_check_succeeded(key)
    return matches


def _token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new API token; the raw value is returned once and only its hash is kept."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:60] or "api", prefix=raw[4:12], key_hash=_token_hash(raw)
    )
    audit_record(
        actor=user, action=AuditAction.TOKEN_CREATE, target=user, changes={"token": token.prefix}
    )
    return token, raw


def api_token_revoke(*, user: User, token_id: int) -> ApiToken:
    token = ApiToken.objects.filter(user=user, pk=token_id, revoked_at__isnull=True).first()
    if token is None:
        raise NotFoundError(_("No such active token."))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(
        actor=user, action=AuditAction.TOKEN_REVOKE, target=user, changes={"token": token.prefix}
    )
    return token


def user_for_token(raw: str) -> User | None:
    """The owner of an active token that has not expired (``API_TOKEN_MAX_AGE_DAYS``)."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_token_hash(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    now = timezone.now()
    if token is None or token.expires_at <= now:
        return None
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
