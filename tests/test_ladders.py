"""The two ladders in the engine: a standard document's levels and a credential's level follow
the occupation's ladder (worker, or 初级 / 中级 / 高级 for the professionals of 大类 2), and a
worker's credential is byte for byte what it was before the professional ladder existed."""

from __future__ import annotations

import copy
import hashlib
from datetime import UTC, datetime
from typing import Any

import pytest

from zhijiang_engine.credentials import (
    Alignment,
    CertificateClaim,
    Occupation,
    skill_level,
    unsigned_certificate,
)
from zhijiang_engine.credentials.jcs import canonicalize
from zhijiang_engine.standards import Ladder, document_from_dict, document_to_dict
from zhijiang_engine.standards.schema import validate_document

ELECTRICIAN = Occupation(
    "6-31-01-03", "电工", "Electrician", (Alignment("ISCO-08", "7411", "Building electricians"),)
)
SOFTWARE = Occupation("2-02-10-03", "计算机软件工程技术人员", "software developer")


def _claim(occupation: Occupation, rank: int) -> CertificateClaim:
    return CertificateClaim(
        credential_id="urn:uuid:11111111-2222-4333-8444-555555555555",
        issuer_id="https://x/issuers/1",
        issuer_name="杭州市职业技能鉴定中心",
        subject_id="did:example:a",
        occupation=occupation,
        level_rank=rank,
        valid_from=datetime(2026, 3, 1, tzinfo=UTC),
        evidence_summary="理论考试 86 分",
    )


def test_a_worker_credential_is_byte_identical_to_the_one_issued_before_the_two_ladders() -> None:
    # SHA-256 of the JCS form that the previous release produced for this claim.
    canonical = canonicalize(unsigned_certificate(_claim(ELECTRICIAN, 4)))
    assert hashlib.sha256(canonical).hexdigest() == (
        "595fb48430e0074d899ebf3aeeba34d17a6ef986d75983b68056e486a94892e7"
    )


def test_a_professional_credential_names_its_level_on_the_professional_ladder() -> None:
    credential = unsigned_certificate(_claim(SOFTWARE, 4))
    assert credential["name"] == "计算机软件工程技术人员（高级）职业技术技能等级证书"
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["description"] == (
        "software developer, technical skill level 4: Senior (technical)"
    )
    levels = achievement["resultDescription"][0]["rubricCriterionLevel"]
    assert [(level["level"], level["name"]) for level in levels] == [
        ("2", "初级"), ("3", "中级"), ("4", "高级"),
    ]  # fmt: skip


@pytest.mark.parametrize("rank", [1, 5, 8])
def test_a_professional_credential_off_its_ladder_is_not_made(rank: int) -> None:
    with pytest.raises(ValueError, match="2 \\(初级\\) to 4 \\(高级\\)"):
        unsigned_certificate(_claim(SOFTWARE, rank))
    assert skill_level(rank, Ladder.WORKER).rank == rank


def _document(code: str, ranks: tuple[int, ...]) -> dict[str, Any]:
    level = {
        "basic_weight": 20,
        "functions": [{
            "title": "软件开发", "theory_weight": 80, "skill_weight": 100,
            "contents": [{
                "title": "编码",
                "skills": [{"text": "能编写程序"}],
                "knowledge": [{"text": "程序设计知识"}],
            }],
        }],
    }  # fmt: skip
    return {
        "format": "zhijiang.standard/1",
        "occupation": {"code": code, "name": "计算机软件工程技术人员"},
        "basic_requirements": {"ethics": ["遵纪守法"], "knowledge": ["计算机基础知识"]},
        "levels": [{"level": rank, **copy.deepcopy(level)} for rank in ranks],
    }


def test_a_professional_standards_levels_are_named_初级_中级_高级() -> None:
    data = document_to_dict(document_from_dict(_document("2-02-10-03", (2, 3, 4))))
    assert [level["name"] for level in data["levels"]] == ["初级", "中级", "高级"]


def test_a_professional_standard_at_技师_is_invalid_and_the_path_says_where() -> None:
    problems = validate_document(_document("2-02-10-03", (2, 3, 5)))
    assert problems == [
        ("$.levels[2].level",
         "level 5 is not a level of a professional occupation (初级 2, 中级 3, 高级 4)"),
    ]  # fmt: skip


def test_a_worker_standard_keeps_its_five_national_levels() -> None:
    data = document_to_dict(document_from_dict(_document("4-04-05-05", (2, 5, 6))))
    assert [level["name"] for level in data["levels"]] == ["初级工", "技师", "高级技师"]
