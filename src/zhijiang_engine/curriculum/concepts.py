"""Key concepts of a textbook section, each explained in a paragraph that says what it is.

An explanation is drawn from what is known about the thing, never from where the standard
files it: a linked skill's Chinese description; the occupation's task the lesson teaches
("“原料气加压”是…的一项工作：操作压缩机…"); the items a task lists for a head noun ("工艺参数"
→ 温度、压力、纯度); the occupation's definition; and for the introduction, what the code of
ethics asks, tied to one of the occupation's tasks, and safety knowledge with the occupation's
own hazard (the laws every standard lists give no concept: the same paragraph everywhere). A
concept with nothing real to say is left out (a section then has fewer concepts, or none),
never explained by a filler sentence.
"""

from __future__ import annotations

from collections.abc import Iterator

from zhijiang_engine.curriculum import context as ctx
from zhijiang_engine.curriculum import work
from zhijiang_engine.curriculum.context import CourseContext
from zhijiang_engine.curriculum.materials import Concept
from zhijiang_engine.curriculum.model import (
    BASIC_KNOWLEDGE,
    ETHICS,
    SKILL,
    CoursePlan,
    Lesson,
)
from zhijiang_engine.curriculum.prose import clean, paragraph
from zhijiang_engine.curriculum.questions import physical_work
from zhijiang_engine.standards.lexicon import tag as lint_tags

MAX_CONCEPTS = 6
_LONGEST_TASK = 18
Candidate = tuple[str, list[str]]  # (term, sentences of its explanation)

_ETHICS: tuple[tuple[str, str, str], ...] = (
    ("严谨细致",
     "工作一丝不苟，按规程逐项操作、逐项核对，不放过细节，并不断改进工作质量。",
     "例如{task}时，每一步都要核对，发现偏差及时纠正。"),
    ("诚实守信",
     "如实记录和报告工作情况，不弄虚作假，信守承诺；与同事分工配合、互相支持。",
     "例如{task}时，如实记录情况，出现问题如实报告。"),
    ("安全生产",
     "牢固树立安全第一的意识，遵守安全操作规程；节约能源和材料，按规定处置废弃物。",
     "例如{task}前，先确认作业环境、设备和防护措施符合安全要求。"),
)  # fmt: skip
# "遵纪守法" and "文明礼貌" explain themselves in words that fit every occupation: no concept.
_HEADS = (
    "参数", "指标", "设备", "装置", "器材", "仪器", "工具", "材料", "原料", "产品", "作物",
    "资料", "文件", "数据", "信息", "用品", "药品", "食品", "零件", "部件", "构件", "课程",
    "课", "设施", "器具", "车辆", "物品", "服务", "疾病", "病",
)  # fmt: skip


def _opening_of(source: str) -> str:
    """What a skill requirement asks of the level before its work ("在指导下按操作规程")."""
    action = work.action_of(source)
    head = source.strip().removeprefix("能")
    return head[: head.find(action)] if action and action in head else ""


def _restates(title: str, task: str) -> bool:
    """Whether the task only says the title again ("“掘进前准备”…：掘进前的准备工作")."""
    pieces = {title[i : i + 2] for i in range(len(title) - 1)}
    rest = task.removesuffix("工作")
    reordered = set(title) - {"的"} == set(rest) - {"的"}  # "火灾损失统计": 统计火灾损失
    return reordered or all(p in task for p in pieces) or all(p in title for p in _pieces(rest))


def _pieces(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1) if "的" not in text[i : i + 2]}


def _work_concept(plan: CoursePlan, lesson: Lesson, task: str) -> Candidate | None:
    """The lesson's work, explained by the occupation's task it comes from."""
    if not task or work.generic_work(lesson.title) or _restates(lesson.title, task):
        return None  # "“技术指导”是…的一项工作：编制剧场…" explains a heading by another task
    first = [f"“{lesson.title}”是{plan.occupation_name}的一项工作：{task}。"]
    skill = next((o for o in lesson.objectives if o.kind == SKILL), None)
    if skill is not None and (opening := _opening_of(skill.source)):
        first.append(f"对{plan.level_name}的要求是{opening}完成这项工作。")
    return lesson.title, first


def _listed_things(items: str) -> bool:
    """Whether a list reads as things of a kind: not a clause split badly ("用声法、电法、
    放射性" before "等仪器" lists methods after a verb)."""
    parts = items.split("、")
    # "验收、计量矿石" before "等原料" lists the work done on it
    verbs = [p for p in parts if all(f.startswith("v") for _, f in lint_tags(p))]
    return not (parts[0].startswith(_NOT_ITEMS) or any(p.endswith("法") for p in parts) or verbs)


_NOT_ITEMS = ("用", "以", "按", "对", "在", "将", "把", "经", "由", "通过", "采用", "利用")


def _parameter_concepts(lesson: Lesson, task: str) -> Iterator[Candidate]:
    texts = [task, *(o.source for o in lesson.objectives if o.kind == SKILL)]
    for text in texts:
        for items, head in work.parameters_in(text):
            if head.endswith(_HEADS) and len(items) <= 30 and _listed_things(items):
                yield head, [f"在“{lesson.title}”中，“{head}”指{items}等。"]


# The clause after a tool that is no work done with it: "操作集控系统，记录生产数据" records
# with the system, it does not turn anything into something; "检测仪器用于检测涂层" says the
# tool's name again.
_NOT_USES = (
    "记录", "填写", "检测", "检验", "检查", "监测", "监视", "监控", "测量", "测定", "观察",
    "查询", "录入", "统计", "上报", "报告", "确认", "核对", "判断", "分析", "完成", "进行",
    "处理", "做好", "保证", "确保", "满足", "达到", "符合",
)  # fmt: skip


def tool_use(tool: str, use: str) -> bool:
    """Whether ``use`` is work done with ``tool`` on a material or a piece of work (not a
    record kept, a check made, or the tool's own name said again)."""
    use = use.removeprefix("对").removeprefix("将")
    verb = use[:2]
    return not (use.startswith(_NOT_USES) or verb in tool or "数据" in use or "信息" in use)


def _equipment_concepts(lesson: Lesson) -> Iterator[Candidate]:
    """Equipment a skill operates, with what it is used for ("削片机用于对小径原木…削片")."""
    for objective in lesson.objectives:
        found = work.equipment_use(work.action_of(objective.source))
        if objective.kind == SKILL and found and len(found[0]) >= 3:  # not a bare "设备"
            tool, use = found
            if not tool_use(tool, use):
                continue
            sentences = [f"{tool}用于{use}。"]
            known = [o.source for o in lesson.objectives if o.kind != SKILL]
            if any(tool in k and "结构与工作原理" in k for k in known):
                sentences.append("学习时要了解它的结构和工作原理，按操作规程使用。")
            yield tool, sentences


def _skill_concepts(lesson: Lesson, context: CourseContext, task: str) -> Iterator[Candidate]:
    """Linked skills the platform describes in Chinese (English descriptions are not quoted)."""
    for label in lesson.skills:
        info = context.skill(label)
        term = (info.label_zh if info and info.label_zh else label).strip()
        if not (info and term and len(term) <= 20):
            continue
        described = info.description and ctx.chinese(info.description)
        if described and (sentence := ctx.first_sentence(info.description)):
            yield term, [f"“{term}”：{sentence}。"]
        elif info.is_tool and task:
            yield term, [f"{term}是在“{work.first_clause(task)}”中使用的工具或软件。"]


def _ethics_concepts(
    plan: CoursePlan, lesson: Lesson, tasks: tuple[str, ...]
) -> Iterator[Candidate]:
    for n, objective in enumerate(lesson.objectives):
        source = objective.source.rstrip("。")
        for word, meaning, example in _ETHICS:
            if word in source:
                task = work.first_clause(tasks[n % len(tasks)]) if tasks else ""
                if len(task) > _LONGEST_TASK or (word == "安全生产" and not physical_work(task)):
                    break  # a long task buries the principle; paperwork has no such hazard
                tied = example.format(occupation=plan.occupation_name, task=task) if task else ""
                # "操作外延炉等设备" + "等日常工作" would say 等 twice
                tied = tied.replace(f"{task}等日常", f"{task}的日常") if "等" in task else tied
                # the principle alone reads the same for every occupation: only with the work
                if tied and clean(tied, plan.level):
                    yield source, [meaning, tied]
                break


def _basic_concepts(lesson: Lesson, code: str, work_text: str) -> Iterator[Candidate]:
    """Safety knowledge with the occupation's own hazard; the laws and basics every standard
    lists are left to the objectives (the same paragraph in every textbook says nothing)."""
    for objective in lesson.objectives:
        source = objective.source.rstrip("。")
        if "安全生产与职业健康" in source:
            digital = ctx.is_digital_work(None, work_text, code)
            notes = ctx.hazard_notes(code, work_text) or (ctx.DATA_NOTES[:1] if digital else ())
            if not notes:
                continue  # a hazard the work's words do not name is not made up
            yield (
                source,
                [
                    "安全生产与职业健康知识包括作业中的危险因素、职业危害及其预防和应急处置。",
                    f"本职业的要点是{notes[0].split('：', 1)[-1]}。",
                ],
            )


def _candidates(plan: CoursePlan, lesson: Lesson, context: CourseContext) -> Iterator[Candidate]:
    facts = context.facts
    task = ctx.best_task(facts, [lesson.title], least=2)
    yield from _skill_concepts(lesson, context, task)
    kinds = {o.kind for o in lesson.objectives}
    if kinds == {ETHICS}:
        yield from _ethics_concepts(plan, lesson, facts.tasks if facts else ())
    elif kinds == {BASIC_KNOWLEDGE}:
        yield from _basic_concepts(lesson, plan.occupation_code, ctx.work_text(facts))
    else:
        if found := _work_concept(plan, lesson, task):
            yield found
        yield from _equipment_concepts(lesson)
        yield from _parameter_concepts(lesson, task)
    if clause := ctx.definition_clause(facts):
        yield plan.occupation_name, [f"{plan.occupation_name}是{clause}。"]


def section_concepts(
    plan: CoursePlan, lesson: Lesson, context: CourseContext, *, define_occupation: bool
) -> tuple[Concept, ...]:
    """Up to six concepts with real explanations (none when nothing real is known); the
    occupation itself is defined only where ``define_occupation`` (once in a textbook)."""
    concepts: list[Concept] = []
    for term, sentences in _candidates(plan, lesson, context):
        if len(concepts) == MAX_CONCEPTS or any(c.term == term for c in concepts):
            continue
        if term == plan.occupation_name and not define_occupation:
            continue  # the same definition in every section is filler
        if clean(term + "。", plan.level) != term + "。":
            continue
        explanation = paragraph(sentences, plan.level)
        if explanation and sentences[0] and clean(sentences[0], plan.level):
            concepts.append(Concept(term, explanation))
    return tuple(concepts)
