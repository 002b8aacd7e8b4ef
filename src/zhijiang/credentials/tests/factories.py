"""Certificates for the credentials tests, issued through the services as assessors issue them."""

from __future__ import annotations

from typing import Any

from zhijiang.accounts.models import Organisation, User
from zhijiang.credentials import services
from zhijiang.credentials.models import Certificate
from zhijiang.occupations.models import Occupation

BLOCKCHAIN = "2-02-38-08"  # 区块链工程技术人员, linked to ESCO "blockchain architect", ISCO 2511
TRAINER = "4-04-05-05"  # 人工智能训练师, no international link


def issue(
    *, actor: User, issuer: Organisation, person: User, code: str = BLOCKCHAIN, **changes: Any
) -> Certificate:
    values: dict[str, Any] = {
        "level": 4,
        "evidence": "理论考试 86 分，实操考核 91 分。",
        "valid_until": None,
    }
    values.update(changes)
    return services.certificate_issue(
        actor=actor,
        issuer=issuer,
        person=person,
        occupation=Occupation.objects.get(code=code),
        **values,
    )
