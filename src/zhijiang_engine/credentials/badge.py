"""Skill certificates as Open Badges 3.0 credentials (W3C VC 2.0 data model).

The achievement is one occupation at one level of its ladder: the eight-level worker ladder
(职业技能等级证书), or for the professionals of CSCO 大类 2 the 初级 / 中级 / 高级 of a
职业技术技能标准 (职业技术技能等级证书), stored as ranks 2–4. Its ``name`` is Chinese
(``inLanguage`` zh-CN) and its ``description`` English. The level is an OB 3.0 ``result``: the
achievement's ResultDescription lists the ladder's levels as RubricCriterionLevels and the
subject's Result points at the level achieved. A level assessed in one specialism (专业方向)
of a 职业技术技能标准 is its own achievement, named "中级 · 机器学习方向"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

from zhijiang_engine.credentials.dates import format_datetime
from zhijiang_engine.credentials.status_list import status_entry
from zhijiang_engine.standards.levels import PROFESSIONAL_LEVELS, Ladder, ladder_of

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CREDENTIAL_TYPES = ("VerifiableCredential", "OpenBadgeCredential")
ACHIEVEMENT_TYPES = ("Certificate", "License")
# Neither VC 2.0 nor OB 3.0 defines ``pairedCredential``: without this term an RDFC-1.0
# canonicalizer would drop it, leaving the pairing outside what the signature covers.
PAIRING_CONTEXT = {
    "pairedCredential": {"@id": "urn:zhijiang:vocab:pairedCredential", "@type": "@id"},
}


@dataclass(frozen=True)
class SkillLevel:
    """One rung of the national vocational skill ladder."""

    rank: int
    name_zh: str
    name_en: str


SKILL_LEVELS: tuple[SkillLevel, ...] = (
    SkillLevel(1, "学徒工", "Apprentice"),
    SkillLevel(2, "初级工", "Junior Worker"),
    SkillLevel(3, "中级工", "Intermediate Worker"),
    SkillLevel(4, "高级工", "Senior Worker"),
    SkillLevel(5, "技师", "Technician"),
    SkillLevel(6, "高级技师", "Senior Technician"),
    SkillLevel(7, "特级技师", "Special-Grade Technician"),
    SkillLevel(8, "首席技师", "Chief Technician"),
)


# The professional ladder of a 职业技术技能标准, on ranks 2–4 so that levels compare alike.
TECHNICAL_SKILL_LEVELS: tuple[SkillLevel, ...] = tuple(
    SkillLevel(level.rank, level.name_zh, level.name_en) for level in PROFESSIONAL_LEVELS
)


def skill_levels(ladder: Ladder = Ladder.WORKER) -> tuple[SkillLevel, ...]:
    """Every level of the ladder, lowest first."""
    return TECHNICAL_SKILL_LEVELS if ladder is Ladder.PROFESSIONAL else SKILL_LEVELS


def skill_level(rank: int, ladder: Ladder = Ladder.WORKER) -> SkillLevel:
    """The level with this rank on ``ladder``: 1 (学徒工) to 8 (首席技师) on the worker
    ladder, 2 (初级) to 4 (高级) on the professional one."""
    for level in skill_levels(ladder):
        if level.rank == rank:
            return level
    if ladder is Ladder.PROFESSIONAL:
        raise ValueError(f"technical skill level rank must be 2 (初级) to 4 (高级), not {rank}")
    raise ValueError(f"skill level rank must be 1 to 8, not {rank}")


@dataclass(frozen=True)
class Alignment:
    """A code in an occupational framework, e.g. ("ISCO-08", "7411", "Building electricians")."""

    framework: str
    code: str
    name: str
    url: str | None = None


@dataclass(frozen=True)
class Occupation:
    """A CSCO-2022 occupation with its ISCO-08 / ESCO alignments where known."""

    csco_code: str
    name_zh: str
    name_en: str = ""
    alignments: tuple[Alignment, ...] = ()

    @property
    def ladder(self) -> Ladder:
        """The ladder its levels are on: professional for 大类 2, else the worker one."""
        return ladder_of(self.csco_code)


@dataclass(frozen=True)
class StatusPointer:
    """Where the certificate's revocation bit lives."""

    list_credential_id: str
    index: int


@dataclass(frozen=True)
class CertificateClaim:
    """Everything a skill certificate states, before it is signed."""

    credential_id: str
    issuer_id: str
    issuer_name: str
    subject_id: str
    occupation: Occupation
    level_rank: int
    valid_from: datetime
    evidence_summary: str
    valid_until: datetime | None = None
    achievement_type: str = "Certificate"
    status: StatusPointer | None = None
    paired_credential_id: str | None = None
    specialism: str | None = None  # the 专业方向 assessed, at a level split into directions


def achievement_id(occupation: Occupation, rank: int, specialism: str | None = None) -> str:
    """Stable id of "this occupation at this level" (in this specialism), the same whoever
    issues it."""
    base = f"urn:zhijiang:achievement:csco-2022:{occupation.csco_code}:level-{rank}"
    return f"{base}:{quote(specialism, safe='')}" if specialism else base


def level_with_specialism(level_name: str, specialism: str | None) -> str:
    """The level as a certificate names it: "中级", or "中级 · 机器学习方向" in a specialism."""
    return f"{level_name} · {specialism}方向" if specialism else level_name


def unsigned_certificate(claim: CertificateClaim) -> dict[str, Any]:
    """The OpenBadgeCredential JSON for a claim, ready for ``add_proof``."""
    if claim.achievement_type not in ACHIEVEMENT_TYPES:
        raise ValueError(f"achievementType must be one of {ACHIEVEMENT_TYPES}")
    ladder = claim.occupation.ladder
    level = skill_level(claim.level_rank, ladder)
    achievement = _achievement(claim.occupation, level, claim.achievement_type, claim.specialism)
    level_zh = level_with_specialism(level.name_zh, claim.specialism)
    credential: dict[str, Any] = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": claim.credential_id,
        "type": list(CREDENTIAL_TYPES),
        "name": f"{claim.occupation.name_zh}（{level_zh}）{_TERMS[ladder].zh}证书",
        "issuer": {"id": claim.issuer_id, "type": ["Profile"], "name": claim.issuer_name},
        "validFrom": format_datetime(claim.valid_from),
        "credentialSubject": {
            "id": claim.subject_id,
            "type": ["AchievementSubject"],
            "achievement": achievement,
            "result": [
                {
                    "type": ["Result"],
                    "resultDescription": f"{achievement['id']}:result",
                    "achievedLevel": _level_id(level.rank, ladder),
                    "value": level.name_zh,
                }
            ],
        },
        "evidence": [{"type": ["Evidence"], "narrative": claim.evidence_summary}],
    }
    if claim.valid_until is not None:
        credential["validUntil"] = format_datetime(claim.valid_until)
    if claim.status is not None:
        credential["credentialStatus"] = status_entry(
            list_credential_id=claim.status.list_credential_id, index=claim.status.index
        )
    if claim.paired_credential_id is not None:
        credential["@context"].append(PAIRING_CONTEXT)
        credential["pairedCredential"] = claim.paired_credential_id
    return credential


@dataclass(frozen=True)
class _LadderTerms:
    zh: str  # what the levels and the certificate are called: 职业技能等级(证书)
    en: str  # the English for a level: "skill level"
    id_prefix: str  # of a level's URN


_TERMS = {
    Ladder.WORKER: _LadderTerms("职业技能等级", "skill level", "urn:zhijiang:skill-level"),
    Ladder.PROFESSIONAL: _LadderTerms(
        "职业技术技能等级", "technical skill level", "urn:zhijiang:technical-skill-level"
    ),
}


def _achievement(
    occupation: Occupation, level: SkillLevel, kind: str, specialism: str | None = None
) -> dict[str, Any]:
    identifier = achievement_id(occupation, level.rank, specialism)
    level_zh = level_with_specialism(level.name_zh, specialism)
    level_en = f"{level.name_en} ({specialism})" if specialism else level.name_en
    english = occupation.name_en or occupation.csco_code
    alignments = (Alignment("CSCO-2022", occupation.csco_code, occupation.name_zh),)
    ladder = occupation.ladder
    terms = _TERMS[ladder]
    return {
        "id": identifier,
        "type": ["Achievement"],
        "achievementType": kind,
        "name": f"{occupation.name_zh}（{level_zh}）",
        "inLanguage": "zh-CN",
        "description": f"{english}, {terms.en} {level.rank}: {level_en}",
        "humanCode": f"{occupation.csco_code}-{level.rank}",
        "criteria": {"narrative": f"通过{occupation.name_zh}{terms.zh}认定，达到{level_zh}要求。"},
        "alignment": [_alignment(item) for item in (*alignments, *occupation.alignments)],
        "resultDescription": [
            {
                "id": f"{identifier}:result",
                "type": ["ResultDescription"],
                "name": f"{terms.zh} / {terms.en.capitalize()}",
                "resultType": "RubricCriterionLevel",
                "rubricCriterionLevel": [
                    _rubric_level(item, ladder) for item in skill_levels(ladder)
                ],
            }
        ],
    }


def _alignment(alignment: Alignment) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "type": ["Alignment"],
        "targetName": alignment.name,
        "targetCode": alignment.code,
        "targetFramework": alignment.framework,
        "targetType": "ext:Occupation",
    }
    # OB 3.0 requires targetUrl; a framework without per-code pages gets a URN instead.
    entry["targetUrl"] = alignment.url or f"urn:{alignment.framework.lower()}:{alignment.code}"
    return entry


def _rubric_level(level: SkillLevel, ladder: Ladder) -> dict[str, Any]:
    return {
        "id": _level_id(level.rank, ladder),
        "type": ["RubricCriterionLevel"],
        "name": level.name_zh,
        "description": level.name_en,
        "level": str(level.rank),
    }


def _level_id(rank: int, ladder: Ladder) -> str:
    return f"{_TERMS[ladder].id_prefix}:{rank}"
