"""Honest match scores: what the seeker did not record is unknown, not a fit; levels are met
or not; a candidate without any required skill is not proposed."""

from __future__ import annotations

import pytest

from zhijiang_engine.match import (
    Job,
    JobIndex,
    Seeker,
    SeekerIndex,
    SkillClaim,
    SkillRequirement,
    TextModel,
    explain,
    has_required_skill,
)

TEXT = TextModel.fit(["java mysql backend", "accounting excel"], dimensions=32)


def factors(seeker: Seeker, job: Job) -> dict[str, tuple[float, bool]]:
    result = explain(seeker, job, text_model=TEXT)
    return {f.name: (f.contribution, f.known) for f in result.factors}


def test_education_experience_and_pay_not_recorded_are_unknown_and_add_nothing() -> None:
    job = Job("j", skills=(SkillRequirement("mysql"),), pay_min=8000, pay_max=9000)
    empty = factors(Seeker("a", experience_years=None), job)
    for name in ("education", "experience", "pay"):
        assert empty[name] == (0.0, False)
    known = factors(Seeker("b", education=5, experience_years=3.0, pay_min=8000), job)
    for name in ("education", "experience", "pay"):
        contribution, is_known = known[name]
        assert is_known
        assert contribution > 0


def test_an_empty_profile_scores_next_to_nothing() -> None:
    job = Job("j", skills=(SkillRequirement("mysql"),), pay_min=8000, pay_max=9000)
    assert explain(Seeker("a", experience_years=None), job, text_model=TEXT).score < 0.1


def test_the_level_factor_counts_only_skills_held_at_the_level_asked() -> None:
    job = Job("j", skills=(SkillRequirement("mysql", level=4),))
    without = factors(Seeker("a"), job)["level"][0]
    declared = factors(Seeker("b", skills=(SkillClaim("mysql"),)), job)["level"][0]
    certified = factors(Seeker("c", skills=(SkillClaim("mysql", 4, verified=True),)), job)
    assert without == 0.0
    assert declared == 0.0  # held, but not at level 4
    assert certified["level"][0] > 0


def test_a_higher_certified_level_raises_the_score_for_a_levelled_position() -> None:
    job = Job("j", skills=(SkillRequirement("mysql", level=4),))
    low = Seeker("a", skills=(SkillClaim("mysql", 2, verified=True),))
    high = Seeker("b", skills=(SkillClaim("mysql", 4, verified=True),))
    assert explain(high, job, text_model=TEXT).score > explain(low, job, text_model=TEXT).score


def test_hard_skill_requirements_exclude_seekers_below_the_level() -> None:
    job = Job("j", skills=(SkillRequirement("mysql", level=3, hard=True),))
    index = SeekerIndex.build(
        [
            Seeker("declared", skills=(SkillClaim("mysql"),)),
            Seeker("certified", skills=(SkillClaim("mysql", 3, verified=True),)),
        ],
        text_model=TEXT,
    )
    assert [m.seeker_id for m in index.top_seekers(job, 5)] == ["certified"]
    assert explain(Seeker("x"), job, text_model=TEXT).excluded_by == ("skill:mysql",)


@pytest.mark.parametrize(
    ("claims", "expected"),
    [((), False), (("excel",), False), (("mysql",), True), (("redis",), False)],
)
def test_a_seeker_needs_one_required_skill_to_be_proposed(
    claims: tuple[str, ...], expected: bool
) -> None:
    job = Job("j", skills=(SkillRequirement("mysql"), SkillRequirement("redis", required=False)))
    seeker = Seeker("a", skills=tuple(SkillClaim(c) for c in claims))
    assert has_required_skill(seeker, job) is expected
    assert has_required_skill(seeker, Job("k")) is True


def test_both_directions_agree_on_factors_marked_unknown() -> None:
    job = Job("j", skills=(SkillRequirement("mysql"),))
    seeker = Seeker("a", skills=(SkillClaim("mysql"),), experience_years=None)
    (by_job,) = JobIndex.build([job], text_model=TEXT).top_jobs(seeker, 1)
    (by_seeker,) = SeekerIndex.build([seeker], text_model=TEXT).top_seekers(job, 1)
    assert by_job.score == pytest.approx(by_seeker.score)
    unknown = {f.name for f in by_job.factors if not f.known}
    assert (
        unknown
        == {f.name for f in by_seeker.factors if not f.known}
        == {
            "education",
            "experience",
            "pay",
        }
    )
