"""The credentials API: issuing, public certificates and verification, revoking, keys."""

from __future__ import annotations

import copy
from typing import Any

from zhijiang.credentials.models import Certificate, IssuerKey
from zhijiang.credentials.tests.factories import BLOCKCHAIN, TRAINER, issue


def issue_body(body: Any, learner: Any, **changes: Any) -> dict[str, Any]:
    values = {"issuer": body.pk, "person": learner.pk, "occupation": BLOCKCHAIN, "level": 4,
              "evidence": "理论考试 86 分，实操考核 91 分。"}  # fmt: skip
    values.update(changes)
    return values


def test_an_assessor_issues_a_certificate_that_verifies(
    api: Any, assessor: Any, body: Any, learner: Any
) -> None:
    response = api(assessor).call("post", "/credentials/certificates", issue_body(body, learner))
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["occupation"] == BLOCKCHAIN and data["level"] == 4
    assert data["level_name"] == "Senior (technical)"
    assert data["verification"]["valid"] is True
    assert data["url"].endswith(f"/credentials/c/{data['uuid']}/")
    assert data["credential"]["id"] == f"urn:uuid:{data['uuid']}"


def test_issuing_refuses_bad_input_naming_the_field(
    api: Any, assessor: Any, body: Any, learner: Any
) -> None:
    client = api(assessor)
    for changes, field in (({"level": 0}, "level"), ({"occupation": "9-99"}, "occupation"),
                           ({"person": 999999}, "person")):  # fmt: skip
        response = client.call(
            "post", "/credentials/certificates", issue_body(body, learner, **changes)
        )
        assert response.status_code == 400, response.json()
        assert field in response.json()["error"]["fields"]
    assert not Certificate.objects.exists()


def test_only_the_issuers_staff_may_issue_through_the_api(
    api: Any, body: Any, learner: Any, other_assessor: Any, employer_hr: Any
) -> None:
    for outsider in (learner, other_assessor, employer_hr):
        response = api(outsider).call(
            "post", "/credentials/certificates", issue_body(body, learner)
        )
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "not_issuer_staff"
    assert (
        api().call("post", "/credentials/certificates", issue_body(body, learner)).status_code
        == 401
    )
    assert not Certificate.objects.exists()


def test_a_certificate_is_public_by_its_id(api: Any, certificate: Certificate) -> None:
    response = api().get(f"/api/v1/credentials/certificates/{certificate.uuid}")
    assert response.status_code == 200
    assert response.json()["verification"]["valid"] is True, response.json()["verification"]
    assert api().get("/api/v1/credentials/certificates/not-a-uuid").status_code in {404, 422}
    missing = "00000000-0000-4000-8000-000000000000"
    assert api().get(f"/api/v1/credentials/certificates/{missing}").status_code == 404


def test_learners_list_only_their_own_certificates(
    api: Any, certificate: Certificate, learner: Any, other_learner: Any, assessor: Any, body: Any
) -> None:
    issue(actor=assessor, issuer=body, person=other_learner, code=TRAINER)
    mine = api(learner).get("/api/v1/credentials/mine").json()
    assert [item["uuid"] for item in mine["items"]] == [str(certificate.uuid)]
    assert api(other_learner).get("/api/v1/credentials/mine").json()["count"] == 1
    assert api().get("/api/v1/credentials/mine").status_code == 401


def test_verify_reports_each_check_for_a_valid_and_a_tampered_credential(
    api: Any, certificate: Certificate
) -> None:
    good = api().call("post", "/credentials/verify", certificate.credential)
    assert good.status_code == 200 and good.json()["valid"] is True
    tampered = copy.deepcopy(certificate.credential)
    tampered["credentialSubject"]["result"][0]["achievedLevel"] = "urn:zhijiang:skill-level:8"
    report = api().call("post", "/credentials/verify", tampered).json()
    assert report["valid"] is False
    checks = {c["check"]: c for c in report["credentials"][0]["checks"]}
    assert checks["proof"]["status"] == "failed"
    assert "signature" in checks["proof"]["reason"]


def test_verify_answers_malformed_input_without_a_server_error(api: Any) -> None:
    not_json = api().post(
        "/api/v1/credentials/verify", data="{oops", content_type="application/json"
    )
    assert not_json.status_code == 400
    assert not_json.json()["error"]["code"] == "malformed"
    for junk in ([1, 2], {"@context": 5}, "text", {"proof": {"verificationMethod": ["x"]}}):
        response = api().call("post", "/credentials/verify", junk)
        assert response.status_code == 200
        assert response.json()["valid"] is False


def test_the_issuer_revokes_and_the_verification_then_fails(
    api: Any, certificate: Certificate, assessor: Any, other_assessor: Any, learner: Any
) -> None:
    path = f"/credentials/certificates/{certificate.uuid}/revoke"
    for outsider in (other_assessor, learner):
        assert api(outsider).call("post", path, {"reason": "x"}).status_code == 403
    assert api(assessor).call("post", path, {"reason": ""}).status_code == 422
    response = api(assessor).call("post", path, {"reason": "考试作弊"})
    assert response.status_code == 200
    checks = {
        c["check"]: c["status"] for c in response.json()["verification"]["credentials"][0]["checks"]
    }
    assert checks["revocation"] == "failed"
    assert response.json()["revoked_at"] is not None


def test_keys_are_listed_publicly_and_rotated_by_the_issuer(
    api: Any, certificate: Certificate, assessor: Any, body: Any, other_assessor: Any
) -> None:
    path = f"/credentials/issuers/{body.pk}/keys"
    assert [k["status"] for k in api().call("get", path).json()] == ["active"]
    assert api(other_assessor).call("post", path).status_code == 403
    rotated = api(assessor).call("post", path)
    assert rotated.status_code == 201 and rotated.json()["number"] == 2
    assert [k["status"] for k in api().call("get", path).json()] == ["retired", "active"]
    assert (
        api()
        .call("get", f"/credentials/certificates/{certificate.uuid}")
        .json()["verification"]["valid"]
    )


def test_a_compromised_key_is_revoked_through_the_api(
    api: Any, certificate: Certificate, assessor: Any, body: Any
) -> None:
    response = api(assessor).call("post", f"/credentials/issuers/{body.pk}/keys/1/revoke",
                                  {"reason": "私钥泄露"})  # fmt: skip
    assert response.status_code == 200 and response.json()["status"] == "revoked"
    assert IssuerKey.objects.filter(organisation=body, status="active").count() == 1
    detail = api().get(f"/api/v1/credentials/certificates/{certificate.uuid}").json()
    assert detail["verification"]["valid"] is False


def test_dual_certificates_are_issued_through_the_api(
    api: Any, assessor: Any, body: Any, learner: Any
) -> None:
    part = {"issuer": body.pk, "occupation": BLOCKCHAIN, "level": 4, "evidence": "实操 91 分"}
    response = api(assessor).call("post", "/credentials/dual-certificates", {
        "person": learner.pk, "first": part,
        "second": {**part, "occupation": TRAINER, "achievement_type": "License"},
    })  # fmt: skip
    assert response.status_code == 201, response.json()
    first, second = response.json()
    assert first["paired_with"] == second["uuid"] and second["paired_with"] == first["uuid"]
