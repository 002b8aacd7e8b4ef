"""``zhijiang credentials verify`` against this platform's database (no --keys), and offline
with the published files."""

from __future__ import annotations

import copy
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from zhijiang.cli.credentials import credentials_verify
from zhijiang.cli.io import BatchInputError
from zhijiang.credentials import services
from zhijiang.credentials.models import Certificate


def cli(argv: list[str], stdin: bytes = b"") -> list[dict[str, Any]]:
    return [json.loads(line) for line in credentials_verify(argv, io.BytesIO(stdin))]


def write(tmp_path: Path, name: str, data: object) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_without_keys_the_platforms_registry_and_status_list_are_used(
    tmp_path: Path, certificate: Certificate
) -> None:
    rows = cli([write(tmp_path, "cert.json", certificate.credential)])
    checks = {row["check"]: row["status"] for row in rows[:-1]}
    assert checks == {
        "structure": "ok", "proof": "ok", "issuer_key": "ok", "revocation": "ok",
        "validity_period": "ok",
    }  # fmt: skip
    assert rows[-1] == {"credential": certificate.credential["id"], "valid": True}


def test_without_keys_a_revoked_certificate_names_the_revocation_check(
    tmp_path: Path, certificate: Certificate, assessor: Any
) -> None:
    services.certificate_revoke(actor=assessor, certificate=certificate, reason="作弊")
    with pytest.raises(BatchInputError, match=r"cert\.json: invalid credential: revocation failed"):
        cli([write(tmp_path, "cert.json", certificate.credential)])


def test_without_keys_a_tampered_certificate_names_the_proof_check(
    tmp_path: Path, certificate: Certificate
) -> None:
    tampered = copy.deepcopy(certificate.credential)
    tampered["credentialSubject"]["result"][0]["value"] = "首席技师"
    with pytest.raises(BatchInputError, match="proof failed: signature does not match"):
        cli(["-"], json.dumps(tampered).encode())


def test_offline_the_published_files_verify_the_certificate(
    tmp_path: Path, certificate: Certificate, body: Any, client: Any
) -> None:
    registry = client.get(f"/credentials/issuers/{body.pk}/keys.json").content
    status_path = f"/credentials/status/{body.pk}/{certificate.status_list.number}.json"
    status = client.get(status_path).content
    (tmp_path / "keys.json").write_bytes(registry)
    (tmp_path / "status.json").write_bytes(status)
    rows = cli([write(tmp_path, "cert.json", certificate.credential),
                "--keys", str(tmp_path / "keys.json"),
                "--status-list", str(tmp_path / "status.json")])  # fmt: skip
    assert rows[-1]["valid"] is True
    assert {row["check"]: row["status"] for row in rows[:-1]}["revocation"] == "ok"


def test_the_zhijiang_command_says_which_check_failed(tmp_path: Path) -> None:
    """The console script, run as a person runs it, on a file the platform does not know."""
    foreign = {"@context": ["https://www.w3.org/ns/credentials/v2"], "id": "urn:x"}
    path = write(tmp_path, "cert.json", foreign)
    result = subprocess.run(
        [sys.executable, "-m", "zhijiang.cli", "credentials", "verify", path, "--keys",
         write(tmp_path, "keys.json", {"type": "ZhijiangIssuerKeyRegistry", "version": 1,
                                        "issuers": []})],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "invalid credential: structure failed" in result.stderr
    assert result.stdout == ""
