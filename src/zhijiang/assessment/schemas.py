"""API schemas for item banks, items, imports, reviews, blueprints and exam forms."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Field, Schema

from zhijiang.assessment.item_statistics import flag_reasons, statistics_of
from zhijiang.common.params import Int64


class BankIn(Schema):
    owner: Int64 = Field(..., description="Id of the assessment body")
    standard: Int64 = Field(..., description="Id of an approved standard")
    name: str = Field("", max_length=120)


class BankOut(Schema):
    id: int
    name: str
    owner: int = Field(..., alias="owner_id")
    owner_name: str
    standard: int = Field(..., alias="standard_id")
    occupation: str
    occupation_name: str
    levels: list[int]
    created_at: datetime

    @staticmethod
    def resolve_owner_name(obj: Any) -> str:
        return str(obj.owner.name)

    @staticmethod
    def resolve_occupation(obj: Any) -> str:
        return str(obj.standard.occupation.code)

    @staticmethod
    def resolve_occupation_name(obj: Any) -> str:
        return str(obj.standard.occupation.name)

    @staticmethod
    def resolve_levels(obj: Any) -> list[int]:
        # Read through .all() so that a list's prefetched levels serve every bank.
        return sorted(level.rank for level in obj.standard.levels.all())


class ItemIn(Schema):
    level: Int64 = Field(..., description="Rank on the eight-level ladder, 1–8")
    requirement: str = Field(..., max_length=20, description="e.g. F1.C1.K1, B1, E1")
    kind: str = Field(..., description="single, multiple, true_false or short_answer")
    stem: str = Field(..., max_length=1000)
    options: list[str] = Field(default_factory=list, description="Texts of options A, B, …")
    answer: str = Field(..., max_length=1000, description="Letters, T/F, or the key")
    explanation: str = Field("", max_length=2000)


class ItemOut(Schema):
    id: int
    bank: int = Field(..., alias="bank_id")
    level: int
    requirement: str
    kind: str
    stem: str
    options: list[str]
    answer: str
    explanation: str
    status: str
    discrimination: float | None
    difficulty: float | None
    source: str
    author: str
    reviewer: str | None
    reviewed_at: datetime | None
    review_comment: str
    created_at: datetime

    @staticmethod
    def resolve_author(obj: Any) -> str:
        return str(obj.author.get_username())

    @staticmethod
    def resolve_reviewer(obj: Any) -> str | None:
        return obj.reviewer.get_username() if obj.reviewer_id else None


class ReviewIn(Schema):
    approve: bool
    comment: str = Field("", max_length=2000)


class CalibrationIn(Schema):
    discrimination: float = Field(..., description="IRT a")
    difficulty: float = Field(..., description="IRT b")


class RowErrorOut(Schema):
    row: int
    column: str
    reason: str


class ImportOut(Schema):
    rows: int
    created: int


class ImportErrorBody(Schema):
    code: str
    message: str
    fields: dict[str, str]
    rows: list[RowErrorOut]


class ImportErrorOut(Schema):
    error: ImportErrorBody


class ItemDraftIn(Schema):
    level: Int64
    requirements: list[str] = Field(default_factory=list, description="Empty: all of the level")


class BlueprintPartOut(Schema):
    key: str
    title: str
    theory_weight: int
    skill_weight: int
    theory_points: int
    practice_points: int
    requirements: list[str]


class BlueprintOut(Schema):
    occupation_code: str
    occupation_name: str
    rank: int
    specialism: str | None = Field(None, description="The 专业方向 of the paper; null: none")
    theory_total: int
    practice_total: int
    parts: list[BlueprintPartOut]


class AssembleIn(Schema):
    level: Int64
    specialism: str = Field(
        "",
        max_length=40,
        description="专业方向 at a level split into specialisms; empty at a level without",
    )
    count: Int64 = Field(1, description="Parallel forms to assemble, sharing no item")
    length: Int64 | None = Field(None, description="Items per form; default theory points / points")
    points_per_item: Int64 = 1
    seed: Int64 | None = None
    tolerance: float = Field(0.1, description="Largest difference of mean difficulty")
    title: str = Field("", max_length=100)


class FormItemOut(Schema):
    position: int
    item: ItemOut


class ExamFormOut(Schema):
    id: int
    bank: int = Field(..., alias="bank_id")
    level: int
    specialism: str = Field(..., description="The 专业方向 of the form; empty: none")
    title: str
    points_per_item: int
    seed: int
    mean_difficulty: float
    created_at: datetime
    entries: list[FormItemOut]

    @staticmethod
    def resolve_entries(obj: Any) -> list[Any]:
        return list(obj.entries.select_related("item__author", "item__reviewer"))


class ItemFlagOut(Schema):
    code: str = Field(..., description="too_hard, too_easy, weak, negative, low_discrimination")
    reason: str


def _statistic(obj: Any, name: str) -> Any:
    stored = statistics_of(obj)
    return getattr(stored, name) if stored is not None else None


class ItemStatisticsOut(Schema):
    """An item's statistics from closed sessions (docs/assessment.md, "Item statistics")."""

    id: int
    level: int
    requirement: str
    kind: str
    status: str
    stem: str
    responses: int = Field(0, description="Responses on fixed forms")
    p_value: float | None = Field(None, description="Share correct on fixed forms")
    point_biserial: float | None = Field(None, description="Correlation with the rest score")
    adaptive_responses: int = Field(0, description="Responses in adaptive tests")
    adaptive_p_value: float | None = None
    adaptive_point_biserial: float | None = Field(
        None, description="Correlation with the candidate's ability estimate θ, not a rest score"
    )
    discrimination: float | None = Field(None, description="Calibrated IRT a")
    difficulty: float | None = Field(None, description="Calibrated IRT b")
    flagged: bool
    flags: list[ItemFlagOut]
    computed_at: datetime | None

    @staticmethod
    def resolve_responses(obj: Any) -> int:
        return _statistic(obj, "responses") or 0

    @staticmethod
    def resolve_p_value(obj: Any) -> Any:
        return _statistic(obj, "p_value")

    @staticmethod
    def resolve_point_biserial(obj: Any) -> Any:
        return _statistic(obj, "point_biserial")

    @staticmethod
    def resolve_adaptive_responses(obj: Any) -> int:
        return _statistic(obj, "adaptive_responses") or 0

    @staticmethod
    def resolve_adaptive_p_value(obj: Any) -> Any:
        return _statistic(obj, "adaptive_p_value")

    @staticmethod
    def resolve_adaptive_point_biserial(obj: Any) -> Any:
        return _statistic(obj, "adaptive_point_biserial")

    @staticmethod
    def resolve_computed_at(obj: Any) -> Any:
        return _statistic(obj, "computed_at")

    @staticmethod
    def resolve_flags(obj: Any) -> list[dict[str, str]]:
        return [{"code": code, "reason": reason} for code, reason in flag_reasons(obj)]

    @staticmethod
    def resolve_flagged(obj: Any) -> bool:
        return bool(flag_reasons(obj))
