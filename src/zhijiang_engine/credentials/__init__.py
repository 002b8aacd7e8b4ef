"""Verifiable skill certificates: Open Badges 3.0 / W3C VC 2.0 credentials signed with
Ed25519 (Data Integrity: issued with eddsa-rdfc-2022, verified with it or eddsa-jcs-2022),
revocable through a Bitstring Status List, and verifiable offline against a key registry.
See docs/credentials.md."""

from zhijiang_engine.credentials.badge import (
    OB_CONTEXT,
    SKILL_LEVELS,
    TECHNICAL_SKILL_LEVELS,
    VC_CONTEXT,
    Alignment,
    CertificateClaim,
    Occupation,
    SkillLevel,
    StatusPointer,
    achievement_id,
    skill_level,
    skill_levels,
    unsigned_certificate,
)
from zhijiang_engine.credentials.did_key import did_key_public_key
from zhijiang_engine.credentials.dual import (
    DualVerificationReport,
    dual_certificate,
    verify_dual_certificate,
)
from zhijiang_engine.credentials.jcs import CanonicalizationError, canonicalize
from zhijiang_engine.credentials.keys import (
    IssuerSigningKey,
    KeyRegistry,
    KeyRegistryError,
    RegisteredKey,
    generate_signing_key,
    registered_key,
)
from zhijiang_engine.credentials.multibase import (
    MultibaseError,
    base58btc_decode,
    base58btc_encode,
    multikey_to_public_key,
    public_key_to_multikey,
)
from zhijiang_engine.credentials.proof import (
    CRYPTOSUITES,
    JCS_CRYPTOSUITE,
    RDFC_CRYPTOSUITE,
    add_proof,
    proof_problem,
    proofs_of,
)
from zhijiang_engine.credentials.rdfc import (
    ContextLibrary,
    RdfcError,
    bundled_contexts,
    canonical_nquads,
)
from zhijiang_engine.credentials.status_list import (
    MIN_STATUS_LIST_BITS,
    StatusListError,
    bit_is_set,
    decode_status_list,
    encode_status_list,
    status_entry,
    status_list_credential,
)
from zhijiang_engine.credentials.verify import (
    Check,
    CheckName,
    CheckStatus,
    VerificationReport,
    verify_credential,
)

__all__ = [
    "CRYPTOSUITES",
    "JCS_CRYPTOSUITE",
    "MIN_STATUS_LIST_BITS",
    "OB_CONTEXT",
    "RDFC_CRYPTOSUITE",
    "SKILL_LEVELS",
    "TECHNICAL_SKILL_LEVELS",
    "VC_CONTEXT",
    "Alignment",
    "CanonicalizationError",
    "CertificateClaim",
    "Check",
    "CheckName",
    "CheckStatus",
    "ContextLibrary",
    "DualVerificationReport",
    "IssuerSigningKey",
    "KeyRegistry",
    "KeyRegistryError",
    "MultibaseError",
    "Occupation",
    "RdfcError",
    "RegisteredKey",
    "SkillLevel",
    "StatusListError",
    "StatusPointer",
    "VerificationReport",
    "achievement_id",
    "add_proof",
    "base58btc_decode",
    "base58btc_encode",
    "bit_is_set",
    "bundled_contexts",
    "canonical_nquads",
    "canonicalize",
    "decode_status_list",
    "did_key_public_key",
    "dual_certificate",
    "encode_status_list",
    "generate_signing_key",
    "multikey_to_public_key",
    "proof_problem",
    "proofs_of",
    "public_key_to_multikey",
    "registered_key",
    "skill_level",
    "skill_levels",
    "status_entry",
    "status_list_credential",
    "unsigned_certificate",
    "verify_credential",
    "verify_dual_certificate",
]
