"""The textbook outline and the practical-training projects that follow from a course plan.

Both are built from the plan alone (its lessons carry their requirements), so an edited or
adapted plan gives matching materials: one chapter per module and one section per lesson, with
key points and exercises from the requirements; one project per work-function module with
practice hours, scored by a rubric whose criteria are that module's skill requirements.

Every sentence composed here passes the linguistic check of ``standards.lint`` at the plan's
level: it is repaired where it can be and otherwise left out (a key point, an exercise, a task
of a step) or replaced by a plainer sentence that does not name the contents.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from zhijiang_engine.curriculum.hours import largest_remainder, proportional
from zhijiang_engine.curriculum.model import FUNCTION, SKILL, CoursePlan, Lesson, Module
from zhijiang_engine.standards import lint

TEXTBOOK_FORMAT = "zhijiang.textbook_outline/1"
PROJECTS_FORMAT = "zhijiang.training_projects/1"
RUBRIC_POINTS = 100
QUESTION = "question"
PRACTICE = "practice"


@dataclass(frozen=True)
class Exercise:
    requirement: str  # the requirement id it checks
    kind: str  # QUESTION (knowledge) or PRACTICE (skill)
    text: str


@dataclass(frozen=True)
class Section:
    number: str  # "2.1"
    title: str
    lesson: str  # the lesson key
    summary: str
    key_points: tuple[str, ...]
    exercises: tuple[Exercise, ...]


@dataclass(frozen=True)
class Chapter:
    number: int
    title: str
    module: str  # the module key
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Textbook:
    title: str
    occupation_code: str
    level: int
    chapters: tuple[Chapter, ...]


@dataclass(frozen=True)
class Criterion:
    requirement: str  # the skill requirement id it scores
    text: str
    skills: tuple[str, ...]
    points: int


@dataclass(frozen=True)
class Project:
    key: str  # "P1"…
    title: str
    module: str  # the module key
    hours: float  # the module's practice hours
    brief: str
    equipment: tuple[str, ...]
    steps: tuple[str, ...]
    deliverables: tuple[str, ...]
    rubric: tuple[Criterion, ...]  # points sum to 100


def _exercise(requirement: str, kind: str, source: str) -> Exercise:
    if kind == SKILL:
        task = source[1:] if source.startswith("能") else source
        return Exercise(requirement, PRACTICE, f"实操练习：{task}，并记录操作过程与结果。")
    return Exercise(requirement, QUESTION, f"简述：{source}。")


def _checked(text: str, rank: int) -> str | None:
    """The sentence repaired by the linguistic check, or ``None`` to leave it out."""
    return lint.repair(text, rank)


def _section(chapter: int, number: int, lesson: Lesson, rank: int) -> Section:
    exercises = (_exercise(o.requirement, o.kind, o.source) for o in lesson.objectives)
    return Section(
        number=f"{chapter}.{number}",
        title=lesson.title,
        lesson=lesson.key,
        summary=(_checked(lesson.summary, rank) or "") if lesson.summary else "",
        key_points=tuple(p for o in lesson.objectives if (p := _checked(o.source, rank))),
        exercises=tuple(
            Exercise(e.requirement, e.kind, text)
            for e in exercises
            if (text := _checked(e.text, rank))
        ),
    )


def textbook_outline(plan: CoursePlan) -> Textbook:
    """A textbook outline in the plan's order: chapters per module, sections per lesson."""
    chapters = tuple(
        Chapter(
            number=c,
            title=module.title,
            module=module.key,
            sections=tuple(
                _section(c, s, lesson, plan.level) for s, lesson in enumerate(module.lessons, 1)
            ),
        )
        for c, module in enumerate(plan.modules, 1)
    )
    title = f"{plan.occupation_name}（{plan.level_name}）培训教程"
    return Textbook(title, plan.occupation_code, plan.level, chapters)


def rubric_for(module: Module) -> tuple[Criterion, ...]:
    """One criterion per skill requirement; a lesson's criteria share its practice hours' part
    of 100 points equally (largest-remainder rounding, so they sum to exactly 100)."""
    items = [
        (lesson, objective)
        for lesson in module.lessons
        for objective in lesson.objectives
        if objective.kind == SKILL
    ]
    if not items:
        return ()
    per_lesson = {
        lesson.key: sum(1 for o in lesson.objectives if o.kind == SKILL)
        for lesson in module.lessons
    }
    weights = [max(lesson.practice_hours, 0.5) / per_lesson[lesson.key] for lesson, _ in items]
    points = largest_remainder(proportional(weights, RUBRIC_POINTS), RUBRIC_POINTS)
    return tuple(
        Criterion(o.requirement, o.text, o.skills, p)
        for (_, o), p in zip(items, points, strict=True)
    )


def _steps(module: Module, rank: int) -> tuple[str, ...]:
    work = []
    for lesson in module.lessons:
        tasks = [t for o in lesson.objectives if o.kind == SKILL and (t := _task(o.source, rank))]
        step = f"完成“{lesson.title}”：{'；'.join(tasks)}" if tasks else ""
        if step and (step := _checked(step, rank) or ""):
            work.append(step)
    return ("明确任务要求，制订工作计划，做好安全与准备工作", *work, "自检与互检，整理工作现场")


def _task(source: str, rank: int) -> str | None:
    line = _checked(source, rank)
    return line.removeprefix("能") if line else None


def _project(plan: CoursePlan, number: int, module: Module) -> Project:
    rank = plan.level
    contents = "、".join(lesson.title for lesson in module.lessons)
    background = f"以{plan.occupation_name}（{plan.level_name}）的真实工作任务为背景，"
    brief = _checked(
        f"{background}在{module.practice_hours:g}学时内完成{contents}，达到职业标准的技能要求。",
        rank,
    ) or (
        f"{background}在{module.practice_hours:g}学时内完成“{module.title}”模块的实训任务，"
        "达到职业标准的技能要求。"
    )
    tools = (
        _checked(f"完成{contents}所需的设备、工具与软件", rank) or "本模块所需的设备、工具与软件"
    )
    return Project(
        key=f"P{number}",
        title=_checked(f"{module.title}综合实训", rank) or f"综合实训{number}",
        module=module.key,
        hours=module.practice_hours,
        brief=brief,
        equipment=(
            f"{plan.occupation_name}实训工位（或实训室）",
            tools,
            "安全防护用品",
            "作业记录表与评分表",
        ),
        steps=_steps(module, rank),
        deliverables=("工作计划", "作业记录与成果", "自检报告"),
        rubric=rubric_for(module),
    )


def training_projects(plan: CoursePlan) -> tuple[Project, ...]:
    """One practical-training project per work-function module that has practice hours."""
    modules = [m for m in plan.modules if m.kind == FUNCTION and m.practice_hours > 0]
    return tuple(_project(plan, n, module) for n, module in enumerate(modules, 1))


def _plain(value: dict[str, Any]) -> dict[str, Any]:
    """Tuples as lists, as JSON has them (so the dict equals what storage gives back)."""
    plain: dict[str, Any] = json.loads(json.dumps(value, ensure_ascii=False))
    return plain


def textbook_to_dict(textbook: Textbook) -> dict[str, Any]:
    """The JSON form of a textbook outline (format ``zhijiang.textbook_outline/1``)."""
    return {"format": TEXTBOOK_FORMAT, **_plain(asdict(textbook))}


def projects_to_dict(projects: Sequence[Project]) -> dict[str, Any]:
    """The JSON form of the training projects (format ``zhijiang.training_projects/1``)."""
    return {"format": PROJECTS_FORMAT, "projects": [_plain(asdict(p)) for p in projects]}


def textbook_from_dict(data: dict[str, Any]) -> Textbook:
    """The stored form of ``textbook_to_dict`` read back; KeyError, TypeError or ValueError
    when it is not one."""
    return Textbook(
        title=data["title"],
        occupation_code=data["occupation_code"],
        level=int(data["level"]),
        chapters=tuple(
            Chapter(
                number=int(chapter["number"]),
                title=chapter["title"],
                module=chapter["module"],
                sections=tuple(
                    Section(
                        number=section["number"],
                        title=section["title"],
                        lesson=section["lesson"],
                        summary=section.get("summary", ""),
                        key_points=tuple(section["key_points"]),
                        exercises=tuple(Exercise(**exercise) for exercise in section["exercises"]),
                    )
                    for section in chapter["sections"]
                ),
            )
            for chapter in data["chapters"]
        ),
    )


def projects_from_dict(data: dict[str, Any]) -> tuple[Project, ...]:
    """The stored form of ``projects_to_dict`` read back; KeyError, TypeError or ValueError
    when it is not one."""
    return tuple(
        Project(
            key=item["key"],
            title=item["title"],
            module=item["module"],
            hours=float(item["hours"]),
            brief=item["brief"],
            equipment=tuple(item["equipment"]),
            steps=tuple(item["steps"]),
            deliverables=tuple(item["deliverables"]),
            rubric=tuple(
                Criterion(
                    requirement=c["requirement"],
                    text=c["text"],
                    skills=tuple(c.get("skills", ())),
                    points=int(c["points"]),
                )
                for c in item["rubric"]
            ),
        )
        for item in data["projects"]
    )
