"""Plain values of the matcher: seekers, jobs, weights, and the explained matches it returns.

Seekers deliberately have no field for gender, age, ethnicity, household registration (户籍)
or marital status: what is not there cannot be used (see ``records.PROTECTED_FIELDS``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

# Education ranks: 0 none/unknown, 1 primary 小学, 2 junior secondary 初中, 3 senior secondary or
# vocational 高中/中专/中职, 4 associate 大专, 5 bachelor 本科, 6 master 硕士, 7 doctorate 博士.
EDUCATION_MAX = 7
SKILL_LEVEL_MAX = 8


@dataclass(frozen=True, slots=True)
class SkillClaim:
    """A skill a seeker has: ``level`` 1–8 (0 = not stated, counted as 1); ``verified`` when
    a certificate, assessment or training record backs it rather than self-declaration."""

    id: str
    level: int = 0
    verified: bool = False


@dataclass(frozen=True, slots=True)
class SkillRequirement:
    """A skill a job asks for: required or merely preferred, an optional minimum level 1–8, and
    ``hard`` when a seeker without it (at that level) must not be proposed at all."""

    id: str
    required: bool = True
    level: int = 0
    hard: bool = False


@dataclass(frozen=True, slots=True)
class Certificate:
    """A certificate a seeker holds; ``level`` grows with seniority (1 = 五级/初级工 …
    5 = 一级/高级技师), 0 when the certificate has no levels."""

    id: str
    level: int = 0


@dataclass(frozen=True, slots=True)
class Seeker:
    """A job seeker as the matcher sees them: skills, occupations, text and stated conditions."""

    id: str
    skills: tuple[SkillClaim, ...] = ()
    occupations: tuple[str, ...] = ()  # CSCO-2022 codes such as "4-04-05-05" (any depth)
    text: str = ""  # CV, work history and desired positions, Chinese or English
    education: int = 0  # 0 = not recorded: the education factor is unknown, not a fit
    experience_years: float | None = 0.0  # None = no work history recorded (unknown)
    pay_min: float | None = None  # lowest acceptable monthly pay; None = not stated (unknown)
    districts: tuple[str, ...] = ()  # acceptable districts; empty = anywhere
    certificates: tuple[Certificate, ...] = ()


@dataclass(frozen=True, slots=True)
class Job:
    """An open position; every certificate in ``certificates`` is a hard requirement."""

    id: str
    title: str = ""
    description: str = ""
    occupation: str = ""  # CSCO-2022 code, "" when not classified
    skills: tuple[SkillRequirement, ...] = ()
    education_min: int = 0
    education_hard: bool = False
    experience_min: float = 0.0
    pay_min: float | None = None
    pay_max: float | None = None
    district: str = ""  # "" = anywhere (remote or not stated)
    certificates: tuple[Certificate, ...] = ()


@dataclass(frozen=True, slots=True)
class MatchWeights:
    """Factor weights (normalised by their sum over active factors, so the score is in [0, 1])
    and the weights inside the skill-coverage factor. ``occupation_skills`` is only active when
    occupation→skills profiles are given."""

    skills: float = 0.35
    level: float = 0.05
    occupation: float = 0.15
    occupation_skills: float = 0.05
    text: float = 0.20
    education: float = 0.05
    experience: float = 0.05
    pay: float = 0.05
    district: float = 0.05
    required_skill: float = 1.0
    preferred_skill: float = 0.5
    verified_skill: float = 1.0
    declared_skill: float = 0.6

    def factor_weights(self, *, with_profiles: bool) -> dict[str, float]:
        """The active factors' weights divided by their sum (each factor's share of the score)."""
        raw = {name: getattr(self, name) for name in FACTORS}
        if not with_profiles:
            raw["occupation_skills"] = 0.0
        if any(value < 0 for value in raw.values()):
            raise ValueError("factor weights must not be negative")
        total = sum(raw.values())
        if total <= 0:
            raise ValueError("at least one factor weight must be positive")
        return {name: value / total for name, value in raw.items()}


FACTORS: tuple[str, ...] = tuple(
    f.name for f in fields(MatchWeights) if not f.name.endswith("_skill")
)


@dataclass(frozen=True, slots=True)
class Factor:
    """One factor of a score: its fit in [0, 1], its share of the score, and the product.
    ``known`` is False when the seeker gave no data for it: it then adds nothing, and says
    so, instead of counting as a full match."""

    name: str
    value: float
    weight: float
    contribution: float
    known: bool = True


# Factors that are unknown when the seeker recorded nothing for them.
SEEKER_DATA_FACTORS: tuple[str, ...] = ("education", "experience", "pay")


def unknown_factors(seeker: Seeker) -> frozenset[str]:
    """The factors the seeker gave no data for."""
    unknown = set()
    if seeker.education <= 0:
        unknown.add("education")
    if seeker.experience_years is None:
        unknown.add("experience")
    if seeker.pay_min is None or seeker.pay_min <= 0:
        unknown.add("pay")
    return frozenset(unknown)


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a seeker and a job scored as they did; ``excluded_by`` names unmet hard
    requirements (the pair is then never proposed, whatever the score)."""

    score: float
    matched: tuple[str, ...]
    missing: tuple[str, ...]
    factors: tuple[Factor, ...]
    excluded_by: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Match:
    """One proposed pairing with its score in [0, 1] and explanation."""

    seeker_id: str
    job_id: str
    score: float
    matched: tuple[str, ...]
    missing: tuple[str, ...]
    factors: tuple[Factor, ...]
