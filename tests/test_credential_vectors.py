"""Certificates against official material: the W3C vc-di-eddsa test vectors (eddsa-jcs-2022
and eddsa-rdfc-2022), 1EdTech's signed Open Badges 3.0 example, and 1EdTech's
AchievementCredential JSON Schema (tests/data/vc_vectors, see SOURCE.txt there)."""

from __future__ import annotations

import copy
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from zhijiang_engine.credentials import (
    JCS_CRYPTOSUITE,
    RDFC_CRYPTOSUITE,
    CertificateClaim,
    CheckName,
    CheckStatus,
    IssuerSigningKey,
    KeyRegistry,
    Occupation,
    RdfcError,
    RegisteredKey,
    StatusPointer,
    add_proof,
    bundled_contexts,
    canonical_nquads,
    did_key_public_key,
    multikey_to_public_key,
    proof_problem,
    unsigned_certificate,
    verify_credential,
)
from zhijiang_engine.credentials.multibase import multikey_to_private_key

VECTORS = Path(__file__).parent / "data" / "vc_vectors"
EXAMPLES_CONTEXT = "https://www.w3.org/ns/credentials/examples/v2"
CITIZENSHIP_CONTEXT = "https://w3id.org/citizenship/v4rc1"
VECTOR_KEY = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
VECTOR_METHOD = f"did:key:{VECTOR_KEY}#{VECTOR_KEY}"
OB_EXAMPLE_KEY = "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi"
ISSUER = "https://zhijiang.example/orgs/hz-skills-centre"


def _load(name: str) -> Any:
    return json.loads((VECTORS / name).read_text(encoding="utf-8"))


CONTEXTS = bundled_contexts().with_documents(
    {
        EXAMPLES_CONTEXT: _load("examples-v2.jsonld"),
        CITIZENSHIP_CONTEXT: _load("citizenship-v4rc1.jsonld"),
    }
)
SIGNED = {
    JCS_CRYPTOSUITE: "TestVectors_eddsa-jcs-2022_signedJCS.json",
    RDFC_CRYPTOSUITE: "TestVectors_eddsa-rdfc-2022_signedDataInt.json",
}
EMPLOYMENT = "TestVectors_eddsa-rdfc-2022_employ_signedDataInt.json"
# Each signed W3C vector, with the suite its proof names and a claim a forger would change.
W3C_VECTORS = {
    "jcs": (SIGNED[JCS_CRYPTOSUITE], JCS_CRYPTOSUITE, ("alumniOf", "The School of Forgeries")),
    "rdfc": (SIGNED[RDFC_CRYPTOSUITE], RDFC_CRYPTOSUITE, ("alumniOf", "The School of Forgeries")),
    "rdfc-employment": (EMPLOYMENT, RDFC_CRYPTOSUITE, ("birthCountry", "Atlantis")),
}
# The published canonical N-Quads of the document and of the proof configuration.
CANONICAL_FORMS = {
    "rdfc": (
        SIGNED[RDFC_CRYPTOSUITE],
        "TestVectors_eddsa-rdfc-2022_canonDocDataInt.txt",
        "TestVectors_eddsa-rdfc-2022_proofCanonDataInt.txt",
    ),
    "rdfc-employment": (
        EMPLOYMENT,
        "TestVectors_eddsa-rdfc-2022_employ_canonDocDataInt.txt",
        "TestVectors_eddsa-rdfc-2022_employ_proofCanonDataInt.txt",
    ),
}


@pytest.mark.parametrize("vector", W3C_VECTORS)
def test_the_w3c_vector_verifies_with_the_did_key_it_names(vector: str) -> None:
    name, suite, _ = W3C_VECTORS[vector]
    document = _load(name)
    assert document["proof"]["cryptosuite"] == suite
    public_key = did_key_public_key(document["proof"]["verificationMethod"])
    assert public_key == multikey_to_public_key(
        _load("TestVectors_keyPair.json")["publicKeyMultibase"]
    )
    assert proof_problem(document, public_key=public_key, contexts=CONTEXTS) is None


@pytest.mark.parametrize("vector", W3C_VECTORS)
def test_a_tampered_copy_of_the_w3c_vector_is_rejected(vector: str) -> None:
    name, _, (claim, forged_value) = W3C_VECTORS[vector]
    tampered = _load(name)
    assert tampered["credentialSubject"][claim] != forged_value
    tampered["credentialSubject"][claim] = forged_value
    public_key = multikey_to_public_key(VECTOR_KEY)
    problem = proof_problem(tampered, public_key=public_key, contexts=CONTEXTS)
    assert problem == "signature does not match the document and proof configuration"


@pytest.mark.parametrize("suite", [JCS_CRYPTOSUITE, RDFC_CRYPTOSUITE])
def test_re_signing_the_unsigned_vector_gives_the_published_proof(suite: str) -> None:
    key = IssuerSigningKey(
        issuer_id="https://vc.example/issuers/5678",
        key_id=VECTOR_METHOD,
        private_key=multikey_to_private_key(
            _load("TestVectors_keyPair.json")["privateKeyMultibase"]
        ),
    )
    created = datetime(2023, 2, 24, 23, 36, 38, tzinfo=UTC)
    signed = add_proof(
        _load("TestVectors_unsigned.json"), key=key, created=created, cryptosuite=suite,
        contexts=CONTEXTS,
    )  # fmt: skip
    assert signed["proof"] == [_load(SIGNED[suite])["proof"]]


@pytest.mark.parametrize("vector", CANONICAL_FORMS)
def test_rdfc_canonical_n_quads_equal_the_vectors_intermediate_values(vector: str) -> None:
    signed, document_n_quads, proof_n_quads = CANONICAL_FORMS[vector]
    document = _load(signed)
    proof = document.pop("proof")
    del proof["proofValue"]
    proof["@context"] = document["@context"]
    assert canonical_nquads(document, contexts=CONTEXTS) == (VECTORS / document_n_quads).read_text()
    assert canonical_nquads(proof, contexts=CONTEXTS) == (VECTORS / proof_n_quads).read_text()


def test_a_context_that_is_not_bundled_is_refused_never_fetched() -> None:
    document = _load(SIGNED[RDFC_CRYPTOSUITE])
    with pytest.raises(RdfcError, match="examples/v2 is not bundled"):
        canonical_nquads(document, contexts=bundled_contexts())
    # The product does not bundle the citizenship context; only these tests serve it.
    public_key = multikey_to_public_key(VECTOR_KEY)
    problem = proof_problem(_load(EMPLOYMENT), public_key=public_key, contexts=bundled_contexts())
    assert problem is not None and "citizenship/v4rc1 is not bundled" in problem


def test_a_term_no_context_defines_is_refused_rather_than_left_unsigned() -> None:
    document = _load("TestVectors_unsigned.json")
    document["@context"] = document["@context"][:1]  # alumniOf is defined by examples/v2 only
    with pytest.raises(RdfcError, match="'alumniOf' is not defined"):
        canonical_nquads(document, contexts=CONTEXTS)


def _ob_example_registry() -> KeyRegistry:
    example = _load("ob3-ldp-rdfc-signed.json")
    method = example["proof"]["verificationMethod"]
    assert method.endswith("#" + OB_EXAMPLE_KEY)  # the example carries its key in the fragment
    key = RegisteredKey(
        example["issuer"]["id"], method, OB_EXAMPLE_KEY, datetime(2010, 1, 1, tzinfo=UTC)
    )
    return KeyRegistry().with_key(key)


def test_1edtechs_signed_open_badge_verifies_in_full() -> None:
    report = verify_credential(
        _load("ob3-ldp-rdfc-signed.json"), registry=_ob_example_registry(), now=datetime.now(UTC)
    )
    assert report.valid, report.to_dict()
    assert report.check(CheckName.PROOF).status is CheckStatus.OK
    assert report.check(CheckName.REVOCATION).status is CheckStatus.SKIPPED


def test_a_tampered_1edtech_badge_fails_only_the_proof_check() -> None:
    example = _load("ob3-ldp-rdfc-signed.json")
    example["credentialSubject"]["achievement"]["name"] = "Leadership"
    report = verify_credential(example, registry=_ob_example_registry(), now=datetime.now(UTC))
    assert [check.name for check in report.failed_checks] == [CheckName.PROOF]


def test_the_1edtech_badge_verifies_with_its_proof_in_an_array() -> None:
    example = _load("ob3-ldp-rdfc-signed.json")
    example["proof"] = [example["proof"]]
    report = verify_credential(example, registry=_ob_example_registry(), now=datetime.now(UTC))
    assert report.valid, report.to_dict()


# --- Our certificates: rdfc by default, did:key issuers, the OB 3.0 JSON Schema --------------


def _claim(issuer_id: str = ISSUER, **changes: Any) -> CertificateClaim:
    values: dict[str, Any] = {
        "credential_id": "urn:uuid:11111111-2222-4333-8444-555555555555",
        "issuer_id": issuer_id,
        "issuer_name": "杭州市职业技能鉴定中心",
        "subject_id": "did:example:learner-zhang-wei",
        "occupation": Occupation("6-31-01-03", "电工", "Electrician"),
        "level_rank": 4,
        "valid_from": datetime(2026, 3, 1, tzinfo=UTC),
        "evidence_summary": "理论考试 86 分，实操考核 91 分。",
        "status": StatusPointer("https://zhijiang.example/status/1", 94567),
        **changes,
    }
    return CertificateClaim(**values)


def test_our_certificates_are_signed_with_eddsa_rdfc_2022_in_a_proof_array() -> None:
    key = IssuerSigningKey(ISSUER, f"{ISSUER}#key-1", bytes(range(32)))
    signed = add_proof(
        unsigned_certificate(_claim()), key=key, created=datetime(2026, 3, 1, tzinfo=UTC)
    )
    assert [proof["cryptosuite"] for proof in signed["proof"]] == [RDFC_CRYPTOSUITE]
    assert "@context" not in signed["proof"][0]


@pytest.mark.parametrize("paired", [None, "urn:uuid:99999999-2222-4333-8444-555555555555"])
def test_our_certificates_validate_against_the_achievement_credential_schema(
    paired: str | None,
) -> None:
    key = IssuerSigningKey(ISSUER, f"{ISSUER}#key-1", bytes(range(32)))
    claim = _claim(paired_credential_id=paired, valid_until=datetime(2029, 3, 1, tzinfo=UTC))
    signed = add_proof(
        unsigned_certificate(claim), key=key, created=datetime(2026, 3, 1, tzinfo=UTC)
    )
    schema = _load("ob_v3p0_achievementcredential_schema.json")
    jsonschema.validators.validator_for(schema)(schema).validate(signed)
    broken = {name: value for name, value in signed.items() if name != "issuer"}
    with pytest.raises(jsonschema.ValidationError, match="'issuer' is a required property"):
        jsonschema.validate(broken, schema)


def test_a_did_key_issuer_is_trusted_for_its_own_key_without_a_registry_entry() -> None:
    seed = bytes(range(32))
    multikey = IssuerSigningKey("x", "x", seed).public_key_multibase
    did = f"did:key:{multikey}"
    key = IssuerSigningKey(did, f"{did}#{multikey}", seed)
    signed = add_proof(
        unsigned_certificate(_claim(did)), key=key, created=datetime(2026, 3, 1, tzinfo=UTC)
    )
    now = datetime(2026, 6, 1, tzinfo=UTC)
    report = verify_credential(signed, registry=KeyRegistry(), now=now)
    assert [check.status for check in report.checks[:3]] == [CheckStatus.OK] * 3
    other = IssuerSigningKey(did, f"{did}#{multikey}", bytes(32))  # a key the DID does not name
    forged = add_proof(
        unsigned_certificate(_claim(did)), key=other, created=datetime(2026, 3, 1, tzinfo=UTC)
    )
    forged_report = verify_credential(forged, registry=KeyRegistry(), now=now)
    assert [check.name for check in forged_report.failed_checks] == [CheckName.PROOF]


def test_every_proof_in_an_array_must_verify() -> None:
    key = IssuerSigningKey(ISSUER, f"{ISSUER}#key-1", bytes(range(32)))
    registry = KeyRegistry().with_key(
        RegisteredKey(
            ISSUER, key.key_id, key.public_key_multibase, datetime(2026, 1, 1, tzinfo=UTC)
        )
    )
    created = datetime(2026, 3, 1, tzinfo=UTC)
    unsigned = unsigned_certificate(_claim())
    rdfc = add_proof(unsigned, key=key, created=created)
    jcs = add_proof(unsigned, key=key, created=created, cryptosuite=JCS_CRYPTOSUITE)
    both = {**rdfc, "proof": [*rdfc["proof"], *jcs["proof"]]}
    now = datetime(2026, 6, 1, tzinfo=UTC)
    report = verify_credential(both, registry=registry, now=now)
    assert report.check(CheckName.PROOF).reason.startswith("signatures valid for keys")
    broken = copy.deepcopy(both)
    broken["proof"][1]["proofValue"] = rdfc["proof"][0]["proofValue"]
    assert [
        c.name for c in verify_credential(broken, registry=registry, now=now).failed_checks
    ] == [CheckName.PROOF]


def test_a_document_with_hundreds_of_blank_nodes_is_refused_before_canonicalization() -> None:
    document = _load("TestVectors_unsigned.json")
    document["credentialSubject"]["alumniOf"] = [{"name": f"school {i}"} for i in range(250)]
    with pytest.raises(RdfcError, match="more than 200 blank nodes"):
        canonical_nquads(document, contexts=CONTEXTS)
    document["credentialSubject"]["alumniOf"] = [{"name": f"school {i}"} for i in range(5)]
    labels = set(re.findall(r"_:c14n\d+", canonical_nquads(document, contexts=CONTEXTS)))
    assert labels == {f"_:c14n{i}" for i in range(5)}
