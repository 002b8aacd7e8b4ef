"""Base58btc and base64url multibase strings, and Ed25519 public keys as Multikey values.

A Multikey public key is ``z`` + base58btc(0xed 0x01 + 32 key bytes), which is why every
Ed25519 Multikey starts with ``z6Mk``."""

from __future__ import annotations

import base64
import binascii

BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BASE58_INDEX = {char: index for index, char in enumerate(BASE58_ALPHABET)}
ED25519_PUBLIC_PREFIX = b"\xed\x01"
ED25519_PRIVATE_PREFIX = b"\x80\x26"


class MultibaseError(ValueError):
    """A string that is not the expected multibase or Multikey encoding."""


def base58btc_encode(data: bytes) -> str:
    """Bitcoin-alphabet base58: each leading zero byte becomes a leading ``1``."""
    zeros = len(data) - len(data.lstrip(b"\0"))
    number = int.from_bytes(data, "big")
    chars: list[str] = []
    while number:
        number, remainder = divmod(number, 58)
        chars.append(BASE58_ALPHABET[remainder])
    return "1" * zeros + "".join(reversed(chars))


def base58btc_decode(text: str) -> bytes:
    """Inverse of :func:`base58btc_encode`; raises MultibaseError on a foreign character."""
    if len(text) > 4096:
        raise MultibaseError("base58 string too long")
    number = 0
    for char in text:
        if char not in _BASE58_INDEX:
            raise MultibaseError(f"not a base58btc character: {char!r}")
        number = number * 58 + _BASE58_INDEX[char]
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + body


def multibase_base58_decode(text: object) -> bytes:
    """Bytes of a ``z``-prefixed (base58btc) multibase string."""
    if not isinstance(text, str) or not text.startswith("z"):
        raise MultibaseError("expected a base58btc multibase string starting with 'z'")
    return base58btc_decode(text[1:])


def base64url_multibase_encode(data: bytes) -> str:
    """``u`` + unpadded base64url, the multibase form the Bitstring Status List uses."""
    return "u" + base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def base64url_multibase_decode(text: object) -> bytes:
    """Inverse of :func:`base64url_multibase_encode`; tolerates missing padding only."""
    if not isinstance(text, str) or not text.startswith("u"):
        raise MultibaseError("expected a base64url multibase string starting with 'u'")
    body = text[1:]
    if not body.isascii() or any(char in "+/=" for char in body):
        raise MultibaseError("not unpadded base64url")
    try:
        return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except (binascii.Error, ValueError) as error:
        raise MultibaseError(f"bad base64url: {error}") from None


def public_key_to_multikey(public_key: bytes) -> str:
    """The Multikey ``publicKeyMultibase`` of a raw 32-byte Ed25519 public key."""
    if len(public_key) != 32:
        raise MultibaseError("an Ed25519 public key is 32 bytes")
    return "z" + base58btc_encode(ED25519_PUBLIC_PREFIX + public_key)


def multikey_to_public_key(multikey: str) -> bytes:
    """The raw 32-byte Ed25519 public key inside a ``z6Mk…`` Multikey string."""
    data = multibase_base58_decode(multikey)
    if len(data) != 34 or not data.startswith(ED25519_PUBLIC_PREFIX):
        raise MultibaseError("not an Ed25519 Multikey (0xed01 + 32 bytes)")
    return data[2:]


def private_key_to_multikey(private_key: bytes) -> str:
    """``secretKeyMultibase`` form (0x8026 + 32-byte seed), for test vectors and backups."""
    if len(private_key) != 32:
        raise MultibaseError("an Ed25519 private key is 32 bytes")
    return "z" + base58btc_encode(ED25519_PRIVATE_PREFIX + private_key)


def multikey_to_private_key(multikey: str) -> bytes:
    """The 32-byte Ed25519 seed inside a ``secretKeyMultibase`` string."""
    data = multibase_base58_decode(multikey)
    if len(data) != 34 or not data.startswith(ED25519_PRIVATE_PREFIX):
        raise MultibaseError("not an Ed25519 secret Multikey (0x8026 + 32 bytes)")
    return data[2:]
