"""Issuer signing keys and the key registry (trust list) a verifier checks signatures against.

Private keys are raw 32-byte Ed25519 seeds that the Django side stores encrypted; they never
appear in a repr, str or dict. Rotation adds a new key id and closes the old key's validity
window, so certificates signed before the rotation still verify."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from zhijiang_engine.credentials.dates import format_datetime, parse_datetime
from zhijiang_engine.credentials.multibase import multikey_to_public_key, public_key_to_multikey

REGISTRY_TYPE = "ZhijiangIssuerKeyRegistry"


class KeyRegistryError(ValueError):
    """A key registry document that does not follow the registry format."""


@dataclass(frozen=True)
class IssuerSigningKey:
    """An issuing organisation's Ed25519 key pair; ``key_id`` is the proof's verificationMethod."""

    issuer_id: str
    key_id: str
    private_key: bytes = field(repr=False)

    def __post_init__(self) -> None:
        if len(self.private_key) != 32:
            raise ValueError("an Ed25519 private key is a 32-byte seed")

    def __repr__(self) -> str:
        return (
            f"IssuerSigningKey(issuer_id={self.issuer_id!r}, key_id={self.key_id!r}, "
            f"public_key_multibase={self.public_key_multibase!r})"
        )

    __str__ = __repr__

    @property
    def public_key(self) -> bytes:
        """Raw 32-byte public key derived from the seed."""
        return (
            _private(self.private_key)
            .public_key()
            .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        )

    @property
    def public_key_multibase(self) -> str:
        """The public key as an Ed25519 Multikey (``z6Mk…``)."""
        return public_key_to_multikey(self.public_key)

    def sign(self, data: bytes) -> bytes:
        """64-byte Ed25519 signature of ``data``."""
        return _private(self.private_key).sign(data)

    def to_dict(self) -> dict[str, str]:
        """Public description of the key, without the private part."""
        return {
            "issuer": self.issuer_id,
            "id": self.key_id,
            "publicKeyMultibase": self.public_key_multibase,
        }


def _private(seed: bytes) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(seed)


def generate_signing_key(*, issuer_id: str, key_id: str) -> IssuerSigningKey:
    """A fresh key pair. Key material comes from the operating system's CSPRNG, never from a
    seeded generator, because a predictable signing key is a forgeable one."""
    seed = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    return IssuerSigningKey(issuer_id=issuer_id, key_id=key_id, private_key=seed)


@dataclass(frozen=True)
class RegisteredKey:
    """One public key in the registry with the window in which it may sign certificates.

    ``revoked`` marks a compromised key: nothing it signed is trusted any more, whatever the
    dates say, because whoever holds a stolen key can back-date a certificate."""

    issuer_id: str
    key_id: str
    public_key_multibase: str
    valid_from: datetime
    valid_until: datetime | None = None
    revoked: datetime | None = None

    @property
    def public_key(self) -> bytes:
        """Raw 32-byte public key; raises MultibaseError for a malformed Multikey."""
        return multikey_to_public_key(self.public_key_multibase)

    def problem_at(self, moment: datetime) -> str | None:
        """Why this key may not have signed at ``moment``, or None when it may have."""
        if self.revoked is not None:
            return f"key {self.key_id} was revoked at {format_datetime(self.revoked)}"
        if moment < self.valid_from:
            return f"key {self.key_id} is valid only from {format_datetime(self.valid_from)}"
        if self.valid_until is not None and moment >= self.valid_until:
            return f"key {self.key_id} was retired at {format_datetime(self.valid_until)}"
        return None

    def to_dict(self) -> dict[str, Any]:
        """The key as it appears in the registry JSON."""
        return {
            "id": self.key_id,
            "type": "Multikey",
            "controller": self.issuer_id,
            "publicKeyMultibase": self.public_key_multibase,
            "validFrom": format_datetime(self.valid_from),
            "validUntil": format_datetime(self.valid_until) if self.valid_until else None,
            "revoked": format_datetime(self.revoked) if self.revoked else None,
        }


@dataclass(frozen=True)
class KeyRegistry:
    """All issuers' public keys, old and current: what a verifier trusts, offline."""

    keys: tuple[RegisteredKey, ...] = ()
    issuer_names: tuple[tuple[str, str], ...] = ()

    def find(self, key_id: str) -> RegisteredKey | None:
        """The registered key with this id (a proof's verificationMethod), if any."""
        return next((key for key in self.keys if key.key_id == key_id), None)

    def keys_for(self, issuer_id: str) -> tuple[RegisteredKey, ...]:
        """Every key, current or retired, registered for one issuer."""
        return tuple(key for key in self.keys if key.issuer_id == issuer_id)

    def with_key(self, key: RegisteredKey) -> KeyRegistry:
        """The registry plus one key; a key id may be registered only once."""
        if self.find(key.key_id) is not None:
            raise KeyRegistryError(f"key id already registered: {key.key_id}")
        return dataclasses.replace(self, keys=(*self.keys, key))

    def rotate(self, new_key: IssuerSigningKey, *, at: datetime) -> KeyRegistry:
        """Retire the issuer's open keys at ``at`` and register ``new_key`` from ``at``."""
        closed = tuple(
            dataclasses.replace(key, valid_until=at)
            if key.issuer_id == new_key.issuer_id and key.valid_until is None
            else key
            for key in self.keys
        )
        return dataclasses.replace(self, keys=closed).with_key(registered_key(new_key, at=at))

    def revoke(self, key_id: str, *, at: datetime) -> KeyRegistry:
        """Mark a compromised key revoked; every signature it made stops verifying."""
        if self.find(key_id) is None:
            raise KeyRegistryError(f"no such key: {key_id}")
        keys = tuple(
            dataclasses.replace(key, revoked=at) if key.key_id == key_id else key
            for key in self.keys
        )
        return dataclasses.replace(self, keys=keys)

    def to_dict(self) -> dict[str, Any]:
        """The registry JSON the platform publishes and bundles with the CLI."""
        names = dict(self.issuer_names)
        issuer_ids = list(dict.fromkeys([*names, *(key.issuer_id for key in self.keys)]))
        return {
            "type": REGISTRY_TYPE,
            "version": 1,
            "issuers": [
                {
                    "id": issuer_id,
                    "name": names.get(issuer_id),
                    "keys": [key.to_dict() for key in self.keys_for(issuer_id)],
                }
                for issuer_id in issuer_ids
            ],
        }

    @classmethod
    def from_dict(cls, data: object) -> KeyRegistry:
        """Parse registry JSON; raises KeyRegistryError naming the first bad entry."""
        if not isinstance(data, Mapping) or data.get("type") != REGISTRY_TYPE:
            raise KeyRegistryError(f"not a key registry: expected type {REGISTRY_TYPE}")
        issuers = data.get("issuers")
        if not isinstance(issuers, list):
            raise KeyRegistryError("'issuers' must be a list")
        registry = cls()
        names: list[tuple[str, str]] = []
        for position, issuer in enumerate(issuers):
            issuer_id, name, keys = _issuer_entry(issuer, position)
            if name:
                names.append((issuer_id, name))
            for key in keys:
                registry = registry.with_key(_key_entry(key, issuer_id))
        return dataclasses.replace(registry, issuer_names=tuple(names))


def registered_key(key: IssuerSigningKey, *, at: datetime) -> RegisteredKey:
    """The public registry entry for a newly generated key, valid from ``at``."""
    return RegisteredKey(
        issuer_id=key.issuer_id,
        key_id=key.key_id,
        public_key_multibase=key.public_key_multibase,
        valid_from=at,
    )


def _issuer_entry(issuer: object, position: int) -> tuple[str, str | None, list[object]]:
    if not isinstance(issuer, Mapping) or not isinstance(issuer.get("id"), str):
        raise KeyRegistryError(f"issuers[{position}] needs a string 'id'")
    keys = issuer.get("keys", [])
    name = issuer.get("name")
    if not isinstance(keys, list) or not (name is None or isinstance(name, str)):
        raise KeyRegistryError(f"issuers[{position}]: 'keys' must be a list, 'name' a string")
    return issuer["id"], name, keys


def _key_entry(key: object, issuer_id: str) -> RegisteredKey:
    if not isinstance(key, Mapping):
        raise KeyRegistryError(f"{issuer_id}: each key must be an object")
    key_id, multikey = key.get("id"), key.get("publicKeyMultibase")
    if not isinstance(key_id, str) or not isinstance(multikey, str):
        raise KeyRegistryError(f"{issuer_id}: a key needs string 'id' and 'publicKeyMultibase'")
    controller = key.get("controller", issuer_id)
    if controller != issuer_id:
        raise KeyRegistryError(f"{key_id}: controller {controller!r} is not {issuer_id}")
    try:
        multikey_to_public_key(multikey)
        valid_from = parse_datetime(key.get("validFrom"))
        valid_until = _optional_datetime(key.get("validUntil"))
        revoked = _optional_datetime(key.get("revoked"))
    except ValueError as error:
        raise KeyRegistryError(f"{key_id}: {error}") from None
    return RegisteredKey(issuer_id, key_id, multikey, valid_from, valid_until, revoked)


def _optional_datetime(value: object) -> datetime | None:
    return None if value is None else parse_datetime(value)
