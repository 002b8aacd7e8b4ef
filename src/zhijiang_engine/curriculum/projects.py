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
from dataclasses import replace

from zhijiang_engine.curriculum import context as ctx
from zhijiang_engine.curriculum import work
from zhijiang_engine.curriculum.context import CourseContext
from zhijiang_engine.curriculum.criteria import checkable_result, full_marks
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


def rubric_for(module: Module, rank: int = 3) -> tuple[Criterion, ...]:
    """One criterion per skill requirement that names a result an assessor can check (a
    criterion saying only "过程规范，结果符合要求" is none); a lesson's criteria share its
    practice hours' part of 100 points equally (largest-remainder rounding, so they sum to
    exactly 100)."""
    items = [
        (lesson, objective, marks)
        for lesson in module.lessons
        for objective in lesson.objectives
        if objective.kind == SKILL and (marks := full_marks(objective, task_of(objective), rank))
    ]
    if not items:
        return ()
    per_lesson = {
        lesson.key: sum(1 for item in items if item[0] is lesson) for lesson in module.lessons
    }
    weights = [max(lesson.practice_hours, 0.5) / per_lesson[lesson.key] for lesson, _, _ in items]
    points = largest_remainder(proportional(weights, RUBRIC_POINTS), RUBRIC_POINTS)
    return tuple(
        Criterion(o.requirement, o.text, o.skills, p, marks)
        for (_, o, marks), p in zip(items, points, strict=True)
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
    technical: bool = True, desk: bool = False,
) -> tuple[str, ...]:  # fmt: skip
    """The lessons' work in order, between a preparation and a check-out step that name the
    project's own equipment; those two are left out when there is no equipment to name (a
    bare "制订工作计划"/"整理工作现场" fits every project and says nothing about this one).
    Desk work (design, planning, a professional's or a clerk's) prepares the requirements,
    data and software and hands in its documents: it has no machine to ready or put away
    (a designer does not ready the thing designed "并确认完好")."""
    real = [e for e in equipment if len(e) >= 2 and e not in _BARE and e.endswith(_TOOL_ENDINGS)]
    named = "、".join(real[:2])
    # "退出信号系统" shuts down a railway's signals: only software is logged out of
    digital = digital and all(e.endswith(_SOFTWARE) for e in real[:2])
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
    if desk and not (hazards or digital):
        return _desk_steps(done, equipment, rank)
    if not named:
        return tuple(done)
    if hazards:
        first = f"制订工作计划，检查{named}及防护用品是否完好"
    elif digital:
        first = f"制订工作计划，准备{named}，确认数据访问权限"
    else:
        first = f"制订工作计划，准备{named}并确认完好"
    last = "对照评分表自检和互检，" + (
        f"提交成果文件，退出{named}"
        if digital
        else "提交成果文件和检查记录"
        if desk
        else f"{_check_out(real[:2])}，整理工作现场"
    )
    return tuple(line for line in (checked(first, rank), *done, checked(last, rank)) if line)


def _desk_steps(done: list[str], equipment: tuple[str, ...], rank: int) -> tuple[str, ...]:
    software = "、".join([e for e in equipment if e.endswith(_DESK_TOOLS)][:2])
    first = "制订工作计划，明确任务要求，收集所需的资料和数据" + (
        f"，准备{software}" if software else ""
    )
    last = "对照评分表自检和互检，提交成果文件"
    return tuple(line for line in (checked(first, rank), *done, checked(last, rank)) if line)


_DESK_TOOLS = ("软件", "平台", "数据库")
_SOFTWARE = ("软件", "平台", "计算机", "终端", "数据库", "网络环境", "信息系统")
# Plant that stays in place: it is checked, not counted and put away ("清点和保养分馏塔").
_PLANT = ("塔", "窑", "炉", "釜", "罐", "槽", "池", "锅", "装置", "系统", "设施", "生产线")
_PORTABLE = ("具", "仪", "表", "计", "秤", "工具", "量具", "刀具", "索具", "用品")


def _check_out(named: list[str]) -> str:
    """How a project's equipment is left at the end: tools counted, machines serviced, plant
    checked."""
    listed = "、".join(named)
    if any(e.endswith(_PLANT) for e in named):
        return f"检查{listed}的状态"
    if all(e.endswith(_PORTABLE) for e in named):
        return f"清点和保养{listed}"
    return f"保养{listed}"


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


# A practical project's hours at each rank: a module's practice beyond them is done in its
# lessons (a 240-hour project of "油品计量" is no project a teacher sets).
_PROJECT_HOURS = {1: 24, 2: 40, 3: 48, 4: 56, 5: 64, 6: 72, 7: 80, 8: 80}
_SENIOR_RANK = 5
# Work a beginner does (preparing, weighing, feeding, conveying, cleaning): no project of a
# 技师 or 高级技师 is built on it while the level has other work.
_ENTRY_WORK = re.compile(
    r"准备$|准备工作|称重|称量|上料|领料|备料|投料|搬运|输送|清洗|清扫|清理|装卸"
)


def project_hours(practice_hours: float, rank: int) -> float:
    """The hours of the project on a module: its practice hours, at most the level's cap."""
    return min(practice_hours, _PROJECT_HOURS.get(rank, max(_PROJECT_HOURS.values())))


def _level_task(context: CourseContext, module: Module, rank: int) -> str:
    """The occupation's task the project is set in; at 技师 and above, not a beginner's."""
    facts = context.facts
    if facts and rank >= _SENIOR_RANK:
        senior = tuple(t for t in facts.tasks if not _ENTRY_WORK.search(t))
        facts = replace(facts, tasks=senior or facts.tasks)
    return ctx.best_task(facts, _module_texts(module))


def _project(plan: CoursePlan, number: int, module: Module, context: CourseContext) -> Project:
    rank = plan.level
    task = _level_task(context, module, rank)
    # the module's own work decides its hazards (a dispatcher who coordinates 供电 posts
    # does no live electrical work)
    definition = context.facts.definition if context.facts else ""
    text = "。".join([definition, task, plan.occupation_name, *_module_texts(module)])
    hazards = ctx.hazard_notes(plan.occupation_code, text)
    digital = not hazards and ctx.is_digital_work(context.facts, text, plan.occupation_code)
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
    hours = project_hours(module.practice_hours, rank)
    rubric = rubric_for(module, rank)
    result = _brief_result(module, rubric)
    brief = _brief(plan, module, f"{hours:g}学时", made, result)
    return Project(
        key=f"P{number}",
        title=checked(f"{module.title}综合实训", rank) or f"综合实训{number}",
        module=module.key,
        hours=hours,
        brief=brief,
        equipment=equipment,
        steps=_steps(
            module,
            rank,
            bool(set(hazards) - {ctx.CARE_NOTE}),
            digital,
            equipment,
            technical=any(w in setting for w in ("技术", "车间", "科研")),
            desk=ctx.desk_work(plan.occupation_code, definition, bool(hazards))
            or _desk_module(module),
        ),
        deliverables=_deliverables(module, digital, rank, _made(materials)),
        rubric=rubric,
        scenario=scenario,
        materials=materials,
        safety=hazards or (ctx.DATA_NOTES if digital else ()),
    )


def _desk_module(module: Module) -> bool:
    """Whether a module's work is all planning, design, analysis or service: no machine."""
    doing = [
        work.action_of(o.source).removeprefix("协助").removeprefix("参与")
        for ls in module.lessons
        for o in ls.objectives
        if o.kind == SKILL
    ]
    return bool(doing) and all(d.startswith(_DESK_VERBS) for d in doing)


_DESK_VERBS = (
    "制定", "制订", "编制", "编写", "撰写", "起草", "审核", "审查", "评审", "分析", "提出",
    "设计", "评价", "评估", "研究", "规划", "策划", "咨询", "辅导", "接待", "讲解", "宣传",
    "调解", "核算", "统计",
)  # fmt: skip


def _brief_result(module: Module, rubric: tuple[Criterion, ...]) -> str:
    """What the brief requires: the checkable result of the first scored requirement of the
    occupation's own work (not one of handling problems, which every work has)."""
    scored = {c.requirement for c in rubric}
    for objective in (o for ls in module.lessons for o in ls.objectives):
        action = work.action_of(objective.source)
        own = (
            work.skill_frame(objective.source).kind == "action"
            and not work.generic_work(action)
            and not action.startswith(_NOT_THE_WORK)
        )
        if objective.requirement in scored and own and (result := checkable_result(objective)):
            return result
    return ""


# Handling problems, improving or leading the work: every work has them, none is the work.
_NOT_THE_WORK = (
    "处理", "排除", "发现", "改进", "完善", "优化", "修订", "组织", "解决", "示范", "验证",
)  # fmt: skip


def _own_titles(module: Module, rank: int = 0) -> list[str]:
    """The module's lesson titles that name the occupation's work (not "质量管理", "培训"),
    at 技师 and above without a beginner's work where there is other work."""
    titles = [ls.title for ls in module.lessons if not work.generic_work(ls.title)]
    if rank >= _SENIOR_RANK:
        return [t for t in titles if not _ENTRY_WORK.search(t)] or titles
    return titles


def _senior_work(module: Module, rank: int) -> bool:
    """Whether a module has work for the level (at 技师 and above, more than a beginner's)."""
    titles = _own_titles(module)
    return rank < _SENIOR_RANK or any(not _ENTRY_WORK.search(t) for t in titles)


def _brief(plan: CoursePlan, module: Module, hours: str, made: str, result: str) -> str:
    """What the learner does, named by the module's own work, and what its first criterion
    checks; a module of management or training only is set in the work of the level's other
    modules ("围绕“光刻”的工作")."""
    rank, worker = plan.level, plan.occupation_name
    titles = _own_titles(module, rank)[:4]
    submit = f"提交{made}和作业记录，按{plan.level_name}的要求评分。"
    if result:
        submit = f"要求{result}；{submit}"
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
    modules = [m for m in modules if _senior_work(m, plan.level)] or modules
    # a module whose skill lines all failed the check has nothing to practise or score
    modules = [m for m in modules if rubric_for(m, plan.level)] or modules
    return tuple(_project(plan, n, module, known) for n, module in enumerate(modules, 1))


def _made(materials: tuple[str, ...]) -> str:
    """What the work turns out ("工件" from "待处理的工件"); "" when the materials do not say."""
    first = materials[0] if len(materials) > 1 else ""
    return first.removeprefix("待处理的")
