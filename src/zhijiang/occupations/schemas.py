"""API schemas for occupations, skills and standards."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from ninja import Field, Schema

from zhijiang.occupations.models import Standard


class LinkOut(Schema):
    scheme: str
    code: str
    label: str
    uri: str
    method: str
    confidence: float


class OccupationOut(Schema):
    code: str
    level: int
    name: str
    parent: str | None = Field(None, description="Code of the parent group")
    is_digital: bool
    is_green: bool
    label: str = Field(..., description="Name in the request's language (ESCO label in English)")

    @staticmethod
    def resolve_parent(obj: Any) -> str | None:
        return obj.parent.code if obj.parent_id else None


class OccupationDetailOut(OccupationOut):
    definition: str
    tasks: list[str]
    aliases: list[str]
    links: list[LinkOut]
    children: list[str]
    standards: list[int] = Field(..., description="Ids of the standard versions you may see")

    @staticmethod
    def resolve_links(obj: Any) -> list[Any]:
        return list(obj.links.all())

    @staticmethod
    def resolve_children(obj: Any) -> list[str]:
        return [child.code for child in obj.children.all()]

    @staticmethod
    def resolve_standards(obj: Any, context: Any) -> list[int]:
        return list(getattr(obj, "visible_standard_ids", []))


class SkillOut(Schema):
    id: int
    key: str
    label_zh: str
    label_en: str
    kind: str
    is_hot: bool
    is_in_demand: bool
    sources: list[str]
    description: str


class TitleMatchOut(Schema):
    code: str
    name: str
    score: float = Field(..., description="Probability among this title's candidates, 0 to 1")
    reasons: list[str]

    @staticmethod
    def resolve_reasons(obj: Any) -> list[str]:
        """The engine's reasons in their text form (``"alias: 数据分析师"``)."""
        return [str(reason) for reason in obj.reasons]


class TextIn(Schema):
    text: str = Field(..., max_length=100_000, description="A job description or CV text")


class FoundSkillOut(Schema):
    id: str = Field(..., description="The skill's vocabulary key")
    label: str
    span: list[int] = Field(..., description="[start, end) character offsets in the text")
    score: float


class CandidateOut(Schema):
    term: str
    span: list[int]
    score: float


class SkillsFoundOut(Schema):
    skills: list[FoundSkillOut]
    candidates: list[CandidateOut] = []


class StandardOut(Schema):
    id: int
    occupation: str
    version: int
    status: Standard.Status
    source: str
    levels: list[int]
    specialisms: list[str] = Field(
        ..., description="专业方向 of a professional standard, in order; empty for most"
    )
    created_at: datetime
    submitted_at: datetime | None
    approved_at: datetime | None
    retired_at: datetime | None

    # Resolvers also accept the plain dicts that the detail endpoints build.
    @staticmethod
    def resolve_occupation(obj: Any) -> str:
        return str(obj["occupation"] if isinstance(obj, dict) else obj.occupation.code)

    @staticmethod
    def resolve_levels(obj: Any) -> list[int]:
        if isinstance(obj, dict):
            return list(obj["levels"])
        return [level.rank for level in obj.levels.all()]


class StandardDetailOut(StandardOut):
    document: dict[str, Any]
    requirement_ids: list[list[int]] = Field(
        ..., description="Per level (in order), the requirement ids in document order"
    )
    function_ids: list[list[int]] = Field(
        ..., description="Per level (in order), the work function ids in document order"
    )


class DraftIn(Schema):
    levels: list[Annotated[int, Field(ge=1, le=8)]] | None = Field(
        None,
        min_length=1,
        max_length=8,
        description=(
            "Ranks on the occupation's ladder: 1 to 8 for workers, 2 (初级), 3 (中级) and "
            "4 (高级) for professionals (大类 2). Default: the levels a national standard "
            "covers, 2 to 6 for workers and 2 to 4 for professionals"
        ),
    )
    use_model: bool = True


class RequirementPatch(Schema):
    text: str = Field(..., min_length=1, max_length=500)
    skills: list[str] | None = Field(None, max_length=12)


class SpecialismIn(Schema):
    name: str = Field(..., min_length=2, max_length=40, description="A specialism (专业方向)")


class WorkFunctionPatch(Schema):
    specialism: str | None = Field(
        None,
        max_length=40,
        description='One of the standard\'s specialisms, or "" for common to all; '
        "absent: unchanged",
    )
    theory_weight: int | None = Field(None, ge=0, le=100)
    skill_weight: int | None = Field(None, ge=0, le=100)


class CommentIn(Schema):
    comment: str = Field("", max_length=2000)


class ChangeOut(Schema):
    kind: str
    where: str
    old: str | None
    new: str | None
