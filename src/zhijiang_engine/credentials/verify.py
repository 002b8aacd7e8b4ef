"""Offline verification of skill certificates: a report of named checks, never an exception.

Checks, in order: ``structure`` (contexts, types, required fields), ``proof`` (the Ed25519
signature over the JCS-canonical document and proof configuration), ``issuer_key`` (the
proof's key is the issuer's, in the registry, and valid when the certificate was issued),
``revocation`` (the bit in a supplied, itself verified status list) and ``validity_period``
(validFrom/validUntil against ``now``)."""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from zhijiang_engine.credentials.dates import format_datetime, parse_datetime
from zhijiang_engine.credentials.keys import KeyRegistry, RegisteredKey
from zhijiang_engine.credentials.multibase import MultibaseError
from zhijiang_engine.credentials.proof import proof_problem
from zhijiang_engine.credentials.status_list import (
    StatusListError,
    bit_is_set,
    decode_status_list,
    revocation_entry,
)
from zhijiang_engine.credentials.structure import (
    CREDENTIAL_KIND,
    STATUS_LIST_KIND,
    issuer_id_of,
    structure_problem,
)


class CheckStatus(enum.StrEnum):
    OK = "ok"
    FAILED = "failed"
    SKIPPED = "skipped"


class CheckName(enum.StrEnum):
    STRUCTURE = "structure"
    PROOF = "proof"
    ISSUER_KEY = "issuer_key"
    REVOCATION = "revocation"
    VALIDITY_PERIOD = "validity_period"
    PAIRING = "pairing"


@dataclass(frozen=True)
class Check:
    """One verification step and its outcome, with a reason a person can read."""

    name: CheckName
    status: CheckStatus
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"check": self.name.value, "status": self.status.value, "reason": self.reason}


@dataclass(frozen=True)
class VerificationReport:
    """All checks for one credential; valid when none failed (skipped checks do not fail)."""

    credential_id: str | None
    checks: tuple[Check, ...]

    @property
    def valid(self) -> bool:
        return not self.failed_checks

    @property
    def failed_checks(self) -> tuple[Check, ...]:
        return tuple(check for check in self.checks if check.status is CheckStatus.FAILED)

    def check(self, name: CheckName) -> Check:
        """The outcome of one named check."""
        return next(check for check in self.checks if check.name is name)

    def to_dict(self) -> dict[str, Any]:
        return {
            "credential": self.credential_id,
            "valid": self.valid,
            "checks": [check.to_dict() for check in self.checks],
        }


def _ok(name: CheckName, reason: str) -> Check:
    return Check(name, CheckStatus.OK, reason)


def _failed(name: CheckName, reason: str) -> Check:
    return Check(name, CheckStatus.FAILED, reason)


def _skipped(name: CheckName, reason: str) -> Check:
    return Check(name, CheckStatus.SKIPPED, reason)


def verify_credential(
    document: object,
    *,
    registry: KeyRegistry,
    now: datetime,
    status_lists: Sequence[object] = (),
) -> VerificationReport:
    """Verify a skill certificate offline against a key registry and supplied status lists."""
    return _verify(document, CREDENTIAL_KIND, registry, now, status_lists)


def _verify(
    document: object, kind: str, registry: KeyRegistry, now: datetime, lists: Sequence[object]
) -> VerificationReport:
    credential_id = _credential_id(document)
    checks: list[Check] = []
    try:
        problem = structure_problem(document, kind)
        if problem is not None or not isinstance(document, Mapping):
            checks.append(_failed(CheckName.STRUCTURE, problem or "not a JSON object"))
            later = (CheckName.PROOF, CheckName.ISSUER_KEY, CheckName.REVOCATION)
            skipped = [_skipped(name, "structure check failed") for name in later]
            return VerificationReport(credential_id, (*checks, *skipped, *_skip_period()))
        checks.append(_ok(CheckName.STRUCTURE, f"a well-formed {kind}"))
        key, key_check = _issuer_key_check(document, registry)
        checks.append(_proof_check(document, key))
        checks.append(key_check)
        if kind == CREDENTIAL_KIND:
            checks.append(_revocation_check(document, registry, now, lists))
        checks.append(_validity_check(document, now))
    except Exception as error:  # last resort: a verifier must report, not crash
        checks.append(_failed(CheckName.STRUCTURE, f"unexpected error: {error!r}"[:300]))
    return VerificationReport(credential_id, tuple(checks))


def _skip_period() -> tuple[Check, ...]:
    return (_skipped(CheckName.VALIDITY_PERIOD, "structure check failed"),)


def _credential_id(document: object) -> str | None:
    if isinstance(document, Mapping) and isinstance(document.get("id"), str):
        return str(document["id"])
    return None


def _proof_check(document: Mapping[str, Any], key: RegisteredKey | None) -> Check:
    if key is None:
        return _skipped(CheckName.PROOF, "no registered key to check the signature with")
    try:
        problem = proof_problem(document, public_key=key.public_key)
    except MultibaseError as error:
        return _failed(CheckName.PROOF, f"registered key is malformed: {error}")
    if problem is not None:
        return _failed(CheckName.PROOF, problem)
    return _ok(CheckName.PROOF, f"signature valid for key {key.key_id}")


def _issuer_key_check(
    document: Mapping[str, Any], registry: KeyRegistry
) -> tuple[RegisteredKey | None, Check]:
    """Find the proof's key and check it is the issuer's and was valid when it signed."""
    issuer_id = issuer_id_of(document)
    method = document["proof"]["verificationMethod"]
    key = registry.find(method)
    if key is None:
        return None, _failed(CheckName.ISSUER_KEY, f"key {method} is not in the key registry")
    if key.issuer_id != issuer_id:
        reason = f"key {method} belongs to {key.issuer_id}, not to the issuer {issuer_id}"
        return key, _failed(CheckName.ISSUER_KEY, reason)
    moments = [parse_datetime(document["validFrom"])]
    if "created" in document["proof"]:
        moments.append(parse_datetime(document["proof"]["created"]))
    for moment in moments:
        problem = key.problem_at(moment)
        if problem is not None:
            reason = f"{problem}; the certificate was signed {format_datetime(moment)}"
            return key, _failed(CheckName.ISSUER_KEY, reason)
    return key, _ok(CheckName.ISSUER_KEY, f"key {method} of {issuer_id} valid at issuance")


def _validity_check(document: Mapping[str, Any], now: datetime) -> Check:
    valid_from = parse_datetime(document["validFrom"])
    if now < valid_from:
        return _failed(CheckName.VALIDITY_PERIOD, f"not valid before {document['validFrom']}")
    if "validUntil" in document:
        if now >= parse_datetime(document["validUntil"]):
            return _failed(CheckName.VALIDITY_PERIOD, f"expired at {document['validUntil']}")
        return _ok(CheckName.VALIDITY_PERIOD, f"valid until {document['validUntil']}")
    return _ok(CheckName.VALIDITY_PERIOD, "valid, with no expiry date")


def _revocation_check(
    document: Mapping[str, Any], registry: KeyRegistry, now: datetime, lists: Sequence[object]
) -> Check:
    entry = revocation_entry(document)
    if entry is None:
        return _skipped(CheckName.REVOCATION, "the certificate has no revocation status entry")
    list_id = entry["statusListCredential"]
    candidates = [item for item in lists if _credential_id(item) == list_id]
    if not candidates:
        return _skipped(CheckName.REVOCATION, f"status list {list_id} was not supplied")
    status_list = candidates[0]
    report = _verify(status_list, STATUS_LIST_KIND, registry, now, ())
    if not report.valid:
        failed = "; ".join(f"{c.name.value}: {c.reason}" for c in report.failed_checks)
        return _failed(CheckName.REVOCATION, f"status list {list_id} is not valid: {failed}")
    assert isinstance(status_list, Mapping)  # a valid report implies an object
    if issuer_id_of(status_list) != issuer_id_of(document):
        return _failed(CheckName.REVOCATION, f"status list {list_id} has a different issuer")
    index = int(entry["statusListIndex"])
    try:
        bits = decode_status_list(status_list["credentialSubject"]["encodedList"])
        revoked = bit_is_set(bits, index)
    except StatusListError as error:
        return _failed(CheckName.REVOCATION, f"status list {list_id}: {error}")
    if revoked:
        return _failed(CheckName.REVOCATION, f"revoked (bit {index} of {list_id} is set)")
    return _ok(CheckName.REVOCATION, f"not revoked (bit {index} of {list_id} is clear)")
