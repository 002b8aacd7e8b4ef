"""Per-factor feature vectors of seekers and jobs whose dot products are the factor fits.

Every factor is bilinear by construction, so one matrix product scores many pairs at once:
nonlinear fits (education, experience, pay) put a one-hot of one side's bucket against the
other side's fit for every bucket; skill levels use cumulative indicators (a seeker holds every
step up to their level, a job asks for the step it requires); the
occupation hierarchy uses one indicator per code prefix, whose sum is the deepest shared level.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from zhijiang_engine.match.model import (
    EDUCATION_MAX,
    FACTORS,
    SKILL_LEVEL_MAX,
    Job,
    MatchWeights,
    Seeker,
    unknown_factors,
)
from zhijiang_engine.match.text import TextModel

Key = tuple[str | int, ...]
Profiles = Mapping[str, Sequence[str]]
FloatArray = npt.NDArray[np.float32]

EXPERIENCE_CAP = 10  # job minimum years are rounded up to whole years and capped here
PAY_GRID: tuple[float, ...] = tuple(500.0 * 1.1**i for i in range(57))  # 500 … ~104,000
EDUCATION_GAP_ZERO = 3  # three ranks short of the minimum gives an education fit of 0


@dataclass(frozen=True, slots=True)
class Encoding:
    """One seeker's or job's features: a dense vector and sparse keyed values per factor (in
    ``FACTORS`` order), and the hard-requirement features with how many the job has."""

    dense: tuple[FloatArray, ...]
    sparse: tuple[dict[Key, float], ...]
    hard: dict[Key, float]
    hard_count: int = 0


def dense_sizes(text_dimensions: int) -> dict[str, int]:
    """Length of each factor's dense block."""
    sizes = dict.fromkeys(FACTORS, 0)
    sizes.update(
        level=1,
        text=text_dimensions,
        education=EDUCATION_MAX + 1,
        experience=EXPERIENCE_CAP + 1,
        pay=len(PAY_GRID) + 1,
        district=2,
    )
    return sizes


def occupation_prefixes(code: str) -> list[str]:
    """'4-04-05-05' → ['4', '4-04', '4-04-05', '4-04-05-05']: 大类, 中类, 小类, 职业."""
    parts = [p for p in code.strip().split("-") if p]
    return ["-".join(parts[: i + 1]) for i in range(len(parts))]


def profile_skills(code: str, profiles: Profiles | None) -> set[str]:
    """The skill profile of an occupation, or of its nearest profiled ancestor."""
    if not profiles:
        return set()
    for prefix in reversed(occupation_prefixes(code)):
        if prefix in profiles:
            return set(profiles[prefix])
    return set()


def _unit(keys: set[str], tag: str, scale: float = 1.0) -> dict[Key, float]:
    return {(tag, key): scale / math.sqrt(len(keys)) for key in keys} if keys else {}


def pay_fit(pay_min: float, job_pay: float) -> float:
    """1 when the job can pay the seeker's minimum, falling linearly to 0 at half of it."""
    if job_pay >= pay_min:
        return 1.0
    return max(0.0, 2.0 * job_pay / pay_min - 1.0)


def pay_bucket(pay_min: float | None) -> int:
    """Dense index of a seeker's minimum pay: 0 = none stated, else 1 + grid point at or below."""
    if pay_min is None or pay_min <= 0:
        return 0
    index = int(np.searchsorted(np.asarray(PAY_GRID), pay_min, side="right")) - 1
    return 1 + max(index, 0)


def education_fit(rank: int, minimum: int) -> float:
    return max(0.0, 1.0 - max(0, minimum - rank) / EDUCATION_GAP_ZERO)


def experience_fit(years: float, minimum: int) -> float:
    return 1.0 if minimum <= 0 else min(1.0, max(years, 0.0) / minimum)


def held_level(level: int) -> int:
    """A claimed skill's level on the ladder; 0 (not stated) counts as 1."""
    return min(max(level, 1), SKILL_LEVEL_MAX)


def encode_seeker(
    seeker: Seeker, weights: MatchWeights, text: TextModel, profiles: Profiles | None
) -> Encoding:
    """The seeker side of every factor (weights are applied on the job side)."""
    sizes = dense_sizes(text.dimensions)
    dense = {name: np.zeros(size, dtype=np.float32) for name, size in sizes.items()}
    sparse: dict[str, dict[Key, float]] = {name: {} for name in FACTORS}
    hard: dict[Key, float] = {}
    for claim in seeker.skills:
        value = weights.verified_skill if claim.verified else weights.declared_skill
        sparse["skills"][("s", claim.id)] = max(sparse["skills"].get(("s", claim.id), 0), value)
        for step in range(1, held_level(claim.level) + 1):
            sparse["level"][("l", claim.id, step)] = 1.0
            hard[("hs", claim.id, step)] = 1.0
    for cert in seeker.certificates:
        for step in range(1, max(cert.level, 1) + 1):
            hard[("hc", cert.id, step)] = 1.0
    for step in range(1, seeker.education + 1):
        hard[("he", step)] = 1.0
    for code in seeker.occupations:
        for prefix in occupation_prefixes(code):
            sparse["occupation"][("o", prefix)] = 1.0
    profile: set[str] = set()
    for code in seeker.occupations:
        profile |= profile_skills(code, profiles)
    sparse["occupation_skills"] = _unit(profile, "p")
    dense["text"][:] = text.vector(seeker.text)
    # A factor the seeker recorded nothing for stays all zeros: unknown adds nothing.
    unknown = unknown_factors(seeker)
    if "education" not in unknown:
        for minimum in range(EDUCATION_MAX + 1):
            dense["education"][minimum] = education_fit(seeker.education, minimum)
    if seeker.experience_years is not None:
        for minimum in range(EXPERIENCE_CAP + 1):
            dense["experience"][minimum] = experience_fit(seeker.experience_years, minimum)
    if "pay" not in unknown:
        dense["pay"][pay_bucket(seeker.pay_min)] = 1.0
    dense["district"][1 if seeker.districts else 0] = 1.0
    sparse["district"] = {("d", d): 1.0 for d in seeker.districts}
    return Encoding(
        dense=tuple(dense[n] for n in FACTORS), sparse=tuple(sparse[n] for n in FACTORS), hard=hard
    )


def _job_skills(job: Job, weights: MatchWeights) -> tuple[dict[Key, float], dict[Key, float]]:
    """Coverage weights (summing to 1) of a job's skills, and the same weights on each skill
    at its required level: the level fit is the weighted share of the job's skills the seeker
    holds at the level asked (a skill not held counts as short, not as a fit)."""
    share: dict[str, float] = {}
    required_level: dict[str, int] = {}
    for req in job.skills:
        value = weights.required_skill if req.required else weights.preferred_skill
        share[req.id] = max(share.get(req.id, 0.0), value)
        required_level[req.id] = max(required_level.get(req.id, 1), held_level(req.level))
    total = sum(share.values())
    coverage: dict[Key, float] = {("s", k): v / total for k, v in share.items()} if total else {}
    level: dict[Key, float] = (
        {("l", k, required_level[k]): v / total for k, v in share.items()} if total else {}
    )
    return coverage, level


def _job_hard(job: Job) -> dict[Key, float]:
    hard: dict[Key, float] = {}
    for req in job.skills:
        if req.hard:
            hard[("hs", req.id, min(max(req.level, 1), SKILL_LEVEL_MAX))] = 1.0
    for cert in job.certificates:
        hard[("hc", cert.id, max(cert.level, 1))] = 1.0
    if job.education_hard and job.education_min > 0:
        hard[("he", min(job.education_min, EDUCATION_MAX))] = 1.0
    return hard


def encode_job(
    job: Job,
    weights: MatchWeights,
    text: TextModel,
    profiles: Profiles | None,
    shares: Mapping[str, float] | None = None,
) -> Encoding:
    """The job side of every factor, scaled by each factor's share of the score (1 when
    ``shares`` is None, which gives the raw fits used in explanations)."""
    sizes = dense_sizes(text.dimensions)
    dense = {name: np.zeros(size, dtype=np.float32) for name, size in sizes.items()}
    sparse: dict[str, dict[Key, float]] = {name: {} for name in FACTORS}
    sparse["skills"], sparse["level"] = _job_skills(job, weights)
    prefixes = occupation_prefixes(job.occupation)
    sparse["occupation"] = {("o", p): 1.0 / len(prefixes) for p in prefixes}
    sparse["occupation_skills"] = _unit(profile_skills(job.occupation, profiles), "p")
    dense["text"][:] = text.vector(f"{job.title}\n{job.title}\n{job.description}")
    dense["education"][min(max(job.education_min, 0), EDUCATION_MAX)] = 1.0
    dense["experience"][min(math.ceil(max(job.experience_min, 0.0)), EXPERIENCE_CAP)] = 1.0
    job_pay = job.pay_max if job.pay_max is not None else job.pay_min
    dense["pay"][0] = 1.0
    for index, grid in enumerate(PAY_GRID, start=1):
        dense["pay"][index] = 1.0 if job_pay is None else pay_fit(grid, job_pay)
    dense["district"][:] = (1.0, 0.0 if job.district else 1.0)
    if job.district:
        sparse["district"] = {("d", job.district): 1.0}
    scale = shares or dict.fromkeys(FACTORS, 1.0)
    hard = _job_hard(job)
    return Encoding(
        dense=tuple(dense[n] * np.float32(scale[n]) for n in FACTORS),
        sparse=tuple({k: v * scale[n] for k, v in sparse[n].items()} for n in FACTORS),
        hard=hard,
        hard_count=len(hard),
    )
