"""Skill extraction: synonyms, spans, overlaps, short tokens, candidates and bad input."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from zhijiang_engine.skills import (
    AliasEntry,
    SkillExtractor,
    VocabularyEntry,
    extract_line,
    extract_lines,
    extract_stream,
    load_aliases,
    load_vocabulary,
    parse_aliases,
)
from zhijiang_engine.skills.cli import MAX_CHARS

VOCABULARY = (
    Path(__file__).resolve().parents[1] / "src" / "zhijiang" / "occupations" / "data" / "skills.csv"
)


@pytest.fixture(scope="module")
def extractor() -> SkillExtractor:
    if not VOCABULARY.exists():  # pragma: no cover - the vocabulary ships with the product
        pytest.skip("skills.csv not present")
    return SkillExtractor.from_files(VOCABULARY)


@pytest.fixture(scope="module")
def small() -> SkillExtractor:
    entries = [
        VocabularyEntry("mysql", "MySQL", "MySQL", "technical", hot=True),
        VocabularyEntry("spring boot", "Spring Boot", "", "technical"),
        VocabularyEntry("java", "Java", "", "technical", hot=True),
        VocabularyEntry("r", "R", "R语言", "technical"),
        VocabularyEntry("go", "Go", "Go语言", "technical"),
        VocabularyEntry("communication", "communication", "沟通能力", "transversal"),
    ]
    aliases = [
        AliasEntry("spring framework", "Spring", "Spring Framework", "technical", ("Spring",)),
        AliasEntry("mysql", "", "", "", ("MySQL数据库", "Mysql")),
        AliasEntry("javascript", "", "JavaScript", "technical", ("JS",)),
        AliasEntry("-", "", "", "", ("C/S架构",)),
        AliasEntry("c", "C语言", "C", "technical", ("C语言",)),
    ]
    return SkillExtractor(entries, aliases)


def ids(result_skills: object) -> list[str]:
    return [s.id for s in result_skills]  # type: ignore[attr-defined]


def assert_spans(text: str, extractor: SkillExtractor) -> None:
    result = extractor.extract(text)
    for skill in result.skills:
        assert text[skill.span[0] : skill.span[1]] == skill.surface
        assert 0 < skill.score <= 1
    for candidate in result.candidates:
        assert text[candidate.span[0] : candidate.span[1]] == candidate.term


# -- synonyms and variants -------------------------------------------------------------------


@pytest.mark.parametrize(
    "surface", ["MySQL", "mysql", "Mysql", "ＭｙＳＱＬ", "MySQL数据库", "My SQL"]
)
def test_mysql_variants_map_to_one_skill(small: SkillExtractor, surface: str) -> None:
    text = f"熟练使用{surface}，有项目经验"
    result = small.extract(text)
    assert ids(result.skills) == ["mysql"]
    found = result.skills[0]
    assert text[found.span[0] : found.span[1]] == found.surface == surface


def test_split_words_only_glue_when_capitalised(small: SkillExtractor) -> None:
    assert ids(small.extract("experience in my sql").skills) == []


@pytest.mark.parametrize("surface", ["SpringBoot", "Spring Boot", "spring-boot", "springboot"])
def test_spring_boot_spellings(small: SkillExtractor, surface: str) -> None:
    assert ids(small.extract(f"熟悉{surface}开发").skills) == ["spring boot"]


def test_repeated_mentions_are_one_skill_with_a_count(small: SkillExtractor) -> None:
    result = small.extract("Java基础扎实；熟悉java和JAVA。")
    assert ids(result.skills) == ["java"]
    assert result.skills[0].count == 3
    assert result.skills[0].span == (0, 4)
    once = small.extract("Java基础扎实。").skills[0]
    assert result.skills[0].score > once.score


def test_real_vocabulary_synonyms(extractor: SkillExtractor) -> None:
    text = "熟练使用Excel、PPT等办公软件；掌握PLC编程；熟悉SpringCloud、Vue3、Python3和C/C++"
    found = ids(extractor.extract(text).skills)
    for key in (
        "microsoft excel",
        "microsoft powerpoint",
        "microsoft office software",
        "programmable logic controller",
        "spring cloud",
        "vue.js",
        "python",
        "c++",
    ):
        assert key in found
    assert_spans(text, extractor)


def test_resolve_normalises_tags(extractor: SkillExtractor) -> None:
    assert extractor.resolve("Mysql") == "mysql"
    assert extractor.resolve("SpringBoot") == "spring boot"
    assert extractor.resolve("C/C++") == "c++"
    assert extractor.resolve("某种不存在的技能") == "某种不存在的技能"


# -- overlaps and boundaries ---------------------------------------------------------------


def test_longest_match_wins(small: SkillExtractor) -> None:
    result = small.extract("熟悉Spring Boot和Spring")
    assert ids(result.skills) == ["spring boot", "spring framework"]
    assert result.skills[0].surface == "Spring Boot"
    assert result.skills[1].span == (14, 20)


def test_numbered_list_items(small: SkillExtractor) -> None:
    assert ids(small.extract("1.Java基础扎实\n2.mysql").skills) == ["java", "mysql"]
    assert ids(small.extract("熟悉Qux.js和js.Foo").skills) == []


def test_blocking_surface_hides_short_skill(small: SkillExtractor) -> None:
    assert ids(small.extract("了解C/S架构").skills) == []
    assert ids(small.extract("精通C语言").skills) == ["c"]


@pytest.mark.parametrize(
    "text",
    [
        "Google and Golang-free words, RPC, Rust, HR部门",
        "we go to the office; let's go",
        "Random text about Ruby Red grapefruit",
        "ARGO项目与JSON",
    ],
)
def test_short_tokens_need_context(small: SkillExtractor, text: str) -> None:
    found = ids(small.extract(text).skills)
    assert "go" not in found
    assert "r" not in found
    assert "javascript" not in found


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("熟悉R语言", "r"),
        ("掌握Go语言开发", "go"),
        ("熟悉Java、Go、Python", "go"),
        ("Experience with R, Python", "r"),
        ("熟悉JS/CSS", "javascript"),
    ],
)
def test_short_tokens_in_context(small: SkillExtractor, text: str, key: str) -> None:
    assert key in ids(small.extract(text).skills)


def test_ambiguous_english_words_need_a_cue(extractor: SkillExtractor) -> None:
    assert "spring framework" not in ids(extractor.extract("in spring we hire").skills)
    assert "spring framework" in ids(extractor.extract("熟悉spring框架").skills)


# -- Chinese transversal skills and English text ---------------------------------------------


def test_chinese_transversal_skills(extractor: SkillExtractor) -> None:
    text = "要求：具备良好的沟通能力和团队协作精神，较强的学习能力和抗压能力，擅长数据分析。"
    found = ids(extractor.extract(text).skills)
    for key in (
        "communication",
        "work in teams",
        "demonstrate willingness to learn",
        "cope with stress",
        "data analytics",
    ):
        assert key in found
    kinds = {s.id: s.kind for s in extractor.extract(text).skills}
    assert kinds["communication"] == "transversal"


def test_english_text(extractor: SkillExtractor) -> None:
    text = (
        "Requirements: 3+ years of Java and Spring Boot, MySQL or PostgreSQL, Docker, "
        "machine learning with TensorFlow. Good communication skills."
    )
    found = ids(extractor.extract(text).skills)
    for key in ("java", "spring boot", "mysql", "postgresql", "docker", "machine learning"):
        assert key in found
    assert "tensorflow" in found
    assert "communication" in found
    assert_spans(text, extractor)


def test_requirements_section_scores_higher(small: SkillExtractor) -> None:
    duty = small.extract("岗位职责：\n维护Java系统").skills[0]
    req = small.extract("任职要求：\n维护Java系统").skills[0]
    assert req.score > duty.score


# -- candidates ----------------------------------------------------------------------------


def test_candidates(extractor: SkillExtractor) -> None:
    text = "熟悉FooBarJS、Zeta3和Qux.js框架，负责爬虫开发和知识图谱建模；熟悉MySQL"
    result = extractor.extract(text)
    terms = {c.term for c in result.candidates}
    assert {"FooBarJS", "Zeta3", "Qux.js", "爬虫开发"} <= terms
    assert "知识图谱建模" in terms or "图谱建模" in terms
    assert "MySQL" not in terms  # known skills are not candidates
    assert_spans(text, extractor)


def test_candidates_leave_out_generic_and_random_terms(extractor: SkillExtractor) -> None:
    text = "编写技术文档，其他开发工作，热爱技术，ID YC39zLiKU1，负责爬虫开发"
    assert [c.term for c in extractor.extract(text).candidates] == ["爬虫开发"]


def test_candidates_can_be_skipped(extractor: SkillExtractor) -> None:
    assert extractor.extract("熟悉FooBarJS", candidates=False).candidates == ()


# -- bad input, limits, determinism --------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "，。！？、；：…—", "!!!???...", "12345"])
def test_empty_and_punctuation_give_empty_results(extractor: SkillExtractor, text: str) -> None:
    result = extractor.extract(text)
    assert result.skills == ()


def test_100kb_text(extractor: SkillExtractor) -> None:
    unit = "熟悉Java、MySQL和Spring Boot，具备良好的沟通能力。"
    text = unit * (100_000 // len(unit.encode("utf-8")) + 1)
    assert len(text.encode("utf-8")) >= 100_000
    result = extractor.extract(text)
    assert {"java", "mysql", "spring boot", "communication"} <= set(ids(result.skills))
    java = next(s for s in result.skills if s.id == "java")
    assert java.count > 1000
    assert_spans(text[:500], extractor)


@pytest.mark.parametrize("unit", ["a" * 1000, "中" * 1000, "C/", "a@", "http://x.com ", "Vue3 "])
def test_100kb_degenerate_lines(extractor: SkillExtractor, unit: str) -> None:
    text = unit * (100_000 // len(unit) + 1)
    result = extractor.extract(text)  # used to backtrack for seconds on the e-mail pattern
    assert len(result.skills) <= 1
    assert len(result.candidates) <= 1


def test_urls_and_emails_are_not_candidates(extractor: SkillExtractor) -> None:
    text = "见 https://x.com/a?b=Vue3 或 hr@foo3.com，熟悉FooBar3"
    assert [c.term for c in extractor.extract(text).candidates] == ["FooBar3"]


def test_binaryish_text_does_not_crash(extractor: SkillExtractor) -> None:
    text = bytes(range(256)).decode("latin-1") + "\ufffd\x00熟悉Java\udcff"
    result = extractor.extract(text)
    assert "java" in ids(result.skills)


def test_width_folding_keeps_offsets(extractor: SkillExtractor) -> None:
    text = "ﬁ ß 熟悉Ｐｙｔｈｏｎ和ＭｙＳＱＬ"  # ligature and ß change length when folded
    result = extractor.extract(text)
    assert {"python", "mysql"} <= set(ids(result.skills))
    assert_spans(text, extractor)


def test_determinism(extractor: SkillExtractor) -> None:
    text = "熟悉Java、Python、MySQL、Redis，良好的沟通能力，负责爬虫开发，了解Vue3"
    first = extractor.extract(text)
    assert all(extractor.extract(text) == first for _ in range(3))
    again = SkillExtractor.from_files(VOCABULARY)
    assert again.extract(text) == first


# -- the CLI line protocol -----------------------------------------------------------------


def test_cli_lines(small: SkillExtractor) -> None:
    lines = [
        "熟悉Java和MySQL\n",
        json.dumps("第一行\n熟悉Spring Boot") + "\n",
        b"\n",
        "，。！\n",
        b"\xff\xfe\xfa invalid",
        b"\x00\x01\x02\x03 binary",
        "x" * (MAX_CHARS + 1),
    ]
    out = [json.loads(line) for line in extract_lines(small, lines)]
    assert [s["id"] for s in out[0]["skills"]] == ["java", "mysql"]
    assert out[0]["skills"][0]["span"] == [2, 6]
    assert set(out[0]["skills"][0]) == {"id", "label", "span", "score"}
    spring = out[1]["skills"][0]
    assert spring["id"] == "spring boot"
    assert spring["span"] == [6, 17]  # offsets into the decoded JSON string
    assert out[2] == {"skills": []}
    assert out[3] == {"skills": []}
    assert "invalid UTF-8" in out[4]["error"]
    assert out[5]["error"] == "binary data, not text"
    assert "too long" in out[6]["error"]
    assert all(o["skills"] == [] for o in out[4:])


def test_cli_stream(small: SkillExtractor) -> None:
    source = io.BytesIO("熟悉Java\n\n".encode() + b"\xff\nMySQL")
    sink = io.StringIO()
    assert extract_stream(small, source, sink) == 1
    out = [json.loads(line) for line in sink.getvalue().splitlines()]
    assert [len(o["skills"]) for o in out] == [1, 0, 0, 1]
    assert "error" in out[2]


def test_cli_with_candidates(extractor: SkillExtractor) -> None:
    out = extract_line(extractor, "熟悉FooBarJS和Java", with_candidates=True)
    assert [c["term"] for c in out["candidates"]] == ["FooBarJS"]  # type: ignore[index]


# -- loaders -------------------------------------------------------------------------------


def test_load_vocabulary(tmp_path: Path) -> None:
    path = tmp_path / "skills.csv"
    path.write_text(
        "key,label_en,label_zh,kind,hot,in_demand\n"
        "mysql,MySQL,MySQL,technical,1,0\n"
        "mysql,MySQL again,,technical,0,0\n"
        ",,,technical,0,0\n"
        "teamwork,teamwork,团队合作,weird,0,1\n",
        encoding="utf-8",
    )
    entries = load_vocabulary(path)
    assert [e.key for e in entries] == ["mysql", "teamwork"]
    assert entries[0].hot and not entries[0].in_demand
    assert entries[1].kind == "technical" and entries[1].label == "团队合作"


def test_shipped_alias_table_is_consistent(extractor: SkillExtractor) -> None:
    aliases = load_aliases()
    assert len(aliases) > 150
    for alias in aliases:
        if alias.key != "-" and extractor.entry(alias.key) is None:
            pytest.fail(f"alias key {alias.key!r} resolves to nothing")
    for entry in extractor.added_entries:  # new canonical skills carry labels and a kind
        assert entry.label_zh and entry.label_en and entry.kind


def test_alias_table_fills_missing_chinese_labels(extractor: SkillExtractor) -> None:
    assert extractor.label_updates["data analytics"] == "数据分析"
    found = extractor.extract("擅长数据分析").skills[0]
    assert (found.id, found.label) == ("data analytics", "数据分析")
    assert extractor.entry("communication").label_zh == "沟通能力"  # type: ignore[union-attr]


def test_parse_aliases_rejects_bad_rows() -> None:
    with pytest.raises(ValueError, match="kind"):
        parse_aliases(["key,label_zh,label_en,kind,surfaces", "x,X,X,weird,X"])
    with pytest.raises(ValueError, match="surface"):
        parse_aliases(["# comment", "key,label_zh,label_en,kind,surfaces", "x,X,X,technical,"])
