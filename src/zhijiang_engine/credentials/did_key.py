"""``did:key`` verification methods for Ed25519 (W3C CCG did:key method, Multikey form).

``did:key:z6Mk…#z6Mk…`` carries its own public key: the method-specific id is the Multikey,
and the fragment, when present, must repeat it. Resolving one needs no network and no
registry; whether to *trust* the key is still the verifier's decision."""

from __future__ import annotations

from zhijiang_engine.credentials.multibase import MultibaseError, multikey_to_public_key

DID_KEY_PREFIX = "did:key:"


def did_key_controller(verification_method: str) -> str | None:
    """The DID (``did:key:z6Mk…``) a did:key verification method belongs to, else None."""
    if not verification_method.startswith(DID_KEY_PREFIX):
        return None
    did, _, _ = verification_method.partition("#")
    return did


def did_key_public_key(verification_method: str) -> bytes | None:
    """The raw Ed25519 public key of a did:key verification method; None for any other
    method. Raises MultibaseError for a did:key that is not a well-formed Ed25519 key."""
    did = did_key_controller(verification_method)
    if did is None:
        return None
    multikey = did.removeprefix(DID_KEY_PREFIX)
    _, hash_mark, fragment = verification_method.partition("#")
    if hash_mark and fragment != multikey:
        raise MultibaseError("a did:key verification method's fragment must be its key")
    return multikey_to_public_key(multikey)
