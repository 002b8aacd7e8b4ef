"""Enriching a course plan's texts with a language model: lesson summaries, exercises and
project briefs. The model may only rewrite texts; hours, order, coverage and rubric points stay
as computed. Any error or invalid answer falls back to the offline materials."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from zhijiang_engine.curriculum.context import CourseContext
from zhijiang_engine.curriculum.materials import (
    PRACTICE,
    QUESTION,
    Exercise,
    Project,
    Textbook,
)
from zhijiang_engine.curriculum.model import SKILL, CoursePlan, Lesson
from zhijiang_engine.curriculum.projects import training_projects
from zhijiang_engine.curriculum.reader import PlanSchemaError, Reader
from zhijiang_engine.curriculum.textbook import textbook_outline
from zhijiang_engine.llm.client import ChatClient, LLMError

logger = logging.getLogger("zhijiang_engine.llm")

_MAX_TOKENS = 8192
_MAX_LIST = 20

SYSTEM_PROMPT = """你是职业技能培训的课程与教材编写专家。

给定一份按国家职业技能标准编制的培训计划（课程的学习目标来自标准的技能要求和相关知识要求）\
与若干实训项目，请：
- 为每一课（lessons）写一段教学内容提要（summary，200 字以内），说明讲什么、练什么；
- 为每一课编写练习题（exercises，1 至 6 道），每道题注明考查的要求编号（requirement，\
必须是该课 objectives 中的编号）和题目（text）：相关知识要求出简答或案例分析题，技能要求出实操题；
- 为每个实训项目（projects）写任务书（brief）、所需设备与软件（equipment）、\
操作步骤（steps）和提交成果（deliverables），切合该职业的真实工作。

必须遵守：
- lessons 与 projects 的 key 与给定的完全相同，不增不减；
- 不修改学时、顺序和评分标准；
- 每段文字不超过 500 字，每个列表不超过 20 项；
- 只回答一个 JSON 对象：{"lessons": [{"key", "summary", "exercises": [{"requirement", "text"}]}], \
"projects": [{"key", "brief", "equipment", "steps", "deliverables"}]}，\
不要输出任何解释、注释或 Markdown 代码块。"""


@dataclass(frozen=True)
class EnrichedCourse:
    plan: CoursePlan
    textbook: Textbook
    projects: tuple[Project, ...]
    source: str  # "offline" or "llm:<model>"
    fallback_reason: str | None  # why the offline texts were kept, when a model was configured


@dataclass(frozen=True)
class _LessonText:
    summary: str
    exercises: tuple[Exercise, ...]


def _user_message(plan: CoursePlan, projects: tuple[Project, ...]) -> str:
    request = {
        "occupation": {"code": plan.occupation_code, "name": plan.occupation_name},
        "level": plan.level_name,
        "lessons": [
            {
                "key": lesson.key,
                "title": lesson.title,
                "theory_hours": lesson.theory_hours,
                "practice_hours": lesson.practice_hours,
                "summary": lesson.summary,
                "objectives": [
                    {"requirement": o.requirement, "kind": o.kind, "text": o.text}
                    for o in lesson.objectives
                ],
            }
            for lesson in plan.lessons
        ],
        "projects": [
            {
                "key": p.key,
                "title": p.title,
                "hours": p.hours,
                "brief": p.brief,
                "equipment": list(p.equipment),
                "steps": list(p.steps),
                "deliverables": list(p.deliverables),
            }
            for p in projects
        ],
    }
    return "培训计划与实训项目（JSON）：\n" + json.dumps(request, ensure_ascii=False)


def _exact_keys(reader: Reader, path: str, seen: list[str], wanted: list[str]) -> None:
    for key in {k for k in seen if seen.count(k) > 1}:
        reader.fail(path, f"{key!r} appears twice")
    missing = [key for key in wanted if key not in seen]
    if missing:
        reader.fail(path, f"misses {', '.join(missing)}")


def _lesson_texts(
    reader: Reader, value: Any, lessons: Mapping[str, Lesson]
) -> dict[str, _LessonText]:
    texts: dict[str, _LessonText] = {}
    seen: list[str] = []
    for i, item in enumerate(reader.array(value, "$.lessons", min_items=1)):
        path = f"$.lessons[{i}]"
        data = reader.obj(item, path, ["key", "summary", "exercises"])
        key = reader.text(data.get("key"), f"{path}.key")
        seen.append(key)
        lesson = lessons.get(key)
        if lesson is None:
            reader.fail(f"{path}.key", f"{key!r} is not a lesson of the plan")
            continue
        kinds = {o.requirement: o.kind for o in lesson.objectives}
        exercises = []
        listed = reader.array(
            data.get("exercises"), f"{path}.exercises", min_items=1, max_items=_MAX_LIST
        )
        for j, exercise in enumerate(listed):
            where = f"{path}.exercises[{j}]"
            fields = reader.obj(exercise, where, ["requirement", "text"])
            requirement = reader.text(fields.get("requirement"), f"{where}.requirement")
            if requirement not in kinds:
                reader.fail(f"{where}.requirement", f"{requirement!r} is not an objective of {key}")
            kind = PRACTICE if kinds.get(requirement) == SKILL else QUESTION
            exercises.append(
                Exercise(requirement, kind, reader.text(fields.get("text"), f"{where}.text"))
            )
        texts[key] = _LessonText(
            reader.text(data.get("summary"), f"{path}.summary"), tuple(exercises)
        )
    _exact_keys(reader, "$.lessons", seen, list(lessons))
    return texts


def _project_texts(reader: Reader, value: Any, projects: tuple[Project, ...]) -> dict[str, Project]:
    known = {p.key: p for p in projects}
    result: dict[str, Project] = {}
    seen: list[str] = []
    for i, item in enumerate(reader.array(value, "$.projects")):
        path = f"$.projects[{i}]"
        data = reader.obj(item, path, ["key", "brief", "equipment", "steps", "deliverables"])
        key = reader.text(data.get("key"), f"{path}.key")
        seen.append(key)
        equipment, steps, deliverables = (
            reader.texts(data.get(name), f"{path}.{name}", min_items=1, max_items=_MAX_LIST)
            for name in ("equipment", "steps", "deliverables")
        )
        brief = reader.text(data.get("brief"), f"{path}.brief")
        if key not in known:
            reader.fail(f"{path}.key", f"{key!r} is not a project of the plan")
            continue
        result[key] = replace(
            known[key], brief=brief, equipment=equipment, steps=steps, deliverables=deliverables
        )
    _exact_keys(reader, "$.projects", seen, list(known))
    return result


def _apply(
    plan: CoursePlan, textbook: Textbook, texts: Mapping[str, _LessonText]
) -> tuple[CoursePlan, Textbook]:
    modules = tuple(
        replace(
            module,
            lessons=tuple(
                replace(lesson, summary=texts[lesson.key].summary) for lesson in module.lessons
            ),
        )
        for module in plan.modules
    )
    chapters = tuple(
        replace(
            chapter,
            sections=tuple(
                replace(
                    section,
                    summary=texts[section.lesson].summary,
                    exercises=texts[section.lesson].exercises,
                )
                for section in chapter.sections
            ),
        )
        for chapter in textbook.chapters
    )
    return replace(plan, modules=modules), replace(textbook, chapters=chapters)


def _reason(error: Exception) -> str:
    if isinstance(error, LLMError):
        return f"model call failed: {error.reason}"
    assert isinstance(error, PlanSchemaError)
    shown = "; ".join(f"{path}: {why}" for path, why in error.errors[:3])
    more = f" (and {len(error.errors) - 3} more)" if len(error.errors) > 3 else ""
    return " ".join(f"model answer does not follow the schema: {shown}{more}".split())


def course_enrich_with_model(
    client: ChatClient | None, *, plan: CoursePlan, context: CourseContext | None = None
) -> EnrichedCourse:
    """The plan, its textbook outline and its projects with texts rewritten by the model; the
    offline texts when no model is configured or its answer cannot be used (``fallback_reason``).
    ``context`` (the occupation's facts, linked skills, reviewed items) feeds the offline
    materials; the model only rewrites summaries, exercises and project texts."""
    textbook = textbook_outline(plan, context)
    projects = training_projects(plan, context)
    if client is None:
        return EnrichedCourse(plan, textbook, projects, "offline", None)
    messages = [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": _user_message(plan, projects)},
    ]
    try:
        answer = client.complete_json(messages, temperature=0.3, max_tokens=_MAX_TOKENS)
        reader = Reader()
        root = reader.obj(answer, "$", ["lessons", "projects"])
        texts = _lesson_texts(reader, root.get("lessons"), {ls.key: ls for ls in plan.lessons})
        rewritten = _project_texts(reader, root.get("projects"), projects)
        if reader.errors:
            raise PlanSchemaError(reader.errors)
    except (LLMError, PlanSchemaError) as error:
        reason = _reason(error)
        logger.warning("Using the offline course texts: %s", reason)
        return EnrichedCourse(plan, textbook, projects, "offline", reason)
    enriched_plan, enriched_book = _apply(plan, textbook, texts)
    enriched_projects = tuple(rewritten[p.key] for p in projects)
    source = f"llm:{client.config.model}"
    return EnrichedCourse(enriched_plan, enriched_book, enriched_projects, source, None)
