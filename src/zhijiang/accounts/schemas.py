"""API schemas: separate input and output shapes per endpoint. Personal data only ever masked."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Field, Schema

from zhijiang.accounts.models import ConsentPurpose, OrganisationKind, Role


class DistrictOut(Schema):
    code: str
    name: str
    name_en: str
    kind: str


class OrganisationOut(Schema):
    id: int
    name: str
    kind: OrganisationKind
    district: str | None = Field(None, description="District code (GB/T 2260)")
    credit_code: str | None
    address: str
    contact_phone: str
    is_active: bool

    @staticmethod
    def resolve_district(obj: Any) -> str | None:
        return obj.district.code if obj.district_id else None


class OrganisationIn(Schema):
    name: str = Field(..., min_length=1, max_length=120)
    kind: OrganisationKind
    district: str | None = Field(None, max_length=6, description="District code, e.g. 500103")
    credit_code: str | None = Field(None, max_length=18)
    address: str = Field("", max_length=200)
    contact_phone: str = Field("", max_length=20)


class OrganisationPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=120)
    credit_code: str | None = Field(None, max_length=18)
    address: str | None = Field(None, max_length=200)
    contact_phone: str | None = Field(None, max_length=20)
    is_active: bool | None = None


class MemberOut(Schema):
    id: int
    user_id: int
    username: str
    name: str
    role: Role

    @staticmethod
    def resolve_username(obj: Any) -> str:
        return str(obj.user.username)

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return str(obj.user.full_name)


class MembershipIn(Schema):
    username: str = Field(..., min_length=1, max_length=150)
    role: Role


class PersonOut(Schema):
    id: int
    username: str
    name: str = Field(..., alias="full_name")
    district: str | None
    phone: str = Field(..., description="Masked, e.g. 138****5678")
    id_number: str = Field(..., description="Masked, e.g. 500***********123X")
    id_number_verified: bool = Field(
        False, description="False while the number is only the person's own word"
    )

    @staticmethod
    def resolve_district(obj: Any) -> str | None:
        return obj.district.code if obj.district_id else None

    @staticmethod
    def resolve_phone(obj: Any) -> str:
        return str(obj.masked_phone)

    @staticmethod
    def resolve_id_number(obj: Any) -> str:
        return str(obj.id_number_masked)


class PersonIn(Schema):
    username: str = Field(..., min_length=3, max_length=150, pattern=r"^[\w.@+-]+$")
    password: str = Field(..., min_length=8, max_length=128)
    name: str = Field(..., min_length=1, max_length=60)
    district: str = Field(..., max_length=6)
    phone: str | None = Field(None, max_length=20)
    id_number: str | None = Field(None, max_length=20)


class SignUpIn(Schema):
    username: str = Field(..., min_length=3, max_length=150, pattern=r"^[\w.@+-]+$")
    password: str = Field(..., min_length=8, max_length=128)
    name: str = Field(..., min_length=1, max_length=60)
    phone: str = Field(..., max_length=20)
    district: str = Field(..., max_length=6)
    accept_privacy: bool = Field(..., description="Must be true: the privacy notice was read")


class SignUpStartedOut(Schema):
    """The same whether or not the number already has an account."""

    sign_up_id: str = Field(..., description="Send it back with the code to confirm")
    phone: str = Field(..., description="Where the text message went, masked")
    expires_at: datetime
    detail: str


class SignUpConfirmIn(Schema):
    sign_up_id: str = Field(..., min_length=1, max_length=100)
    code: str = Field(..., min_length=1, max_length=10)


class SignUpResendIn(Schema):
    sign_up_id: str = Field(..., min_length=1, max_length=100)


class MeOut(PersonOut):
    email: str
    roles: list[Role]

    @staticmethod
    def resolve_roles(obj: Any) -> list[str]:
        return sorted({m.role for m in obj.memberships.all()})


class MePatch(Schema):
    name: str | None = Field(None, max_length=60)
    email: str | None = Field(None, max_length=254, pattern=r"^$|^[^@\s]+@[^@\s]+\.[^@\s]+$")
    phone: str | None = Field(None, max_length=20)
    district: str | None = Field(None, max_length=6)


class PasswordIn(Schema):
    old_password: str = Field(..., max_length=128)
    new_password: str = Field(..., min_length=8, max_length=128)


class IdNumberIn(Schema):
    id_number: str = Field(..., max_length=20)


class ConsentOut(Schema):
    purpose: ConsentPurpose
    notice_version: str
    granted_at: datetime
    withdrawn_at: datetime | None


class ConsentIn(Schema):
    purpose: ConsentPurpose


class DeletionRequestIn(Schema):
    reason: str = Field("", max_length=500)


class DeletionRequestOut(Schema):
    id: int
    user_id: int
    status: str
    reason: str
    created_at: datetime
    decided_at: datetime | None
    decision_note: str


class DecisionIn(Schema):
    approve: bool
    note: str = Field("", max_length=500)


class AuditEventOut(Schema):
    id: int
    created_at: datetime
    actor: str = Field(..., alias="actor_label")
    action: str
    object_type: str
    object_id: str
    object_label: str
    district: str | None
    changes: dict[str, Any]

    @staticmethod
    def resolve_district(obj: Any) -> str | None:
        return obj.district.code if obj.district_id else None


class TokenIn(Schema):
    username: str = Field(..., min_length=1, max_length=150, description="Username or mobile")
    password: str = Field(..., min_length=1, max_length=128)
    name: str = Field("api", max_length=60)


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    expires_at: datetime = Field(..., description="The token stops working then")


class TokenCreatedOut(TokenOut):
    token: str = Field(..., description="Shown once; send as Authorization: Bearer <token>")
