"""The data download's sections of the person's certificates and the pseudonymous subject id
they are issued under. Signing keys stay out: they belong to the issuers."""

from __future__ import annotations

from typing import Any

from zhijiang.accounts.models import User
from zhijiang.accounts.personal_data import iso, register_section
from zhijiang.credentials.models import Certificate, Holder


def credential_holder(user: User) -> dict[str, Any] | None:
    holder = Holder.objects.filter(person=user).first()
    return {"subject_id": holder.subject_id} if holder is not None else None


def certificates(user: User) -> list[dict[str, Any]]:
    rows = (
        Certificate.objects.filter(person=user)
        .select_related("occupation", "issuer", "paired_with")
        .order_by("issued_at", "id")
    )
    return [
        {
            "uuid": str(c.uuid),
            "occupation": c.occupation.code,
            "occupation_name": c.occupation.name,
            "level": c.level,
            "kind": c.achievement_type,
            "issuer": c.issuer.name,
            "issued": iso(c.issued_at),
            "valid_until": iso(c.valid_until),
            "evidence": c.evidence,
            "revoked": iso(c.revoked_at),
            "revocation_reason": c.revocation_reason,
            "paired_with": str(c.paired_with.uuid) if c.paired_with else None,
            "credential": c.credential,  # the signed credential exactly as handed out
        }
        for c in rows
    ]


def register() -> None:
    app = "credentials"
    register_section(
        "credential_holder",
        app=app,
        collect=credential_holder,
        covers={"credentials.Holder.person"},
    )
    register_section(
        "certificates", app=app, collect=certificates, covers={"credentials.Certificate.person"}
    )
