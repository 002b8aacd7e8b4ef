"""API schemas of the career planner."""

from __future__ import annotations

from ninja import Field, Schema

from zhijiang.jobs.schemas import PositionMatchOut


class GapSkillOut(Schema):
    key: str
    label: str
    demand: int = Field(..., description="Open positions of the occupation asking for it")
    steps: list[str] = Field(..., description="Requirements of the approved standard for it")


class CourseRunOut(Schema):
    run_id: int = Field(..., description="The run to enrol on: /api/v1/training/runs/{run_id}")
    course: str = Field(..., description="The course's title")
    level: int = Field(..., description="The level it teaches, 1–8")
    provider: str
    start_date: str
    mode: str = Field(..., description="in_person, online or blended")
    fee: int = Field(..., description="Yuan; 0 is free")
    voucher_eligible: bool


class TargetOut(Schema):
    occupation: str = Field(..., description="CSCO-2022 code")
    occupation_name: str
    reach: float = Field(..., description="Share of the occupation's skill profile you have")
    demand: int = Field(..., description="Open positions in your districts")
    have: list[str]
    gap: list[GapSkillOut]
    level_rank: int = Field(..., description="Level certificate to aim for, 1–8")
    level_name: str
    standard_id: int | None
    positions: list[PositionMatchOut]
    courses: list[CourseRunOut] = Field(..., description="Courses for it starting soon")


class PushStatsOut(Schema):
    pushes_total: int
    pushes_today: int
    people_reached: int
    applied_after_push: int
