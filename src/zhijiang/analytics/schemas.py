"""API schemas of the analytics app: the quality review of generated content, the person's path."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema

from zhijiang.analytics.models import ContentKind, FlagReason, Verdict
from zhijiang.common.params import PositiveId


class UnitOut(Schema):
    kind: str = Field(..., description="item, requirement, course_text or material_text")
    object_id: int = Field(..., description="The item, requirement or course holding the text")
    path: str = Field(..., description="Where in a course's JSON; empty for items, requirements")
    occupation: str = Field(..., description="CSCO-2022 code")
    occupation_name: str
    level: int = Field(..., description="1–8 on the eight-level ladder")
    generator: str = Field(..., description="The recorded source and the generator's version")
    context: str = Field(..., description="Where the text stands (bank, standard, course)")
    text: str


class SampleOut(Schema):
    kind: str
    occupation: str | None = Field(..., description="The occupation sampled; null: all")
    seed: int = Field(..., description="Ask again with it for the same sample")
    units: list[UnitOut]


class VerdictIn(Schema):
    kind: ContentKind
    object_id: PositiveId
    path: str = Field("", max_length=200)
    verdict: Verdict
    reason: FlagReason | None = Field(None, description="Required for a flag")
    note: str = Field("", max_length=500, description="Required for the reason “other”")


class VerdictOut(Schema):
    id: int
    kind: str
    object_id: int
    path: str
    occupation: str = Field(..., description="CSCO-2022 code")
    level: int
    generator: str
    text: str = Field(..., description="The text as it was when judged")
    verdict: str
    reason: str = Field(..., description="Empty for an accepted text")
    note: str
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_occupation(obj: Any) -> str:
        return str(obj.occupation.code)


class RateOut(Schema):
    kind: str
    generator: str
    occupation: str | None = Field(None, description="CSCO-2022 code; null: all occupations")
    judged: int
    accepted: int
    flagged: int
    rate: float = Field(..., description="accepted / judged, 0–1")
    reasons: dict[str, int] = Field(..., description="Flags by reason")


class RatesOut(Schema):
    by_generator: list[RateOut]
    by_occupation: list[RateOut]


class TimelinePersonOut(Schema):
    id: int
    name: str = Field(..., description="The name, or the username where no name is given")
    district: str | None = Field(None, description="District code; null: none recorded")
    phone: str = Field("", description="Masked; empty for employers and when none is recorded")
    id_number: str = Field("", description="Masked; empty for employers and when none is known")


class TimelineStepOut(Schema):
    kind: str = Field(..., description="signed_up, enrolled, certified, applied, hired, …")
    stage: int = Field(..., description="Place on the chain: orders steps of one moment")
    label: str
    detail: str
    at: datetime | None = Field(..., description="When; null for a step not recorded yet")
    state: str = Field(..., description="done, due (not answered yet) or not_recorded")
    record: str = Field(..., description="The record it comes from: app.model:id")
    record_name: str = Field(..., description="What that record is, in words")
    url: str = Field(..., description="Its page, where one exists and you may open it")


class TimelineGapOut(Schema):
    kind: str = Field(..., description="not_assessed, not_completed, no_application, …")
    message: str
    since: date = Field(..., description="The day the wait began")
    days: int = Field(..., description="Days waited, up to today")
    record: str = Field(..., description="The record of the step the gap follows")


class TimelineOut(Schema):
    person: TimelinePersonOut
    viewer: str = Field(..., description="How you see the person: person, officer or employer")
    steps: list[TimelineStepOut] = Field(..., description="Oldest first")
    not_recorded: list[TimelineStepOut] = Field(..., description="Steps with no record yet")
    gaps: list[TimelineGapOut] = Field(..., description="Where the path stalls, oldest first")
