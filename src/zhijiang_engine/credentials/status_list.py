"""Revocation through a W3C Bitstring Status List v1.0.

Bit ``i`` of the list (counting from the most significant bit of the first byte) is 1 when
the credential with ``statusListIndex`` i is revoked. The bitstring is GZIP-compressed and
written as a base64url multibase string; at least 131,072 bits, so that one set bit does not
say much about which of the many certificates it stands for."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from zhijiang_engine.credentials.dates import format_datetime
from zhijiang_engine.credentials.multibase import (
    base64url_multibase_decode,
    base64url_multibase_encode,
)

MIN_STATUS_LIST_BITS = 131_072
MAX_STATUS_LIST_BYTES = 16 * 1024 * 1024  # guards against decompression bombs
VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
STATUS_LIST_CREDENTIAL_TYPE = "BitstringStatusListCredential"
STATUS_ENTRY_TYPE = "BitstringStatusListEntry"
REVOCATION = "revocation"


class StatusListError(ValueError):
    """An encoded list that is not a GZIP bitstring of the minimum length."""


def encode_status_list(set_indices: Iterable[int], *, length: int = MIN_STATUS_LIST_BITS) -> str:
    """``encodedList`` for a bitstring of ``length`` bits with the given bits set."""
    if length < MIN_STATUS_LIST_BITS or length % 8:
        raise StatusListError(f"length must be a multiple of 8 and at least {MIN_STATUS_LIST_BITS}")
    bits = bytearray(length // 8)
    for index in set_indices:
        if not 0 <= index < length:
            raise StatusListError(f"status index {index} outside 0..{length - 1}")
        bits[index // 8] |= 0x80 >> (index % 8)
    # mtime=0 keeps the output reproducible, so re-publishing an unchanged list changes nothing.
    return base64url_multibase_encode(gzip.compress(bytes(bits), mtime=0))


def decode_status_list(encoded: str) -> bytes:
    """The uncompressed bitstring; raises StatusListError when malformed or too short."""
    try:
        compressed = base64url_multibase_decode(encoded)
        inflater = zlib.decompressobj(wbits=31)  # 31: expect a GZIP header
        bits = inflater.decompress(compressed, MAX_STATUS_LIST_BYTES)
        if inflater.unconsumed_tail or not inflater.eof:
            raise StatusListError("status list is truncated or larger than 16 MiB")
    except (ValueError, zlib.error) as error:
        raise StatusListError(f"encodedList is not a GZIP base64url bitstring: {error}") from None
    if len(bits) * 8 < MIN_STATUS_LIST_BITS:
        raise StatusListError(f"status list shorter than {MIN_STATUS_LIST_BITS} bits")
    return bits


def bit_is_set(bits: bytes, index: int) -> bool:
    """Whether bit ``index`` is 1; raises StatusListError past the end of the list."""
    if not 0 <= index < len(bits) * 8:
        raise StatusListError(f"statusListIndex {index} is outside the list")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def status_entry(*, list_credential_id: str, index: int) -> dict[str, str]:
    """The ``credentialStatus`` entry pointing at bit ``index`` of a revocation list."""
    return {
        "id": f"{list_credential_id}#{index}",
        "type": STATUS_ENTRY_TYPE,
        "statusPurpose": REVOCATION,
        "statusListIndex": str(index),
        "statusListCredential": list_credential_id,
    }


def status_list_credential(
    *,
    list_credential_id: str,
    issuer_id: str,
    revoked_indices: Iterable[int],
    valid_from: datetime,
    valid_until: datetime | None = None,
    length: int = MIN_STATUS_LIST_BITS,
) -> dict[str, Any]:
    """An unsigned BitstringStatusListCredential; sign it with ``add_proof`` like a badge."""
    credential: dict[str, Any] = {
        "@context": [VC_CONTEXT],
        "id": list_credential_id,
        "type": ["VerifiableCredential", STATUS_LIST_CREDENTIAL_TYPE],
        "issuer": issuer_id,
        "validFrom": format_datetime(valid_from),
        "credentialSubject": {
            "id": f"{list_credential_id}#list",
            "type": "BitstringStatusList",
            "statusPurpose": REVOCATION,
            "encodedList": encode_status_list(revoked_indices, length=length),
        },
    }
    if valid_until is not None:
        credential["validUntil"] = format_datetime(valid_until)
    return credential


def revocation_entry(document: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The credential's revocation status entry, if it has one (a list may hold several)."""
    status = document.get("credentialStatus")
    entries = status if isinstance(status, list) else [status]
    for entry in entries:
        if isinstance(entry, Mapping) and entry.get("statusPurpose") == REVOCATION:
            return entry
    return None
