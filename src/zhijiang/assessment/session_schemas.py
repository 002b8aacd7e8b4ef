"""API schemas for exam sessions, registrations, attempts, practical scores and decisions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Field, Schema

from zhijiang.common.params import Int64


class SessionIn(Schema):
    bank: Int64 = Field(..., description="Id of an item bank of your assessment body")
    level: Int64 = Field(..., description="Rank on the eight-level ladder, 1–8")
    mode: str = Field(..., description="fixed (with form) or adaptive")
    form: Int64 | None = Field(None, description="Id of an exam form of the bank and level")
    specialism: str = Field(
        "", max_length=40, description="专业方向 at a split level; a fixed session: its form's"
    )
    starts_at: datetime
    duration_minutes: Int64 = Field(
        ..., description="How long the session is open: 1 minute to 30 days"
    )
    time_limit_minutes: Int64 | None = Field(
        None, description="Each candidate's time from their start (1–600); null: the whole session"
    )
    max_items: Int64 = Field(30, description="Most items of an adaptive test")
    title: str = Field("", max_length=120)


class SessionOut(Schema):
    id: int
    title: str
    body: int = Field(..., alias="body_id")
    bank: int = Field(..., alias="bank_id")
    level: int
    specialism: str = Field(..., description="The 专业方向 examined; empty: none")
    mode: str
    form: int | None = Field(None, alias="form_id")
    starts_at: datetime
    ends_at: datetime
    duration_minutes: int
    time_limit_minutes: int | None
    max_items: int
    status: str
    opened_at: datetime | None
    closed_at: datetime | None


class RegistrationIn(Schema):
    person: Int64 = Field(..., description="Id of a learner")


class RegistrationOut(Schema):
    id: int
    session: int = Field(..., alias="session_id")
    person: int = Field(..., alias="person_id")
    person_name: str
    created_at: datetime

    @staticmethod
    def resolve_person_name(obj: Any) -> str:
        return str(obj.person)


class ItemShownOut(Schema):
    """An item as the candidate sees it: no key, no explanation."""

    id: int
    kind: str
    stem: str
    options: list[str]


class AttemptOut(Schema):
    """The candidate's view of their attempt; score and pass only once the session is closed."""

    session: int
    mode: str
    started_at: datetime
    deadline: datetime
    remaining_seconds: int
    submitted_at: datetime | None
    frozen: bool
    answers: dict[str, str]
    items: list[ItemShownOut] = Field(default_factory=list, description="Fixed form, in order")
    current_item: ItemShownOut | None = Field(None, description="Adaptive: the item to answer")
    answered: int
    stop_reason: str
    results_released: bool
    score: float | None
    passed: bool | None


class AnswerIn(Schema):
    answer: str = Field("", max_length=1000, description="Letters (e.g. B, ACD), T/F, or text")


class CatAnswerIn(Schema):
    item: Int64
    answer: str = Field(..., max_length=1000)


class AdministeredOut(Schema):
    position: int
    item: int = Field(..., alias="item_id")
    answer: str
    correct: bool | None
    theta: float | None
    se: float | None


class SessionResultOut(Schema):
    registration: int
    person: int
    person_name: str
    started_at: datetime | None
    submitted_at: datetime | None
    theory_score: float | None
    theory_passed: bool | None
    theta: float | None
    se: float | None
    stop_reason: str
    items: list[AdministeredOut]
    practical_score: float | None
    decision_passed: bool | None


class PracticalTaskIn(Schema):
    project: str = Field(..., description="Key of a training project of the level, e.g. P1")


class CriterionOut(Schema):
    key: str
    requirement: str
    text: str
    points: int


class PracticalTaskOut(Schema):
    id: int
    session: int = Field(..., alias="session_id")
    project_key: str
    title: str
    brief: str
    deliverables: list[str]
    rubric: list[CriterionOut]


class PracticalScoreIn(Schema):
    criteria: dict[str, float] = Field(..., description="Criterion key → points")
    comment: str = Field("", max_length=2000)


class PracticalScoreOut(Schema):
    id: int
    registration: int = Field(..., alias="registration_id")
    assessor: str
    criteria: dict[str, float]
    total: float
    comment: str
    created_at: datetime

    @staticmethod
    def resolve_assessor(obj: Any) -> str:
        return str(obj.assessor.get_username())


class PracticalStatusOut(Schema):
    """Other assessors' scores are listed only once you have given yours."""

    count: int
    scored_by_you: bool
    needs_third: bool
    final: float | None
    scores: list[PracticalScoreOut]


class DecisionOut(Schema):
    id: int
    registration: int = Field(..., alias="registration_id")
    person_name: str
    theory_score: float
    practical_score: float
    passed: bool
    level: int
    specialism: str = Field(..., description="The 专业方向 examined; empty: none")
    decided_at: datetime
    needs_review: bool
    review: str
    review_comment: str
    final: bool = Field(..., alias="is_final")

    @staticmethod
    def resolve_person_name(obj: Any) -> str:
        return str(obj.registration.person)


class ReviewDecisionIn(Schema):
    approve: bool
    comment: str = Field("", max_length=2000)
