"""Private signing keys: encrypted at rest, and never in a response, a log line or the admin."""

from __future__ import annotations

import base64
import logging
import os
import subprocess
import sys
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from zhijiang.common.errors import ApplicationError
from zhijiang.credentials import keys
from zhijiang.credentials.keystore import signing_key_of
from zhijiang.credentials.models import Certificate, IssuerKey
from zhijiang.credentials.tests.factories import issue
from zhijiang_engine.credentials import public_key_to_multikey


def secret_forms(seed: bytes) -> list[str]:
    """Every way the 32-byte seed might be written out: hex, base64, base64url, base58 Multikey
    style, and the raw bytes as Latin-1."""
    from zhijiang_engine.credentials import base58btc_encode

    return [
        seed.hex(),
        base64.b64encode(seed).decode().rstrip("="),
        base64.urlsafe_b64encode(seed).decode().rstrip("="),
        base58btc_encode(seed),
        public_key_to_multikey(seed),  # the seed mistaken for a public key
    ]


def test_the_private_key_is_stored_encrypted(certificate: Certificate) -> None:
    key = certificate.signing_key
    seed = signing_key_of(key).private_key
    assert len(seed) == 32
    stored = key.private_key_encrypted
    assert not any(form in stored for form in secret_forms(seed))
    assert signing_key_of(key).public_key_multibase == key.public_key_multibase


def test_a_changed_secret_gives_a_clear_error_without_key_material(
    certificate: Certificate, settings: Any
) -> None:
    settings.CREDENTIAL_KEY_SECRET = "another-secret-of-at-least-thirty-two-characters"
    with pytest.raises(ApplicationError) as refused:
        signing_key_of(certificate.signing_key)
    assert refused.value.code == "signing_key_unreadable"
    assert certificate.signing_key.private_key_encrypted not in str(refused.value)


def test_the_private_key_never_appears_in_responses_or_logs(
    api: Any, web: Any, assessor: Any, body: Any, learner: Any, caplog: pytest.LogCaptureFixture,
    admin_client: Any,
) -> None:  # fmt: skip
    caplog.set_level(logging.DEBUG)
    first = api(assessor).call("post", "/credentials/certificates", {
        "issuer": body.pk, "person": learner.pk, "occupation": "2-02-38-08", "level": 4,
        "evidence": "实操 91 分",
    })  # fmt: skip
    uuid = first.json()["uuid"]
    bodies = [first.content]
    rotated = api(assessor).call("post", f"/credentials/issuers/{body.pk}/keys")
    bodies.append(rotated.content)
    for path in (
        f"/api/v1/credentials/certificates/{uuid}",
        f"/api/v1/credentials/issuers/{body.pk}/keys",
    ):
        bodies.append(api().get(path).content)
    for path in (
        f"/credentials/c/{uuid}/", f"/credentials/c/{uuid}.json", f"/credentials/c/{uuid}.pdf",
        f"/credentials/issuers/{body.pk}/keys.json", f"/credentials/issuers/{body.pk}",
        f"/credentials/manage/{body.pk}/", f"/credentials/manage/{body.pk}/keys/",
    ):  # fmt: skip
        bodies.append(web(assessor).get(path).content)
    for key in IssuerKey.objects.all():
        page = admin_client.get(f"/admin/credentials/issuerkey/{key.pk}/change/")
        assert page.status_code == 200 and key.public_key_multibase in page.content.decode()
        bodies.append(page.content)
    bodies.append(admin_client.get("/admin/credentials/issuerkey/").content)
    logs = caplog.text + "".join(repr(record.args) for record in caplog.records)
    stored = IssuerKey.objects.all()
    assert stored.count() == 2
    for key in stored:
        seed = signing_key_of(key).private_key
        for form in [*secret_forms(seed), key.private_key_encrypted]:
            assert all(form.encode() not in content for content in bodies), form
            assert form not in logs
        assert seed not in b"".join(bodies)
        assert str(signing_key_of(key)).count(key.key_id) == 1  # repr names the key, not its seed
        assert seed.hex() not in repr(signing_key_of(key))


@pytest.fixture
def admin_client(db: None) -> Any:
    from django.test import Client

    admin = get_user_model().objects.create_superuser("root", "root@example.com", "x")
    client = Client()
    client.force_login(admin)
    return client


def test_key_create_makes_the_first_key_once(assessor: Any, body: Any) -> None:
    key = keys.key_create(actor=assessor, organisation=body)
    assert key.number == 1 and key.status == IssuerKey.Status.ACTIVE
    assert key.key_id.endswith(f"/credentials/issuers/{body.pk}#key-1")
    with pytest.raises(ApplicationError) as again:
        keys.key_create(actor=assessor, organisation=body)
    assert again.value.code == "key_exists"


def test_issuing_without_a_key_makes_the_first_one(assessor: Any, body: Any, learner: Any) -> None:
    issue(actor=assessor, issuer=body, person=learner)
    assert IssuerKey.objects.filter(organisation=body).count() == 1


def _settings_in_production(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
    base = {
        "ZHIJIANG_ENV": "production", "SECRET_KEY": "s" * 20 + "-production-secret-of-length-42",
        "PII_HASH_KEY": "p" * 40, "ALLOWED_HOSTS": "zhijiang.example.gov.cn",
        "DATABASE_URL": "postgres://zj@db/zhijiang", "PUBLIC_URL": "https://zhijiang.example.gov.cn",
        "SMS_CONSOLE_IN_PRODUCTION": "true",  # no sign-ups here: this is about the keys
    }  # fmt: skip
    return subprocess.run(
        [sys.executable, "-c", "import zhijiang.settings"],
        env={**clean, **base, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_requires_its_own_credential_key_secret() -> None:
    assert "CREDENTIAL_KEY_SECRET" in _settings_in_production().stderr
    reused = _settings_in_production(CREDENTIAL_KEY_SECRET="p" * 40)
    assert "CREDENTIAL_KEY_SECRET" in reused.stderr
    good = _settings_in_production(CREDENTIAL_KEY_SECRET="c" * 40)
    assert good.returncode == 0, good.stderr
