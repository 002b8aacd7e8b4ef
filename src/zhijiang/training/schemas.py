"""API schemas for the training catalogue, runs, enrolments, courses, notices and xAPI records."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from ninja import Field, Schema

from zhijiang.common.params import INT64_MAX, Int64
from zhijiang.common.pii import redact_text
from zhijiang.occupations.levels import level_label
from zhijiang.training import delivery, progress


def _district_code(district: Any) -> str | None:
    return district.code if district is not None else None


def _district_name(district: Any) -> str | None:
    return district.label if district is not None else None


# Inputs


class CourseIn(Schema):
    standard_id: Int64 = Field(..., description="Id of an approved standard")
    level: Int64 = Field(..., description="Level 1 (学徒工) … 8 (首席技师) the standard covers")
    total_hours: float = Field(..., description="Hours the lessons add up to, 1 to 2,000")
    practice_share: float = Field(0.6, description="Share of practice hours, 0 to 1")
    district: str | None = Field(
        None, description="District code: adapt the plan to its open positions' skills"
    )
    owner_id: Int64 | None = Field(
        None,
        description="Provider or office the course is for; needed when you work for several",
    )
    title: str = Field("", description="Empty: occupation and level, e.g. 人工智能训练师（初级工）")
    for_vouchers: bool = Field(
        False,
        description="For voucher-funded runs: an officer of the bureau or of the owner's district "
        "approves the plan, never its own provider",
    )


class PlanIn(Schema):
    plan: dict[str, Any] = Field(..., description="The whole edited plan (zhijiang.course_plan/1)")
    note: str = Field("", description="What changed and why, kept with the revision")


class OpenIn(Schema):
    is_open: bool = Field(..., description="Whether anyone may read the lessons without an account")


class RunIn(Schema):
    start_date: date = Field(..., description="After today")
    end_date: date
    mode: str = Field(..., description="in_person, online or blended")
    capacity: Int64 = Field(..., description="Places, 1 to 1,000")
    district: str = Field("", description="District code; needed unless the run is online")
    place: str = Field("", description="Address; needed unless the run is online")
    fee: Int64 = Field(0, description="Fee in yuan, 0 to 100,000")
    voucher_eligible: bool = Field(False, description="Whether training vouchers are accepted")
    attendance_share: float = Field(
        0.8, description="Share of the hours a learner must attend to complete, 0.5 to 1"
    )
    provider_id: Int64 | None = Field(
        None, description="Training provider running it; needed when you work for several"
    )


class EnrolIn(Schema):
    waitlist: bool = Field(False, description="Join the waiting list when every place is taken")


class AttendanceIn(Schema):
    lesson_key: str = Field(..., description="Key of a lesson of the plan, e.g. M1.L2")
    present: list[Int64] = Field(
        ...,
        description="Ids of the enrolments that attended; everyone else on the roster missed it",
    )


class ResultIn(Schema):
    enrolment_id: Int64
    key: str = Field(..., description="Key of an assessment point of the plan, e.g. A1 or A-final")
    passed: bool
    score: Int64 | None = Field(None, description="0 to 100")


class NoticeIn(Schema):
    organisation_id: Int64 = Field(..., description="Provider or office publishing the notice")
    title: str
    body: str
    district: str | None = Field(
        None, description="District code; empty: the organisation's district"
    )
    run_id: Int64 | None = Field(None, description="The course run the notice is about")


# Runs


class RunOut(Schema):
    id: int = Field(..., description="Run id")
    course_id: int = Field(..., description="Course id")
    course_title: str = Field(..., description="Course title")
    occupation: str = Field(..., description="CSCO-2022 occupation code")
    occupation_name: str = Field(..., description="Occupation name")
    level: int = Field(..., description="Level 1 (学徒工) … 8 (首席技师)")
    level_name: str = Field(..., description="The level's name in the active language")
    provider_id: int = Field(..., description="Training provider id")
    provider: str = Field(..., description="Training provider name")
    start_date: date = Field(..., description="First day")
    end_date: date = Field(..., description="Last day")
    mode: str = Field(..., description="in_person, online or blended")
    district: str | None = Field(..., description="District code; null for an online run")
    district_name: str | None = Field(..., description="District name in the active language")
    place: str = Field(..., description="Address; empty for an online run")
    fee: int = Field(..., description="Fee in yuan; 0 is free")
    voucher_eligible: bool = Field(..., description="Whether training vouchers are accepted")
    capacity: int = Field(..., description="Places")
    places_left: int = Field(..., description="Places not yet taken (the waiting list aside)")
    status: str = Field(..., description="published or cancelled")
    phase: str = Field(
        ...,
        description="Where the run stands today, from its status and dates: enrolling, "
        "under_way, finished or cancelled",
    )

    @staticmethod
    def resolve_phase(obj: Any) -> str:
        return str(obj.phase)

    @staticmethod
    def resolve_course_title(obj: Any) -> str:
        return str(obj.course.title)

    @staticmethod
    def resolve_occupation(obj: Any) -> str:
        return str(obj.course.occupation.code)

    @staticmethod
    def resolve_occupation_name(obj: Any) -> str:
        return str(obj.course.occupation.name)

    @staticmethod
    def resolve_level(obj: Any) -> int:
        return int(obj.course.level)

    @staticmethod
    def resolve_level_name(obj: Any) -> str:
        return level_label(obj.course.level, obj.course.occupation.code)

    @staticmethod
    def resolve_provider(obj: Any) -> str:
        return str(obj.provider.name)

    @staticmethod
    def resolve_district(obj: Any) -> str | None:
        return _district_code(obj.district)

    @staticmethod
    def resolve_district_name(obj: Any) -> str | None:
        return _district_name(obj.district)


class LessonOut(Schema):
    key: str = Field(..., description="Lesson key, e.g. M1.L2")
    title: str = Field(..., description="Lesson title")
    theory_hours: float = Field(..., description="Theory hours")
    practice_hours: float = Field(..., description="Practice hours")


class ModuleOut(Schema):
    key: str = Field(..., description="Module key: M0 the introduction, M1… the work functions")
    title: str = Field(..., description="Module title")
    hours: float = Field(..., description="Hours of its lessons together")
    lessons: list[LessonOut] = Field(..., description="Lessons in teaching order")

    @staticmethod
    def resolve_hours(obj: Any) -> float:
        return float(
            sum(lesson["theory_hours"] + lesson["practice_hours"] for lesson in obj["lessons"])
        )


class AssessmentPointOut(Schema):
    key: str = Field(..., description="A1… one per module, then A-final")
    title: str = Field(..., description="Assessment point title")
    kind: str = Field(..., description="module or final")
    after: str = Field(..., description="Key of the module it follows")
    methods: list[str] = Field(..., description="How it is assessed, e.g. 理论知识考试")


class RunDetailOut(RunOut):
    attendance_share: float = Field(
        ..., description="Share of the hours a learner must attend to complete"
    )
    total_hours: float = Field(..., description="Hours of the course")
    modules: list[ModuleOut] = Field(..., description="The course's modules in teaching order")
    assessments: list[AssessmentPointOut] = Field(
        ..., description="The course's assessment points; all must be passed to complete"
    )

    @staticmethod
    def resolve_total_hours(obj: Any) -> float:
        return float(obj.course.total_hours)

    @staticmethod
    def resolve_modules(obj: Any) -> list[dict[str, Any]]:
        return list(obj.course.plan["modules"])

    @staticmethod
    def resolve_assessments(obj: Any) -> list[dict[str, Any]]:
        return list(obj.course.plan["assessments"])


# Enrolments and progress


class CompletionOut(Schema):
    attended_hours: float = Field(..., description="Hours of the lessons attended")
    total_hours: float = Field(..., description="Hours of the course")
    needed_share: float = Field(..., description="Share of the hours needed to complete")
    hours_needed: float = Field(..., description="Hours still to attend to reach the share")
    lessons_completed: int = Field(..., description="Lessons completed")
    lessons_total: int = Field(..., description="Lessons in the plan")
    assessments_passed: list[str] = Field(..., description="Keys of assessment points passed")
    assessments_missing: list[str] = Field(
        ..., description="Keys of assessment points not yet passed"
    )
    complete: bool = Field(..., description="Whether every completion rule is met")


class EnrolmentOut(Schema):
    id: int = Field(..., description="Enrolment id")
    run_id: int = Field(..., description="Run id")
    course_title: str = Field(..., description="Course title")
    provider: str = Field(..., description="Training provider name")
    start_date: date = Field(..., description="The run's first day")
    end_date: date = Field(..., description="The run's last day")
    status: str = Field(..., description="enrolled, waitlisted, completed or cancelled")
    waitlist_position: int | None = Field(
        ..., description="1 for the first person waiting; null when not waiting"
    )
    created_at: datetime = Field(..., description="When the learner enrolled")
    completed_at: datetime | None = Field(..., description="When the learner completed")
    cancelled_at: datetime | None = Field(..., description="When the enrolment was cancelled")
    completion: CompletionOut = Field(..., description="Where the learner stands")

    @staticmethod
    def resolve_course_title(obj: Any) -> str:
        return str(obj.run.course.title)

    @staticmethod
    def resolve_provider(obj: Any) -> str:
        return str(obj.run.provider.name)

    @staticmethod
    def resolve_start_date(obj: Any) -> date:
        return obj.run.start_date  # type: ignore[no-any-return]

    @staticmethod
    def resolve_end_date(obj: Any) -> date:
        return obj.run.end_date  # type: ignore[no-any-return]

    @staticmethod
    def resolve_waitlist_position(obj: Any) -> int | None:
        # Lists come with the number counted by their selector; a single enrolment counts here.
        if hasattr(obj, "waitlist_number"):
            return obj.waitlist_number  # type: ignore[no-any-return]
        return delivery.waitlist_position(obj)

    @staticmethod
    def resolve_completion(obj: Any) -> progress.Completion:
        return progress.completion_of(obj)


class RosterEntryOut(Schema):
    enrolment_id: int = Field(..., description="Enrolment id, as marked on attendance sheets")
    learner: str = Field(..., description="The learner's display name (never a phone or ID number)")
    status: str = Field(..., description="enrolled, waitlisted or completed")
    waitlist_position: int | None = Field(
        ..., description="1 for the first person waiting; null when not waiting"
    )
    completion: CompletionOut = Field(..., description="Where the learner stands")

    @staticmethod
    def resolve_enrolment_id(obj: Any) -> int:
        return int(obj.pk)

    @staticmethod
    def resolve_learner(obj: Any) -> str:
        # A username may be someone's mobile number; mask anything that looks like one.
        return redact_text(str(obj.person))

    @staticmethod
    def resolve_waitlist_position(obj: Any) -> int | None:
        # Lists come with the number counted by their selector; a single enrolment counts here.
        if hasattr(obj, "waitlist_number"):
            return obj.waitlist_number  # type: ignore[no-any-return]
        return delivery.waitlist_position(obj)

    @staticmethod
    def resolve_completion(obj: Any) -> progress.Completion:
        return progress.completion_of(obj)


class AttendanceOut(Schema):
    lesson_key: str = Field(..., description="The lesson recorded")
    attended: int = Field(..., description="How many learners attended")


class ResultOut(Schema):
    enrolment_id: int = Field(..., description="Enrolment id")
    key: str = Field(..., description="Assessment point key")
    passed: bool = Field(..., description="Whether the learner passed")
    score: int | None = Field(..., description="Score 0 to 100, when given")
    enrolment_status: str = Field(
        ..., description="The enrolment's status after the result (completed once all rules met)"
    )

    @staticmethod
    def resolve_enrolment_status(obj: Any) -> str:
        return str(obj.enrolment.status)


# Courses


class CourseOut(Schema):
    id: int = Field(..., description="Course id")
    title: str = Field(..., description="Course title")
    standard_id: int = Field(..., description="The standard it was generated from")
    occupation: str = Field(..., description="CSCO-2022 occupation code")
    occupation_name: str = Field(..., description="Occupation name")
    level: int = Field(..., description="Level 1 (学徒工) … 8 (首席技师)")
    level_name: str = Field(..., description="The level's name in the active language")
    owner_id: int = Field(..., description="Provider or office that generated it")
    owner: str = Field(..., description="Name of that provider or office")
    district: str | None = Field(
        ..., description="District code whose demand the plan is adapted to; null: plain"
    )
    district_name: str | None = Field(..., description="That district's name")
    total_hours: float = Field(..., description="Hours the lessons add up to")
    source: str = Field(
        ..., description="offline (texts from the standard) or model (texts by the model)"
    )
    status: str = Field(..., description="draft, approved or retired")
    is_open: bool = Field(..., description="Whether anyone may read its lessons")
    created_at: datetime = Field(..., description="When it was generated")
    approved_at: datetime | None = Field(..., description="When it was approved")
    approved_by: str | None = Field(..., description="Who approved it")
    for_vouchers: bool = Field(
        ..., description="Whether its runs are to take training vouchers (an officer approves it)"
    )
    vouchers: str = Field(
        ...,
        description="not_asked, waiting (for an officer's approval) or approved (runs may take "
        "training vouchers)",
    )
    voucher_approved_by: str | None = Field(
        ..., description="The officer who approved it for voucher-funded runs"
    )
    voucher_approved_at: datetime | None = Field(
        ..., description="When an officer approved it for voucher-funded runs"
    )

    @staticmethod
    def resolve_approved_by(obj: Any) -> str | None:
        return str(obj.approved_by) if obj.approved_by_id else None

    @staticmethod
    def resolve_vouchers(obj: Any) -> str:
        return str(obj.vouchers)

    @staticmethod
    def resolve_voucher_approved_by(obj: Any) -> str | None:
        return str(obj.voucher_approved_by) if obj.voucher_approved_by_id else None

    @staticmethod
    def resolve_occupation(obj: Any) -> str:
        return str(obj.occupation.code)

    @staticmethod
    def resolve_occupation_name(obj: Any) -> str:
        return str(obj.occupation.name)

    @staticmethod
    def resolve_level_name(obj: Any) -> str:
        return level_label(obj.level, obj.occupation.code)

    @staticmethod
    def resolve_owner(obj: Any) -> str:
        return str(obj.owner.name)

    @staticmethod
    def resolve_district(obj: Any) -> str | None:
        return _district_code(obj.district)

    @staticmethod
    def resolve_district_name(obj: Any) -> str | None:
        return _district_name(obj.district)


class CourseDetailOut(CourseOut):
    plan: dict[str, Any] = Field(..., description="The course plan (zhijiang.course_plan/1)")
    textbook: dict[str, Any] = Field(..., description="The textbook outline derived from the plan")
    projects: dict[str, Any] = Field(..., description="The training projects derived from the plan")


class RevisionOut(Schema):
    number: int = Field(..., description="1 for the generated plan, then one per edit")
    note: str = Field(..., description="What the author said about the change")
    author: str = Field(..., description="Who saved it")
    created_at: datetime = Field(..., description="When it was saved")
    plan: dict[str, Any] = Field(..., description="The plan as saved")

    @staticmethod
    def resolve_author(obj: Any) -> str:
        return str(obj.author)


# Notices


class NoticeOut(Schema):
    id: int = Field(..., description="Notice id")
    title: str = Field(..., description="Title")
    body: str = Field(..., description="Text")
    organisation_id: int = Field(..., description="Publishing organisation id")
    organisation: str = Field(..., description="Publishing organisation name")
    district: str | None = Field(..., description="District code; null: the whole city")
    district_name: str | None = Field(..., description="District name in the active language")
    run_id: int | None = Field(..., description="The course run it is about, if any")
    published_at: datetime = Field(..., description="When it was published")

    @staticmethod
    def resolve_organisation(obj: Any) -> str:
        return str(obj.organisation.name)

    @staticmethod
    def resolve_district(obj: Any) -> str | None:
        return _district_code(obj.district)

    @staticmethod
    def resolve_district_name(obj: Any) -> str | None:
        return _district_name(obj.district)


# xAPI


class StatementQueryIn(Schema):
    since: datetime | None = Field(None, description="Only statements stored after this time")
    verb: str = Field("", description="Only statements with this verb IRI")
    limit: int = Field(
        100, ge=0, le=INT64_MAX, description="At most this many; 0 or above 500: 500"
    )
    ascending: bool = Field(False, description="Oldest first; newest first by default")
    after: UUID | None = Field(None, description="Continue after this statement (see `more`)")


class StatementResultOut(Schema):
    """An xAPI 1.0.3 StatementResult."""

    statements: list[dict[str, Any]] = Field(
        ..., description="Statements as stored, each with its `stored` time"
    )
    more: str = Field(
        ..., description="Relative URL of the next page of results; empty when there is none"
    )
