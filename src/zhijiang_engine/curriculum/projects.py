"""Practical-training projects of a course plan: one per work-function module with practice hours.

A project is specific to the occupation: a scenario in the occupation's setting built from its
task, the inputs and materials the tasks name, the equipment or software of the linked
technology skills (O*NET tools and technologies, hot technical skills) and of the tasks' own
nouns, steps from the module's skill requirements in order, deliverables, a rubric with one
criterion per 技能要求 (points summing to 100, each saying what earns full marks), the module's
practice hours, and safety notes only where the work has hazards (digital and office work gets
data-security notes instead of protective equipment).

Every sentence composed here passes the linguistic check of ``standards.lint`` at the plan's
level: it is repaired where it can be, otherwise left out or replaced by a plainer sentence.
"""

from __future__ import annotations

from zhijiang_engine.curriculum import context as ctx
from zhijiang_engine.curriculum.context import CourseContext
from zhijiang_engine.curriculum.hours import largest_remainder, proportional
from zhijiang_engine.curriculum.materials import RUBRIC_POINTS, Criterion, Project
from zhijiang_engine.curriculum.model import FUNCTION, SKILL, CoursePlan, Module, Objective
from zhijiang_engine.curriculum.textbook import checked, task_of

MAX_EQUIPMENT = 8


def _full_marks(objective: Objective, rank: int) -> str:
    how = "在指导下按规程" if rank <= 2 else "独立、规范地" if rank <= 4 else "独立、高效地"
    text = f"{how}{task_of(objective)}，结果符合要求，记录完整。"
    return (
        checked(text, rank) or checked(f"{how}完成这项操作，结果符合要求，记录完整。", rank) or ""
    )


def rubric_for(module: Module, rank: int = 3) -> tuple[Criterion, ...]:
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
        Criterion(o.requirement, o.text, o.skills, p, _full_marks(o, rank))
        for (_, o), p in zip(items, points, strict=True)
    )


def _module_texts(module: Module) -> list[str]:
    return [module.title, *(ls.title for ls in module.lessons)] + [
        o.source for ls in module.lessons for o in ls.objectives
    ]


def _equipment(
    plan: CoursePlan, module: Module, context: CourseContext, task: str, digital: bool
) -> tuple[str, ...]:
    """Tools and software of the linked skills, then those the tasks and requirements name."""
    items: list[str] = []
    for label in dict.fromkeys(s for ls in module.lessons for s in ls.skills):
        info = context.skill(label)
        if info and (info.is_tool or (info.is_hot and info.kind == ctx.TECHNICAL)):
            items.append(info.label_zh or info.label)
    facts_texts = [task] if task else []
    if context.facts:
        facts_texts.append(context.facts.definition)
    for tool in ctx.tools_of([*facts_texts, *_module_texts(module)]):
        if tool not in items:
            items.append(tool)
    if digital and not any(ctx.has_chinese(i) and "计算机" in i for i in items):
        named = task or module.title
        items.append(checked(f"用于{named}的计算机及网络环境", plan.level) or "计算机及网络环境")
    if not items:
        items.append(f"{plan.occupation_name}实训工位（或实训室）")
    items.append("作业记录表与评分表" if not digital else "工作记录模板与评分表")
    return tuple(dict.fromkeys(i for i in items[:MAX_EQUIPMENT] if checked(i, plan.level)))


def _materials(module: Module, context: CourseContext, task: str, rank: int) -> tuple[str, ...]:
    texts = [task] if task else []
    found = ctx.materials_of([*texts, *_module_texts(module)])
    items = [checked(f"待处理的{m}", rank) or m for m in found[:3]]
    items = [i for i in items if checked(i, rank)]
    items.append(checked(f"“{module.title}”任务书与作业要求", rank) or "本项目任务书与作业要求")
    return tuple(dict.fromkeys(items))


def _steps(module: Module, rank: int, hazards: bool, digital: bool) -> tuple[str, ...]:
    first = "阅读任务书，明确成果要求，制订工作计划"
    if hazards:
        first += "，检查设备、工具与防护用品"
    elif digital:
        first += "，确认软件环境与数据访问权限"
    work = []
    for lesson in module.lessons:
        tasks = [t for o in lesson.objectives if o.kind == SKILL and (t := _task(o, rank))]
        step = f"完成“{lesson.title}”：{'；'.join(tasks)}" if tasks else ""
        if step and (step := checked(step, rank) or ""):
            work.append(step)
    last = "自检与互检，整理工作现场" if not digital else "自检与互检，整理并提交成果文件"
    return (first, *work, last)


def _task(objective: Objective, rank: int) -> str | None:
    line = checked(objective.source, rank)
    return line.removeprefix("能") if line else None


def _deliverables(module: Module, digital: bool, rank: int, made: str) -> tuple[str, ...]:
    if digital:
        outcome = checked(f"{module.title}的成果文件", rank) or "成果文件"
    else:
        found = checked(f"按要求完成的{made}", rank) if made else None
        outcome = found or checked(f"{module.title}的成果", rank) or "实训成果"
    return ("工作计划", outcome, "作业记录", "自检报告")


def _project(plan: CoursePlan, number: int, module: Module, context: CourseContext) -> Project:
    rank = plan.level
    task = ctx.best_task(context.facts, _module_texts(module))
    text = ctx.work_text(context.facts, [plan.occupation_name, *_module_texts(module)[:1]])
    hazards = ctx.hazard_notes(plan.occupation_code, text)
    digital = not hazards and ctx.is_digital_work(context.facts, text)
    setting = ctx.setting_of(plan.occupation_code, text)
    work = task or f"“{module.title}”的工作"
    scenario = (
        checked(f"{setting}需要一名{plan.occupation_name}（{plan.level_name}）{work}。", rank)
        or checked(f"{setting}需要完成“{module.title}”的工作。", rank)
        or ""
    )
    materials = _materials(module, context, task, rank)
    contents = "、".join(lesson.title for lesson in module.lessons)
    background = f"以{plan.occupation_name}（{plan.level_name}）的真实工作任务为背景，"
    brief = checked(
        f"{background}在{module.practice_hours:g}学时内完成{contents}，达到职业标准的技能要求。",
        rank,
    ) or (
        f"{background}在{module.practice_hours:g}学时内完成“{module.title}”模块的实训任务，"
        "达到职业标准的技能要求。"
    )
    return Project(
        key=f"P{number}",
        title=checked(f"{module.title}综合实训", rank) or f"综合实训{number}",
        module=module.key,
        hours=module.practice_hours,
        brief=brief,
        equipment=_equipment(plan, module, context, task, digital),
        steps=_steps(module, rank, bool(hazards), digital),
        deliverables=_deliverables(module, digital, rank, _made(materials)),
        rubric=rubric_for(module, rank),
        scenario=scenario,
        materials=materials,
        safety=hazards or (ctx.DATA_NOTES if digital else ()),
    )


def training_projects(
    plan: CoursePlan, context: CourseContext | None = None
) -> tuple[Project, ...]:
    """One practical-training project per work-function module that has practice hours."""
    known = context or CourseContext()
    modules = [m for m in plan.modules if m.kind == FUNCTION and m.practice_hours > 0]
    return tuple(_project(plan, n, module, known) for n, module in enumerate(modules, 1))


def _made(materials: tuple[str, ...]) -> str:
    """What the work turns out ("工件" from "待处理的工件"); "" when the materials do not say."""
    first = materials[0] if len(materials) > 1 else ""
    return first.removeprefix("待处理的")
