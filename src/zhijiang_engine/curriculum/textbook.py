"""The textbook outline of a course plan: one chapter per module, one section per lesson.

A section has the lesson's summary, key points and exercises, and what a teacher's textbook
has besides: learning objectives (the requirements it covers, phrased as objectives), 3–6 key
concepts each explained in a paragraph (from the linked skill's Chinese description or label,
the requirement and the occupation's task or definition; English descriptions are never
quoted), a worked case built from a task of the occupation, review questions (reviewed items of
the bank when the caller passes them, else open questions from the requirements) and the
references to the standard.

Every sentence composed here passes the linguistic check of ``standards.lint`` at the plan's
level: it is repaired where it can be, otherwise left out or replaced by a plainer sentence.
"""

from __future__ import annotations

from collections.abc import Sequence

from zhijiang_engine.curriculum import context as ctx
from zhijiang_engine.curriculum.context import CourseContext
from zhijiang_engine.curriculum.materials import (
    ITEM_BANK,
    OPEN,
    PRACTICE,
    QUESTION,
    Case,
    Chapter,
    Concept,
    Exercise,
    Reference,
    ReviewItem,
    Section,
    Textbook,
)
from zhijiang_engine.curriculum.model import (
    BASIC_KNOWLEDGE,
    ETHICS,
    KNOWLEDGE,
    SKILL,
    CoursePlan,
    Lesson,
    Module,
    Objective,
)
from zhijiang_engine.standards import lint

MIN_CONCEPTS, MAX_CONCEPTS = 3, 6
MAX_QUESTIONS = 3
_KIND_WORDS = {
    ctx.TECHNICAL: "专业技能",
    ctx.KNOWLEDGE_KIND: "专业知识",
    ctx.TRANSVERSAL: "通用能力",
}


def checked(text: str, rank: int) -> str | None:
    """The sentence repaired by the linguistic check, or ``None`` to leave it out."""
    line, _ = lint.checked(text, rank)
    return line


def _paragraph(sentences: Sequence[str], rank: int) -> str:
    return "".join(s for sentence in sentences if sentence and (s := checked(sentence, rank)))


def task_of(objective: Objective) -> str:
    """A skill requirement as a task ("能独立标注…" → "标注…")."""
    text = objective.source.removeprefix("能")
    for opening in ("独立", "在指导下", "熟练", "正确"):
        text = text.removeprefix(opening)
    return text.rstrip("。")


def _exercise(objective: Objective, rank: int) -> Exercise | None:
    if objective.kind == SKILL:
        text = f"实操练习：{objective.source.removeprefix('能')}，并记录操作过程与结果。"
        line = checked(text, rank)
        return Exercise(objective.requirement, PRACTICE, line) if line else None
    line = checked(f"简述：{objective.source}。", rank)
    return Exercise(objective.requirement, QUESTION, line) if line else None


# -- key concepts ---------------------------------------------------------------------------


def _skill_sentence(info: ctx.SkillInfo | None, label: str, occupation: str, lesson: str) -> str:
    described = bool(info and info.description and ctx.chinese(info.description))
    if described and info and (sentence := ctx.first_sentence(info.description)):
        return f"“{label}”：{sentence}。"
    what = "工具或软件" if info and info.is_tool else _KIND_WORDS.get(info.kind if info else "", "")
    return f"“{label}”是{occupation}在“{lesson}”中运用的{what or '技能'}。"


def _concept_candidates(
    plan: CoursePlan, module: Module, lesson: Lesson, context: CourseContext
) -> list[tuple[str, list[str]]]:
    """(term, first sentences of its explanation) in the order a teacher would pick them."""
    occupation = plan.occupation_name
    found: list[tuple[str, list[str]]] = []
    for label in lesson.skills:
        info = context.skill(label)
        term = (info.label_zh if info and info.label_zh else label).strip()
        # an English label is named only for a tool or software ("Python"), never a skill
        named = ctx.has_chinese(term) or bool(info and info.is_tool)
        if term and named and len(term) <= 20:
            found.append((term, [_skill_sentence(info, term, occupation, lesson.title)]))
    for objective in lesson.objectives:
        source = objective.source.rstrip("。")
        if len(source) > 30:
            continue
        if objective.kind in (KNOWLEDGE, BASIC_KNOWLEDGE) or source.endswith("知识"):
            found.append((source, [f"“{source}”是“{lesson.title}”要求掌握的知识。"]))
        elif objective.kind == ETHICS:
            found.append((source, [f"“{source}”是{occupation}应当遵守的职业守则。"]))
    for objective in lesson.objectives:
        task = task_of(objective)
        if objective.kind == SKILL and len(task) <= 24:
            found.append((task, [f"“{task}”是“{lesson.title}”要求的操作技能。"]))
    found.append((lesson.title, [f"“{lesson.title}”是“{module.title}”中的一项工作内容。"]))
    if module.title != lesson.title:
        found.append((module.title, [f"“{module.title}”是{occupation}的一项职业功能。"]))
    if clause := ctx.definition_clause(context.facts):
        found.append((occupation, [f"{occupation}是{clause}。"]))
    return found


def _explanation(
    opening: list[str], term: str, lesson: Lesson, context: CourseContext, plan: CoursePlan,
    used: set[str],
) -> str:  # fmt: skip
    """The opening, the requirement the term comes from, and the occupation's work it serves
    (a task or the definition, said once per section so concepts do not repeat each other)."""
    related = [o for o in lesson.objectives if term in o.source or term in o.skills]
    skill = next((o for o in related if o.kind == SKILL), None)
    knowledge = next((o for o in related if o.kind != SKILL), None)
    sentences = list(opening)
    if skill is not None:
        sentences.append(f"标准要求{plan.level_name}{skill.source.rstrip('。')}。")
    elif knowledge is not None and knowledge.source != term:
        sentences.append(f"标准要求{knowledge.text.rstrip('。')}。")
    task = ctx.best_task(context.facts, [term], least=2)
    clause = ctx.definition_clause(context.facts)
    if task and task not in used:
        used.add(task)
        sentences.append(f"在实际工作中，它服务于“{task}”这项任务。")
    elif clause and clause not in used and not sentences[0].endswith(clause + "。"):
        used.add(clause)
        sentences.append(f"{plan.occupation_name}是{clause}。")
    return _paragraph(sentences, plan.level)


def _concepts(
    plan: CoursePlan, module: Module, lesson: Lesson, context: CourseContext
) -> tuple[Concept, ...]:
    concepts: list[Concept] = []
    used: set[str] = set()
    for term, opening in _concept_candidates(plan, module, lesson, context):
        if len(concepts) == MAX_CONCEPTS or any(c.term == term for c in concepts):
            continue
        named = checked(term + "。", plan.level)
        if named is None or named.rstrip("。") != term:
            continue  # a term the check had to change would not match its explanation
        explanation = _explanation(opening, term, lesson, context, plan, used)
        if explanation:
            concepts.append(Concept(term, explanation))
    return tuple(concepts)


# -- case, questions, references ------------------------------------------------------------


def _case(plan: CoursePlan, lesson: Lesson, context: CourseContext) -> Case | None:
    about = [lesson.title, *(o.source for o in lesson.objectives)]
    text = ctx.work_text(context.facts, [plan.occupation_name, lesson.title])
    setting = ctx.setting_of(plan.occupation_code, text)
    task = ctx.best_task(context.facts, about)
    rank = plan.level
    situation = checked(f"{setting}接到一项任务：{task}。", rank) if task else None
    situation = situation or checked(f"{setting}需要完成“{lesson.title}”的工作。", rank)
    tasks = [t for o in lesson.objectives if o.kind == SKILL and (t := task_of(o))][:2]
    worker = f"{plan.occupation_name}（{plan.level_name}）"
    if len(tasks) == 2:
        action = f"{worker}按“{lesson.title}”的要求，先{tasks[0]}，再{tasks[1]}。"
    elif tasks:
        action = f"{worker}按“{lesson.title}”的要求，{tasks[0]}。"
    elif ethics := [o.source for o in lesson.objectives if o.kind == ETHICS][1:3]:
        action = f"{worker}在完成任务的过程中做到{'；'.join(ethics)}。"
    else:
        known = "和".join(f"“{o.source}”" for o in lesson.objectives[:2])
        action = f"{worker}在工作中运用{known}，按规范完成这项工作。" if known else ""
    action_line = checked(action, rank) if action else None
    action_line = action_line or checked(f"{worker}按“{lesson.title}”的要求完成这项工作。", rank)
    result = checked(
        f"结果：工作按要求完成，经复核符合“{lesson.title}”的要求，过程与结果记录完整。", rank
    ) or checked("结果：工作按要求完成，经复核合格，过程与结果记录完整。", rank)
    if not (situation and action_line and result):
        return None
    return Case(situation, action_line, result)


def _questions(plan: CoursePlan, lesson: Lesson, context: CourseContext) -> tuple[ReviewItem, ...]:
    ids = {o.requirement for o in lesson.objectives}
    banked = [
        ReviewItem(q.requirement, q.text, ITEM_BANK)
        for q in context.review_questions
        if q.requirement in ids and q.text.strip()
    ][:MAX_QUESTIONS]
    if banked:
        return tuple(banked)
    rank, items = plan.level, list[ReviewItem]()
    for objective in lesson.objectives:
        if objective.kind == SKILL:
            text = f"请说明{task_of(objective)}的步骤和注意事项。"
        elif objective.kind in (KNOWLEDGE, BASIC_KNOWLEDGE) or objective.source.endswith("知识"):
            text = f"请结合实例说明{objective.source.rstrip('。')}。"
        else:
            text = f"请举例说明如何在工作中做到“{objective.source.rstrip('。')}”。"
        if (line := checked(text, rank)) and line not in (i.text for i in items):
            items.append(ReviewItem(objective.requirement, line, OPEN))
        if len(items) == MAX_QUESTIONS:
            break
    if len(items) < 2 and (
        line := checked(f"请说明“{lesson.title}”在{plan.occupation_name}工作中的作用。", rank)
    ):
        items.append(ReviewItem("", line, OPEN))
    return tuple(items)


def _section(
    plan: CoursePlan, chapter: int, number: int, module: Module, lesson: Lesson,
    context: CourseContext,
) -> Section:  # fmt: skip
    rank = plan.level
    return Section(
        number=f"{chapter}.{number}",
        title=lesson.title,
        lesson=lesson.key,
        summary=(checked(lesson.summary, rank) or "") if lesson.summary else "",
        key_points=tuple(p for o in lesson.objectives if (p := checked(o.source, rank))),
        exercises=tuple(e for o in lesson.objectives if (e := _exercise(o, rank))),
        objectives=tuple(t for o in lesson.objectives if (t := checked(o.text, rank))),
        concepts=_concepts(plan, module, lesson, context),
        case=_case(plan, lesson, context),
        questions=_questions(plan, lesson, context),
        references=tuple(Reference(o.requirement, o.source) for o in lesson.objectives),
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
