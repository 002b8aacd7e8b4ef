"""API schemas for profiles, positions, applications and matches."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Field, Schema

from zhijiang.common.params import Int64


class PositionIn(Schema):
    title: str = Field(..., max_length=100)
    description: str = Field(..., max_length=10000)
    pay_min: Int64 = Field(..., description="Monthly pay from, in yuan")
    pay_max: Int64 = Field(..., description="Monthly pay up to, in yuan")
    district: str = Field(..., description="District code (GB/T 2260), e.g. 500103")
    occupation: str = Field("", description="CSCO-2022 code; empty when not classified")
    required_skills: list[str] = Field(default_factory=list, description="Skill keys")
    preferred_skills: list[str] = Field(default_factory=list, description="Skill keys")
    level_min: Int64 | None = Field(
        None,
        description="Skill level on the occupation's ladder: 1 (学徒工) … 8 (首席技师), or for "
        "a professional occupation (大类 2) 2 (初级), 3 (中级) or 4 (高级)",
    )
    level_is_hard: bool = False
    skills_are_hard: bool = Field(
        False, description="Candidates without every required skill are not proposed"
    )
    education_min: str = ""
    education_is_hard: bool = False
    experience_years: Int64 = 0
    address: str = ""
    headcount: Int64 = 1
    employment_type: str = Field(
        "full_time",
        description="full_time, part_time, contractor, temporary, intern, volunteer, "
        "per_diem or other",
    )
    closes_on: date | None = Field(
        None,
        description="The last day the position is advertised (within a year); "
        "empty: 60 days after posting",
    )


class PositionStatusIn(Schema):
    status: str = Field(..., description="open, paused or closed")


class PositionSkillOut(Schema):
    key: str
    label: str
    required: bool

    @staticmethod
    def resolve_key(obj: Any) -> str:
        return str(obj.skill.key)

    @staticmethod
    def resolve_label(obj: Any) -> str:
        return str(obj.skill.label)


class PositionOut(Schema):
    id: int
    title: str
    employer: str
    employer_id: int
    occupation: str | None = Field(None, description="CSCO-2022 code")
    occupation_name: str | None = None
    district: str
    district_name: str
    pay_min: int
    pay_max: int
    level_min: int | None
    education_min: str
    experience_years: int
    headcount: int
    employment_type: str
    closes_on: date | None
    status: str
    created_at: datetime

    @staticmethod
    def resolve_employer(obj: Any) -> str:
        return str(obj.employer.name)

    @staticmethod
    def resolve_occupation(obj: Any) -> str | None:
        return obj.occupation.code if obj.occupation_id else None

    @staticmethod
    def resolve_occupation_name(obj: Any) -> str | None:
        return obj.occupation.name if obj.occupation_id else None

    @staticmethod
    def resolve_district(obj: Any) -> str:
        return str(obj.district.code)

    @staticmethod
    def resolve_district_name(obj: Any) -> str:
        return str(obj.district.label)


class PositionDetailOut(PositionOut):
    description: str
    address: str
    level_is_hard: bool
    skills_are_hard: bool
    education_is_hard: bool
    skills: list[PositionSkillOut]

    @staticmethod
    def resolve_skills(obj: Any) -> list[Any]:
        return list(obj.skill_links.select_related("skill"))


class FactorOut(Schema):
    name: str
    label: str = Field("", description="The factor's name for people, in the reader's language")
    value: float
    weight: float
    contribution: float
    unknown: bool = Field(
        False, description="The person recorded nothing for it: it adds nothing to the score"
    )


class MatchOut(Schema):
    score: float = Field(..., description="0 to 1")
    matched: list[str] = Field(..., description="Skill keys the person has and the job asks for")
    missing: list[str] = Field(..., description="Skill keys the job asks for and the person lacks")
    factors: list[FactorOut]


class PositionMatchOut(Schema):
    position: PositionOut
    match: MatchOut


class PositionCandidateOut(Schema):
    person_id: int
    name: str
    district: str | None
    education: str
    applied: bool = Field(..., description="Whether the person applied to this position")
    application_id: int | None
    match: MatchOut


class ApplyIn(Schema):
    note: str = Field("", max_length=500)


class ApplicationMoveIn(Schema):
    status: str = Field(..., description="shortlisted, interviewing, offered, hired or rejected")
    reason: str = Field("", max_length=500)
    started_on: date | None = Field(None, description="Required when hiring")


class WithdrawIn(Schema):
    reason: str = Field("", max_length=500)


class ApplicationEventOut(Schema):
    from_status: str
    to_status: str
    reason: str
    created_at: datetime


class ApplicationOut(Schema):
    id: int
    position_id: int
    position_title: str
    employer: str
    applicant_id: int
    applicant_name: str
    status: str
    note: str
    match_score: float | None
    created_at: datetime
    updated_at: datetime
    events: list[ApplicationEventOut]

    @staticmethod
    def resolve_position_title(obj: Any) -> str:
        return str(obj.position.title)

    @staticmethod
    def resolve_employer(obj: Any) -> str:
        return str(obj.position.employer.name)

    @staticmethod
    def resolve_applicant_name(obj: Any) -> str:
        return str(obj.applicant)

    @staticmethod
    def resolve_events(obj: Any) -> list[Any]:
        return list(obj.events.all())


class ProfileIn(Schema):
    education: str = ""
    major: str = ""
    summary: str = Field("", max_length=2000)
    preferred_districts: list[str] = Field(default_factory=list)
    preferred_occupations: list[str] = Field(default_factory=list)
    pay_min: Int64 | None = None
    availability: str = "now"


class WorkIn(Schema):
    title: str = Field(..., max_length=100)
    started_on: date
    ended_on: date | None = None
    employer_name: str = ""
    occupation: str = Field("", description="CSCO-2022 code")
    description: str = ""


class WorkOut(Schema):
    id: int
    title: str
    employer_name: str
    occupation: str | None
    started_on: date
    ended_on: date | None
    description: str

    @staticmethod
    def resolve_occupation(obj: Any) -> str | None:
        return obj.occupation.code if obj.occupation_id else None


class JobProfileCertificateIn(Schema):
    occupation: str
    level: Int64 = Field(
        ...,
        description="Rank on the occupation's ladder: 1 (学徒工) … 8 (首席技师), or for a "
        "professional occupation (大类 2) 2 (初级), 3 (中级) or 4 (高级)",
    )
    issuer: str = ""
    issued_on: date | None = None


class JobProfileCertificateOut(Schema):
    id: int | None = Field(
        ..., description="The declared row's id; null for a platform certificate"
    )
    occupation: str
    occupation_name: str
    level: int
    issuer: str
    issued_on: date | None
    verified: bool
    source: str = Field("declared", description="platform (issued here, signed) or declared")
    url: str = Field("", description="The platform certificate's public page")
    state: str = Field(
        "unchecked",
        description="verified; unchecked (declared, waiting for an officer's check); "
        "not_confirmed (an officer checked it and could not confirm it)",
    )
    note: str = Field("", description="The officer's reason when it is not confirmed")

    @staticmethod
    def resolve_occupation(obj: Any) -> str:
        return str(obj.occupation.code)

    @staticmethod
    def resolve_occupation_name(obj: Any) -> str:
        return str(obj.occupation.name)

    @staticmethod
    def resolve_state(obj: Any) -> str:
        return str(obj.state)  # a HeldCertificate.State: its value

    @staticmethod
    def resolve_note(obj: Any) -> str:
        # A profile row (HeldView) has ``note``; a declared row just recorded, ``check_note``.
        return str(getattr(obj, "note", None) or getattr(obj, "check_note", ""))


class DeclaredCertificateOut(Schema):
    """A certificate a person declared, as the officers who check it see it: the person's
    name and masked ID number, never the full number or the phone."""

    id: int
    person_id: int
    person_name: str
    id_number: str = Field(..., description="Masked, e.g. 500***********123X")
    district: str | None = Field(..., description="The person's district code")
    occupation: str = Field(..., description="CSCO-2022 code")
    occupation_name: str
    level: int = Field(..., description="1 (学徒工) … 8 (首席技师)")
    level_name: str
    issuer: str
    issued_on: date | None
    state: str = Field(..., description="unchecked, verified or not_confirmed")
    checked_at: datetime | None
    check_note: str

    @staticmethod
    def resolve_person_id(obj: Any) -> int:
        return int(obj.user_id)

    @staticmethod
    def resolve_person_name(obj: Any) -> str:
        return str(obj.user.full_name or obj.user.username)

    @staticmethod
    def resolve_id_number(obj: Any) -> str:
        return str(obj.user.id_number_masked)

    @staticmethod
    def resolve_district(obj: Any) -> str | None:
        return obj.user.district.code if obj.user.district_id else None

    @staticmethod
    def resolve_occupation(obj: Any) -> str:
        return str(obj.occupation.code)

    @staticmethod
    def resolve_occupation_name(obj: Any) -> str:
        return str(obj.occupation.name)

    @staticmethod
    def resolve_state(obj: Any) -> str:
        return str(obj.state)


class CertificateCheckIn(Schema):
    confirmed: bool = Field(..., description="Found in the national register as declared")
    note: str = Field("", max_length=500, description="Required when not confirmed: say why")


class PersonSkillOut(Schema):
    key: str
    label: str
    verified: bool
    sources: list[str]
    certificates: list[str] = Field(
        default_factory=list, description="Ids (UUID) of the valid certificates that attest it"
    )


class ProfileOut(Schema):
    education: str
    major: str
    summary: str
    preferred_districts: list[str]
    preferred_occupations: list[str]
    pay_min: int | None
    availability: str
    experience_years: float
    work_history: list[WorkOut]
    certificates: list[JobProfileCertificateOut]
    skills: list[PersonSkillOut]


class ExplainedFactorOut(FactorOut):
    label: str = Field(..., description="The factor's name for people")
    unknown: bool = Field(False, description="The person's record does not say; not counted")


class ExplainedMatchOut(MatchOut):
    factors: list[ExplainedFactorOut]  # type: ignore[assignment]
    matched_labels: list[str]
    missing_labels: list[str]
    excluded_by: list[str] = Field(
        ..., description="Hard requirements not met: education, certificate:…, skill:…"
    )
    reasons: list[str] = Field(..., description="The unmet hard requirements in words")


class InvitationOut(Schema):
    id: int
    position_id: int
    position_title: str
    employer: str
    person_id: int
    invited_by: str = Field(..., description="The name of the employer's staff who invited")
    created_at: datetime

    @staticmethod
    def resolve_position_title(obj: Any) -> str:
        return str(obj.position.title)

    @staticmethod
    def resolve_employer(obj: Any) -> str:
        return str(obj.position.employer.name)

    @staticmethod
    def resolve_invited_by(obj: Any) -> str:
        return str(obj.invited_by.full_name) if obj.invited_by_id else ""


class CandidateSkillOut(PersonSkillOut):
    source_labels: list[str] = Field(..., description="Where each source says it came from")


class CandidateCertificateOut(Schema):
    occupation: str = Field(..., description="CSCO-2022 code")
    occupation_name: str
    level: int = Field(..., description="1 (学徒工) … 8 (首席技师)")
    level_name: str
    issuer: str
    issued_on: date | None
    verified: bool = Field(..., description="Issued or checked on the platform; else declared")


class CandidateDetailOut(Schema):
    """What a candidate shares with employers, and their match with the position. Never the
    ID number or the phone."""

    person_id: int
    name: str
    district: str | None
    education: str
    major: str
    summary: str
    experience_years: float
    applied: bool
    application_id: int | None
    invitation: InvitationOut | None
    can_invite: bool = Field(..., description="Whether an invitation to apply would be taken")
    skills: list[CandidateSkillOut]
    certificates: list[CandidateCertificateOut]
    work_history: list[WorkOut]
    match: ExplainedMatchOut | None = Field(..., description="None: no longer a job seeker")
