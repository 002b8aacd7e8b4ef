"""Signing in: by username or mobile number, with a pause after repeated failures; API tokens."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhijiang.accounts.models import ApiToken, LoginFailure, User
from zhijiang.common.audit import AuditAction, audit_record
from zhijiang.common.errors import ApplicationError, NotFoundError
from zhijiang.common.pii import PersonalDataError, normalize_phone

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


class UsernameOrPhoneBackend(ModelBackend):
    """Django's model backend, also finding the account by its mobile number."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if not username or password is None:
            return None
        kind, value = normalize_identifier(username)
        lookup = {"phone": value} if kind == "phone" else {"username__iexact": value}
        user = User.objects.filter(**lookup).first()
        if user is None:
            # Run the hasher anyway so that timing does not tell whether the account exists.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def _keyed(value: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()


def client_address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


def _recent_failures(identifier_hash: str, client_hash: str) -> tuple[int, int]:
    since = timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)
    recent = LoginFailure.objects.filter(created_at__gte=since)
    return (
        recent.filter(identifier_hash=identifier_hash).count(),
        recent.filter(client_hash=client_hash).count(),
    )


def login_check(request: HttpRequest, *, identifier: str, password: str) -> User:
    """Authenticate, refusing for a while after repeated failures for the same account name
    or from the same address. The same message is given whether or not the account exists."""
    _kind, canonical = normalize_identifier(identifier)
    identifier_hash = _keyed("id:" + canonical.lower())
    client_hash = _keyed("ip:" + client_address(request))
    limit = settings.LOGIN_FAILURE_LIMIT
    by_identifier, by_client = _recent_failures(identifier_hash, client_hash)
    if by_identifier >= limit or by_client >= limit * 4:
        minutes = max(1, settings.LOGIN_FAILURE_WINDOW_SECONDS // 60)
        raise ApplicationError(
            _("Too many failed sign-ins. Wait %(minutes)d minutes and try again.")
            % {"minutes": minutes},
            code="throttled",
        )
    user = authenticate(request, username=identifier, password=password)
    if not isinstance(user, User):
        LoginFailure.objects.create(identifier_hash=identifier_hash, client_hash=client_hash)
        raise ApplicationError(
            _("The account name or password is not correct."), code="invalid_credentials"
        )
    LoginFailure.objects.filter(identifier_hash=identifier_hash).delete()
    return user


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
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_token_hash(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
