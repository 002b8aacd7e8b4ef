"""Skills-based matching of job seekers and positions, in both directions.

>>> index = JobIndex.build(jobs)                      # doctest: +SKIP
>>> index.top_jobs(seeker, k=20)                      # doctest: +SKIP  online, one seeker
>>> dict(match_batch(seekers, jobs, k=20))            # doctest: +SKIP  exact batch top-k
>>> explain(seeker, job, text_model=index.text_model)  # doctest: +SKIP

The score is a weighted sum of factor fits in [0, 1] (skills coverage, skill level, CSCO
occupation proximity, occupation skill profiles, text similarity, education, experience, pay,
district), after hard requirements have filtered out ineligible pairs. See docs/match.md.
"""

from zhijiang_engine.match.explain import explain, has_required_skill
from zhijiang_engine.match.index import JobIndex, SeekerIndex, match_batch, top_seekers
from zhijiang_engine.match.model import (
    FACTORS,
    Certificate,
    Explanation,
    Factor,
    Job,
    Match,
    MatchWeights,
    Seeker,
    SkillClaim,
    SkillRequirement,
)
from zhijiang_engine.match.records import (
    PROTECTED_FIELDS,
    RecordError,
    job_from_record,
    seeker_from_record,
)
from zhijiang_engine.match.text import TextModel, tokenize

__all__ = [
    "FACTORS",
    "PROTECTED_FIELDS",
    "Certificate",
    "Explanation",
    "Factor",
    "Job",
    "JobIndex",
    "Match",
    "MatchWeights",
    "RecordError",
    "Seeker",
    "SeekerIndex",
    "SkillClaim",
    "SkillRequirement",
    "TextModel",
    "explain",
    "has_required_skill",
    "job_from_record",
    "match_batch",
    "seeker_from_record",
    "tokenize",
    "top_seekers",
]
