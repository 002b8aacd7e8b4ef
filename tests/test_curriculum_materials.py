"""Textbook sections and practical projects that read as a teacher's: objectives, key concepts
with explanations, a case from the occupation's tasks, review questions and references per
section; projects with the occupation's setting, equipment from its tools and linked skills, a
rubric tied to the 技能要求, and safety notes only where the work has hazards."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from tests.occupation_facts import AI_TRAINER, LATHE_OPERATOR
from zhijiang_engine.curriculum import (
    CourseContext,
    ReviewQuestion,
    SkillInfo,
    course_plan_from_standard,
    projects_from_dict,
    projects_to_dict,
    textbook_from_dict,
    textbook_outline,
    textbook_to_dict,
    training_projects,
    work,
)
from zhijiang_engine.curriculum import context as ctx
from zhijiang_engine.curriculum.criteria import full_marks
from zhijiang_engine.curriculum.generate import uncovered_requirements
from zhijiang_engine.curriculum.model import SKILL, Lesson, Module, Objective
from zhijiang_engine.curriculum.projects import project_hours, rubric_for
from zhijiang_engine.standards import OccupationFacts, standard_draft_offline
from zhijiang_engine.standards.lint import problems
from zhijiang_engine.taxonomy import parse_taxonomy

SHIPPED = Path(__file__).resolve().parents[1] / "src/zhijiang/occupations/data/csco22.csv"
CLOUD_ENGINEER = OccupationFacts(
    code="2-02-38-04",
    name="云计算工程技术人员",
    definition="从事云计算技术研究，云系统构建、部署、运维，云资源管理、应用和服务的工程技术人员。",
    tasks=(
        "开发虚拟化、云平台、云资源管理和分发等云计算技术，以及大规模数据管理、分布式数据存储等相关技术",
        "研究、应用云计算技术、体系架构、协议和标准",
        "规划、设计、开发、集成、部署云计算系统",
        "管理、维护并保障云计算系统的稳定运行",
        "监控、保障云计算系统安全",
        "提供云计算系统的技术咨询和技术服务。",
    ),
    is_digital=True,
)
PPE = ("安全防护用品", "防护眼镜", "劳动防护用品", "安全帽")


def _materials(facts: OccupationFacts, context: CourseContext | None = None, rank: int = 3):
    document = standard_draft_offline(facts, vocabulary=["数据标注", "车床操作"])
    plan = course_plan_from_standard(document, rank=rank, total_hours=160)
    context = context or CourseContext(facts=facts)
    return plan, textbook_outline(plan, context), training_projects(plan, context)


def _project_text(projects) -> str:
    return "".join(
        "".join((p.scenario, *p.equipment, *p.steps, *p.safety, *p.materials)) for p in projects
    )


def test_every_section_has_objectives_concepts_a_case_questions_and_references():
    plan, book, _ = _materials(AI_TRAINER)
    for chapter in book.chapters:
        for section in chapter.sections:
            assert section.objectives, section.number
            assert len(section.concepts) <= 6, section.number
            assert all(c.term and c.explanation.endswith("。") for c in section.concepts)
            if section.case:
                assert section.case.situation and section.case.action and section.case.result
            assert 1 <= len(section.questions) <= 3, section.number
            lesson = next(ls for ls in plan.lessons if ls.key == section.lesson)
            assert [r.requirement for r in section.references] == [
                r for o in lesson.objectives for r, _ in o.covers
            ]


def test_a_section_case_comes_from_the_task_it_teaches():
    _, book, _ = _materials(AI_TRAINER)
    section = book.chapters[1].sections[0]  # 原始数据标注
    assert "标注和加工图片、文字、语音等业务的原始数据" in section.case.situation
    assert section.case.action.startswith("工作过程：先标注图片、文字、语音等业务的原始数据")
    assert not any(q.text.startswith("请说明") for q in section.questions)
    assert any("标注" in q.text and q.text.endswith("？") for q in section.questions)


def test_a_chinese_skill_description_explains_the_concept_and_an_english_one_is_not_quoted():
    chinese = CourseContext(
        facts=AI_TRAINER,
        skills=(SkillInfo("数据标注", "数据标注", "为图片、文本等原始数据加上机器可读的标签。"),),
    )
    english = CourseContext(
        facts=AI_TRAINER,
        skills=(SkillInfo("数据标注", "数据标注", "Label raw data so that models can learn."),),
    )
    _, with_chinese, _ = _materials(AI_TRAINER, chinese)
    _, with_english, _ = _materials(AI_TRAINER, english)
    concept = with_chinese.chapters[1].sections[0].concepts[0]
    assert concept.term == "数据标注"
    assert "机器可读的标签" in concept.explanation
    text = "".join(c.explanation for c in with_english.chapters[1].sections[0].concepts)
    assert "Label" not in text and "数据标注" in text


def test_review_questions_come_from_the_item_bank_when_the_caller_passes_reviewed_items():
    bank = (ReviewQuestion("F1.C1.S1", "标注图像时，边界框应如何贴合目标？"),)
    _, book, _ = _materials(AI_TRAINER, CourseContext(facts=AI_TRAINER, review_questions=bank))
    questions = book.chapters[1].sections[0].questions
    assert [(q.text, q.source) for q in questions] == [(bank[0].text, "item_bank")]
    assert all(q.source == "open" for q in book.chapters[1].sections[1].questions)


def test_an_ai_trainer_project_has_software_and_data_security_but_no_protective_equipment():
    _, _, projects = _materials(AI_TRAINER)
    text = _project_text(projects)
    assert not any(word in text for word in PPE)
    assert "智能训练软件" in projects[0].equipment
    assert any("计算机" in item for item in projects[0].equipment)
    assert any(note.startswith("数据安全") for note in projects[0].safety)
    assert "人工智能项目组" in projects[0].scenario


def test_a_linked_tool_is_named_as_equipment_only_when_the_standard_links_it():
    tool = SkillInfo("数据标注", "数据标注工具", is_tool=True)
    _, _, linked = _materials(AI_TRAINER, CourseContext(facts=AI_TRAINER, skills=(tool,)))
    _, _, plain = _materials(AI_TRAINER)
    assert "数据标注工具" in linked[0].equipment
    assert not any("标注工具" in item for p in plain for item in p.equipment)


def test_a_lathe_operator_project_has_machine_safety_and_goggles():
    _, _, projects = _materials(LATHE_OPERATOR)
    assert all(p.safety for p in projects)
    notes = "".join(projects[0].safety)
    assert "机床安全" in notes and "防护眼镜" in notes
    assert "车床" in projects[0].equipment
    assert "防护用品" in projects[0].steps[0]


def test_a_cloud_engineer_project_lists_no_protective_equipment():
    _, _, projects = _materials(CLOUD_ENGINEER)
    assert projects
    assert not any(word in _project_text(projects) for word in PPE)
    assert all(note.startswith(("数据安全", "个人信息")) for p in projects for note in p.safety)


def test_each_rubric_sums_to_100_with_one_criterion_per_checkable_skill_requirement():
    plan, _, projects = _materials(LATHE_OPERATOR)
    for project in projects:
        module = next(m for m in plan.modules if m.key == project.module)
        skills = [
            o.requirement for ls in module.lessons for o in ls.objectives if o.kind == "skill"
        ]
        assert sum(c.points for c in project.rubric) == 100
        scored = [c.requirement for c in project.rubric]
        assert scored and scored == [s for s in skills if s in scored]
        assert all(".S" in c.requirement and c.full_marks for c in project.rubric)
        assert not any(c.full_marks.endswith("过程规范，结果符合要求。") for c in project.rubric)
        assert project.hours == project_hours(module.practice_hours, plan.level)


def test_new_parts_survive_their_json_form_and_old_stored_forms_still_read():
    _, book, projects = _materials(LATHE_OPERATOR)
    assert textbook_from_dict(textbook_to_dict(book)) == book
    assert projects_from_dict(projects_to_dict(projects)) == projects
    stored = textbook_to_dict(book)
    for chapter in stored["chapters"]:
        for section in chapter["sections"]:
            for key in ("objectives", "concepts", "case", "questions", "references"):
                del section[key]
    assert textbook_from_dict(stored).chapters[0].sections[0].concepts == ()


@pytest.fixture(scope="module")
def sample() -> list[OccupationFacts]:
    records = [r for r in parse_taxonomy(SHIPPED.read_bytes(), filename=SHIPPED.name)]
    occupations = [r for r in records if r.level == 4]
    step = len(occupations) // 55
    return [
        OccupationFacts(r.code, r.name, r.definition, r.tasks, r.is_digital, r.is_green)
        for r in occupations[::step][:55]
    ]


def _restates(case) -> bool:
    """Whether the case's work only says again what its situation says."""
    action = case.action.removeprefix("工作过程：").rstrip("。")
    steps = [s for s in re.split(r"[，；]", action) if s]
    return "逐项完成上述操作" in action or all(s in case.situation for s in steps)


def test_a_case_whose_work_only_restates_its_task_is_left_out():
    _, book, _ = _materials(AI_TRAINER)
    sections = [s for c in book.chapters for s in c.sections]
    assert any(s.case for s in sections)
    assert not any(s.case and _restates(s.case) for s in sections)


def _lines(book, projects):
    for chapter in book.chapters:
        for section in chapter.sections:
            yield from section.objectives
            for concept in section.concepts:
                yield from (concept.term + "。", concept.explanation)
            if section.case:
                yield from (section.case.situation, section.case.action, section.case.result)
            yield from (q.text for q in section.questions)
    for project in projects:
        yield from (project.scenario, *project.materials, *project.equipment, *project.steps)
        yield from (*project.deliverables, *project.safety)
        yield from (c.full_marks for c in project.rubric)


def test_outlines_and_projects_of_55_occupations_pass_the_check_and_have_every_part(sample):
    bad, missing = [], []
    cases = skilled = sections = unasked = 0
    for facts in sample:
        document = standard_draft_offline(facts)
        rank = document.levels[len(document.levels) // 2].rank
        plan = course_plan_from_standard(document, rank=rank, total_hours=400)
        context = CourseContext(facts=facts)
        book, projects = textbook_outline(plan, context), training_projects(plan, context)
        bad += [
            (facts.code, line, found)
            for line in _lines(book, projects)
            if (found := problems(line, rank=rank))
        ]
        for section in (s for c in book.chapters for s in c.sections):
            # a question about the quality or training work every standard lists in the same
            # words, or a slogan of the code of ethics glued to no task, would fit any
            # occupation: such a section may have none
            generic = all(
                work.generic_work(r.text) or work.shared_by_all(r.text) or r.requirement[0] in "EB"
                for r in section.references
            )
            if not (
                section.objectives and len(section.concepts) <= 6 and section.references
            ):  # fmt: skip
                missing.append((facts.code, section.number))
            sections += 1
            # a broken standard line ("处理仪器仪表及设备中的复杂情况") gives no question either
            unasked += not (section.questions or generic)
            if section.case and _restates(section.case):
                bad.append((facts.code, section.case.action, "restates the situation"))
            cases += bool(section.case)
            skilled += any(".S" in r.requirement for r in section.references)
        for project in projects:
            if not (project.scenario and project.equipment and project.steps and project.rubric):
                missing.append((facts.code, project.key))
            if project.rubric and sum(c.points for c in project.rubric) != 100:
                missing.append((facts.code, project.key, "points"))
    assert len(sample) >= 50
    assert bad == []
    assert missing == []
    assert unasked <= sections * 0.01
    # a case is left out only where it would restate its task or its title ("设计刀剑工艺品"
    # in "刀剑工艺品设计"), or where its only step is one the task already names
    assert cases >= skilled * 0.75


def test_the_occupation_is_defined_once_in_a_textbook_not_as_filler_in_every_section():
    plan, book, _ = _materials(AI_TRAINER)
    sections = [s for c in book.chapters for s in c.sections]
    defined = [s.number for s in sections for c in s.concepts if c.term == plan.occupation_name]
    assert defined == ["1.1"]
    assert sum(bool(s.concepts) for s in sections) >= len(sections) // 2


def test_a_review_question_is_not_set_again_as_an_exercise_of_its_section():
    for facts in (AI_TRAINER, LATHE_OPERATOR):
        _, book, _ = _materials(facts)
        for section in (s for c in book.chapters for s in c.sections):
            asked = {q.text for q in section.questions}
            assert not [e.text for e in section.exercises if e.text in asked], section.number


def _with_content_title(document, title: str):
    """The drafted standard with its first level's first content renamed to ``title``."""
    level = document.levels[0]
    function = level.functions[0]
    content = replace(function.contents[0], title=title)
    function = replace(function, contents=(content, *function.contents[1:]))
    level = replace(level, functions=(function, *level.functions[1:]))
    return replace(document, levels=(level, *document.levels[1:]))


@pytest.mark.parametrize(
    "title", ["本职业工作准备", "人工智能训练师工作结果检查", "形式中担任独奏"]
)
def test_a_content_that_names_no_work_is_left_untaught_for_the_expert(title):
    document = _with_content_title(standard_draft_offline(AI_TRAINER), title)
    rank = document.levels[0].rank
    plan = course_plan_from_standard(document, rank=rank, total_hours=160)
    assert title not in [lesson.title for lesson in plan.lessons]
    assert "F1.C1.S1" in uncovered_requirements(plan, document)
    assert not any(title in o.text for lesson in plan.lessons for o in lesson.objectives)
    assert sum(lesson.theory_hours + lesson.practice_hours for lesson in plan.lessons) == 160


def test_railway_and_fishing_gear_work_get_settings_that_fit_the_work():
    rail = ctx.setting_of("2-02-16-05", "从事铁路通信、信号系统及设备运行质量鉴定的工程技术人员")
    assert rail == "某轨道交通运营单位"
    nets = ctx.setting_of("5-04-03-03", "使用织网机和缝扎工具，加工网片及成型渔具的生产人员。")
    assert "农业" not in nets
    assert ctx.setting_of("5-01-01-01", "从事农作物种植的人员。") == "某农业生产基地"


def _skill(text: str, key: str = "F1.C1.S1") -> Objective:
    return Objective(key, SKILL, text, text)


def test_a_rubric_criterion_names_what_must_be_right_or_is_not_generated():
    report = _skill("能编制心理测评报告")
    marks = full_marks(report, "编制心理测评报告", 3)
    assert marks.startswith("独立编制心理测评报告，") and "报告内容完整" in marks
    assert "过程规范" not in marks
    weighed = full_marks(_skill("能在指导下称量原料"), "称量原料", 2)
    assert "计量数据准确" in weighed
    liaising = _skill("能协调各方关系", "F1.C1.S2")
    assert full_marks(liaising, "协调各方关系", 3) == ""
    lesson = Lesson("M1.L1", "心理测评", 2, 4, (report, liaising))
    module = Module("M1", "心理测评", "function", 30, 40, (), (lesson,))
    rubric = rubric_for(module, 3)
    assert [c.requirement for c in rubric] == ["F1.C1.S1"] and rubric[0].points == 100


def test_safety_notes_name_the_hazard_of_the_work_or_are_left_out():
    assert ctx.hazard_notes("6-06-01-01", "按操作规程分拣纸张，整理成品") == ()
    pressed = ctx.hazard_notes("6-06-02-01", "操作热压机，将板坯热压成型")
    assert pressed and pressed[0].startswith("防烫伤")
    _, _, projects = _materials(LATHE_OPERATOR)
    notes = [note for p in projects for note in p.safety]
    assert notes and not any("按本工种要求" in note for note in notes)


def _taxonomy_facts(code: str) -> OccupationFacts:
    records = parse_taxonomy(SHIPPED.read_bytes(), filename=SHIPPED.name)
    r = next(r for r in records if r.code == code)
    return OccupationFacts(r.code, r.name, r.definition, r.tasks, r.is_digital, r.is_green)


def test_design_work_prepares_requirements_and_data_not_the_thing_it_designs():
    facts = _taxonomy_facts("2-09-06-02")  # 服装设计人员
    document = standard_draft_offline(facts)
    plan = course_plan_from_standard(document, rank=2, total_hours=400)
    projects = training_projects(plan, CourseContext(facts=facts))
    steps = [step for p in projects for step in p.steps]
    assert projects and not any("确认完好" in s or "整理工作现场" in s for s in steps)
    assert any(p.steps[0].startswith("制订工作计划，明确任务要求") for p in projects)


def test_a_senior_project_is_not_built_on_a_beginners_task_and_its_hours_fit_the_level():
    facts = _taxonomy_facts("6-01-01-01")  # 制米工: receiving, cleaning, weighing grain
    document = standard_draft_offline(facts)
    for rank in (5, 6):
        plan = course_plan_from_standard(document, rank=rank, total_hours=400)
        projects = training_projects(plan, CourseContext(facts=facts))
        assert projects
        for project in projects:
            module = next(m for m in plan.modules if m.key == project.module)
            assert project.hours <= min(module.practice_hours, 72)
            task = project.scenario.split("：", 1)[-1]
            assert not re.search(r"准备。|称重|上料|领料|备料|输送|清理", task), task
    beginner = course_plan_from_standard(document, rank=2, total_hours=400)
    assert max(p.hours for p in training_projects(beginner)) <= 40
