"""Private signing keys at rest: Fernet tokens under a key derived from CREDENTIAL_KEY_SECRET.

Development may leave the setting empty; the key is then derived from SECRET_KEY (HKDF with a
different label), which production refuses at start-up. Nothing here ever puts key material
into an exception message, a log line or a repr."""

from __future__ import annotations

import base64
from datetime import datetime

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhijiang.common.errors import ApplicationError
from zhijiang.credentials.models import IssuerKey
from zhijiang_engine.credentials import IssuerSigningKey

_LABEL = b"zhijiang credential signing keys v1"
_DEVELOPMENT_LABEL = b"zhijiang credential signing keys v1 (development, from SECRET_KEY)"


def _fernet() -> Fernet:
    secret = str(getattr(settings, "CREDENTIAL_KEY_SECRET", "") or "")
    label = _LABEL
    if not secret:
        if getattr(settings, "PRODUCTION", False):
            raise ImproperlyConfigured("CREDENTIAL_KEY_SECRET is required in production")
        secret, label = settings.SECRET_KEY, _DEVELOPMENT_LABEL
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=label).derive(
        secret.encode("utf-8")
    )
    return Fernet(base64.urlsafe_b64encode(derived))


def encrypt_private_key(seed: bytes) -> str:
    """The Fernet token stored in ``IssuerKey.private_key_encrypted``."""
    return _fernet().encrypt(seed).decode("ascii")


def signing_key_of(key: IssuerKey) -> IssuerSigningKey:
    """The usable key pair of a stored key; a clear error when the secret no longer fits."""
    try:
        seed = _fernet().decrypt(key.private_key_encrypted.encode("ascii"))
    except InvalidToken:
        raise ApplicationError(
            _(
                "The signing key cannot be decrypted: CREDENTIAL_KEY_SECRET is not the one "
                "it was stored with."
            ),
            code="signing_key_unreadable",
        ) from None
    return IssuerSigningKey(issuer_id=key.issuer_uri, key_id=key.key_id, private_key=seed)


def whole_second_now() -> datetime:
    """Now, without microseconds: credentials state times to the second, and the key registry
    must compare the same values the credentials carry."""
    return timezone.now().replace(microsecond=0)
