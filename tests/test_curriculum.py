"""Course plans, textbook outlines and training projects generated from occupational standards."""

from __future__ import annotations

import copy
import json
import math

import pytest

from tests.fake_llm import FakeLLMServer
from tests.occupation_facts import AI_TRAINER, LATHE_OPERATOR
from zhijiang_engine.curriculum import (
    FORMAT,
    PROJECTS_FORMAT,
    TEXTBOOK_FORMAT,
    CoursePlan,
    CurriculumError,
    PlanSchemaError,
    adapt_plan_to_demand,
    course_enrich_with_model,
    course_plan_from_standard,
    plan_from_dict,
    plan_to_dict,
    projects_from_dict,
    projects_to_dict,
    requirement_ids,
    textbook_from_dict,
    textbook_outline,
    textbook_to_dict,
    training_projects,
    uncovered_requirements,
    validate_plan,
)
from zhijiang_engine.curriculum.projects import project_hours
from zhijiang_engine.llm import ChatClient, LLMConfig
from zhijiang_engine.standards import (
    StandardDocument,
    document_from_dict,
    standard_draft_offline,
)

VOCABULARY = ["数据标注", "算法", "Python", "数据分析", "参数", "车床", "刀具", "量具"]


def _req(text: str, *skills: str) -> dict[str, object]:
    return {"text": text, "skills": list(skills)}


def small_standard() -> StandardDocument:
    """A hand-made level 3 with round weights, so that the expected hours can be worked out."""
    return document_from_dict(
        {
            "format": "zhijiang.standard/1",
            "occupation": {"code": "4-99-99-01", "name": "数据处理员"},
            "basic_requirements": {
                "ethics": ["遵纪守法，爱岗敬业", "严谨细致，精益求精"],
                "knowledge": ["数据处理基础知识", "劳动法相关知识", "安全生产法相关知识"],
            },
            "levels": [
                {
                    "level": 3,
                    "basic_weight": 20,
                    "functions": [
                        {
                            "title": "数据采集",
                            "theory_weight": 50,
                            "skill_weight": 60,
                            "contents": [
                                {
                                    "title": "数据获取",
                                    "skills": [
                                        _req("能使用采集工具获取数据", "数据采集"),
                                        _req("能编写 Python 采集脚本", "Python"),
                                    ],
                                    "knowledge": [_req("数据采集方法")],
                                },
                                {
                                    "title": "数据标注",
                                    "skills": [_req("能按规范标注数据", "数据标注")],
                                    "knowledge": [_req("标注规范")],
                                },
                            ],
                        },
                        {
                            "title": "数据分析",
                            "theory_weight": 30,
                            "skill_weight": 40,
                            "contents": [
                                {
                                    "title": "统计分析",
                                    "skills": [_req("能完成描述统计", "统计分析")],
                                    "knowledge": [_req("统计学基础", "统计分析")],
                                }
                            ],
                        },
                    ],
                }
            ],
        }
    )


@pytest.fixture(scope="module")
def ai_standard() -> StandardDocument:
    return standard_draft_offline(AI_TRAINER, ranks=range(1, 9), vocabulary=VOCABULARY)


@pytest.fixture(scope="module")
def lathe_standard() -> StandardDocument:
    return standard_draft_offline(LATHE_OPERATOR, vocabulary=VOCABULARY)


def _hours(plan: CoursePlan) -> dict[str, tuple[float, float]]:
    return {lesson.key: (lesson.theory_hours, lesson.practice_hours) for lesson in plan.lessons}


# -- the plain plan -------------------------------------------------------------------------


def test_hours_follow_the_weights_exactly_in_a_worked_example():
    plan = course_plan_from_standard(small_standard(), rank=3, total_hours=200, practice_share=0.5)
    # theory 100 h: basic 20 (ethics 2 items, basic 3), 数据采集 50, 数据分析 30;
    # practice 100 h: 数据采集 60 (2 + 1 skill requirements), 数据分析 40.
    assert _hours(plan) == {
        "M0.L1": (8, 0),
        "M0.L2": (12, 0),
        "M1.L1": (25, 40),
        "M1.L2": (25, 20),
        "M2.L1": (30, 40),
    }
    assert [m.title for m in plan.modules] == ["职业道德与基础知识", "数据采集", "数据分析"]
    assert [lesson.title for lesson in plan.modules[1].lessons] == ["数据获取", "数据标注"]
    assert (plan.theory_hours, plan.practice_hours) == (100, 100)
    assert plan.level_name == "中级工"


@pytest.mark.parametrize("rank", [1, 3, 5, 8])
@pytest.mark.parametrize(("total", "step"), [(60, 1.0), (137, 1.0), (400, 1.0), (90.5, 0.5)])
def test_hours_sum_exactly_to_the_total_in_whole_or_half_hours(ai_standard, rank, total, step):
    plan = course_plan_from_standard(ai_standard, rank=rank, total_hours=total, hour_step=step)
    assert sum(lesson.hours for lesson in plan.lessons) == total
    assert plan.theory_hours + plan.practice_hours == total
    for lesson in plan.lessons:
        for hours in (lesson.theory_hours, lesson.practice_hours):
            assert hours >= 0 and (hours / step).is_integer()
        assert lesson.hours >= plan.min_lesson_hours


@pytest.mark.parametrize("rank", [2, 3, 4, 5, 6])
def test_every_requirement_of_the_level_is_covered_and_the_map_says_where(lathe_standard, rank):
    plan = course_plan_from_standard(lathe_standard, rank=rank, total_hours=240)
    wanted = requirement_ids(lathe_standard, rank=rank)
    assert [entry.requirement for entry in plan.coverage] == list(wanted)
    lessons = {lesson.key: lesson for lesson in plan.lessons}
    for entry in plan.coverage:
        assert entry.text == wanted[entry.requirement]
        assert entry.lesson.startswith(entry.module + ".")
        objectives = lessons[entry.lesson].objectives
        assert entry.requirement in {r for o in objectives for r, _ in o.covers}
    assert uncovered_requirements(plan, lathe_standard) == []


def test_objectives_are_phrased_per_requirement_and_keep_the_skills(ai_standard):
    plan = course_plan_from_standard(ai_standard, rank=3, total_hours=120)
    objectives = [o for lesson in plan.lessons for o in lesson.objectives]
    assert {o.kind for o in objectives} == {"ethics", "basic_knowledge", "skill", "knowledge"}
    for objective in objectives:
        if objective.kind == "skill":
            assert objective.text.startswith("能") and objective.skills
        elif objective.kind == "ethics":  # the principles, done in the occupation's own work
            assert objective.text.startswith(("理解职业道德的基本要求，在", "在"))
        else:
            assert objective.text.startswith(("掌握", "了解", "系统掌握", "熟悉"))


@pytest.mark.parametrize("rank", [2, 4, 6])
def test_theory_and_practice_split_follows_the_weights_of_the_level(ai_standard, rank):
    level = next(lv for lv in ai_standard.levels if lv.rank == rank)
    plan = course_plan_from_standard(ai_standard, rank=rank, total_hours=1000, practice_share=0.6)
    intro, *modules = plan.modules
    assert intro.practice_hours == 0
    assert math.isclose(intro.theory_hours, 400 * level.basic_weight / 100, abs_tol=2)
    for module, function in zip(modules, level.functions, strict=True):
        slack = len(module.lessons) + 1
        assert module.title == function.title
        assert math.isclose(module.theory_hours, 400 * function.theory_weight / 100, abs_tol=slack)
        assert math.isclose(module.practice_hours, 600 * function.skill_weight / 100, abs_tol=slack)


def test_every_lesson_gets_the_minimum_even_when_weights_would_give_less(ai_standard):
    plan = course_plan_from_standard(ai_standard, rank=5, total_hours=40, min_lesson_hours=2)
    assert sum(lesson.hours for lesson in plan.lessons) == 40
    assert min(lesson.hours for lesson in plan.lessons) >= 2


def test_too_few_hours_raise_an_error_naming_the_figures():
    with pytest.raises(CurriculumError, match=r"4 hours are too few.*5 lessons.*at least 5 hours"):
        course_plan_from_standard(small_standard(), rank=3, total_hours=4)
    with pytest.raises(CurriculumError, match="at least 10 hours"):
        course_plan_from_standard(small_standard(), rank=3, total_hours=9, min_lesson_hours=2)
    assert isinstance(CurriculumError("x"), ValueError)


def test_a_level_the_standard_lacks_or_off_the_ladder_is_an_error(lathe_standard):
    with pytest.raises(CurriculumError, match=r"has no level 8 \(首席技师\).*\[2, 3, 4, 5, 6\]"):
        course_plan_from_standard(lathe_standard, rank=8, total_hours=100)
    with pytest.raises(CurriculumError, match="level 9 is not on the ladder"):
        course_plan_from_standard(lathe_standard, rank=9, total_hours=100)


@pytest.mark.parametrize(
    ("figures", "message"),
    [
        ({"hour_step": 0.25}, "hour_step must be 1 or 0.5"),
        ({"total_hours": 100.5}, r"total_hours must be a multiple of 1.0 h"),
        ({"total_hours": -5}, "total_hours must be a positive number"),
        ({"practice_share": 1.5}, "practice_share must be from 0 to 1"),
    ],
)
def test_impossible_figures_are_refused_with_their_name(figures, message):
    arguments = {"rank": 3, "total_hours": 100, **figures}
    with pytest.raises(CurriculumError, match=message):
        course_plan_from_standard(small_standard(), **arguments)


def test_modules_start_with_the_introduction_and_follow_the_standard_order(ai_standard):
    plan = course_plan_from_standard(ai_standard, rank=5, total_hours=200)
    assert plan.modules[0].kind == "introduction" and plan.modules[0].prerequisites == ()
    level = next(lv for lv in ai_standard.levels if lv.rank == 5)
    assert [m.title for m in plan.modules[1:]] == [f.title for f in level.functions]
    for before, module in zip(plan.modules, plan.modules[1:], strict=False):
        assert module.prerequisites == (before.key,)


def test_one_assessment_per_module_and_a_final_over_every_requirement(ai_standard):
    plan = course_plan_from_standard(ai_standard, rank=3, total_hours=120)
    *per_module, final = plan.assessments
    assert [a.after for a in per_module] == [m.key for m in plan.modules]
    assert per_module[0].methods == ("理论知识考试",)
    assert all("操作技能考核" in a.methods for a in per_module[1:])
    assert final.kind == "final" and final.after == plan.modules[-1].key
    assert set(final.requirements) == {entry.requirement for entry in plan.coverage}
    assert "综合评审" not in final.methods
    technician = course_plan_from_standard(ai_standard, rank=5, total_hours=200)
    assert "综合评审" in technician.assessments[-1].methods


def test_the_plan_is_deterministic(ai_standard):
    first = course_plan_from_standard(ai_standard, rank=4, total_hours=150, demand={"算法": 3})
    second = course_plan_from_standard(ai_standard, rank=4, total_hours=150, demand={"算法": 3})
    assert first == second


# -- industry adaptation --------------------------------------------------------------------


def test_demanded_lessons_gain_hours_and_come_first_within_bounds():
    standard = small_standard()
    plain = course_plan_from_standard(standard, rank=3, total_hours=200, practice_share=0.5)
    adapted = adapt_plan_to_demand(plain, {"数据标注": 12})
    assert [lesson.key for lesson in adapted.modules[1].lessons] == ["M1.L2", "M1.L1"]
    before, after = _hours(plain), _hours(adapted)
    assert sum(before["M1.L2"]) == 45 and sum(after["M1.L2"]) == 67  # +50 %, in whole hours
    for key in ("M1.L1", "M2.L1"):
        assert 0.7 * sum(before[key]) <= sum(after[key]) < sum(before[key])
    assert after["M0.L1"] == before["M0.L1"] and after["M0.L2"] == before["M0.L2"]
    assert sum(lesson.hours for lesson in adapted.lessons) == 200
    moved = {a.lesson: a for a in adapted.adjustments}
    assert moved["M1.L2"].skills == ("数据标注",)
    assert (moved["M1.L2"].hours_before, moved["M1.L2"].hours_after) == (45, 67)
    assert (moved["M1.L2"].position_before, moved["M1.L2"].position_after) == (2, 1)
    assert moved["M1.L1"].skills == () and moved["M1.L1"].position_after == 2
    assert adapted.demand == (("数据标注", 12.0),)


def test_a_demanded_lesson_keeps_its_theory_and_practice_balance():
    plain = course_plan_from_standard(small_standard(), rank=3, total_hours=200, practice_share=0.5)
    adapted = adapt_plan_to_demand(plain, {"统计分析": 1})
    lesson = adapted.modules[2].lessons[0]
    assert lesson.hours > 70
    assert math.isclose(lesson.theory_hours / lesson.hours, 30 / 70, abs_tol=0.02)


def test_demand_matches_skills_regardless_of_case_and_full_width_forms():
    plain = course_plan_from_standard(small_standard(), rank=3, total_hours=200)
    upper = adapt_plan_to_demand(plain, {"ＰＹＴＨＯＮ": 5})
    assert upper.adjustments and upper.adjustments[0].skills == ("Python",)
    assert upper.modules == adapt_plan_to_demand(plain, {"python": 5}).modules


def test_two_demand_samples_give_visibly_different_plans(ai_standard):
    data = {"数据标注": 40, "数据分析": 5}
    algorithms = {"算法": 30, "参数": 20}
    first = course_plan_from_standard(ai_standard, rank=3, total_hours=160, demand=data)
    second = course_plan_from_standard(ai_standard, rank=3, total_hours=160, demand=algorithms)
    assert _hours(first) != _hours(second)
    assert first.adjustments != second.adjustments
    for plan, sample in ((first, data), (second, algorithms)):
        gained = [a for a in plan.adjustments if a.hours_after > a.hours_before]
        assert gained and all(set(a.skills) <= set(sample) and a.skills for a in gained)
        assert sum(lesson.hours for lesson in plan.lessons) == 160
        assert uncovered_requirements(plan, ai_standard) == []


def test_an_empty_demand_sample_is_an_error_and_no_demand_gives_the_plain_plan():
    standard = small_standard()
    plain = course_plan_from_standard(standard, rank=3, total_hours=100)
    assert plain.demand == () and plain.adjustments == ()
    assert course_plan_from_standard(standard, rank=3, total_hours=100, demand=None) == plain
    for sample in ({}, {"数据标注": 0}):
        with pytest.raises(CurriculumError, match="demand sample is empty"):
            course_plan_from_standard(standard, rank=3, total_hours=100, demand=sample)
    with pytest.raises(CurriculumError, match="must be 0 or more"):
        adapt_plan_to_demand(plain, {"数据标注": -1})


def test_demand_that_no_lesson_develops_changes_nothing_but_is_recorded():
    plain = course_plan_from_standard(small_standard(), rank=3, total_hours=100)
    adapted = adapt_plan_to_demand(plain, {"焊接": 9})
    assert adapted.modules == plain.modules and adapted.adjustments == ()
    assert adapted.demand == (("焊接", 9.0),)


def test_an_adapted_plan_cannot_be_adapted_again():
    plan = course_plan_from_standard(
        small_standard(), rank=3, total_hours=100, demand={"Python": 1}
    )
    with pytest.raises(CurriculumError, match="already adapted"):
        adapt_plan_to_demand(plan, {"Python": 1})


# -- JSON form ------------------------------------------------------------------------------


@pytest.mark.parametrize("demand", [None, {"数据标注": 4, "算法": 1}])
def test_a_plan_survives_the_round_trip_through_json(ai_standard, demand):
    plan = course_plan_from_standard(
        ai_standard, rank=4, total_hours=95.5, hour_step=0.5, demand=demand
    )
    data = json.loads(json.dumps(plan_to_dict(plan), ensure_ascii=False))
    assert data["format"] == FORMAT == "zhijiang.course_plan/1"
    assert plan_from_dict(data) == plan
    assert validate_plan(data) == []


def test_requirements_an_objective_also_teaches_survive_the_round_trip_and_once_only():
    plan = course_plan_from_standard(small_standard(), rank=3, total_hours=200)
    grouped = [o for ls in plan.lessons for o in ls.objectives if o.also]
    assert grouped  # the introduction's objectives group the basic requirements
    data = json.loads(json.dumps(plan_to_dict(plan), ensure_ascii=False))
    read = plan_from_dict(data)
    assert [o.also for ls in read.lessons for o in ls.objectives if o.also] == [
        o.also for o in grouped
    ]
    twice = copy.deepcopy(data)
    lesson = next(
        ls for m in twice["modules"] for ls in m["lessons"]
        if any(o.get("also") for o in ls["objectives"])
    )  # fmt: skip
    objective = next(o for o in lesson["objectives"] if o.get("also"))
    taught = objective["requirement"]
    objective["also"].append({"requirement": taught, "source": "again"})
    with pytest.raises(PlanSchemaError) as caught:
        plan_from_dict(twice)
    assert any(
        path.endswith(".also[" + str(len(objective["also"]) - 1) + "].requirement")
        and "taught twice" in message
        for path, message in caught.value.errors
    )


def test_a_person_can_move_hours_between_lessons_and_the_edit_is_kept():
    plan = course_plan_from_standard(small_standard(), rank=3, total_hours=200, practice_share=0.5)
    data = plan_to_dict(plan)
    lessons = data["modules"][1]["lessons"]
    lessons[0]["practice_hours"] -= 5
    lessons[1]["practice_hours"] += 5
    edited = plan_from_dict(data)
    assert _hours(edited)["M1.L2"] == (25, 25)
    assert edited.modules[1].practice_hours == plan.modules[1].practice_hours


def test_validation_collects_every_problem_with_its_json_path():
    plan = course_plan_from_standard(small_standard(), rank=3, total_hours=200, practice_share=0.5)
    data = copy.deepcopy(plan_to_dict(plan))
    data["format"] = "zhijiang.course_plan/9"
    first = data["modules"][1]["lessons"][0]
    first["theory_hours"] = 25.5
    first["objectives"][0]["kind"] = "feeling"
    data["modules"][1]["lessons"][1]["key"] = "M1.L1"
    data["modules"][1]["prerequisites"] = ["M7"]
    data["modules"][2]["practice_hours"] = 99
    data["coverage"][0]["lesson"] = "M1.L1"
    data["assessments"] = data["assessments"][:-1]
    data["adjustments"] = [{"lesson": "M9.L9", "hours_before": 1, "hours_after": 2}]
    with pytest.raises(PlanSchemaError) as caught:
        plan_from_dict(data)
    paths = {path for path, _ in caught.value.errors}
    assert paths >= {
        "$.format",
        "$.modules[1].lessons[0].theory_hours",
        "$.modules[1].lessons[0].objectives[0].kind",
        "$.modules[1].lessons[1].key",
        "$.modules[1].prerequisites[0]",
        "$.modules[2].practice_hours",
        "$.total_hours",
        "$.coverage[0].lesson",
        "$.assessments",
        "$.adjustments[0].lesson",
        "$.adjustments[0].position_before",
    }
    assert validate_plan(data) == caught.value.errors
    assert validate_plan("not a plan")[0] == ("$", "must be an object")


def test_a_lesson_below_the_minimum_is_reported():
    plan = course_plan_from_standard(small_standard(), rank=3, total_hours=200, practice_share=0.5)
    data = plan_to_dict(plan)
    data["min_lesson_hours"] = 10
    data["modules"][0]["lessons"][0]["theory_hours"] = 6
    data["modules"][0]["lessons"][1]["theory_hours"] = 14
    assert ("$.modules[0].lessons[0]", "has 6 h, less than the minimum 10 h") in validate_plan(data)


def test_a_requirement_dropped_by_an_edit_is_reported_as_uncovered():
    standard = small_standard()
    plan = course_plan_from_standard(standard, rank=3, total_hours=200)
    data = plan_to_dict(plan)
    objectives = data["modules"][2]["lessons"][0]["objectives"]
    dropped = objectives.pop()["requirement"]
    del data["coverage"]
    for assessment in data["assessments"]:
        assessment["requirements"] = [r for r in assessment["requirements"] if r != dropped]
    assert uncovered_requirements(plan_from_dict(data), standard) == [dropped] == ["F2.C1.K1"]


# -- textbook and projects ------------------------------------------------------------------


def test_the_textbook_has_a_chapter_per_module_and_a_section_per_lesson(ai_standard):
    plan = course_plan_from_standard(ai_standard, rank=3, total_hours=120, demand={"算法": 1})
    book = textbook_outline(plan)
    assert book.title == "人工智能训练师（中级工）培训教程"
    assert [c.module for c in book.chapters] == [m.key for m in plan.modules]
    for chapter, module in zip(book.chapters, plan.modules, strict=True):
        assert [s.lesson for s in chapter.sections] == [lesson.key for lesson in module.lessons]
        for number, (section, lesson) in enumerate(
            zip(chapter.sections, module.lessons, strict=True), 1
        ):
            assert section.number == f"{chapter.number}.{number}"
            kinds = {o.requirement: o.kind for o in lesson.objectives}
            if module.kind == "function":
                assert section.exercises and section.key_points
            for exercise in section.exercises:  # in the lesson's order, one per requirement
                assert exercise.kind == ("practice" if kinds[exercise.requirement] == "skill"
                                         else "question")  # fmt: skip
            order = [e.requirement for e in section.exercises]
            assert order == [o.requirement for o in lesson.objectives if o.requirement in order]


def test_each_work_function_gets_a_project_scored_on_its_skill_requirements(lathe_standard):
    plan = course_plan_from_standard(lathe_standard, rank=3, total_hours=300)
    projects = training_projects(plan)
    functions = [m for m in plan.modules if m.kind == "function"]
    assert [p.module for p in projects] == [m.key for m in functions]
    for project, module in zip(projects, functions, strict=True):
        skills = [
            o.requirement for ls in module.lessons for o in ls.objectives if o.kind == "skill"
        ]
        scored = [c.requirement for c in project.rubric]  # those with a checkable result
        assert scored and scored == [s for s in skills if s in scored]
        assert sum(c.points for c in project.rubric) == 100
        assert all(c.points > 0 for c in project.rubric)
        assert project.hours == project_hours(module.practice_hours, plan.level) > 0
        assert project.brief and project.equipment and project.deliverables
        assert len(project.steps) == len(module.lessons) + 2


def test_rubric_points_follow_the_practice_hours_of_each_skill_requirement():
    plain = course_plan_from_standard(small_standard(), rank=3, total_hours=200, practice_share=0.5)
    adapted = adapt_plan_to_demand(plain, {"数据标注": 1})
    points = {c.requirement: c.points for c in training_projects(adapted)[0].rubric}
    assert sum(points.values()) == 100
    assert points["F1.C2.S1"] > max(points["F1.C1.S1"], points["F1.C1.S2"])
    assert abs(points["F1.C1.S1"] - points["F1.C1.S2"]) <= 1  # equal shares, rounded


def test_materials_have_a_json_form_with_their_format():
    plan = course_plan_from_standard(small_standard(), rank=3, total_hours=100)
    book = textbook_to_dict(textbook_outline(plan))
    projects = projects_to_dict(training_projects(plan))
    assert book["format"] == TEXTBOOK_FORMAT and projects["format"] == PROJECTS_FORMAT
    assert json.loads(json.dumps(book, ensure_ascii=False)) == book
    assert book["chapters"][1]["sections"][0]["exercises"][0]["requirement"] == "F1.C1.S1"
    rubric = projects["projects"][0]["rubric"]
    assert [c["points"] for c in rubric] == [34, 33, 33]  # equal practice hours each


# -- language-model enrichment --------------------------------------------------------------


def _client(server: FakeLLMServer) -> ChatClient:
    config = LLMConfig(base_url=server.base_url, model="fake-model", max_attempts=1)
    return ChatClient(config, retry_delay_seconds=0)


def _answer(plan: CoursePlan) -> dict[str, object]:
    return {
        "lessons": [
            {
                "key": lesson.key,
                "summary": f"{lesson.title}：讲解与示范。",
                "exercises": [
                    {"requirement": o.requirement, "text": f"案例题：{o.source}"}
                    for o in lesson.objectives
                ],
            }
            for lesson in plan.lessons
        ],
        "projects": [
            {
                "key": project.key,
                "brief": "为某企业完成一批真实数据的处理任务。",
                "equipment": ["计算机", "Python 3.11"],
                "steps": ["领取任务", "完成处理", "提交成果"],
                "deliverables": ["数据集", "报告"],
            }
            for project in training_projects(plan)
        ],
    }


def test_a_valid_model_answer_rewrites_texts_but_not_hours():
    plan = course_plan_from_standard(small_standard(), rank=3, total_hours=100)
    with FakeLLMServer() as server:
        server.reply_json(_answer(plan))
        result = course_enrich_with_model(_client(server), plan=plan)
        sent = server.chat_requests[0].body["messages"][1]["content"]
    assert result.source == "llm:fake-model" and result.fallback_reason is None
    assert '"M1.L1"' in sent and '"P1"' in sent
    assert _hours(result.plan) == _hours(plan) and result.plan.coverage == plan.coverage
    assert result.plan.lessons[2].summary == "数据获取：讲解与示范。"
    section = result.textbook.chapters[1].sections[0]
    assert section.exercises[0].text == "案例题：能使用采集工具获取数据"
    assert section.exercises[0].kind == "practice"
    assert result.projects[0].equipment == ("计算机", "Python 3.11")
    assert [c.points for c in result.projects[0].rubric] == [34, 33, 33]


def test_an_invalid_model_answer_falls_back_to_the_offline_texts_with_the_paths():
    plan = course_plan_from_standard(small_standard(), rank=3, total_hours=100)
    answer = _answer(plan)
    answer["lessons"][0]["exercises"][0]["requirement"] = "F9.C9.S9"  # type: ignore[index]
    answer["projects"] = answer["projects"][1:]  # type: ignore[index]
    with FakeLLMServer() as server:
        server.reply_json(answer)
        result = course_enrich_with_model(_client(server), plan=plan)
    assert result.source == "offline"
    assert result.plan == plan and result.textbook == textbook_outline(plan)
    assert result.projects == training_projects(plan)
    assert "$.lessons[0].exercises[0].requirement" in result.fallback_reason
    assert "$.projects: misses P1" in result.fallback_reason


@pytest.mark.parametrize(("reply", "reason"), [(500, "HTTP 500"), ("不是 JSON", "no JSON")])
def test_a_failed_model_call_falls_back_to_the_offline_texts(reply, reason):
    plan = course_plan_from_standard(small_standard(), rank=3, total_hours=100)
    with FakeLLMServer([reply]) as server:
        result = course_enrich_with_model(_client(server), plan=plan)
    assert result.source == "offline" and reason in result.fallback_reason
    assert result.plan == plan


def test_without_a_model_the_offline_texts_are_used():
    plan = course_plan_from_standard(small_standard(), rank=3, total_hours=100)
    result = course_enrich_with_model(None, plan=plan)
    assert (result.source, result.fallback_reason) == ("offline", None)
    assert result.textbook == textbook_outline(plan)


def test_stored_textbooks_and_projects_read_back_to_the_same_values():
    plan = course_plan_from_standard(small_standard(), rank=3, total_hours=100)
    book, projects = textbook_outline(plan), training_projects(plan)
    assert textbook_from_dict(textbook_to_dict(book)) == book
    assert projects_from_dict(projects_to_dict(projects)) == projects
    with pytest.raises(KeyError):
        textbook_from_dict({"title": "x"})
