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

import re

from zhijiang_engine.curriculum import context as ctx
from zhijiang_engine.curriculum import work
from zhijiang_engine.curriculum.context import CourseContext
from zhijiang_engine.curriculum.hours import largest_remainder, proportional
from zhijiang_engine.curriculum.materials import RUBRIC_POINTS, Criterion, Project
from zhijiang_engine.curriculum.model import FUNCTION, SKILL, CoursePlan, Module, Objective
from zhijiang_engine.curriculum.summary import said as _said
from zhijiang_engine.curriculum.textbook import checked, task_of

MAX_EQUIPMENT = 8
# What a thing one checks and services ends in ("破碎" cut off "破碎、脱水等设备" is none).
_TOOL_ENDINGS = (
    "机", "器", "仪", "具", "床", "炉", "泵", "车", "槽", "罐", "塔", "釜", "窑", "计", "秤",
    "设备", "装置", "系统", "软件", "平台", "工具", "仪表", "设施", "锅", "箱", "台", "架",
)  # fmt: skip
_BARE = frozenset({"设备", "系统", "工具", "仪器", "机械", "装置", "平台", "软件", "机具", "器具"})


def _full_marks(objective: Objective, rank: int) -> str:
    """What earns the criterion's full points: the work done as the level does it."""
    how = "在指导下" if rank <= 2 else "独立"
    manner = work.manner_of(objective.source)
    frame = work.skill_frame(objective.source)
    outcome = {
        "check": "不合格之处全部找出并纠正",
        "record": "记录真实、完整、字迹清楚",
    }.get(frame.kind, "过程规范，结果符合要求")
    text = f"{how}{manner}{task_of(objective)}，{outcome}。"
    return checked(text, rank) or checked(f"{how}{manner}完成这项工作，{outcome}。", rank) or ""


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


# What the occupation makes, from its definition ("将金属等材料制成拉链、刀剪、打火机…等日用
# 五金制品的人员"): a product is no equipment of the project.
_PRODUCTS = re.compile(
    r"(?:制成|加工成|生产(?!线|设备|车间|过程|工艺|管理)|制作|制造|装配成)([^，。；]{2,60}?)(?:的人员|[，。；]|$)"
)


def products_of(definition: str) -> str:
    """The definition's phrases that name what the occupation makes ("" when none)."""
    return "；".join(m[1] for m in _PRODUCTS.finditer(definition))


_MAKERS = ("制品制作工", "制造工", "制作工", "生产工", "加工工", "装配工")


def _product_in_name(name: str) -> str:
    """What an occupation named for its product makes ("灯具制造工" → "灯具")."""
    made = next((name.removesuffix(m) for m in _MAKERS if name.endswith(m)), "")
    return made or (name.split("制造")[0] if "制造" in name else "")


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
    made = products_of(context.facts.definition) if context.facts else ""
    made += "；" + _product_in_name(plan.occupation_name)
    for tool in ctx.tools_of([*facts_texts, *_module_texts(module)]):
        if tool not in items and tool not in made:
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


def _steps(
    module: Module, rank: int, hazards: bool, digital: bool, equipment: tuple[str, ...],
    technical: bool = True,
) -> tuple[str, ...]:  # fmt: skip
    """The lessons' work in order, between a preparation and a check-out step that name the
    project's own equipment; those two are left out when there is no equipment to name (a
    bare "制订工作计划"/"整理工作现场" fits every project and says nothing about this one)."""
    real = [e for e in equipment if len(e) >= 2 and e not in _BARE and e.endswith(_TOOL_ENDINGS)]
    named = "、".join(real[:2])
    done = []
    own = [ls for ls in module.lessons if not work.generic_work(ls.title)]
    for lesson in own or module.lessons:  # "完成“技术改进”" only where nothing else is
        tasks: list[str] = []
        for objective in (o for o in lesson.objectives if o.kind == SKILL):
            # "正确使用过滤机等设备" after "操作过滤机等设备，更换过滤介质" says it again
            if (found := _task(objective, rank)) and not _said(found, tasks):
                tasks.append(found)
        # a research "技术路线" is no step of a clinic's or a shop's work
        tasks = [t for t in tasks if "技术路线" not in t] if not technical else tasks
        step = checked(f"完成“{lesson.title}”：{'；'.join(tasks)}", rank) if tasks else None
        if step := step or checked(f"完成“{lesson.title}”的实训", rank):
            done.append(step)
    if not named:
        return tuple(done)
    if hazards:
        first = f"制订工作计划，检查{named}及防护用品是否完好"
    elif digital:
        first = f"制订工作计划，准备{named}，确认数据访问权限"
    else:
        first = f"制订工作计划，准备{named}并确认完好"
    last = "对照评分表自检和互检，" + (
        f"提交成果文件，退出{named}" if digital else f"清点和保养{named}，整理工作现场"
    )
    return tuple(line for line in (checked(first, rank), *done, checked(last, rank)) if line)


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
    # the module's own work decides its hazards (a dispatcher who coordinates 供电 posts
    # does no live electrical work)
    definition = context.facts.definition if context.facts else ""
    text = "。".join([definition, task, plan.occupation_name, *_module_texts(module)])
    hazards = ctx.hazard_notes(plan.occupation_code, text)
    digital = not hazards and ctx.is_digital_work(context.facts, text)
    setting = ctx.setting_of(
        plan.occupation_code, ctx.setting_text(context.facts, plan.occupation_name)
    )
    worker = plan.occupation_name  # the level goes in a clause of its own: "车工（中级工）"
    scenario = (  # reads to the check as a worker in an object slot
        (checked(f"{setting}有一项任务需要{worker}完成：{task}。", rank) if task else None)
        or checked(f"{setting}安排一名{worker}完成“{module.title}”的工作。", rank)
        or ""
    )
    materials = _materials(module, context, task, rank)
    equipment = _equipment(plan, module, context, task, digital)
    made = "成果文件" if digital else "工作成果"
    hours = f"{module.practice_hours:g}学时"
    brief = _brief(plan, module, hours, made)
    return Project(
        key=f"P{number}",
        title=checked(f"{module.title}综合实训", rank) or f"综合实训{number}",
        module=module.key,
        hours=module.practice_hours,
        brief=brief,
        equipment=equipment,
        steps=_steps(
            module,
            rank,
            bool(set(hazards) - {ctx.CARE_NOTE}),
            digital,
            equipment,
            technical=any(w in setting for w in ("技术", "车间", "科研")),
        ),
        deliverables=_deliverables(module, digital, rank, _made(materials)),
        rubric=rubric_for(module, rank),
        scenario=scenario,
        materials=materials,
        safety=hazards or (ctx.DATA_NOTES if digital else ()),
    )


def _own_titles(module: Module) -> list[str]:
    """The module's lesson titles that name the occupation's work (not "质量管理", "培训")."""
    return [ls.title for ls in module.lessons if not work.generic_work(ls.title)]


def _brief(plan: CoursePlan, module: Module, hours: str, made: str) -> str:
    """What the learner does, named by the module's own work; a module of management or
    training only is set in the work of the level's other modules ("围绕“光刻”的工作")."""
    rank, worker = plan.level, plan.occupation_name
    titles = _own_titles(module)[:4]
    submit = f"提交{made}和作业记录，按{plan.level_name}的要求评分。"
    if titles:
        order = "依次" if len(titles) > 1 else ""
        contents = "、".join(f"“{title}”" for title in titles)
        line = checked(f"学员以{worker}的身份，在{hours}内{order}完成{contents}，{submit}", rank)
    else:
        others = [t for m in plan.modules if m.kind == FUNCTION for t in _own_titles(m)][:2]
        around = "、".join(f"“{title}”" for title in others)
        line = (
            checked(
                f"学员以{worker}的身份，在{hours}内围绕{around}的实际工作完成本项目，{submit}", rank
            )
            if others
            else None
        )
    return (
        line
        or checked(f"学员以{worker}的身份，在{hours}内完成本项目，{submit}", rank)
        or f"“{module.title}”综合实训。"
    )


def training_projects(
    plan: CoursePlan, context: CourseContext | None = None
) -> tuple[Project, ...]:
    """One practical-training project per work-function module that has practice hours; a
    module of only the training or quality work every senior level lists ("培训", "技术指导")
    gets none where the level has modules of its own work (its practice is done in theirs)."""
    known = context or CourseContext()
    modules = [m for m in plan.modules if m.kind == FUNCTION and m.practice_hours > 0]
    modules = [m for m in modules if _own_titles(m)] or modules
    # a module whose skill lines all failed the check has nothing to practise or score
    modules = [m for m in modules if rubric_for(m)] or modules
    return tuple(_project(plan, n, module, known) for n, module in enumerate(modules, 1))


def _made(materials: tuple[str, ...]) -> str:
    """What the work turns out ("工件" from "待处理的工件"); "" when the materials do not say."""
    first = materials[0] if len(materials) > 1 else ""
    return first.removeprefix("待处理的")
