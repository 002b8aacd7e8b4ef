"""The textbook outline of a course plan: one chapter per module, one section per lesson.

A section has the lesson's summary, key points (the work its skills name, and the knowledge
requirements that name something definite) and exercises, and what a teacher's textbook has
besides: learning objectives (the requirements it covers, phrased as objectives), up to six key
concepts each explained in a paragraph (``concepts``: only what can really be explained), a
worked case built from a task of the occupation for the lessons of the work, review questions
(reviewed items of the bank when the caller passes them, else open questions about the work,
``questions``) and the references to the standard.

Every sentence composed here passes ``prose.clean`` at the plan's level: it is repaired where
it can be, otherwise left out or replaced by a plainer sentence.
"""

from __future__ import annotations

import re
from dataclasses import replace

from zhijiang_engine.curriculum import context as ctx
from zhijiang_engine.curriculum import questions, work
from zhijiang_engine.curriculum.concepts import section_concepts
from zhijiang_engine.curriculum.context import CourseContext
from zhijiang_engine.curriculum.materials import (
    ITEM_BANK,
    OPEN,
    PRACTICE,
    QUESTION,
    Case,
    Chapter,
    Exercise,
    Reference,
    ReviewItem,
    Section,
    Textbook,
)
from zhijiang_engine.curriculum.model import ETHICS, SKILL, CoursePlan, Lesson, Module, Objective
from zhijiang_engine.curriculum.prose import clean
from zhijiang_engine.curriculum.summary import said

MAX_QUESTIONS = 3
_BARE = frozenset({"设备", "工具", "仪器", "仪表", "材料", "软件", "系统"})  # "设备的使用知识"
_STEP_WORDS = ("先", "再", "最后")


def checked(text: str, rank: int) -> str | None:
    """The sentence repaired by the curriculum's check, or ``None`` to leave it out."""
    return clean(text, rank)


def task_of(objective: Objective) -> str:
    """A skill requirement as a task ("能独立标注…" → "标注…")."""
    return work.action_of(objective.source)


def _key_point(objective: Objective, rank: int) -> str | None:
    """A key point: the work a skill names (how it is done kept), or a knowledge requirement
    that names something definite (a bare "…的基本知识" is no key point)."""
    if work.generic_work(objective.source):
        return None  # "检验方案的编制方法", "为初级人员讲授…": the same in every standard
    if objective.kind == SKILL:
        action = work.action_of(objective.source)
        return checked(work.manner_of(objective.source) + action, rank) if action else None
    if work.shared_by_all(objective.source) or objective.kind == ETHICS:
        return None  # the objectives and references name them; as key points they say nothing
    frame = work.knowledge_frame(objective.source)
    if (
        frame.kind != "vague"
        and frame.object not in _BARE
        and not questions.only_kinds(frame.object)
    ):
        return checked(objective.source, rank)
    return None


def _exercise(
    objective: Objective, task: str, rank: int, hazardous: bool, desk: bool
) -> Exercise | None:
    if objective.kind == SKILL:
        line = questions.practice_text(objective, rank, desk=desk)
        return Exercise(objective.requirement, PRACTICE, line) if line else None
    line = questions.question_for(objective, task, rank, hazardous=hazardous)
    return Exercise(objective.requirement, QUESTION, line) if line else None


# -- case, questions ------------------------------------------------------------------------


def _case_step(objective: Objective, said: str) -> str:
    frame = work.skill_frame(objective.source)
    if frame.kind == "maintain":
        return "用后做好设备的日常维护" if frame.object in said else f"使用并维护{frame.object}"
    if frame.kind == "check":
        return f"检查{frame.object}的结果，纠正不符合要求之处"
    if frame.kind == "record":
        # "记录…的检测结果" already names what is written down: no "…的过程和结果" after it
        action = work.action_of(objective.source)
        return action if action.startswith(("记录", "填写")) else f"记录{frame.object}的过程和结果"
    return "" if frame.kind == "coach" else work.action_of(objective.source)


def _restated(clause: str, situation: str) -> bool:
    """Whether a step's clause says the situation's task again ("参与研究…产品" after
    "研究、设计…产品")."""
    helped = clause.startswith(("参与", "协助"))
    bare = clause.removeprefix("参与").removeprefix("协助")
    return clause in situation or (helped and said(bare, [situation]))


def _case_action(plan: CoursePlan, lesson: Lesson, situation: str) -> str | None:
    """What was done, step by step, without saying the task again; fewer steps where the full
    list does not read; ``None`` when every step only restates the task (no case then)."""
    skills = [o for o in lesson.objectives if o.kind == SKILL]
    steps: list[str] = []
    for objective in skills:
        step = _case_step(objective, situation + "".join(steps))
        fresh = [c for c in re.split(r"[，；]", step) if c and not _restated(c, situation)]
        step = "，".join(fresh)  # a step the situation already says adds nothing
        if step.startswith(("使用", "操作", "正确使用")) and said(step, [situation]):
            continue  # "使用拆卷上料设备" after "操作拆卷上料设备，拆开带材卷"
        if set(step) == set(lesson.title):
            continue  # "设计刀剑工艺品" in "刀剑工艺品设计" says the title again
        if step and step not in steps and len(steps) < 3:
            steps.append(step)
    manner = work.manner_of(skills[0].source) if skills else ""
    while steps:
        if len(steps) == 1:
            text = f"工作过程：{manner}{steps[0]}。"
        else:
            words = _STEP_WORDS if len(steps) == 3 else _STEP_WORDS[:1] + _STEP_WORDS[2:]
            joined = "，".join(w + s for w, s in zip(words, steps, strict=False))
            text = f"工作过程：{manner}{joined}。"
        if line := checked(text, plan.level):
            return line
        steps.pop()
    return None


def _case_result(lesson: Lesson, rank: int) -> str | None:
    for objective in lesson.objectives:
        frame = work.knowledge_frame(objective.source)
        if objective.kind != SKILL and frame.kind == "quality" and frame.object:
            line = checked(f"完成后对照{frame.object}的质量要求自检，结果合格，记录完整。", rank)
            if line:
                return line
    return checked(f"完成后对照“{lesson.title}”的操作要求自检，结果合格，记录完整。", rank)


_TEACHING = ("培训", "指导", "示范", "教学", "传授", "讲授", "带教")
_TEACHING_WORK = ("培训", "示范", "传授", "讲授", "带教", "教学")  # "指导用药" is a pharmacist's


def _teaching(lesson: Lesson) -> bool:
    """A lesson of training or guiding others: a case of it would be set in the occupation's
    own work and say "示范…的工作要领" ("完成后对照“指导”的操作要求自检")."""
    actions = [work.action_of(o.source) for o in lesson.objectives if o.kind == SKILL]
    title = lesson.title
    return (
        title.startswith(_TEACHING)
        or title.endswith(("培训", "指导与培训", "培训与指导"))
        or any(a.startswith(_TEACHING_WORK) for a in actions)
    )


def _case(plan: CoursePlan, lesson: Lesson, context: CourseContext) -> Case | None:
    """A worked case for a lesson of the work (the introduction's lessons have none)."""
    skills = [o for o in lesson.objectives if o.kind == SKILL]
    if not skills or all(work.generic_work(o.source) for o in skills) or _teaching(lesson):
        return None  # no case of "编写培训讲义" set in a task of the occupation's own work
    rank = plan.level
    facts = context.facts
    setting = ctx.setting_of(plan.occupation_code, ctx.setting_text(facts, plan.occupation_name))
    task = ctx.best_task(facts, [lesson.title, *(o.source for o in lesson.objectives)])
    situation = checked(f"{setting}接到一项任务：{task}。", rank) if task else None
    situation = situation or checked(f"{setting}安排了一项“{lesson.title}”工作。", rank)
    action = _case_action(plan, lesson, situation or "")
    result = _case_result(lesson, rank)
    if not (situation and action and result):
        return None
    return Case(situation, action, result)


def _lesson_task(lesson: Lesson, context: CourseContext, turn: int = 0) -> str:
    """The occupation's task a lesson teaches; for the introduction, a different task at each
    ``turn`` so that its ethics and safety questions name different work."""
    facts = context.facts
    if any(o.kind == SKILL for o in lesson.objectives) or not (facts and facts.tasks):
        return ctx.best_task(facts, [lesson.title])
    return facts.tasks[turn % len(facts.tasks)].strip("。")


def _hazardous(plan: CoursePlan, context: CourseContext) -> bool:
    return bool(ctx.physical_hazard_notes(plan.occupation_code, ctx.work_text(context.facts)))


def _questions(plan: CoursePlan, lesson: Lesson, context: CourseContext) -> tuple[ReviewItem, ...]:
    ids = {r for o in lesson.objectives for r, _ in o.covers}
    banked = [
        ReviewItem(q.requirement, q.text, ITEM_BANK)
        for q in context.review_questions
        if q.requirement in ids and q.text.strip()
    ][:MAX_QUESTIONS]
    if banked:
        return tuple(banked)
    items: list[ReviewItem] = []
    # the work first: skill requirements ask about doing it, knowledge ones about knowing it
    ordered = sorted(lesson.objectives, key=lambda o: o.kind != SKILL)
    for turn, objective in enumerate(ordered):
        task = _lesson_task(lesson, context, turn + 1)
        line = questions.question_for(
            objective, task, plan.level, hazardous=_hazardous(plan, context)
        )
        if line and line not in (i.text for i in items):
            items.append(ReviewItem(objective.requirement, line, OPEN))
        if len(items) == MAX_QUESTIONS:
            break
    # the introduction: each principle it covers, tied to a task; the laws' questions read the
    # same in every occupation's textbook and are left out
    if not items:
        covered = [
            replace(o, requirement=r, source=t) for o in lesson.objectives for r, t in o.covers
        ]
        for turn, objective in enumerate(covered):
            line = _principle_question(plan, lesson, context, objective, turn)
            if line and line not in (i.text for i in items) and len(items) < 2:
                items.append(ReviewItem(objective.requirement, line, OPEN))
    return tuple(items)


def _principle_question(
    plan: CoursePlan, lesson: Lesson, context: CourseContext, objective: Objective, turn: int
) -> str | None:
    """The question for one principle of the code, on the first of the occupation's tasks
    (from ``turn`` on) that it has a concrete answer for (data security on a data task)."""
    count = len(context.facts.tasks) if context.facts else 1
    for step in range(max(count, 1)):
        task = _lesson_task(lesson, context, turn + 1 + step)
        hazardous = _hazardous(plan, context)
        if line := questions.question_for(objective, task, plan.level, hazardous=hazardous):
            return line
    return None


def _section(
    plan: CoursePlan, chapter: int, number: int, module: Module, lesson: Lesson,
    context: CourseContext,
) -> Section:  # fmt: skip
    rank = plan.level
    tasks = [_lesson_task(lesson, context, turn) for turn in range(len(lesson.objectives))]
    hazardous = _hazardous(plan, context)
    asked = _questions(plan, lesson, context)
    definition = context.facts.definition if context.facts else ""
    desk = ctx.desk_work(plan.occupation_code, definition, hazardous)
    exercises = (
        _exercise(o, t, rank, hazardous, desk)
        for o, t in zip(lesson.objectives, tasks, strict=True)
    )  # a review question set again as an exercise is left out of the exercises
    return Section(
        number=f"{chapter}.{number}",
        title=lesson.title,
        lesson=lesson.key,
        summary=(checked(lesson.summary, rank) or "") if lesson.summary else "",
        key_points=tuple(dict.fromkeys(p for o in lesson.objectives if (p := _key_point(o, rank)))),
        exercises=tuple(e for e in exercises if e and e.text not in {q.text for q in asked}),
        objectives=tuple(t for o in lesson.objectives if (t := checked(o.text, rank))),
        concepts=section_concepts(
            plan, lesson, context, define_occupation=(chapter, number) == (1, 1)
        ),
        case=_case(plan, lesson, context),
        questions=asked,
        references=tuple(Reference(r, t) for o in lesson.objectives for r, t in o.covers),
    )


def textbook_outline(plan: CoursePlan, context: CourseContext | None = None) -> Textbook:
    """A textbook outline in the plan's order: chapters per module, sections per lesson."""
    known = context or CourseContext()
    chapters = tuple(
        Chapter(
            number=c,
            title=module.title,
            module=module.key,
            sections=tuple(
                _section(plan, c, s, module, lesson, known)
                for s, lesson in enumerate(module.lessons, 1)
            ),
        )
        for c, module in enumerate(plan.modules, 1)
    )
    title = f"{plan.occupation_name}（{plan.level_name}）培训教程"
    return Textbook(title, plan.occupation_code, plan.level, chapters)
