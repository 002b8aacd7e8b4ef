"""Issuing, verifying and revoking certificates; keys that rotate and keys that are revoked."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from typing import Any

import pytest
from django.utils import timezone

from zhijiang.common.errors import ApplicationError, PermissionDeniedError
from zhijiang.common.models import AuditEvent, Notification
from zhijiang.credentials import keys, services
from zhijiang.credentials.keystore import signing_key_of
from zhijiang.credentials.models import Certificate, IssuerKey, StatusList
from zhijiang.credentials.services import CertificateRequest
from zhijiang.credentials.tests.factories import BLOCKCHAIN, TRAINER, issue
from zhijiang.credentials.verification import verify_document
from zhijiang.occupations.models import Occupation
from zhijiang_engine.credentials import add_proof, bit_is_set, decode_status_list


def failed(document: Any, **options: Any) -> dict[str, str]:
    """The failed checks of a verification, by name, with their reasons."""
    verification = verify_document(document, **options)
    return {
        check.name.value: check.reason
        for report in verification.reports
        for check in report.failed_checks
    }


def test_an_issued_certificate_verifies_with_every_check_passing(certificate: Certificate) -> None:
    verification = verify_document(certificate.credential)
    assert verification.valid
    statuses = {c.name.value: c.status.value for c in verification.reports[0].checks}
    assert statuses == {
        "structure": "ok", "proof": "ok", "issuer_key": "ok", "revocation": "ok",
        "validity_period": "ok",
    }  # fmt: skip


def test_the_credential_names_occupation_with_csco_isco_and_esco_alignments(
    certificate: Certificate,
) -> None:
    achievement = certificate.credential["credentialSubject"]["achievement"]
    frameworks = {a["targetFramework"]: a["targetCode"] for a in achievement["alignment"]}
    assert frameworks == {"CSCO-2022": BLOCKCHAIN, "ISCO-08": "2511", "ESCO": "2511.14.1"}
    assert achievement["name"] == "区块链工程技术人员（高级）"
    assert certificate.credential["credentialSubject"]["result"][0]["value"] == "高级"
    assert certificate.credential["proof"][0]["verificationMethod"].endswith(
        f"/credentials/issuers/{certificate.issuer_id}#key-1"
    )


def test_an_occupation_without_international_links_has_only_its_csco_alignment(
    assessor: Any, body: Any, learner: Any
) -> None:
    certificate = issue(actor=assessor, issuer=body, person=learner, code=TRAINER)
    alignment = certificate.credential["credentialSubject"]["achievement"]["alignment"]
    assert [a["targetFramework"] for a in alignment] == ["CSCO-2022"]


def test_the_subject_is_a_random_urn_without_name_phone_or_id_number(
    assessor: Any, body: Any, learner: Any, certificate: Certificate
) -> None:
    subject = certificate.credential["credentialSubject"]["id"]
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", subject)
    text = json.dumps(certificate.credential, ensure_ascii=False)
    for personal in (learner.full_name, learner.username, learner.phone):
        assert personal not in text
    second = issue(actor=assessor, issuer=body, person=learner, code=TRAINER, level=3)
    assert second.credential["credentialSubject"]["id"] == subject


def test_issuing_is_audited_and_tells_the_holder(certificate: Certificate, learner: Any) -> None:
    assert AuditEvent.objects.filter(action="credentials.certificate_issue").count() == 1
    note = Notification.objects.get(user=learner)
    assert note.kind == "credentials.issued"
    assert note.link == f"/credentials/c/{certificate.uuid}/"


def test_a_changed_level_breaks_the_signature(certificate: Certificate) -> None:
    tampered = copy.deepcopy(certificate.credential)
    tampered["credentialSubject"]["result"][0]["achievedLevel"] = "urn:zhijiang:skill-level:8"
    tampered["credentialSubject"]["result"][0]["value"] = "首席技师"
    problems = failed(tampered)
    assert set(problems) == {"proof"}
    assert "signature does not match" in problems["proof"]


def test_a_credential_signed_with_another_issuers_key_fails_the_issuer_key_check(
    certificate: Certificate, other_assessor: Any, other_body: Any, learner: Any
) -> None:
    foreign = issue(actor=other_assessor, issuer=other_body, person=learner)
    forged = add_proof(certificate.credential, key=signing_key_of(foreign.signing_key),
                       created=timezone.now())  # fmt: skip
    problems = failed(forged)
    assert "issuer_key" in problems
    assert "belongs to" in problems["issuer_key"]
    assert "proof" not in problems  # the signature itself is sound; the key is not the issuer's


def test_a_revoked_certificate_fails_the_revocation_check(
    certificate: Certificate, assessor: Any
) -> None:
    services.certificate_revoke(actor=assessor, certificate=certificate, reason="考试作弊")
    certificate.refresh_from_db()
    problems = failed(certificate.credential)
    assert set(problems) == {"revocation"}
    assert f"bit {certificate.status_index}" in problems["revocation"]
    published = StatusList.objects.get(pk=certificate.status_list_id).credential
    bits = decode_status_list(published["credentialSubject"]["encodedList"])
    assert bit_is_set(bits, certificate.status_index)
    assert Notification.objects.filter(kind="credentials.revoked").count() == 1


def test_revoking_needs_a_reason_and_happens_once(certificate: Certificate, assessor: Any) -> None:
    with pytest.raises(ApplicationError) as refused:
        services.certificate_revoke(actor=assessor, certificate=certificate, reason="  ")
    assert refused.value.code == "reason_required"
    services.certificate_revoke(actor=assessor, certificate=certificate, reason="错误颁发")
    with pytest.raises(ApplicationError) as again:
        services.certificate_revoke(actor=assessor, certificate=certificate, reason="错误颁发")
    assert again.value.code == "already_revoked"


def test_an_expired_certificate_fails_the_validity_period_check(
    assessor: Any, body: Any, learner: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    two_years_ago = timezone.now() - dt.timedelta(days=730)
    monkeypatch.setattr(timezone, "now", lambda: two_years_ago)
    expired = issue(actor=assessor, issuer=body, person=learner,
                    valid_until=two_years_ago + dt.timedelta(days=365))  # fmt: skip
    monkeypatch.undo()
    problems = failed(expired.credential)
    assert set(problems) == {"validity_period"}
    assert problems["validity_period"].startswith("expired at")


def test_an_expiry_date_in_the_past_is_refused(assessor: Any, body: Any, learner: Any) -> None:
    with pytest.raises(ApplicationError) as refused:
        issue(actor=assessor, issuer=body, person=learner,
              valid_until=timezone.now() - dt.timedelta(days=1))  # fmt: skip
    assert "valid_until" in refused.value.fields
    assert not Certificate.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"level": 9}, "level"),
        ({"evidence": " "}, "evidence"),
        ({"code": "2-02-38-00"}, "occupation"),
    ],
)
def test_bad_input_is_refused_naming_the_field(
    assessor: Any, body: Any, learner: Any, changes: dict[str, Any], field: str
) -> None:
    with pytest.raises(ApplicationError) as refused:
        issue(actor=assessor, issuer=body, person=learner, **changes)
    assert field in refused.value.fields
    assert not Certificate.objects.exists()


def test_only_the_issuers_assessors_or_bureau_officers_may_issue(
    body: Any, learner: Any, other_assessor: Any, bureau_officer: Any, provider_staff: Any
) -> None:
    for outsider in (learner, other_assessor, bureau_officer, provider_staff):
        with pytest.raises(PermissionDeniedError):
            issue(actor=outsider, issuer=body, person=learner)
    bureau = bureau_officer.memberships.get().organisation
    issued = issue(actor=bureau_officer, issuer=bureau, person=learner)
    assert verify_document(issued.credential).valid


def test_only_the_issuers_staff_may_revoke(
    certificate: Certificate, other_assessor: Any, learner: Any
) -> None:
    for outsider in (other_assessor, learner):
        with pytest.raises(PermissionDeniedError):
            services.certificate_revoke(actor=outsider, certificate=certificate, reason="x")
    assert Certificate.objects.get().revoked_at is None


def test_rotation_keeps_old_certificates_valid_and_signs_new_ones_with_the_new_key(
    certificate: Certificate, assessor: Any, body: Any, learner: Any
) -> None:
    new_key = keys.key_rotate(actor=assessor, organisation=body)
    old_key = IssuerKey.objects.get(number=1)
    assert (old_key.status, new_key.status, new_key.number) == ("retired", "active", 2)
    assert old_key.retired_at == new_key.valid_from
    assert verify_document(certificate.credential).valid
    later = issue(actor=assessor, issuer=body, person=learner, code=TRAINER)
    assert later.credential["proof"][0]["verificationMethod"] == new_key.key_id
    assert verify_document(later.credential).valid
    services.certificate_revoke(actor=assessor, certificate=certificate, reason="错误颁发")
    assert set(failed(Certificate.objects.get(pk=certificate.pk).credential)) == {"revocation"}
    assert verify_document(later.credential).valid


def test_a_revoked_key_no_longer_verifies_what_it_signed_and_a_new_key_takes_over(
    certificate: Certificate, assessor: Any, body: Any, learner: Any
) -> None:
    keys.key_revoke(actor=assessor, key=certificate.signing_key, reason="私钥泄露")
    problems = failed(certificate.credential)
    assert "issuer_key" in problems and "was revoked" in problems["issuer_key"]
    active = IssuerKey.objects.get(organisation=body, status="active")
    assert active.number == 2
    # the status list was re-signed with the new key, so new certificates check in full
    later = issue(actor=assessor, issuer=body, person=learner, code=TRAINER)
    assert verify_document(later.credential).valid
    status_list = StatusList.objects.get(organisation=body)
    signed_by = status_list.credential["proof"][0]["verificationMethod"]
    assert signed_by == active.key_id


def test_dual_certificates_name_each_other_and_verify_together(
    assessor: Any, body: Any, bureau_officer: Any, learner: Any
) -> None:
    bureau = bureau_officer.memberships.get().organisation
    from zhijiang.accounts.models import Membership, Role

    Membership.objects.create(user=assessor, role=Role.BUREAU_OFFICER, organisation=bureau)
    occupation = Occupation.objects.get(code=BLOCKCHAIN)
    first, second = services.dual_certificate_issue(
        actor=assessor,
        person=learner,
        first=CertificateRequest(body, occupation, 4, "实操考核 91 分"),
        second=CertificateRequest(bureau, occupation, 4, "持证上岗", achievement_type="License"),
    )
    assert first.paired_with == second and second.paired_with == first
    assert first.credential["pairedCredential"] == f"urn:uuid:{second.uuid}"
    from zhijiang_engine.credentials import dual_certificate

    verification = verify_document(dual_certificate(first.credential, second.credential))
    assert verification.valid, verification.failures
    assert verification.pairing is not None and verification.pairing.status.value == "ok"
    unpaired = issue(actor=assessor, issuer=body, person=learner, code=TRAINER)
    broken = verify_document(dual_certificate(first.credential, unpaired.credential))
    assert not broken.valid
    assert any(f.startswith("pairing:") for f in broken.failures)


def test_a_dual_certificate_is_refused_whole_when_one_half_is_not_allowed(
    assessor: Any, body: Any, other_body: Any, learner: Any
) -> None:
    occupation = Occupation.objects.get(code=BLOCKCHAIN)
    with pytest.raises(PermissionDeniedError):
        services.dual_certificate_issue(
            actor=assessor, person=learner,
            first=CertificateRequest(body, occupation, 4, "ok"),
            second=CertificateRequest(other_body, occupation, 4, "ok"),
        )  # fmt: skip
    assert not Certificate.objects.exists()
