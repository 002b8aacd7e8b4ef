"""Explanations: which skills matched, which are missing, and what each factor contributed."""

from __future__ import annotations

from collections.abc import Mapping

from zhijiang_engine.match.features import Profiles, encode_job, encode_seeker
from zhijiang_engine.match.model import (
    FACTORS,
    Explanation,
    Factor,
    Job,
    MatchWeights,
    Seeker,
    unknown_factors,
)
from zhijiang_engine.match.text import TextModel


def skill_overlap(seeker: Seeker, job: Job) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The job's skills the seeker has and lacks, required skills first, in the job's order."""
    held = {claim.id for claim in seeker.skills}
    ordered = [r.id for r in job.skills if r.required] + [
        r.id for r in job.skills if not r.required
    ]
    unique = list(dict.fromkeys(ordered))
    return tuple(s for s in unique if s in held), tuple(s for s in unique if s not in held)


def unmet_requirements(seeker: Seeker, job: Job) -> tuple[str, ...]:
    """Hard requirements of the job the seeker does not meet, e.g. ("certificate:electrician",)."""
    levels: dict[str, int] = {}
    for claim in seeker.skills:
        levels[claim.id] = max(levels.get(claim.id, 0), max(claim.level, 1))
    certs: dict[str, int] = {}
    for cert in seeker.certificates:
        certs[cert.id] = max(certs.get(cert.id, 0), max(cert.level, 1))
    unmet = [
        f"skill:{r.id}" for r in job.skills if r.hard and levels.get(r.id, 0) < max(r.level, 1)
    ]
    unmet += [
        f"certificate:{c.id}" for c in job.certificates if certs.get(c.id, 0) < max(c.level, 1)
    ]
    if job.education_hard and seeker.education < job.education_min:
        unmet.append("education")
    return tuple(unmet)


def has_required_skill(seeker: Seeker, job: Job) -> bool:
    """Whether the seeker holds at least one of the skills the job requires (True for a job
    that requires none): someone with none of them is not proposed, whatever else fits."""
    required = {r.id for r in job.skills if r.required}
    return not required or any(claim.id in required for claim in seeker.skills)


def build_factors(
    contributions: Mapping[str, float],
    shares: Mapping[str, float],
    unknown: frozenset[str] = frozenset(),
) -> tuple[Factor, ...]:
    """Active factors, largest contribution first; ``value`` is the fit before weighting;
    factors the seeker gave no data for are marked unknown."""
    out = [
        Factor(
            name,
            contributions[name] / shares[name],
            shares[name],
            contributions[name],
            known=name not in unknown,
        )
        for name in FACTORS
        if shares[name] > 0
    ]
    return tuple(sorted(out, key=lambda f: -f.contribution))


def explain(
    seeker: Seeker,
    job: Job,
    *,
    text_model: TextModel,
    weights: MatchWeights | None = None,
    profiles: Profiles | None = None,
) -> Explanation:
    """Score and explanation of one pair, computed directly (no index needed). Use the text
    model of the index the pair came from so the score is the same as the ranked one."""
    weights = weights or MatchWeights()
    shares = weights.factor_weights(with_profiles=bool(profiles))
    seeker_enc = encode_seeker(seeker, weights, text_model, profiles)
    job_enc = encode_job(job, weights, text_model, profiles, shares)
    contributions: dict[str, float] = {}
    for position, name in enumerate(FACTORS):
        dense = float(seeker_enc.dense[position] @ job_enc.dense[position])
        theirs = job_enc.sparse[position]
        sparse = sum(v * theirs[k] for k, v in seeker_enc.sparse[position].items() if k in theirs)
        contributions[name] = dense + sparse
    matched, missing = skill_overlap(seeker, job)
    score = min(1.0, max(0.0, sum(contributions.values())))
    return Explanation(
        score=score,
        matched=matched,
        missing=missing,
        factors=build_factors(contributions, shares, unknown_factors(seeker)),
        excluded_by=unmet_requirements(seeker, job),
    )
