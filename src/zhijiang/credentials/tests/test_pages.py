"""Certificate pages, the PDF, the verification page, the published documents and issuer
staff's pages."""

from __future__ import annotations

import copy
import io
import json
from typing import Any

from django.utils import timezone
from pypdf import PdfReader

from zhijiang.credentials.models import Certificate, IssuerKey
from zhijiang.credentials.tests.factories import TRAINER, issue
from zhijiang_engine.credentials import CheckName, KeyRegistry, verify_credential


def test_the_certificate_page_is_public_and_shows_a_live_verification_and_a_qr_code(
    web: Any, certificate: Certificate
) -> None:
    response = web().get(f"/credentials/c/{certificate.uuid}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "blockchain architect" in html and "Senior (technical)" in html
    assert 'data-testid="verdict">Valid<' in html
    assert "<svg" in html and 'class="segno"' in html
    assert f"/credentials/c/{certificate.uuid}.pdf" in html
    assert f"/credentials/c/{certificate.uuid}.json" in html


def test_the_certificate_page_speaks_chinese(web: Any, certificate: Certificate) -> None:
    html = web(language="zh-hans").get(f"/credentials/c/{certificate.uuid}/").content.decode()
    assert "区块链工程技术人员" in html and 'data-testid="level">高级</dd>' in html


def test_the_holder_sees_their_full_name_and_strangers_a_masked_one(
    web: Any, certificate: Certificate, learner: Any
) -> None:
    own = web(learner).get(f"/credentials/c/{certificate.uuid}/").content.decode()
    stranger = web().get(f"/credentials/c/{certificate.uuid}/").content.decode()
    assert learner.full_name in own
    assert learner.full_name not in stranger
    assert learner.full_name[:1] + "***" in stranger


def test_a_revoked_certificate_page_says_invalid_with_the_reason(
    web: Any, certificate: Certificate, assessor: Any, body: Any
) -> None:
    response = web(assessor).post(
        f"/credentials/manage/{body.pk}/certificates/{certificate.uuid}/revoke/",
        {"reason": "考试作弊"},
    )
    assert response.status_code == 302
    html = web().get(f"/credentials/c/{certificate.uuid}/").content.decode()
    assert 'data-testid="verdict">Invalid<' in html
    assert "revoked (bit" in html


def test_the_credential_json_is_served_as_a_verifiable_credential(
    web: Any, certificate: Certificate
) -> None:
    response = web().get(f"/credentials/c/{certificate.uuid}.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc"
    assert "max-age" in response["Cache-Control"]
    assert response["Access-Control-Allow-Origin"] == "*"
    assert json.loads(response.content) == certificate.credential
    download = web().get(f"/credentials/c/{certificate.uuid}.json?download")
    assert "attachment" in download["Content-Disposition"]


def test_the_published_registry_and_status_list_verify_the_certificate_offline(
    web: Any, certificate: Certificate, body: Any
) -> None:
    keys = web().get(f"/credentials/issuers/{body.pk}/keys.json")
    assert keys.status_code == 200 and keys["Content-Type"] == "application/json"
    registry = KeyRegistry.from_dict(json.loads(keys.content))
    status_url = certificate.credential["credentialStatus"]["statusListCredential"]
    path = status_url.split("localhost:8000", 1)[1]
    status = web().get(path)
    assert status.status_code == 200 and status["Content-Type"] == "application/vc"
    report = verify_credential(certificate.credential, registry=registry, now=timezone.now(),
                               status_lists=[json.loads(status.content)])  # fmt: skip
    assert report.valid, report.to_dict()
    assert report.check(CheckName.REVOCATION).status.value == "ok"


def test_the_registry_keeps_retired_and_revoked_keys_with_their_dates(
    web: Any, certificate: Certificate, assessor: Any, body: Any
) -> None:
    web(assessor).post(f"/credentials/manage/{body.pk}/keys/rotate/")
    web(assessor).post(f"/credentials/manage/{body.pk}/keys/1/revoke/", {"reason": "泄露"})
    data = json.loads(web().get(f"/credentials/issuers/{body.pk}/keys.json").content)
    (issuer,) = data["issuers"]
    first, second = issuer["keys"]
    assert first["validUntil"] is not None and first["revoked"] is not None
    assert second["validUntil"] is None and second["revoked"] is None
    assert issuer["name"] == body.name


def test_the_issuer_profile_is_json_for_machines_and_a_page_for_people(
    web: Any, certificate: Certificate, body: Any
) -> None:
    as_json = web().get(f"/credentials/issuers/{body.pk}", HTTP_ACCEPT="application/ld+json")
    assert as_json["Content-Type"] == "application/ld+json"
    profile = json.loads(as_json.content)
    assert profile["type"] == ["Profile"] and profile["name"] == body.name
    assert profile["assertionMethod"] == [certificate.signing_key.key_id]
    assert "Accept" in [item.strip() for item in as_json["Vary"].split(",")]
    page = web().get(f"/credentials/issuers/{body.pk}", HTTP_ACCEPT="text/html")
    assert page["Content-Type"].startswith("text/html") and body.name in page.content.decode()
    assert web().get("/credentials/issuers/999999").status_code == 404


def test_the_pdf_holds_the_occupation_in_chinese_and_english_and_the_qr_image(
    web: Any, certificate: Certificate
) -> None:
    response = web().get(f"/credentials/c/{certificate.uuid}.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    compact = "".join(ch for ch in text if not ch.isspace() and ch != "\x00")
    assert "区块链工程技术人员" in compact
    assert "blockchainarchitect" in compact and "职业技术技能等级证书" in compact
    assert sum(len(page.images) for page in reader.pages) >= 1


def test_the_verification_page_reports_each_check_for_a_pasted_or_uploaded_credential(
    web: Any, certificate: Certificate
) -> None:
    pasted = web().post("/credentials/verify/", {"document": json.dumps(certificate.credential)})
    assert pasted.status_code == 200
    assert 'data-testid="verdict">Valid<' in pasted.content.decode()
    tampered = copy.deepcopy(certificate.credential)
    tampered["credentialSubject"]["result"][0]["value"] = "首席技师"
    upload = io.BytesIO(json.dumps(tampered).encode())
    upload.name = "cert.json"
    html = web().post("/credentials/verify/", {"file": upload}).content.decode()
    assert 'data-testid="verdict">Invalid<' in html
    assert "signature does not match" in html


def test_the_verification_page_never_fails_on_malformed_input(web: Any) -> None:
    for text in ("{oops", "[]", '{"@context": 1}', '"x"', "null", '{"a":' * 5000):
        response = web().post("/credentials/verify/", {"document": text})
        assert response.status_code == 200
        assert 'data-testid="verdict">Invalid<' in response.content.decode()
    assert web().post("/credentials/verify/", {}).status_code == 200


def test_learners_see_only_their_own_certificates(
    web: Any, certificate: Certificate, other_learner: Any, assessor: Any, body: Any, learner: Any
) -> None:
    issue(actor=assessor, issuer=body, person=other_learner, code=TRAINER)
    html = web(learner).get("/credentials/mine/").content.decode()
    assert html.count('data-testid="my-certificate"') == 1
    assert str(certificate.uuid) in html
    assert web().get("/credentials/mine/").status_code == 302


def test_issuer_staff_pages_are_only_for_the_issuers_staff(
    web: Any, certificate: Certificate, assessor: Any, body: Any, other_assessor: Any, learner: Any
) -> None:
    assert web(assessor).get("/credentials/manage/").status_code == 302
    issued = web(assessor).get(f"/credentials/manage/{body.pk}/")
    assert issued.status_code == 200 and str(certificate.uuid) in issued.content.decode()
    assert web(assessor).get(f"/credentials/manage/{body.pk}/keys/").status_code == 200
    for outsider in (other_assessor, learner):
        assert web(outsider).get(f"/credentials/manage/{body.pk}/").status_code == 403
        assert web(outsider).post(f"/credentials/manage/{body.pk}/keys/rotate/").status_code == 403
        revoke = f"/credentials/manage/{body.pk}/certificates/{certificate.uuid}/revoke/"
        assert web(outsider).post(revoke, {"reason": "x"}).status_code == 403
    assert Certificate.objects.get().revoked_at is None
    assert IssuerKey.objects.count() == 1


def test_issuer_staff_rotate_the_key_from_the_keys_page(
    web: Any, certificate: Certificate, assessor: Any, body: Any
) -> None:
    response = web(assessor).post(f"/credentials/manage/{body.pk}/keys/rotate/", follow=True)
    assert response.status_code == 200
    assert 'data-testid="key-retired"' in response.content.decode()
    assert IssuerKey.objects.get(status="active").number == 2
