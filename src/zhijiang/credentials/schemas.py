"""API schemas for certificates, verification reports and issuers' public keys."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from ninja import Field, Schema

from zhijiang.common.params import Int64
from zhijiang.credentials.levels import certificate_level_label


class CertificateIn(Schema):
    issuer: Int64 = Field(
        ..., description="Id of the issuing organisation (assessment body or bureau)"
    )
    person: Int64 = Field(..., description="Id of the person (user) awarded the certificate")
    occupation: str = Field(..., description="CSCO-2022 occupation code, e.g. 4-04-05-05")
    level: Int64 = Field(
        ...,
        description="Skill level on the occupation's ladder: 1 (学徒工) … 8 (首席技师) for "
        "workers, 2 (初级), 3 (中级) or 4 (高级) for professionals (大类 2)",
    )
    evidence: str = Field(..., max_length=2000, description="How it was assessed, in short")
    valid_until: datetime | None = Field(
        None, description="Expiry, with a time zone; none: no expiry"
    )
    achievement_type: str = Field("Certificate", description="Certificate or License")


class CertificatePartIn(Schema):
    """One half of a dual certificate."""

    issuer: Int64
    occupation: str
    level: Int64
    evidence: str = Field(..., max_length=2000)
    valid_until: datetime | None = None
    achievement_type: str = "Certificate"


class DualCertificateIn(Schema):
    person: Int64
    first: CertificatePartIn
    second: CertificatePartIn


class RevokeIn(Schema):
    reason: str = Field(..., min_length=1, max_length=500)


class CertificateOut(Schema):
    uuid: UUID
    url: str = Field(..., description="The public certificate page")
    occupation: str = Field(..., description="CSCO-2022 code")
    occupation_name: str
    level: int
    level_name: str
    achievement_type: str
    issuer_id: int
    issuer_name: str
    issued_at: datetime
    valid_until: datetime | None
    revoked_at: datetime | None
    paired_with: UUID | None = None

    @staticmethod
    def resolve_url(obj: Any) -> str:
        from zhijiang.credentials.documents import page_url

        return page_url(obj)

    @staticmethod
    def resolve_occupation(obj: Any) -> str:
        return str(obj.occupation.code)

    @staticmethod
    def resolve_occupation_name(obj: Any) -> str:
        return str(obj.occupation.label)

    @staticmethod
    def resolve_level_name(obj: Any) -> str:
        return certificate_level_label(obj)

    @staticmethod
    def resolve_issuer_name(obj: Any) -> str:
        return str(obj.issuer.name)

    @staticmethod
    def resolve_paired_with(obj: Any) -> UUID | None:
        return obj.paired_with.uuid if obj.paired_with_id else None


class CheckOut(Schema):
    check: str = Field(
        ..., description="structure, proof, issuer_key, revocation, validity_period or pairing"
    )
    status: str = Field(..., description="ok, failed or skipped")
    reason: str


class ReportOut(Schema):
    credential: str | None
    valid: bool
    checks: list[CheckOut]


class VerificationOut(Schema):
    valid: bool
    credentials: list[ReportOut] = Field(
        ..., description="One report per credential (two for a dual certificate)"
    )
    pairing: CheckOut | None = None


class CertificateDetailOut(CertificateOut):
    credential: dict[str, Any] = Field(..., description="The signed credential (Open Badges 3.0)")
    verification: VerificationOut

    @staticmethod
    def resolve_verification(obj: Any) -> dict[str, Any]:
        from zhijiang.credentials.verification import verify_document

        return verify_document(obj.credential).to_dict()


class KeyOut(Schema):
    number: int
    key_id: str = Field(..., description="The proofs' verificationMethod")
    public_key_multibase: str
    status: str = Field(..., description="active, retired or revoked")
    valid_from: datetime
    retired_at: datetime | None
    revoked_at: datetime | None
