"""Data Integrity proofs with the ``eddsa-jcs-2022`` cryptosuite (W3C vc-di-eddsa 1.0).

The signed bytes are SHA-256(JCS(proof configuration)) ‖ SHA-256(JCS(document without
proof)); the signature is Ed25519 and ``proofValue`` is its base58btc multibase string."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from zhijiang_engine.credentials.dates import format_datetime, parse_datetime
from zhijiang_engine.credentials.jcs import CanonicalizationError, canonicalize
from zhijiang_engine.credentials.keys import IssuerSigningKey
from zhijiang_engine.credentials.multibase import (
    MultibaseError,
    base58btc_encode,
    multibase_base58_decode,
)

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-jcs-2022"
ASSERTION_METHOD = "assertionMethod"


def add_proof(
    document: Mapping[str, Any],
    *,
    key: IssuerSigningKey,
    created: datetime,
    proof_purpose: str = ASSERTION_METHOD,
) -> dict[str, Any]:
    """A copy of ``document`` with an eddsa-jcs-2022 proof made by ``key``."""
    unsecured = {name: value for name, value in document.items() if name != "proof"}
    options: dict[str, Any] = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": format_datetime(created),
        "verificationMethod": key.key_id,
        "proofPurpose": proof_purpose,
    }
    if "@context" in unsecured:
        options["@context"] = unsecured["@context"]
    signature = key.sign(hash_data(unsecured, options))
    return {**unsecured, "proof": {**options, "proofValue": "z" + base58btc_encode(signature)}}


def hash_data(unsecured: Mapping[str, Any], proof_options: Mapping[str, Any]) -> bytes:
    """The 64 bytes that are signed: proof-configuration hash then document hash."""
    return (
        hashlib.sha256(canonicalize(proof_options)).digest()
        + hashlib.sha256(canonicalize(unsecured)).digest()
    )


def proof_problem(secured: Mapping[str, Any], *, public_key: bytes) -> str | None:
    """Why the document's proof does not verify with ``public_key``, or None when it does.

    Follows the cryptosuite's Verify Proof algorithm; never raises on malformed input."""
    proof = secured.get("proof")
    if not isinstance(proof, Mapping):
        return "the credential has no single proof object"
    options = {name: value for name, value in proof.items() if name != "proofValue"}
    unsecured = {name: value for name, value in secured.items() if name != "proof"}
    if options.get("type") != PROOF_TYPE or options.get("cryptosuite") != CRYPTOSUITE:
        return f"proof is not a {PROOF_TYPE} with cryptosuite {CRYPTOSUITE}"
    if "created" in options:
        try:
            parse_datetime(options["created"])
        except ValueError as error:
            return f"proof 'created' is invalid: {error}"
    context_problem = _context_problem(unsecured, options)
    if context_problem:
        return context_problem
    try:
        signature = multibase_base58_decode(proof.get("proofValue"))
        data = hash_data(unsecured, options)
    except (MultibaseError, CanonicalizationError) as error:
        return f"proof cannot be checked: {error}"
    if len(signature) != 64:
        return "proofValue is not a 64-byte Ed25519 signature"
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, data)
    except (InvalidSignature, ValueError):
        return "signature does not match the document and proof configuration"
    return None


def _context_problem(unsecured: dict[str, Any], options: Mapping[str, Any]) -> str | None:
    """The proof's @context must be a prefix of the document's (vc-di-eddsa step 4)."""
    if "@context" not in options:
        return None
    proof_context, document_context = options["@context"], unsecured.get("@context")
    if not isinstance(proof_context, list) or not isinstance(document_context, list):
        return "proof @context and document @context must both be lists"
    if document_context[: len(proof_context)] != proof_context:
        return "the document @context does not start with the proof @context"
    unsecured["@context"] = proof_context
    return None
