"""zhijiang_engine.match and `zhijiang match`: scoring, filters, explanations, exact top-k."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest

from zhijiang.cli.io import BatchInputError
from zhijiang.cli.match import match as match_cli
from zhijiang_engine.match import (
    PROTECTED_FIELDS,
    Certificate,
    Job,
    JobIndex,
    MatchWeights,
    Seeker,
    SeekerIndex,
    SkillClaim,
    SkillRequirement,
    TextModel,
    explain,
    match_batch,
    seeker_from_record,
)
from zhijiang_engine.match.matrix import top_k_rows

TEXT = TextModel.fit(
    ["java mysql backend", "accounting excel", "electrician wiring"], dimensions=64
)


def score(seeker: Seeker, job: Job) -> float:
    return explain(seeker, job, text_model=TEXT).score


def test_verified_skills_count_more_than_self_declared_ones() -> None:
    job = Job("j", skills=(SkillRequirement("mysql"),))
    verified = Seeker("a", skills=(SkillClaim("mysql", verified=True),))
    declared = Seeker("b", skills=(SkillClaim("mysql"),))
    assert score(verified, job) > score(declared, job)


def test_required_skills_count_more_than_preferred_ones() -> None:
    job = Job("j", skills=(SkillRequirement("mysql"), SkillRequirement("redis", required=False)))
    has_required = Seeker("a", skills=(SkillClaim("mysql"),))
    has_preferred = Seeker("b", skills=(SkillClaim("redis"),))
    assert score(has_required, job) > score(has_preferred, job)


def test_closer_occupations_in_the_csco_hierarchy_score_higher() -> None:
    job = Job("j", occupation="4-04-05-05")
    codes = ["4-04-05-05", "4-04-05-01", "4-04-01-01", "4-01-01-01", "2-02-10-03"]
    scores = [score(Seeker(c, occupations=(c,)), job) for c in codes]
    assert scores == sorted(scores, reverse=True)
    assert len(set(scores)) == len(scores)


def test_unmet_hard_requirements_exclude_the_job() -> None:
    jobs = [
        Job("electrician", certificates=(Certificate("electrician", 3),)),
        Job("phd", education_min=7, education_hard=True),
        Job("open"),
    ]
    index = JobIndex.build(jobs, text_model=TEXT)
    junior = Seeker("a", education=5, certificates=(Certificate("electrician", 2),))
    assert [m.job_id for m in index.top_jobs(junior, 10)] == ["open"]
    senior = Seeker("b", education=7, certificates=(Certificate("electrician", 4),))
    assert {m.job_id for m in index.top_jobs(senior, 10)} == {"electrician", "phd", "open"}
    assert explain(junior, jobs[0], text_model=TEXT).excluded_by == ("certificate:electrician",)


def test_pay_and_district_fit_favour_jobs_that_meet_the_seeker() -> None:
    seeker = Seeker("a", pay_min=10000, districts=("浦东新区",))
    assert score(seeker, Job("j", pay_max=12000)) > score(seeker, Job("k", pay_max=7000))
    assert score(seeker, Job("j", district="浦东新区")) > score(seeker, Job("k", district="徐汇区"))


def test_explanation_lists_matched_and_missing_skills_and_factor_contributions() -> None:
    job = Job("j", skills=(SkillRequirement("mysql"), SkillRequirement("redis", required=False)))
    result = explain(Seeker("a", skills=(SkillClaim("mysql"),)), job, text_model=TEXT)
    assert result.matched == ("mysql",)
    assert result.missing == ("redis",)
    assert sum(f.contribution for f in result.factors) == pytest.approx(result.score)
    assert {f.name for f in result.factors} >= {"skills", "occupation", "text", "pay"}


def random_people(
    rng: np.random.Generator, seekers: int, jobs: int
) -> tuple[list[Seeker], list[Job]]:
    skills = [f"s{i}" for i in range(30)]
    words = ["java", "mysql", "excel", "wiring", "sales", "driver", "cook", "nurse"]
    occupations = ["4-04-05-05", "4-04-05-01", "4-04-01-01", "2-02-10-03", "6-31-01-03"]

    def text() -> str:
        return " ".join(rng.choice(words, size=4))

    people = [
        Seeker(
            f"p{i}",
            skills=tuple(
                SkillClaim(str(s), int(rng.integers(0, 9)), bool(rng.random() < 0.5))
                for s in rng.choice(skills, size=int(rng.integers(0, 6)), replace=False)
            ),
            occupations=(str(rng.choice(occupations)),),
            text=text(),
            education=int(rng.integers(0, 8)),
            experience_years=float(rng.uniform(0, 12)),
            pay_min=float(rng.uniform(3000, 20000)),
            districts=tuple(rng.choice(["a", "b", "c"], size=int(rng.integers(0, 2)))),
        )
        for i in range(seekers)
    ]
    positions = [
        Job(
            f"j{i}",
            title=text(),
            occupation=str(rng.choice(occupations)),
            skills=tuple(
                SkillRequirement(str(s), bool(rng.random() < 0.7), int(rng.integers(0, 9)))
                for s in rng.choice(skills, size=int(rng.integers(1, 6)), replace=False)
            ),
            education_min=int(rng.integers(0, 8)),
            education_hard=bool(rng.random() < 0.2),
            experience_min=float(rng.uniform(0, 5)),
            pay_max=float(rng.uniform(4000, 25000)),
            district=str(rng.choice(["a", "b", "c", ""])),
        )
        for i in range(jobs)
    ]
    return people, positions


@pytest.mark.parametrize("jobs", [150, 700])  # 700: enough column groups for the fast top-k
def test_batch_top_k_equals_brute_force_exact_top_k_on_random_data(jobs: int) -> None:
    people, positions = random_people(np.random.default_rng(7), 60, jobs)
    index = JobIndex.build(positions)
    batch = dict(match_batch(people, positions, 10))
    for person in people:
        brute = [explain(person, job, text_model=index.text_model) for job in positions]
        eligible = sorted(
            (
                (e.score, job.id)
                for e, job in zip(brute, positions, strict=True)
                if not e.excluded_by
            ),
            key=lambda pair: -pair[0],
        )[:10]
        got = batch[person.id]
        assert [m.score for m in got] == pytest.approx([s for s, _ in eligible], abs=1e-5)
        by_id = {job.id: e for e, job in zip(brute, positions, strict=True)}
        for m in got:  # the same jobs up to exact ties at the k-th place
            assert not by_id[m.job_id].excluded_by
            assert by_id[m.job_id].score == pytest.approx(m.score, abs=1e-5)


def test_fast_top_k_is_exact_with_ties_and_excluded_pairs() -> None:
    rng = np.random.default_rng(3)
    for trial in range(400):
        rows, width, k = (
            int(rng.integers(1, 30)),
            int(rng.integers(1, 900)),
            int(rng.integers(1, 25)),
        )
        scores = (
            rng.integers(-4, 4, (rows, width)).astype(np.float32)  # many exact ties
            if trial % 2
            else rng.standard_normal((rows, width)).astype(np.float32)
        )
        scores[rng.random((rows, width)) < 0.05] = -0.0  # equal to 0.0: a tie, not lower
        scores[rng.random((rows, width)) < rng.random()] = -np.inf
        fast = list(top_k_rows(scores, k))
        for row, (columns, values) in enumerate(fast):
            finite = np.flatnonzero(np.isfinite(scores[row]))
            expected = sorted(finite.tolist(), key=lambda c: (-scores[row, c], c))[:k]
            assert columns.tolist() == expected
            assert values.tolist() == scores[row, expected].tolist()


def test_both_directions_give_the_same_scores() -> None:
    people, positions = random_people(np.random.default_rng(11), 40, 30)
    jobs_index = JobIndex.build(positions)
    people_index = SeekerIndex.build(people, text_model=jobs_index.text_model)
    by_person = {(m.seeker_id, m.job_id): m.score for m in jobs_index.top_jobs(people[0], 30)}
    for job in positions:
        for m in people_index.top_seekers(job, 40):
            if m.seeker_id == people[0].id:
                assert m.score == pytest.approx(by_person[(m.seeker_id, m.job_id)], abs=1e-6)


def write(path: Path, rows: list[object]) -> str:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return str(path)


JOBS = [
    {"id": "j1", "title": "Java开发", "description": "熟悉MySQL", "occupation": "2-02-10-03",
     "skills": [{"id": "mysql", "level": 3}, {"id": "redis", "required": False}],
     "pay_min": 8000, "pay_max": 15000, "district": "浦东新区"},
    {"id": "j2", "title": "会计", "description": "Excel", "skills": ["excel"], "education_min": 4},
]  # fmt: skip


def test_protected_attributes_change_no_score(tmp_path: Path) -> None:
    base = {"id": "a", "skills": ["mysql"], "text": "Java MySQL", "districts": ["浦东新区"]}
    variants = [
        {"gender": "女", "age": 45, "ethnicity": "回族", "hukou": "农业", "marital_status": "已婚"},
        {
            "gender": "男",
            "age": 22,
            "ethnicity": "汉族",
            "hukou": "非农业",
            "marital_status": "未婚",
        },
    ]
    assert {"gender", "age", "ethnicity", "hukou", "marital_status"} <= PROTECTED_FIELDS
    outputs = []
    for number, extra in enumerate(variants):
        assert seeker_from_record({**base, **extra}) == seeker_from_record(base)
        seekers = write(tmp_path / f"s{number}.jsonl", [{**base, **extra}])
        jobs = write(tmp_path / "j.jsonl", JOBS)
        outputs.append(match_cli(["--seekers", seekers, "--jobs", jobs], io.BytesIO()))
    assert outputs[0] == outputs[1]


def test_cli_ranks_jobs_for_every_seeker_end_to_end(tmp_path: Path) -> None:
    seekers = write(
        tmp_path / "s.jsonl",
        [{"id": "a", "skills": [{"id": "mysql", "level": 4, "verified": True}]}, {"id": 7}],
    )
    jobs = write(tmp_path / "j.jsonl", JOBS)
    lines = match_cli(["--seekers", seekers, "--jobs", jobs, "--top", "1"], io.BytesIO())
    first, second = (json.loads(line) for line in lines)
    assert first["seeker"] == "a" and second["seeker"] == 7
    assert first["jobs"][0]["id"] == "j1"
    assert first["jobs"][0]["matched"] == ["mysql"] and first["jobs"][0]["missing"] == ["redis"]
    assert 0 <= first["jobs"][0]["score"] <= 1 and len(second["jobs"]) == 1


def test_cli_reads_seekers_from_standard_input(tmp_path: Path) -> None:
    jobs = write(tmp_path / "j.jsonl", JOBS)
    stdin = io.BytesIO(b'{"id": "a", "skills": ["excel"]}\n')
    (line,) = match_cli(["--seekers", "-", "--jobs", jobs, "--top", "1"], stdin)
    assert json.loads(line)["jobs"][0]["id"] == "j2"


def test_an_empty_jobs_file_gives_every_seeker_an_empty_list(tmp_path: Path) -> None:
    seekers = write(tmp_path / "s.jsonl", [{"id": "a"}, {"id": "b"}])
    (tmp_path / "j.jsonl").write_bytes(b"")
    lines = match_cli(["--seekers", seekers, "--jobs", str(tmp_path / "j.jsonl")], io.BytesIO())
    assert [json.loads(line) for line in lines] == [
        {"seeker": "a", "jobs": []},
        {"seeker": "b", "jobs": []},
    ]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b"\xff\xfe", "invalid UTF-8"),
        (b"{not json", "invalid JSON"),
        (b"[1, 2]", "not a JSON object"),
        (b'{"title": "x"}', 'missing "id"'),
        (b'{"id": "j1"}', "duplicate id"),
        (b'{"id": "x", "skills": "mysql"}', '"skills" must be a list'),
        (b'{"id": "x", "pay_max": "lots"}', '"pay_max" must be a number'),
        (b'{"id": "x", "pay_min": 9000, "pay_max": 5000}', '"pay_min" is greater than'),
    ],
)
def test_bad_job_lines_are_reported_with_file_and_line(
    tmp_path: Path, line: bytes, reason: str
) -> None:
    seekers = write(tmp_path / "s.jsonl", [{"id": "a"}])
    jobs = tmp_path / "j.jsonl"
    jobs.write_bytes(b'{"id": "j1"}\n' + line + b"\n")
    with pytest.raises(BatchInputError) as error:
        match_cli(["--seekers", seekers, "--jobs", str(jobs)], io.BytesIO())
    assert str(error.value).startswith(f"{jobs}, line 2: ")
    assert reason in str(error.value)


def test_unknown_skill_ids_are_accepted_and_match_nothing(tmp_path: Path) -> None:
    seekers = write(tmp_path / "s.jsonl", [{"id": "a", "skills": ["no-such-skill"]}])
    jobs = write(tmp_path / "j.jsonl", [{"id": "j", "skills": ["another-unknown"]}])
    (line,) = match_cli(["--seekers", seekers, "--jobs", jobs], io.BytesIO())
    assert json.loads(line)["jobs"][0]["matched"] == []


def test_weights_are_configurable_and_change_the_ranking() -> None:
    jobs = [
        Job("skills", skills=(SkillRequirement("mysql"),), district="b"),
        Job("place", district="a"),
    ]
    seeker = Seeker("a", skills=(SkillClaim("mysql"),), districts=("a",))
    skills_first = JobIndex.build(jobs, MatchWeights(district=0.0), text_model=TEXT)
    place_first = JobIndex.build(jobs, MatchWeights(skills=0.0, district=1.0), text_model=TEXT)
    assert skills_first.top_jobs(seeker, 1)[0].job_id == "skills"
    assert place_first.top_jobs(seeker, 1)[0].job_id == "place"
