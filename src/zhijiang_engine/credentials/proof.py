"""Data Integrity proofs with the ``eddsa-rdfc-2022`` and ``eddsa-jcs-2022`` cryptosuites
(W3C vc-di-eddsa 1.0).

The signed bytes are SHA-256(canonical proof configuration) ‖ SHA-256(canonical document
without proof), canonical meaning RDFC-1.0 N-Quads (rdfc) or RFC 8785 JSON (jcs); the
signature is Ed25519 and ``proofValue`` is its base58btc multibase string. We issue rdfc,
which 1EdTech's Open Badges 3.0 certification requires of linked-data proofs, and verify
both. ``proof`` is written as a one-element array (the OB 3.0 JSON Schema requires an array)
and read as an object or an array."""

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
from zhijiang_engine.credentials.rdfc import (
    ContextLibrary,
    RdfcError,
    bundled_contexts,
    canonical_nquads,
)

PROOF_TYPE = "DataIntegrityProof"
RDFC_CRYPTOSUITE = "eddsa-rdfc-2022"
JCS_CRYPTOSUITE = "eddsa-jcs-2022"
CRYPTOSUITES = (RDFC_CRYPTOSUITE, JCS_CRYPTOSUITE)
ASSERTION_METHOD = "assertionMethod"


def proofs_of(document: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The document's proofs, whether ``proof`` is one object or an array; non-objects are
    left out (the structure check reports them)."""
    proof = document.get("proof")
    items = proof if isinstance(proof, list) else [proof]
    return [item for item in items if isinstance(item, Mapping)]


def add_proof(
    document: Mapping[str, Any],
    *,
    key: IssuerSigningKey,
    created: datetime,
    proof_purpose: str = ASSERTION_METHOD,
    cryptosuite: str = RDFC_CRYPTOSUITE,
    contexts: ContextLibrary | None = None,
) -> dict[str, Any]:
    """A copy of ``document`` whose ``proof`` is one proof made by ``key`` (any earlier proof
    is replaced). Raises RdfcError when an rdfc document uses a context not in ``contexts``."""
    if cryptosuite not in CRYPTOSUITES:
        raise ValueError(f"cryptosuite must be one of {CRYPTOSUITES}")
    unsecured = {name: value for name, value in document.items() if name != "proof"}
    options: dict[str, Any] = {
        "type": PROOF_TYPE,
        "cryptosuite": cryptosuite,
        "created": format_datetime(created),
        "verificationMethod": key.key_id,
        "proofPurpose": proof_purpose,
    }
    if cryptosuite == JCS_CRYPTOSUITE and "@context" in unsecured:
        options["@context"] = unsecured["@context"]
    signature = key.sign(hash_data(unsecured, options, contexts=contexts))
    return {**unsecured, "proof": [{**options, "proofValue": "z" + base58btc_encode(signature)}]}


def hash_data(
    unsecured: Mapping[str, Any],
    proof_options: Mapping[str, Any],
    *,
    contexts: ContextLibrary | None = None,
) -> bytes:
    """The 64 bytes that are signed: proof-configuration hash then document hash, each
    canonicalized the way ``proof_options['cryptosuite']`` says."""
    if proof_options.get("cryptosuite") == RDFC_CRYPTOSUITE:
        library = contexts or bundled_contexts()
        config = {**proof_options}
        if "@context" in unsecured:
            config["@context"] = unsecured["@context"]
        return (
            hashlib.sha256(canonical_nquads(config, contexts=library).encode()).digest()
            + hashlib.sha256(canonical_nquads(unsecured, contexts=library).encode()).digest()
        )
    return (
        hashlib.sha256(canonicalize(proof_options)).digest()
        + hashlib.sha256(canonicalize(unsecured)).digest()
    )


def proof_problem(
    secured: Mapping[str, Any],
    *,
    public_key: bytes,
    proof: Mapping[str, Any] | None = None,
    contexts: ContextLibrary | None = None,
) -> str | None:
    """Why ``proof`` (by default the document's only proof) does not verify with
    ``public_key``, or None when it does.

    Follows the cryptosuites' Verify Proof algorithm; never raises on malformed input."""
    if proof is None:
        value = secured.get("proof")
        found = value if isinstance(value, list) else [value]
        if len(found) != 1 or not isinstance(found[0], Mapping):
            return "the credential has no single proof object"
        proof = found[0]
    options = {name: value for name, value in proof.items() if name != "proofValue"}
    unsecured = {name: value for name, value in secured.items() if name != "proof"}
    if options.get("type") != PROOF_TYPE or options.get("cryptosuite") not in CRYPTOSUITES:
        return f"proof is not a {PROOF_TYPE} with cryptosuite {' or '.join(CRYPTOSUITES)}"
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
        data = hash_data(unsecured, options, contexts=contexts)
    except (MultibaseError, CanonicalizationError, RdfcError) as error:
        return f"proof cannot be checked: {error}"
    if len(signature) != 64:
        return "proofValue is not a 64-byte Ed25519 signature"
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, data)
    except (InvalidSignature, ValueError):
        return "signature does not match the document and proof configuration"
    return None


def _context_problem(unsecured: dict[str, Any], options: dict[str, Any]) -> str | None:
    """The proof's @context must be a prefix of the document's (vc-di-eddsa, Verify Proof);
    the document is then checked under the proof's context."""
    if "@context" not in options:
        return None
    proof_context, document_context = options["@context"], unsecured.get("@context")
    if not isinstance(proof_context, list) or not isinstance(document_context, list):
        return "proof @context and document @context must both be lists"
    if document_context[: len(proof_context)] != proof_context:
        return "the document @context does not start with the proof @context"
    unsecured["@context"] = proof_context
    if options.get("cryptosuite") == RDFC_CRYPTOSUITE:
        del options["@context"]  # the proof configuration takes the document's context
    return None
