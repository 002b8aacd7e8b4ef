"""The certificate page and the verification panel speak the reader's language: check names,
what each check found (the engine's reasons), dates and parse errors, in Chinese and English."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone, translation

from zhijiang.credentials import services
from zhijiang.credentials.models import Certificate
from zhijiang.credentials.reasons import readable_reason
from zhijiang.credentials.tests.factories import TRAINER, issue
from zhijiang.credentials.verification import registry_for, status_lists_for, verify_document
from zhijiang_engine.credentials import KeyRegistry, dual_certificate, verify_credential

CJK = re.compile(r"[\u4e00-\u9fff]")


def _details(html: str) -> list[tuple[bool, str]]:
    """(marked as English, text) of each check's detail line."""
    found = re.findall(r'<div class="muted" data-testid="check-detail"( lang="en")?>(.*?)</div>',
                       html, flags=re.S)  # fmt: skip
    return [(bool(marked), text) for marked, text in found]


def _chinese_client() -> Client:
    """A reader who chose Chinese with the language switch (the cookie), browser in English."""
    client = Client(headers={"Accept-Language": "en"})
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    return client


def test_the_certificate_page_in_chinese_says_every_check_and_date_in_chinese(
    certificate: Certificate,
) -> None:
    html = _chinese_client().get(f"/credentials/c/{certificate.uuid}/").content.decode()
    assert 'data-testid="verdict">有效<' in html
    details = _details(html)
    assert len(details) == 5
    assert all(not marked and CJK.search(text) for marked, text in details), details
    assert "签名与密钥 http://localhost:8000/credentials/issuers/" in html
    assert re.search(r'data-testid="issued">\d{4}年\d{1,2}月\d{1,2}日<', html)
    assert 'data-testid="level">高级</dd>' in html


def test_the_certificate_page_in_english_says_every_check_and_date_in_english(
    web: Any, certificate: Certificate
) -> None:
    html = web(language="en").get(f"/credentials/c/{certificate.uuid}/").content.decode()
    details = _details(html)
    assert len(details) == 5
    assert not any(CJK.search(text) for _, text in details), details
    assert "valid, with no expiry date" in html
    assert re.search(r'data-testid="issued">[A-Z][a-z]+\.? \d{1,2}, \d{4}<', html)
    assert 'data-testid="level">Senior (technical)</dd>' in html


def test_a_revoked_certificate_says_so_in_chinese_with_the_status_bit(
    certificate: Certificate, assessor: Any
) -> None:
    services.certificate_revoke(actor=assessor, certificate=certificate, reason="考试作弊")
    html = _chinese_client().get(f"/credentials/c/{certificate.uuid}/").content.decode()
    assert 'data-testid="verdict">无效<' in html
    assert re.search(r"已吊销（http://\S+/credentials/status/\d+/1\.json 的第 \d+ 位已置位）", html)


def test_the_verification_page_explains_unreadable_json_in_the_readers_language(
    web: Any,
) -> None:
    chinese = web(language="zh-hans").post("/credentials/verify/", {"document": '{"a": '})
    assert "第 1 行第 6 列：此处应为一个值" in chinese.content.decode()
    english = web(language="en").post("/credentials/verify/", {"document": '{"a": '})
    assert "line 1, column 6: a value was expected" in english.content.decode()
    extra = web(language="zh-hans").post("/credentials/verify/", {"document": "{} {}"})
    assert "文档结束后还有多余内容" in extra.content.decode()


def test_a_malformed_certificate_keeps_its_technical_problem_marked_as_english(
    certificate: Certificate,
) -> None:
    broken = copy.deepcopy(certificate.credential)
    broken["@context"] = ["https://example.org/not-a-credential"]
    html = (
        _chinese_client()
        .post("/credentials/verify/", {"document": json.dumps(broken)})
        .content.decode()
    )
    assert 'data-testid="verdict">无效<' in html
    (structure, *skipped) = _details(html)
    assert structure[0] and "@context" in structure[1]
    assert skipped and all(text == "格式检查未通过" for _, text in skipped)


def _engine_reasons(certificate: Certificate, other: Certificate) -> list[str]:
    """Reasons the engine gives for this platform's certificates, valid and not."""
    document = certificate.credential
    registry, lists = registry_for(document), status_lists_for(document)
    now = timezone.now()
    tampered = copy.deepcopy(document)
    tampered["credentialSubject"]["result"][0]["value"] = "首席技师"
    unlisted = copy.deepcopy(document)
    del unlisted["credentialStatus"]
    reports = [
        verify_credential(document, registry=registry, now=now, status_lists=lists),
        verify_credential(tampered, registry=registry, now=now, status_lists=lists),
        verify_credential(unlisted, registry=registry, now=now, status_lists=lists),
        verify_credential(document, registry=KeyRegistry(keys=()), now=now),
        verify_credential(document, registry=registry, now=now - dt.timedelta(days=9)),
    ]
    reports += [
        verify_credential(other.credential, registry=registry_for(other.credential), now=moment)
        for moment in (now, now + dt.timedelta(days=4000))
    ]
    dual = verify_document(dual_certificate(document, other.credential))
    checks = [check for report in (*reports, *dual.reports) for check in report.checks]
    assert dual.pairing is not None
    return sorted({check.reason for check in [*checks, dual.pairing]})


def test_every_reason_the_engine_gives_for_platform_certificates_is_translated(
    certificate: Certificate, assessor: Any, body: Any, learner: Any
) -> None:
    later = timezone.now() + dt.timedelta(days=365)
    other = issue(actor=assessor, issuer=body, person=learner, code=TRAINER, valid_until=later)
    reasons = _engine_reasons(certificate, other)
    assert len(reasons) >= 12
    with translation.override("zh-hans"):
        readable = {reason: readable_reason(reason) for reason in reasons}
    untranslated = [reason for reason, found in readable.items() if not found.translated]
    assert untranslated == []
    assert all(CJK.search(found.text) for found in readable.values())


@pytest.mark.parametrize(
    ("reason", "language", "expected"),
    [
        ("expired at 2030-01-31T16:00:00Z", "zh-hans", "已于 2030年2月1日 00:00 过期"),
        ("expired at 2030-01-31T16:00:00Z", "en", "expired on Feb. 1, 2030, midnight"),
        ("key k#key-1 was revoked at 2030-01-31T16:00:00Z; the certificate was signed "
         "2030-02-01T16:00:00Z", "en",
         "key k#key-1 was revoked on Feb. 1, 2030, midnight; the certificate was signed on "
         "Feb. 2, 2030, midnight"),
        ("@context must include https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
         "zh-hans", "@context must include https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"),
    ],
)  # fmt: skip
def test_reasons_carry_their_dates_in_the_readers_format(
    reason: str, language: str, expected: str
) -> None:
    with translation.override(language), timezone.override("Asia/Shanghai"):
        assert readable_reason(reason).text == expected
