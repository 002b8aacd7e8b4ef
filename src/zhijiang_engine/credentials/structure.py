"""The shape a certificate or status list credential must have before any cryptography runs.

Everything the later checks read is validated here, so they can index into the document
without guarding every access."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from zhijiang_engine.credentials.badge import OB_CONTEXT, VC_CONTEXT
from zhijiang_engine.credentials.dates import parse_datetime
from zhijiang_engine.credentials.proof import ASSERTION_METHOD, CRYPTOSUITES, PROOF_TYPE
from zhijiang_engine.credentials.status_list import (
    REVOCATION,
    STATUS_ENTRY_TYPE,
    STATUS_LIST_CREDENTIAL_TYPE,
)

CREDENTIAL_KIND = "OpenBadgeCredential"
STATUS_LIST_KIND = STATUS_LIST_CREDENTIAL_TYPE
# Each proof costs a canonicalization; a verifier bounds how many it will check.
MAX_PROOFS = 4
_INDEX = re.compile(r"[0-9]{1,9}", re.ASCII)


def issuer_id_of(document: Mapping[str, Any]) -> str | None:
    """The issuer's id, whether ``issuer`` is a URL string or a Profile object."""
    issuer = document.get("issuer")
    if isinstance(issuer, Mapping):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else None


def _types(value: object) -> list[object]:
    return value if isinstance(value, list) else [value]


def structure_problem(document: object, kind: str) -> str | None:
    """What is wrong with the document's structure for ``kind``, or None if nothing is."""
    if not isinstance(document, Mapping):
        return "the credential is not a JSON object"
    for problem in (
        _common_problem(document, kind),
        _proof_shape_problem(document.get("proof")),
        _subject_problem(document) if kind == CREDENTIAL_KIND else _list_problem(document),
        _status_problem(document.get("credentialStatus")),
    ):
        if problem is not None:
            return problem
    return None


def _common_problem(document: Mapping[str, Any], kind: str) -> str | None:
    context = document.get("@context")
    if not isinstance(context, list) or not context or context[0] != VC_CONTEXT:
        return f"@context must be a list starting with {VC_CONTEXT}"
    if kind == CREDENTIAL_KIND and OB_CONTEXT not in context:
        return f"@context must include {OB_CONTEXT}"
    types = _types(document.get("type"))
    if "VerifiableCredential" not in types or kind not in types:
        return f"type must include VerifiableCredential and {kind}"
    if not isinstance(document.get("id"), str):
        return "the credential needs a string id"
    if issuer_id_of(document) is None:
        return "issuer must be a URL or an object with an id"
    for name in ("validFrom", "validUntil"):
        if name == "validFrom" or name in document:
            try:
                parse_datetime(document.get(name))
            except ValueError as error:
                return f"{name}: {error}"
    return None


def _proof_shape_problem(value: object) -> str | None:
    proofs = value if isinstance(value, list) else [value]
    if not proofs or len(proofs) > MAX_PROOFS:
        return f"the credential needs one to {MAX_PROOFS} proofs"
    for proof in proofs:
        problem = _one_proof_problem(proof)
        if problem is not None:
            return problem
    return None


def _one_proof_problem(proof: object) -> str | None:
    if not isinstance(proof, Mapping):
        return "each proof must be an object"
    if proof.get("type") != PROOF_TYPE or proof.get("cryptosuite") not in CRYPTOSUITES:
        return f"proof must be a {PROOF_TYPE} with cryptosuite {' or '.join(CRYPTOSUITES)}"
    if proof.get("proofPurpose") != ASSERTION_METHOD:
        return f"proofPurpose must be {ASSERTION_METHOD}"
    if not isinstance(proof.get("verificationMethod"), str):
        return "proof needs a verificationMethod"
    if not isinstance(proof.get("proofValue"), str):
        return "proof needs a proofValue"
    if "created" in proof:
        try:
            parse_datetime(proof["created"])
        except ValueError as error:
            return f"proof created: {error}"
    return None


def _subject_problem(document: Mapping[str, Any]) -> str | None:
    subject = document.get("credentialSubject")
    if not isinstance(subject, Mapping) or "AchievementSubject" not in _types(subject.get("type")):
        return "credentialSubject must be an AchievementSubject object"
    achievement = subject.get("achievement")
    if not isinstance(achievement, Mapping) or "Achievement" not in _types(achievement.get("type")):
        return "credentialSubject.achievement must be an Achievement object"
    if not isinstance(achievement.get("id"), str) or not isinstance(achievement.get("name"), str):
        return "the achievement needs a string id and name"
    criteria = achievement.get("criteria")
    if not isinstance(criteria, Mapping):
        return "the achievement needs criteria"
    return None


def _list_problem(document: Mapping[str, Any]) -> str | None:
    subject = document.get("credentialSubject")
    if not isinstance(subject, Mapping) or subject.get("type") != "BitstringStatusList":
        return "credentialSubject must be a BitstringStatusList"
    if subject.get("statusPurpose") != REVOCATION:
        return f"the status list's statusPurpose must be {REVOCATION}"
    if not isinstance(subject.get("encodedList"), str):
        return "the status list needs an encodedList string"
    return None


def _status_problem(status: object) -> str | None:
    if status is None:
        return None
    for entry in status if isinstance(status, list) else [status]:
        if not isinstance(entry, Mapping) or entry.get("type") != STATUS_ENTRY_TYPE:
            return f"each credentialStatus must be a {STATUS_ENTRY_TYPE}"
        if not isinstance(entry.get("statusPurpose"), str):
            return "credentialStatus needs a statusPurpose"
        index = entry.get("statusListIndex")
        if not isinstance(index, str) or not _INDEX.fullmatch(index):
            return "statusListIndex must be a string of up to nine digits"
        if not isinstance(entry.get("statusListCredential"), str):
            return "statusListCredential must be a URL string"
    return None
