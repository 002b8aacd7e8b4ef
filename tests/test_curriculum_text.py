"""Course text that reads as a teacher's: every composed sentence of every occupation with a
drafted standard passes the curriculum's check (lint plus stacked openings and repeated
phrases), concept explanations say what the thing is instead of where the standard files it,
review questions ask about the work, and levels are named by the occupation's ladder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.occupation_facts import AI_TRAINER, LATHE_OPERATOR
from zhijiang_engine.curriculum import (
    CourseContext,
    course_plan_from_standard,
    plan_from_dict,
    plan_to_dict,
    questions,
    textbook_outline,
    training_projects,
)
from zhijiang_engine.curriculum import context as ctx
from zhijiang_engine.curriculum.generate import GENERATOR_VERSION
from zhijiang_engine.curriculum.model import ETHICS, KNOWLEDGE, SKILL, Objective
from zhijiang_engine.curriculum.prose import clean, faults, repeated_phrase, stacked
from zhijiang_engine.curriculum.summary import lesson_summary
from zhijiang_engine.curriculum.weak import plain_knowledge, truncated_name, weak_title
from zhijiang_engine.standards import OccupationFacts, standard_draft_offline
from zhijiang_engine.standards.levels import has_skill_standard
from zhijiang_engine.taxonomy import parse_taxonomy

SHIPPED = Path(__file__).resolve().parents[1] / "src/zhijiang/occupations/data/csco22.csv"
SWEEP = 120  # occupations, spread over the taxonomy (every one with a skill standard is slow)
RESTATES = re.compile(r"要求掌握的|要求的操作技能|中的一项工作内容|的一项职业功能|中运用的")
WRAPS = re.compile(r"^请(结合实例)?说明.*(技术规范与标准|的步骤和注意事项|基础知识|相关知识)")


@pytest.fixture(scope="module")
def courses():
    """(facts, rank, plan, textbook, projects) for a spread of occupations, at each level."""
    records = [r for r in parse_taxonomy(SHIPPED.read_bytes(), filename=SHIPPED.name)]
    occupations = [r for r in records if r.level == 4 and has_skill_standard(r.code)]
    made = []
    for k, record in enumerate(occupations[:: len(occupations) // SWEEP][:SWEEP]):
        facts = OccupationFacts(
            record.code, record.name, record.definition, record.tasks, record.is_digital,
            record.is_green,
        )  # fmt: skip
        document = standard_draft_offline(facts)
        rank = document.levels[k % len(document.levels)].rank
        plan = course_plan_from_standard(document, rank=rank, total_hours=400)
        context = CourseContext(facts=facts)
        made.append(
            (facts, rank, plan, textbook_outline(plan, context), training_projects(plan, context))
        )
    return made


def _paragraphs(plan, book, projects):
    for lesson in plan.lessons:
        yield "summary", lesson.summary
        yield from (("objective", o.text) for o in lesson.objectives)
    for chapter in book.chapters:
        for section in chapter.sections:
            yield from (("key point", p) for p in section.key_points)
            yield from (("exercise", e.text) for e in section.exercises)
            yield from (("concept", c.explanation) for c in section.concepts)
            if section.case:
                case = section.case
                yield "case", case.situation + case.action + case.result
            yield from (("question", q.text) for q in section.questions)
    for project in projects:
        yield from (("project", t) for t in (project.brief, project.scenario, *project.steps))
        yield from (("rubric", c.full_marks) for c in project.rubric)


def test_the_check_merges_stacked_openings_and_rejects_a_phrase_said_twice():
    assert clean("能在指导下按规程按操作规程切断、称量和包装", 2) == (
        "能在指导下按操作规程切断、称量和包装"
    )
    assert clean("学员将能够能切断面条", 2) == "学员将能切断面条"
    assert stacked("能能操作车床") == "能能"
    assert repeated_phrase("在指导下按规程在指导下按操作规程选择工具") == "在指导下按"
    assert repeated_phrase("《中华人民共和国劳动法》和《中华人民共和国劳动合同法》") == ""
    assert clean("检查原料气加压原料气加压的结果", 3) is None or "原料气加压原料气加压" not in (
        clean("检查原料气加压原料气加压的结果", 3) or ""
    )


def test_no_sentence_repeats_a_phrase_or_stacks_openings_in_any_occupation(courses):
    bad = [
        (facts.code, kind, text, found)
        for facts, rank, plan, book, projects in courses
        for kind, text in _paragraphs(plan, book, projects)
        if text and (found := faults(text, rank))
    ]
    assert len(courses) >= 100
    assert bad == []


def test_no_concept_explanation_restates_the_standard(courses):
    restated = [
        (facts.code, concept.term, concept.explanation)
        for facts, _, _, book, _ in courses
        for chapter in book.chapters
        for section in chapter.sections
        for concept in section.concepts
        if RESTATES.search(concept.explanation) or concept.explanation.startswith("标准要求")
    ]
    assert restated == []
    explained = [
        len(s.concepts) for _, _, _, b, _ in courses for c in b.chapters for s in c.sections
    ]
    # most sections have something real to explain; a section with nothing real has none
    # (the occupation's definition is given once, not repeated as every such section's filler)
    assert sum(1 for n in explained if n) / len(explained) > 0.6


def test_review_questions_ask_about_the_work(courses):
    questions = [
        (facts.code, q.text)
        for facts, _, _, book, _ in courses
        for chapter in book.chapters
        for section in chapter.sections
        for q in section.questions
    ]
    assert questions
    assert [q for q in questions if WRAPS.search(q[1])] == []
    assert all(text.endswith("？") for _, text in questions)


def test_a_question_about_a_task_names_its_parameters_and_the_work():
    _, book = _lathe_and_ai(AI_TRAINER, rank=2)
    texts = [q.text for c in book.chapters[1:] for s in c.sections for q in s.questions]
    assert any("标注" in t and ("步骤" in t or "检查" in t) for t in texts)
    assert not any(t.startswith("请") for t in texts)


def test_no_line_of_the_textbook_introduction_repeats_what_every_occupation_has():
    _, ai_book = _lathe_and_ai(AI_TRAINER, rank=3)
    _, lathe_book = _lathe_and_ai(LATHE_OPERATOR, rank=3)

    def taught(book):
        intro = book.chapters[0].sections
        return {
            text
            for section in intro
            for text in (
                *section.key_points,
                *(c.explanation for c in section.concepts),
                *(q.text for q in section.questions),
            )
        }

    shared = taught(ai_book) & taught(lathe_book)
    assert shared <= {  # the laws' questions, only where the work has nothing else to ask
        q for q in shared if "中华人民共和国" in q or "劳动合同" in q
    }


def test_a_professional_occupation_is_named_by_its_own_ladder():
    cloud = OccupationFacts(
        "2-02-38-04", "云计算工程技术人员",
        "从事云计算技术研究，云系统构建、部署、运维的工程技术人员。",
        ("部署云计算系统", "监控、保障云计算系统安全"), is_digital=True,
    )  # fmt: skip
    document = standard_draft_offline(cloud)
    plan = course_plan_from_standard(document, rank=2, total_hours=200)
    assert plan.level_name == "初级"
    assert plan_from_dict(plan_to_dict(plan)).level_name == "初级"
    book = textbook_outline(plan, CourseContext(facts=cloud))
    assert book.title == "云计算工程技术人员（初级）培训教程"
    text = "".join(t for _, t in _paragraphs(plan, book, training_projects(plan)))
    assert "初级工" not in text and "中级工" not in text


def test_the_generator_version_is_raised_for_the_new_text():
    assert GENERATOR_VERSION == "courses/5"


def _lathe_and_ai(facts: OccupationFacts, rank: int):
    document = standard_draft_offline(facts)
    plan = course_plan_from_standard(document, rank=rank, total_hours=200)
    return plan, textbook_outline(plan, CourseContext(facts=facts))


@pytest.mark.parametrize(
    "garbled",
    [
        "了解钢琴及键盘乐器制成基础知识",
        "开展环境保护制订",
        "掌握锁铆的使用知识",
        "掌握指导或咨询基础知识",
        "掌握手法制作糖艺的使用知识",
    ],
)
def test_a_verb_phrase_standing_as_a_noun_is_a_fault(garbled):
    assert any(f.startswith("verb as noun") for f in faults(garbled, 3))
    assert clean(garbled, 3) is None


@pytest.mark.parametrize(
    "fine", ["掌握钻床和量具的使用知识", "掌握计算机应用基础知识", "亚健康调理方案制订"]
)
def test_a_noun_before_basic_knowledge_or_a_plan_being_drawn_up_reads(fine):
    assert not faults(fine, 3)


@pytest.mark.parametrize(
    "garbled",
    [
        "完成“交易各方建立联系促进”：在指导下促进交易各方建立联系",
        "完成“传递法律文书收发”",
        "制订工作计划，检查录井仪、心仪及防护用品是否完好",
        "就是在操作外延炉等设备等日常工作中守规矩、负责任。",
        "本课学习本职业必备的安全评价基础知识和工程技术人员生产基础知识。",
        "系统掌握异常现象质量标准的相关规定",
        "了解设备和工具的使用知识",
        "使用工具时有哪些安全风险？应采取哪些防护措施？",
        "使用专用设备和工具一般按怎样的步骤进行？",
    ],
)
def test_a_broken_standard_line_or_a_tool_named_only_by_its_kind_is_left_out(garbled):
    assert any(f.startswith(("garbled", "verb as noun")) for f in faults(garbled, 3))
    assert clean(garbled, 3) is None


@pytest.mark.parametrize(
    "fine",
    [
        "完成“运动损伤现场急救”：独立实施现场急救",
        "完成“健身计划和方案制订”：制订健身计划和方案",
        "检查录井仪、测井仪及防护用品是否完好",
        "掌握石墨化炉的使用方法",
    ],
)
def test_titles_and_tool_lists_that_read_are_kept(fine):
    assert not faults(fine, 3)


def test_an_arbitrator_works_at_a_committee_and_a_procurators_aide_at_a_procuratorate():
    assert ctx.setting_of("3-01-03-03", "从事农村土地承包经营纠纷调解、仲裁的人员") == (
        "某仲裁委员会"
    )
    assert ctx.setting_of("2-07-08-00", "检察辅助人员。协助检察官履行检察职责") == ("某人民检察院")
    assert ctx.setting_of("2-07-09-00", "法律顾问") == "某工作单位"
    assert ctx.setting_of("6-10-01-10", "从事原油、成品油储运、成品油商品化处理的人员") == (
        "某生产企业的车间"
    )


def test_stone_cutting_is_not_welding_and_infant_first_aid_is_not_firefighting():
    stone = ctx.hazard_notes("6-15-02-03", "操作锯切设备，将大板切割成规格板。石材护理")
    assert not any("焊接面罩" in n or "服务对象" in n for n in stone)
    infants = "从事3岁以下婴幼儿早期发展引导、家庭日常生活照护。实施婴幼儿应急救援"
    notes = ctx.hazard_notes("4-10-01-01", infants)
    assert notes == (ctx.CARE_NOTE,)
    assert ctx.physical_hazard_notes("4-10-01-01", infants) == ()
    assert not ctx.hazard_notes("2-02-09-06", "开发集成电路制造工艺")  # a chip is no wiring
    herbs = ctx.hazard_notes("6-12-03-01", "进行中药植物、矿物、动物等药用部位原料清洗")
    assert not any(n.startswith("井下") for n in herbs)


def test_engineering_work_is_not_put_on_a_building_site():
    chips = "从事集成电路设计、制造工艺研究与开发的工程技术人员。集成电路工程技术人员"
    assert ctx.setting_of("2-02-09-06", chips) != "某建设项目的施工现场"
    assert ctx.setting_of("6-29-01-01", "从事房屋建筑施工的人员") == "某建设项目的施工现场"


def test_no_review_question_glues_a_slogan_of_the_code_to_a_task():
    law = Objective("E1", ETHICS, "遵纪守法，爱岗敬业", "遵纪守法，爱岗敬业", ())
    assert questions.ethics_question(law, "操作计量设备", 4, hazardous=True) is None
    safety = Objective("E2", ETHICS, "安全生产，保护环境", "安全生产，保护环境", ())
    assert questions.ethics_question(safety, "操作计量设备", 4, hazardous=True) == (
        "操作计量设备时应注意哪些安全和环境保护事项？"
    )
    assert questions.ethics_question(safety, "编制货物配积载图表", 4, hazardous=True) is None


@pytest.mark.parametrize(
    ("kind", "source"),
    [
        (KNOWLEDGE, "检验方案的编制方法"),
        (SKILL, "能分析医疗保障工作的质量问题并提出改进方案"),
        (SKILL, "能制定顾客人体尺寸的检验方案并组织实施"),
        (KNOWLEDGE, "质量管理基础知识"),
    ],
)
def test_the_quality_work_every_senior_level_lists_gives_no_question(kind, source):
    objective = Objective("F1.C1.S1", kind, source, source, ())
    assert questions.question_for(objective, "", 5) is None


@pytest.mark.parametrize(
    "line",
    [
        "能设计效益监测与评价研究的检测方案并组织实施",
        "掌握海洋水文测量检测方案的设计方法",
        "系统掌握仪器仪表及设备方案的编制方法",
        "能处理雕刻工具选择中的复杂情况",
        "能发现无线电航标填写中的异常情况",
        "掌握咨询、指导、帮助基础知识",
        "通道和安全出口畅通无阻疏散综合实训",
        "本课学习对异常现象处理的工艺参数提出改进建议。",
        "掌握中医眼科医基础知识",
        "掌握机械或工具的使用知识",
    ],
)
def test_a_requirement_line_the_standard_passes_on_broken_is_left_out(line):
    assert clean(line, 3) is None


@pytest.mark.parametrize("line", ["能编制水质检测方案", "制订设备选型方案", "掌握中医基础知识"])
def test_a_testing_plan_of_testing_work_and_a_plan_for_equipment_choice_read(line):
    assert clean(line, 3) == line


def test_a_tool_is_used_for_work_done_with_it_not_for_the_record_it_keeps():
    from zhijiang_engine.curriculum.concepts import tool_use

    assert tool_use("削片机", "对小径原木进行削片")
    assert not tool_use("集控系统", "记录生产数据")
    assert not tool_use("检测仪器或工具", "检测涂层")


def test_the_steps_of_an_opinion_are_not_asked_about():
    objective = Objective(
        "S1",
        SKILL,
        "能根据变动情况分析的结果提出处理意见",
        "能根据变动情况分析的结果提出处理意见",
        (),
    )
    assert questions.skill_question(objective, 3) is None


def test_no_service_manner_question_is_asked_of_a_task():
    objective = Objective("E1", ETHICS, "文明礼貌，热情服务", "文明礼貌，热情服务", ())
    assert questions.ethics_question(objective, "编制掘进报表和作业图表", 3) is None


def test_a_summary_says_the_equipment_of_its_work_once():
    from zhijiang_engine.curriculum.summary import lesson_summary

    skills = [
        Objective(
            "S1", SKILL, "能操作横剪机和对焊机，焊接带材", "操作横剪机和对焊机，焊接带材", ()
        ),
        Objective("S2", SKILL, "能使用横剪机和对焊机", "使用横剪机和对焊机", ()),
    ]
    text = lesson_summary(occupation="焊管机组操作工", title="带材焊接", objectives=skills, rank=1)
    assert text == "本课学习操作横剪机和对焊机，焊接带材。"


def test_the_products_of_an_occupation_are_not_its_equipment():
    from zhijiang_engine.curriculum.projects import _product_in_name, products_of

    definition = (
        "使用设备、工装、工具和测试仪器，将金属等材料制成拉链、刀剪、打火机等日用五金制品的人员。"
    )
    assert "打火机" in products_of(definition)
    assert _product_in_name("灯具制造工") == "灯具"
    assert products_of("操作生产线设备的人员。") == ""


def test_a_topic_cut_off_its_first_word_is_left_out():
    assert clean("掌握成植物蛋白产品加工基础知识", 3) is None
    assert clean("完成“后设备验收与调试”的实训", 3) is None
    assert clean("掌握成本核算方法", 3) == "掌握成本核算方法"


def test_a_diagnosis_is_not_asked_about_as_a_procedure():
    source = "判断设备运行情况监视中出现问题的原因并处理"
    assert questions.weak_steps(source)
    assert not questions.weak_steps("操作过滤机，更换过滤介质")


def test_a_lesson_of_laws_and_bare_basics_only_gets_no_summary_that_says_its_title_again():
    from zhijiang_engine.curriculum.model import BASIC_KNOWLEDGE
    from zhijiang_engine.curriculum.summary import lesson_summary

    law = Objective("B1", BASIC_KNOWLEDGE, "了解劳动法相关知识", "劳动法相关知识", ())
    basics = Objective("B2", BASIC_KNOWLEDGE, "了解心理咨询基础知识", "心理咨询基础知识", ())
    parts = Objective("B3", BASIC_KNOWLEDGE, "了解烤炉的结构与工作原理", "烤炉的结构与工作原理")
    for objectives in ([law], [basics], [law, basics]):
        assert lesson_summary(
            occupation="心理咨询师", title="基础知识", objectives=objectives, rank=2
        ) == ""  # fmt: skip
    kept = lesson_summary(
        occupation="糕点面包烘焙师", title="基础知识", objectives=[basics, parts], rank=2
    )
    assert kept == "本课学习本职业必备的烤炉的结构与工作原理。"


def test_no_case_is_built_on_guiding_or_training_others():
    from zhijiang_engine.curriculum.model import Lesson
    from zhijiang_engine.curriculum.textbook import _teaching

    coach = Objective("S1", SKILL, "能示范地理信息处理的工作要领并纠正错误做法",
                      "示范地理信息处理的工作要领并纠正错误做法", ())  # fmt: skip
    own = Objective("S2", SKILL, "能制作地理信息二维模型", "制作地理信息二维模型", ())
    assert _teaching(Lesson("L1", "指导", 1, 1, (coach,)))
    assert not _teaching(Lesson("L2", "二维模型制作", 1, 1, (own,)))


def test_a_topic_cut_from_its_verb_or_led_by_a_manner_is_left_out():
    assert clean("独立检查成白坯木制件加工的质量", 3) is None
    assert clean("本课学习本职业必备的以文字形式撰写新闻报道基础知识。", 3) is None
    assert clean("能检查成品的质量", 3) == "能检查成品的质量"


def test_a_line_that_cuts_the_occupations_name_short_is_found():
    assert truncated_name("曲艺演业务指导的方法", "曲艺演员") == "曲艺演"
    assert truncated_name("神经电生理脑电图技基础知识", "神经电生理脑电图技师")
    assert truncated_name("曲艺演出的方法", "曲艺演员") == ""
    assert truncated_name("能分析热带作物初制品的检验结果", "热带作物初制工") == ""
    assert truncated_name("能独立操作油制气设备", "油制气工") == ""
    assert truncated_name("掌握汽车维修基础知识", "汽车维修工") == ""


def test_stand_in_and_cut_titles_are_weak_and_real_work_is_not():
    occupation = "起重工"
    for title in ("本职业工作准备", "起重生产准备", "起重生产结果检查", "固定在运输机械上捆扎"):
        assert weak_title(title, occupation), title
    for title in ("施工材料和安装工具准备", "设备准备", "物体转移", "掘进前准备", "煤气中杂质处理"):
        assert not weak_title(title, occupation), title
    assert weak_title("法官工作结果检查", "法官")
    assert weak_title("版权管理专业工作准备", "版权管理专业人员")


def _skill(text: str) -> Objective:
    return Objective("F1.C1.S1", SKILL, text, text)


def test_keeping_records_of_vehicles_is_paperwork_with_no_safety_question():
    assert not questions.physical_work("编制并管理车辆技术档案和车辆维修档案")
    assert questions.physical_work("操作压力机，加压成型为合金压坯")


def test_a_plan_or_an_opinion_is_practised_on_a_case_with_no_process_to_record():
    line = questions.practice_text(_skill("能制定读者导引的工作方案"), 5)
    assert line.startswith("案例练习") and "操作过程" not in line
    hands_on = questions.practice_text(_skill("能按操作规程操作压力机，加压成型为合金压坯"), 2)
    assert hands_on.startswith("实操练习") and "记录操作过程和结果" in hands_on


def test_tools_named_only_by_their_kind_give_no_question_or_exercise():
    knowledge = Objective("F1.C1.K1", KNOWLEDGE, "了解材料及工具的使用方法", "材料及工具的使用方法")
    assert questions.knowledge_question(knowledge, 3) is None
    assert questions.practice_text(_skill("能使用工具、索具"), 2) is None
    assert questions.practice_text(_skill("能使用工具、索具，将物体捆扎固定在运输机械上"), 2)


def test_a_summary_whose_full_form_repeats_a_phrase_keeps_an_action_that_says_more():
    objectives = (
        _skill("能独立进行商标评审案件审理"),
        Objective("F1.C1.S2", SKILL, "能分析商标评审案件审理中出现的问题并提出解决方案",
                  "能分析商标评审案件审理中出现的问题并提出解决方案"),
    )  # fmt: skip
    summary = lesson_summary(
        occupation="商标审查审理专业人员", title="商标评审案件审理", objectives=objectives, rank=4
    )
    # "本课学习进行商标评审案件审理" would only say the title again
    assert summary == "本课学习分析商标评审案件审理中出现的问题并提出解决方案。"


def test_a_list_joined_twice_is_garbled_and_a_demonstration_line_reads_plainly():
    assert faults("本课学习本职业必备的船舶机械基础知识、和管系安装基础知识。")
    assert plain_knowledge("网片缝扎操作要领的示范方法") == "示范网片缝扎操作要领的方法"
    assert plain_knowledge("整经机的使用方法") == "整经机的使用方法"


def _knowledge(text: str) -> Objective:
    return Objective("F1.C1.K1", KNOWLEDGE, f"掌握{text}", text)


def test_a_summary_names_more_than_its_title_or_is_left_out():
    campaign = _skill("能按要求开展社区心理健康宣传")
    method = _knowledge("开展社区心理健康宣传的方法")
    assert lesson_summary(
        occupation="心理咨询师", title="社区心理健康宣传", objectives=(campaign, method), rank=3
    ) == ""  # fmt: skip
    mixing = _skill("能操作和面机，将面粉调制成面团")
    usage = _knowledge("和面机的使用方法")
    summary = lesson_summary(
        occupation="糕点面包烘焙师", title="面团调制", objectives=(mixing, usage), rank=3
    )
    assert summary == "本课学习操作和面机，将面粉调制成面团。理论部分讲授和面机的使用方法。"


def test_theory_that_names_the_lessons_own_action_as_a_method_is_not_said_again():
    handling = _skill("能处理面团发酵中出现的异常情况")
    method = _knowledge("面团发酵异常情况的处理方法")
    summary = lesson_summary(
        occupation="糕点面包烘焙师", title="发酵", objectives=(handling, method), rank=4
    )
    assert "理论部分" not in summary and summary.startswith("本课学习处理面团发酵")


def test_training_and_improvement_lines_alone_give_no_summary():
    coach = _skill("能示范面包烘焙的操作要领并纠正错误做法")
    notes = _skill("能编写面包烘焙的培训讲义")
    assert lesson_summary(
        occupation="糕点面包烘焙师", title="培训", objectives=(coach, notes), rank=5
    ) == ""  # fmt: skip


@pytest.mark.parametrize(
    "line",
    [
        "能按服务规范进行婚姻关系调适的咨询服务和辅导",
        "能协助编制区域治理规划方案",
        "能按服务规范接待来访者",
    ],
)
def test_counselling_service_and_desk_work_is_not_practised_as_an_operation(line):
    exercise = questions.practice_text(_skill(line), 3, desk=True)
    assert exercise and not exercise.startswith("实操练习") and "操作过程" not in exercise


def test_a_professional_practises_work_with_equipment_hands_on_and_paperwork_on_a_case():
    measured = questions.practice_text(_skill("能使用测距仪测量地块面积"), 3, desk=True)
    assert measured.startswith("实操练习")
    assets = questions.practice_text(_skill("能维护单位专利资产"), 3, desk=True)
    assert assets.startswith("案例练习")
    assert questions.practice_text(_skill("能维护单位专利资产"), 3).startswith("实操练习")
