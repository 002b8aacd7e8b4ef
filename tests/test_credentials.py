"""Skill certificates: JCS, multikeys, status lists, signing and offline verification."""

from __future__ import annotations

import copy
import io
import json
import struct
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhijiang.cli.credentials import credentials_verify
from zhijiang.cli.io import BatchInputError
from zhijiang_engine.credentials import (
    JCS_CRYPTOSUITE,
    MIN_STATUS_LIST_BITS,
    Alignment,
    CertificateClaim,
    CheckName,
    CheckStatus,
    IssuerSigningKey,
    KeyRegistry,
    Occupation,
    StatusListError,
    StatusPointer,
    add_proof,
    base58btc_decode,
    base58btc_encode,
    bit_is_set,
    canonicalize,
    decode_status_list,
    dual_certificate,
    encode_status_list,
    generate_signing_key,
    multikey_to_public_key,
    proof_problem,
    public_key_to_multikey,
    registered_key,
    status_list_credential,
    unsigned_certificate,
    verify_credential,
    verify_dual_certificate,
)
from zhijiang_engine.credentials.jcs import serialize_number
from zhijiang_engine.credentials.multibase import multikey_to_private_key

ISSUER = "https://zhijiang.example/orgs/hz-skills-centre"
OTHER_ISSUER = "https://zhijiang.example/orgs/elsewhere"
LIST_ID = "https://zhijiang.example/status/1"
ISSUED = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
KEY_FROM = datetime(2026, 1, 1, tzinfo=UTC)
NOW = datetime(2026, 6, 1, tzinfo=UTC)

ELECTRICIAN = Occupation(
    csco_code="6-31-01-03",
    name_zh="电工",
    name_en="Electrician",
    alignments=(
        Alignment("ISCO-08", "7411", "Building and related electricians"),
        Alignment(
            "ESCO",
            "7411.1",
            "electrician",
            "http://data.europa.eu/esco/occupation/a8a4a52a-1e0b-4a8d-9b23-6a4b4bbd8e5c",
        ),
    ),
)


def _claim(**changes: Any) -> CertificateClaim:
    values: dict[str, Any] = {
        "credential_id": "urn:uuid:11111111-2222-4333-8444-555555555555",
        "issuer_id": ISSUER,
        "issuer_name": "杭州市职业技能鉴定中心",
        "subject_id": "did:example:learner-zhang-wei",
        "occupation": ELECTRICIAN,
        "level_rank": 4,
        "valid_from": ISSUED,
        "valid_until": datetime(2029, 3, 1, tzinfo=UTC),
        "evidence_summary": "理论考试 86 分，实操考核 91 分。",
        "status": StatusPointer(LIST_ID, 94567),
    }
    values.update(changes)
    return CertificateClaim(**values)


@pytest.fixture(scope="module")
def key() -> IssuerSigningKey:
    return generate_signing_key(issuer_id=ISSUER, key_id=f"{ISSUER}#key-2026")


@pytest.fixture(scope="module")
def registry(key: IssuerSigningKey) -> KeyRegistry:
    return KeyRegistry().with_key(registered_key(key, at=KEY_FROM))


@pytest.fixture(scope="module")
def certificate(key: IssuerSigningKey) -> dict[str, Any]:
    return add_proof(unsigned_certificate(_claim()), key=key, created=ISSUED)


def _status_list(key: IssuerSigningKey, revoked: tuple[int, ...] = ()) -> dict[str, Any]:
    unsigned = status_list_credential(
        list_credential_id=LIST_ID, issuer_id=key.issuer_id, revoked_indices=revoked,
        valid_from=ISSUED,
    )  # fmt: skip
    return add_proof(unsigned, key=key, created=ISSUED)


def _failed_names(report: Any) -> list[str]:
    return [check.name.value for check in report.failed_checks]


# --- JCS (RFC 8785) -------------------------------------------------------------------------


def test_jcs_matches_the_rfc_8785_values_example() -> None:
    text = (
        '{"numbers": [1E30, 4.50, 333333333.33333329, 2e-3, 0.000000000000000000000000001],'
        ' "escaping": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",'
        ' "literals": [null, true, false]}'
    )
    expected = (
        '{"escaping":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/","literals":[null,true,false],'
        '"numbers":[1e+30,4.5,333333333.3333333,0.002,1e-27]}'
    )
    assert canonicalize(json.loads(text)) == expected.encode("utf-8")


def test_jcs_sorts_keys_by_utf16_code_units_not_code_points() -> None:
    text = (
        '{"\\u20ac": "Euro Sign", "1": "One", "\\u0080": "Control\\u007f",'
        ' "\\ud83d\\ude02": "Smiley", "\\u00f6": "Latin Small Letter O With Diaeresis",'
        ' "\\ufb33": "Hebrew Letter Dalet With Dagesh", "</script>": "Browser Challenge"}'
    )
    expected = (
        '{"1":"One","</script>":"Browser Challenge","\u0080":"Control\u007f",'
        '"ö":"Latin Small Letter O With Diaeresis","€":"Euro Sign","😂":"Smiley",'
        '"\ufb33":"Hebrew Letter Dalet With Dagesh"}'
    )
    assert canonicalize(json.loads(text)) == expected.encode("utf-8")


@pytest.mark.parametrize(
    ("ieee_hex", "expected"),
    [
        ("0000000000000000", "0"),
        ("8000000000000000", "0"),
        ("0000000000000001", "5e-324"),
        ("8000000000000001", "-5e-324"),
        ("7fefffffffffffff", "1.7976931348623157e+308"),
        ("4340000000000000", "9007199254740992"),
        ("c340000000000000", "-9007199254740992"),
        ("4430000000000000", "295147905179352830000"),
        ("44b52d02c7e14af5", "9.999999999999997e+22"),
        ("44b52d02c7e14af6", "1e+23"),
        ("44b52d02c7e14af7", "1.0000000000000001e+23"),
        ("444b1ae4d6e2ef4e", "999999999999999700000"),
        ("444b1ae4d6e2ef50", "1e+21"),
        ("3eb0c6f7a0b5ed8d", "0.000001"),
        ("3eb0c6f7a0b5ed8e", "0.0000010000000000000002"),
    ],
)
def test_jcs_numbers_follow_the_rfc_8785_ecmascript_table(ieee_hex: str, expected: str) -> None:
    assert serialize_number(struct.unpack(">d", bytes.fromhex(ieee_hex))[0]) == expected


def test_jcs_writes_integers_as_the_nearest_double_would_be_written() -> None:
    assert canonicalize([7, -12, 10**21, True]) == b"[7,-12,1e+21,true]"


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), {1: "x"}, {"a": object()}])
def test_jcs_refuses_values_that_are_not_i_json(bad: object) -> None:
    with pytest.raises(ValueError, match=r"."):
        canonicalize(bad)


# --- Multikey, base58btc, key pairs ---------------------------------------------------------


def test_base58btc_round_trips_and_keeps_leading_zero_bytes() -> None:
    assert base58btc_encode(b"Hello World!") == "2NEpo7TZRRrLZSi2U"
    assert base58btc_encode(b"\0\0\x01") == "112"
    for data in (b"", b"\0", b"\0\0abc", bytes(range(256))):
        assert base58btc_decode(base58btc_encode(data)) == data


def test_w3c_test_vector_key_pair_decodes_to_matching_halves() -> None:
    seed = multikey_to_private_key("z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq")
    key = IssuerSigningKey(issuer_id="x", key_id="x#1", private_key=seed)
    assert key.public_key_multibase == "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"


def test_a_generated_key_exports_an_ed25519_multikey_that_round_trips(
    key: IssuerSigningKey,
) -> None:
    multikey = key.public_key_multibase
    assert multikey.startswith("z6Mk")
    assert multikey_to_public_key(multikey) == key.public_key
    assert public_key_to_multikey(key.public_key) == multikey


def test_the_private_key_never_appears_in_repr_str_or_dict(key: IssuerSigningKey) -> None:
    secret_forms = [key.private_key.hex(), repr(key.private_key), base58btc_encode(key.private_key)]
    shown = " ".join([repr(key), str(key), json.dumps(key.to_dict()), repr([key])])
    assert not any(form in shown for form in secret_forms)
    assert "private" not in shown
    assert key.public_key_multibase in repr(key)


# --- The W3C vc-di-eddsa eddsa-jcs-2022 test vector -----------------------------------------

W3C_SIGNED = {
    "@context": [
        "https://www.w3.org/ns/credentials/v2",
        "https://www.w3.org/ns/credentials/examples/v2",
    ],
    "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
    "type": ["VerifiableCredential", "AlumniCredential"],
    "name": "Alumni Credential",
    "description": "A minimum viable example of an Alumni Credential.",
    "issuer": "https://vc.example/issuers/5678",
    "validFrom": "2023-01-01T00:00:00Z",
    "credentialSubject": {"id": "did:example:abcdefgh", "alumniOf": "The School of Examples"},
    "proof": {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-jcs-2022",
        "created": "2023-02-24T23:36:38Z",
        "verificationMethod": "https://vc.example/issuers/5678"
        "#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
        "proofPurpose": "assertionMethod",
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://www.w3.org/ns/credentials/examples/v2",
        ],
        "proofValue": "z63t83Y53KfzJ5ZosfKTnqfMcKB2dmTrfjSaQjeNNjAD5srBowQfmWqeRb8rRjmeEuCBEs"
        "ddF9LsVogtuTsijJKh4",
    },
}


def test_the_w3c_eddsa_jcs_2022_test_vector_verifies_and_re_signs_identically() -> None:
    public = multikey_to_public_key("z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2")
    assert proof_problem(W3C_SIGNED, public_key=public) is None
    seed = multikey_to_private_key("z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq")
    vector_key = IssuerSigningKey(
        issuer_id="https://vc.example/issuers/5678",
        key_id=W3C_SIGNED["proof"]["verificationMethod"],  # type: ignore[index]
        private_key=seed,
    )
    created = datetime(2023, 2, 24, 23, 36, 38, tzinfo=UTC)
    resigned = add_proof(W3C_SIGNED, key=vector_key, created=created, cryptosuite=JCS_CRYPTOSUITE)
    assert resigned["proof"] == [W3C_SIGNED["proof"]]


# --- Status lists ---------------------------------------------------------------------------


def test_status_list_bits_round_trip_with_bit_zero_as_the_leftmost_bit() -> None:
    bits = decode_status_list(encode_status_list([0, 9, MIN_STATUS_LIST_BITS - 1]))
    assert len(bits) * 8 == MIN_STATUS_LIST_BITS
    assert bits[0] == 0x80 and bits[1] == 0x40
    set_bits = [i for i in range(MIN_STATUS_LIST_BITS) if bit_is_set(bits, i)]
    assert set_bits == [0, 9, MIN_STATUS_LIST_BITS - 1]


def test_status_list_is_base64url_multibase_of_gzip() -> None:
    encoded = encode_status_list([])
    assert encoded.startswith("uH4sI")  # 'u' + base64url of the GZIP magic 1f 8b 08
    assert encoded == encode_status_list([])  # reproducible


def test_status_lists_shorter_than_131072_bits_are_refused() -> None:
    with pytest.raises(StatusListError):
        encode_status_list([], length=MIN_STATUS_LIST_BITS - 8)
    import gzip

    from zhijiang_engine.credentials.multibase import base64url_multibase_encode

    short = base64url_multibase_encode(gzip.compress(bytes(MIN_STATUS_LIST_BITS // 8 - 1)))
    with pytest.raises(StatusListError, match="shorter"):
        decode_status_list(short)


# --- Certificates: round trip and each failure names its check ------------------------------


def test_a_signed_certificate_verifies_with_every_check_ok(
    certificate: dict[str, Any], registry: KeyRegistry, key: IssuerSigningKey
) -> None:
    report = verify_credential(
        certificate, registry=registry, now=NOW, status_lists=[_status_list(key)]
    )
    assert report.valid
    assert [check.status for check in report.checks] == [CheckStatus.OK] * 5
    assert [c.name for c in report.checks] == [
        CheckName.STRUCTURE, CheckName.PROOF, CheckName.ISSUER_KEY,
        CheckName.REVOCATION, CheckName.VALIDITY_PERIOD,
    ]  # fmt: skip


def test_the_certificate_is_an_open_badge_with_occupation_level_and_alignments(
    certificate: dict[str, Any],
) -> None:
    assert certificate["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert certificate["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    achievement = certificate["credentialSubject"]["achievement"]
    assert achievement["name"] == "电工（高级工）"
    assert achievement["achievementType"] == "Certificate"
    frameworks = [(a["targetFramework"], a["targetCode"]) for a in achievement["alignment"]]
    assert frameworks == [("CSCO-2022", "6-31-01-03"), ("ISCO-08", "7411"), ("ESCO", "7411.1")]
    assert all(a["targetUrl"] for a in achievement["alignment"])
    result = certificate["credentialSubject"]["result"][0]
    assert result["value"] == "高级工"
    assert result["achievedLevel"] == "urn:zhijiang:skill-level:4"
    assert certificate["credentialStatus"]["statusListIndex"] == "94567"


def test_a_certificate_without_status_list_supplied_skips_revocation_but_stays_valid(
    certificate: dict[str, Any], registry: KeyRegistry
) -> None:
    report = verify_credential(certificate, registry=registry, now=NOW)
    assert report.valid
    assert report.check(CheckName.REVOCATION).status is CheckStatus.SKIPPED


def test_a_tampered_subject_fails_the_proof_check(
    certificate: dict[str, Any], registry: KeyRegistry
) -> None:
    tampered = copy.deepcopy(certificate)
    tampered["credentialSubject"]["result"][0]["value"] = "首席技师"
    report = verify_credential(tampered, registry=registry, now=NOW)
    assert _failed_names(report) == ["proof"]
    assert "signature does not match" in report.check(CheckName.PROOF).reason


def test_a_tampered_proof_value_fails_the_proof_check(
    certificate: dict[str, Any], registry: KeyRegistry
) -> None:
    tampered = copy.deepcopy(certificate)
    value = tampered["proof"][0]["proofValue"]
    tampered["proof"][0]["proofValue"] = value[:-3] + ("111" if value[-3:] != "111" else "222")
    assert _failed_names(verify_credential(tampered, registry=registry, now=NOW)) == ["proof"]


def test_a_certificate_signed_by_the_wrong_key_fails_the_proof_check(
    registry: KeyRegistry, key: IssuerSigningKey
) -> None:
    impostor = generate_signing_key(issuer_id=ISSUER, key_id=key.key_id)
    forged = add_proof(unsigned_certificate(_claim()), key=impostor, created=ISSUED)
    assert _failed_names(verify_credential(forged, registry=registry, now=NOW)) == ["proof"]


def test_a_key_missing_from_the_registry_fails_the_issuer_key_check(
    registry: KeyRegistry,
) -> None:
    stranger = generate_signing_key(issuer_id=ISSUER, key_id=f"{ISSUER}#unknown")
    signed = add_proof(unsigned_certificate(_claim()), key=stranger, created=ISSUED)
    report = verify_credential(signed, registry=registry, now=NOW)
    assert _failed_names(report) == ["issuer_key"]
    assert "not in the key registry" in report.check(CheckName.ISSUER_KEY).reason
    assert report.check(CheckName.PROOF).status is CheckStatus.SKIPPED


def test_another_issuers_key_fails_the_issuer_key_check(registry: KeyRegistry) -> None:
    other = generate_signing_key(issuer_id=OTHER_ISSUER, key_id=f"{OTHER_ISSUER}#k1")
    both = registry.with_key(registered_key(other, at=KEY_FROM))
    signed = add_proof(unsigned_certificate(_claim()), key=other, created=ISSUED)
    report = verify_credential(signed, registry=both, now=NOW)
    assert _failed_names(report) == ["issuer_key"]
    assert "belongs to" in report.check(CheckName.ISSUER_KEY).reason


def test_after_rotation_old_certificates_verify_and_new_ones_from_the_old_key_fail(
    key: IssuerSigningKey, registry: KeyRegistry, certificate: dict[str, Any]
) -> None:
    rotated_at = datetime(2026, 4, 1, tzinfo=UTC)
    new_key = generate_signing_key(issuer_id=ISSUER, key_id=f"{ISSUER}#key-2026-04")
    rotated = registry.rotate(new_key, at=rotated_at)
    assert verify_credential(certificate, registry=rotated, now=NOW).valid
    later = rotated_at + timedelta(days=3)
    late_claim = _claim(valid_from=later)
    stale = add_proof(unsigned_certificate(late_claim), key=key, created=later)
    report = verify_credential(stale, registry=rotated, now=NOW)
    assert _failed_names(report) == ["issuer_key"]
    assert "retired" in report.check(CheckName.ISSUER_KEY).reason
    fresh = add_proof(unsigned_certificate(late_claim), key=new_key, created=later)
    assert verify_credential(fresh, registry=rotated, now=NOW).valid


def test_a_key_used_before_its_validity_starts_fails_the_issuer_key_check(
    key: IssuerSigningKey, registry: KeyRegistry
) -> None:
    early = datetime(2025, 12, 1, tzinfo=UTC)
    signed = add_proof(unsigned_certificate(_claim(valid_from=early)), key=key, created=early)
    assert _failed_names(verify_credential(signed, registry=registry, now=NOW)) == ["issuer_key"]


def test_a_revoked_key_fails_the_issuer_key_check_even_for_older_certificates(
    key: IssuerSigningKey, registry: KeyRegistry, certificate: dict[str, Any]
) -> None:
    compromised = registry.revoke(key.key_id, at=datetime(2026, 5, 1, tzinfo=UTC))
    report = verify_credential(certificate, registry=compromised, now=NOW)
    assert _failed_names(report) == ["issuer_key"]
    assert "revoked" in report.check(CheckName.ISSUER_KEY).reason


def test_a_revoked_certificate_fails_the_revocation_check(
    certificate: dict[str, Any], registry: KeyRegistry, key: IssuerSigningKey
) -> None:
    status_list = _status_list(key, revoked=(94567,))
    report = verify_credential(certificate, registry=registry, now=NOW, status_lists=[status_list])
    assert _failed_names(report) == ["revocation"]
    assert "bit 94567" in report.check(CheckName.REVOCATION).reason


def test_a_forged_status_list_fails_the_revocation_check(
    certificate: dict[str, Any], registry: KeyRegistry, key: IssuerSigningKey
) -> None:
    status_list = _status_list(key, revoked=(94567,))
    status_list["credentialSubject"]["encodedList"] = encode_status_list([])
    report = verify_credential(certificate, registry=registry, now=NOW, status_lists=[status_list])
    assert _failed_names(report) == ["revocation"]
    assert "proof" in report.check(CheckName.REVOCATION).reason


def test_an_expired_certificate_fails_the_validity_period_check(
    certificate: dict[str, Any], registry: KeyRegistry
) -> None:
    report = verify_credential(certificate, registry=registry, now=datetime(2030, 1, 1, tzinfo=UTC))
    assert _failed_names(report) == ["validity_period"]
    assert "expired" in report.check(CheckName.VALIDITY_PERIOD).reason


def test_a_certificate_checked_before_its_valid_from_fails_the_validity_period_check(
    certificate: dict[str, Any], registry: KeyRegistry
) -> None:
    report = verify_credential(certificate, registry=registry, now=ISSUED - timedelta(days=1))
    assert _failed_names(report) == ["validity_period"]


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("@context",), ["https://www.w3.org/ns/credentials/v2"]),
        (("type",), ["VerifiableCredential"]),
        (("validFrom",), "2026-03-01"),
        (("proof", 0, "cryptosuite"), "ecdsa-rdfc-2019"),
        (("credentialSubject", "type"), ["Profile"]),
        (("credentialStatus", "statusListIndex"), 94567),
    ],
)
def test_malformed_certificates_fail_the_structure_check(
    certificate: dict[str, Any], registry: KeyRegistry, path: tuple[str, ...], value: object
) -> None:
    broken = copy.deepcopy(certificate)
    target = broken
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    report = verify_credential(broken, registry=registry, now=NOW)
    assert _failed_names(report) == ["structure"]
    assert {c.status for c in report.checks[1:]} == {CheckStatus.SKIPPED}


# --- Dual certificates ----------------------------------------------------------------------


def _dual(key: IssuerSigningKey) -> dict[str, Any]:
    first_id, second_id = "urn:uuid:aaaa-1", "urn:uuid:bbbb-2"
    first = _claim(credential_id=first_id, paired_credential_id=second_id)
    second = _claim(
        credential_id=second_id, paired_credential_id=first_id, achievement_type="License",
        level_rank=5, status=None,
    )  # fmt: skip
    return dual_certificate(
        add_proof(unsigned_certificate(first), key=key, created=ISSUED),
        add_proof(unsigned_certificate(second), key=key, created=ISSUED),
    )


def test_a_dual_certificate_verifies_both_credentials_and_their_pairing(
    key: IssuerSigningKey, registry: KeyRegistry
) -> None:
    report = verify_dual_certificate(_dual(key), registry=registry, now=NOW)
    assert report.valid
    assert report.pairing.status is CheckStatus.OK
    assert report.second.credential_id == "urn:uuid:bbbb-2"


def test_a_dual_certificate_with_a_swapped_partner_fails_pairing(
    key: IssuerSigningKey, registry: KeyRegistry, certificate: dict[str, Any]
) -> None:
    presentation = _dual(key)
    presentation["verifiableCredential"][1] = certificate
    report = verify_dual_certificate(presentation, registry=registry, now=NOW)
    assert not report.valid
    assert report.pairing.status is CheckStatus.FAILED
    assert report.first.valid and report.second.valid


def test_a_dual_certificate_whose_link_was_edited_fails_the_proof_check(
    key: IssuerSigningKey, registry: KeyRegistry
) -> None:
    presentation = _dual(key)
    presentation["verifiableCredential"][0]["pairedCredential"] = "urn:uuid:other"
    report = verify_dual_certificate(presentation, registry=registry, now=NOW)
    assert _failed_names(report.first) == ["proof"]
    assert report.pairing.status is CheckStatus.FAILED


# --- Key registry JSON ----------------------------------------------------------------------


def test_the_key_registry_round_trips_through_json(
    registry: KeyRegistry, key: IssuerSigningKey
) -> None:
    rotated = registry.rotate(generate_signing_key(issuer_id=ISSUER, key_id=f"{ISSUER}#k2"), at=NOW)
    data = json.loads(json.dumps(rotated.to_dict()))
    assert data["issuers"][0]["keys"][0]["validUntil"] == "2026-06-01T00:00:00Z"
    assert KeyRegistry.from_dict(data) == rotated


# --- Fuzzing: the verifier reports, never raises -------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=30,
)
FIELDS = st.sampled_from(
    ["@context", "type", "id", "issuer", "validFrom", "validUntil", "credentialSubject",
     "proof", "credentialStatus"]
)  # fmt: skip
PROOF_FIELDS = st.sampled_from(
    ["type", "cryptosuite", "created", "verificationMethod", "proofPurpose", "proofValue",
     "@context"]
)  # fmt: skip


def _assert_reported(report: Any) -> None:
    assert all(not check.reason.startswith("unexpected error") for check in report.checks)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=JSON_VALUES)
def test_the_verifier_reports_random_json_as_invalid_without_raising(document: object) -> None:
    registry = KeyRegistry()
    report = verify_credential(document, registry=registry, now=NOW, status_lists=[document])
    assert not report.valid
    _assert_reported(report)
    dual = verify_dual_certificate(document, registry=registry, now=NOW)
    assert not dual.valid


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=FIELDS, proof_field=PROOF_FIELDS, value=JSON_VALUES, in_proof=st.booleans())
def test_the_verifier_reports_mutated_certificates_without_raising(
    certificate: dict[str, Any],
    registry: KeyRegistry,
    key: IssuerSigningKey,
    field: str,
    proof_field: str,
    value: object,
    in_proof: bool,
) -> None:
    mutated = copy.deepcopy(certificate)
    if in_proof:
        mutated["proof"][0][proof_field] = value
    else:
        mutated[field] = value
    status_list = _status_list(key)
    report = verify_credential(mutated, registry=registry, now=NOW, status_lists=[status_list])
    _assert_reported(report)
    if mutated != certificate:
        assert not report.valid


# --- The CLI --------------------------------------------------------------------------------


def _write(tmp_path: Path, name: str, data: object) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _cli(argv: list[str], stdin: bytes = b"") -> list[str]:
    return credentials_verify(argv, io.BytesIO(stdin))


def test_the_cli_prints_one_json_line_per_check_and_a_valid_summary(
    tmp_path: Path, certificate: dict[str, Any], registry: KeyRegistry, key: IssuerSigningKey
) -> None:
    keys = _write(tmp_path, "keys.json", registry.to_dict())
    status = _write(tmp_path, "status.json", _status_list(key))
    lines = _cli(["-", "--keys", keys, "--status-list", status, "--at", "2026-06-01T00:00:00Z"],
                 json.dumps(certificate).encode())  # fmt: skip
    rows = [json.loads(line) for line in lines]
    assert [row.get("check") for row in rows[:-1]] == [
        "structure", "proof", "issuer_key", "revocation", "validity_period",
    ]  # fmt: skip
    assert all(row["status"] == "ok" for row in rows[:-1])
    assert rows[-1] == {"credential": certificate["id"], "valid": True}


def test_the_cli_still_verifies_jcs_certificates_with_their_proof_as_an_object(
    tmp_path: Path, registry: KeyRegistry, key: IssuerSigningKey
) -> None:
    """Certificates issued before the switch to eddsa-rdfc-2022 carry one jcs proof object."""
    signed = add_proof(
        unsigned_certificate(_claim()), key=key, created=ISSUED, cryptosuite=JCS_CRYPTOSUITE
    )
    legacy = {**signed, "proof": signed["proof"][0]}
    keys = _write(tmp_path, "keys.json", registry.to_dict())
    lines = _cli(
        [_write(tmp_path, "old.json", legacy), "--keys", keys, "--at", "2026-06-01T00:00:00Z"]
    )
    assert json.loads(lines[-1]) == {"credential": legacy["id"], "valid": True}
    legacy["credentialSubject"]["result"][0]["value"] = "首席技师"
    with pytest.raises(BatchInputError, match="proof failed"):
        _cli([_write(tmp_path, "bad.json", legacy), "--keys", keys, "--at", "2026-06-01T00:00:00Z"])


def test_the_cli_verifies_a_dual_certificate_file(
    tmp_path: Path, registry: KeyRegistry, key: IssuerSigningKey
) -> None:
    keys = _write(tmp_path, "keys.json", registry.to_dict())
    dual = _write(tmp_path, "dual.json", _dual(key))
    lines = _cli([dual, "--keys", keys, "--at", "2026-06-01T00:00:00Z"])
    rows = [json.loads(line) for line in lines]
    assert rows[-1]["valid"] is True
    assert any(row.get("check") == "pairing" and row["status"] == "ok" for row in rows)


def test_the_cli_raises_naming_the_failed_check_for_an_expired_certificate(
    tmp_path: Path, certificate: dict[str, Any], registry: KeyRegistry
) -> None:
    keys = _write(tmp_path, "keys.json", registry.to_dict())
    cert = _write(tmp_path, "cert.json", certificate)
    with pytest.raises(BatchInputError, match="validity_period failed: expired"):
        _cli([cert, "--keys", keys, "--at", "2031-01-01T00:00:00Z"])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{\n  "id": 1,\n  oops\n}', r"cert\.json, line 3: "),
        (b'{\n"a": "\xff"}', r"cert\.json, line 2: invalid UTF-8"),
        (b"[NaN]", r"cert\.json, line 1: NaN"),
    ],
)
def test_the_cli_names_file_and_line_for_unreadable_input(
    tmp_path: Path, registry: KeyRegistry, content: bytes, message: str
) -> None:
    keys = _write(tmp_path, "keys.json", registry.to_dict())
    cert = tmp_path / "cert.json"
    cert.write_bytes(content)
    with pytest.raises(BatchInputError, match=message):
        _cli([str(cert), "--keys", keys])


def test_the_cli_reports_a_missing_file(tmp_path: Path, registry: KeyRegistry) -> None:
    keys = _write(tmp_path, "keys.json", registry.to_dict())
    with pytest.raises(BatchInputError, match=r"missing\.json"):
        _cli([str(tmp_path / "missing.json"), "--keys", keys])


def test_the_cli_refuses_a_registry_in_the_wrong_format(tmp_path: Path) -> None:
    keys = _write(tmp_path, "keys.json", {"issuers": []})
    cert = _write(tmp_path, "cert.json", {})
    with pytest.raises(BatchInputError, match="not a key registry"):
        _cli([cert, "--keys", keys])
