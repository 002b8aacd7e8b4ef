"""Offline verification of skill certificates: a report of named checks, never an exception.

Checks, in order: ``structure`` (contexts, types, required fields), ``proof`` (every proof's
Ed25519 signature over the canonical document and proof configuration, eddsa-rdfc-2022 or
eddsa-jcs-2022), ``issuer_key`` (one proof's key is the issuer's, in the registry or the
issuer's own ``did:key``, and valid when the certificate was issued),
``revocation`` (the bit in a supplied, itself verified status list) and ``validity_period``
(validFrom/validUntil against ``now``)."""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from zhijiang_engine.credentials.dates import format_datetime, parse_datetime
from zhijiang_engine.credentials.did_key import did_key_controller, did_key_public_key
from zhijiang_engine.credentials.keys import KeyRegistry, RegisteredKey
from zhijiang_engine.credentials.multibase import MultibaseError
from zhijiang_engine.credentials.proof import proof_problem, proofs_of
from zhijiang_engine.credentials.rdfc import ContextLibrary
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
    contexts: ContextLibrary | None = None,
) -> VerificationReport:
    """Verify a skill certificate offline against a key registry and supplied status lists;
    rdfc proofs are canonicalized with ``contexts`` (default: the bundled VC and OB ones)."""
    return _verify(document, CREDENTIAL_KIND, _Trust(registry, contexts), now, status_lists)


@dataclass(frozen=True)
class _Trust:
    registry: KeyRegistry
    contexts: ContextLibrary | None


def _verify(
    document: object, kind: str, trust: _Trust, now: datetime, lists: Sequence[object]
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
        checks.append(_proof_check(document, trust))
        checks.append(_issuer_key_check(document, trust.registry))
        if kind == CREDENTIAL_KIND:
            checks.append(_revocation_check(document, trust, now, lists))
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


def _proof_check(document: Mapping[str, Any], trust: _Trust) -> Check:
    """Every proof must verify; a proof whose key cannot be found fails the check unless no
    proof's key can be found, when the issuer_key check reports the missing key."""
    checked: list[str] = []
    unresolved: list[str] = []
    for proof in proofs_of(document):
        method = proof["verificationMethod"]
        public_key, key_problem = _public_key(method, trust.registry)
        if key_problem is not None:
            return _failed(CheckName.PROOF, key_problem)
        if public_key is None:
            unresolved.append(method)
            continue
        problem = proof_problem(
            document, public_key=public_key, proof=proof, contexts=trust.contexts
        )
        if problem is not None:
            return _failed(CheckName.PROOF, problem)
        checked.append(method)
    if not checked:
        return _skipped(CheckName.PROOF, "no registered key to check the signature with")
    if unresolved:
        return _failed(CheckName.PROOF, f"cannot resolve verification method {unresolved[0]}")
    if len(checked) == 1:
        return _ok(CheckName.PROOF, f"signature valid for key {checked[0]}")
    return _ok(CheckName.PROOF, f"signatures valid for keys {', '.join(checked)}")


def _public_key(method: str, registry: KeyRegistry) -> tuple[bytes | None, str | None]:
    """The proof's public key from the registry or its did:key, and a problem if any."""
    registered = registry.find(method)
    try:
        embedded = did_key_public_key(method)
    except MultibaseError as error:
        return None, f"malformed did:key {method}: {error}"
    if registered is None:
        return embedded, None
    try:
        public_key = registered.public_key
    except MultibaseError as error:
        return None, f"registered key is malformed: {error}"
    if embedded is not None and embedded != public_key:
        return None, f"the registry's key for {method} is not the key the did:key names"
    return public_key, None


def _trusted_key(method: str, registry: KeyRegistry, issuer_id: str | None) -> RegisteredKey | None:
    """The registered key, or the issuer's own did:key (a DID controls the key it names)."""
    key = registry.find(method)
    if key is None and issuer_id is not None and did_key_controller(method) == issuer_id:
        multikey = issuer_id.split(":", 2)[2]
        key = RegisteredKey(issuer_id, method, multikey, datetime.min.replace(tzinfo=UTC))
    return key


def _issuer_key_check(document: Mapping[str, Any], registry: KeyRegistry) -> Check:
    """Find a proof by the issuer's key and check that the key was valid when it signed."""
    issuer_id = issuer_id_of(document)
    proofs = proofs_of(document)
    for proof in proofs:
        method = proof["verificationMethod"]
        key = _trusted_key(method, registry, issuer_id)
        if key is None or key.issuer_id != issuer_id:
            continue
        moments = [parse_datetime(document["validFrom"])]
        if "created" in proof:
            moments.append(parse_datetime(proof["created"]))
        for moment in moments:
            problem = key.problem_at(moment)
            if problem is not None:
                reason = f"{problem}; the certificate was signed {format_datetime(moment)}"
                return _failed(CheckName.ISSUER_KEY, reason)
        return _ok(CheckName.ISSUER_KEY, f"key {method} of {issuer_id} valid at issuance")
    method = proofs[0]["verificationMethod"]
    key = registry.find(method)
    if key is None:
        return _failed(CheckName.ISSUER_KEY, f"key {method} is not in the key registry")
    reason = f"key {method} belongs to {key.issuer_id}, not to the issuer {issuer_id}"
    return _failed(CheckName.ISSUER_KEY, reason)


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
    document: Mapping[str, Any], trust: _Trust, now: datetime, lists: Sequence[object]
) -> Check:
    entry = revocation_entry(document)
    if entry is None:
        return _skipped(CheckName.REVOCATION, "the certificate has no revocation status entry")
    list_id = entry["statusListCredential"]
    candidates = [item for item in lists if _credential_id(item) == list_id]
    if not candidates:
        return _skipped(CheckName.REVOCATION, f"status list {list_id} was not supplied")
    status_list = candidates[0]
    report = _verify(status_list, STATUS_LIST_KIND, trust, now, ())
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
