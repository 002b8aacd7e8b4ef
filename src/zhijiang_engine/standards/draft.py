"""A first draft of an occupational standard (标准初稿), written offline from the occupation's
definition and main tasks (主要工作任务) in the classification.

The draft follows the shape of a national occupational standard: basic requirements (职业道德,
基础知识), then per level work functions → work contents → skill and knowledge requirements
graded from "能在指导下…" to "能主持…技术攻关", 培训与指导 from 技师 and 技术管理 from 高级技师,
and the weights tables. It is deterministic: the same facts always give the same document.
It is a starting point for the experts who write the standard, not a finished one.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from zhijiang_engine.standards import phrases as ph
from zhijiang_engine.standards.levels import NATIONAL_RANKS, level_by_rank
from zhijiang_engine.standards.schema import (
    Requirement,
    StandardDocument,
    StandardLevel,
    WorkContent,
    WorkFunction,
)

_MAX_TASKS = 20
_MAX_CONTENTS = 4
_MAX_FUNCTIONS = 5
_BASIC_WEIGHT = {1: 25, 2: 20, 3: 15, 4: 10, 5: 5, 6: 5, 7: 5, 8: 5}
# The theory and skill share of each of 培训与指导 and 技术管理, where a level has them.
_SPECIAL_WEIGHT = {5: 10, 6: 10, 7: 15, 8: 15}
_MAX_LINKS = 4


@dataclass(frozen=True)
class OccupationFacts:
    """What the classification says about an occupation."""

    code: str  # e.g. "4-04-05-05"
    name: str  # e.g. "人工智能训练师" (no trailing S/L marker)
    definition: str  # 职业定义, may be ""
    tasks: tuple[str, ...]  # 主要工作任务, one sentence each, may be empty
    is_digital: bool = False
    is_green: bool = False


@dataclass(frozen=True)
class _Work:
    """One work function before it is graded into levels."""

    title: str
    contents: tuple[ph.Phrase, ...]


def standard_draft_offline(
    facts: OccupationFacts,
    *,
    ranks: Sequence[int] = NATIONAL_RANKS,
    vocabulary: Sequence[str] = (),
) -> StandardDocument:
    """Draft a standard for ``facts`` at ``ranks``, linking requirements to ``vocabulary``."""
    chosen = sorted(set(ranks))
    if not chosen or any(rank not in _BASIC_WEIGHT for rank in chosen):
        raise ValueError(f"ranks must be levels 1 to 8, got {list(ranks)!r}")
    labels = tuple(dict.fromkeys(label.strip() for label in vocabulary if label.strip()))
    works = _plan(facts)
    return StandardDocument(
        occupation_code=facts.code.strip(),
        occupation_name=facts.name.strip(),
        definition=facts.definition.strip(),
        ethics=ethics(facts.code, is_digital=facts.is_digital, is_green=facts.is_green),
        basic_knowledge=basic_knowledge(
            facts.name, facts.definition, is_digital=facts.is_digital, is_green=facts.is_green
        ),
        levels=tuple(_level(works, rank, labels) for rank in chosen),
        overview=overview(facts.code, facts.name, facts.definition, chosen, facts.is_digital),
    )


# --- From tasks to work functions -------------------------------------------------------------


def _plan(facts: OccupationFacts) -> list[_Work]:
    units = [u for task in facts.tasks if (u := ph.parse_task(task)) is not None][:_MAX_TASKS]
    if len(units) >= 2:
        works = _works_from_tasks(units)
    else:
        items = [p for main, others in units for p in (*others, main)]
        items += [
            p for p in ph.definition_phrases(facts.definition) if p.title not in _titles(items)
        ]
        works = _works_from_items(items)
    return _distinct(works)


def _titles(items: Sequence[ph.Phrase]) -> set[str]:
    return {p.title for p in items}


def _works_from_tasks(units: list[tuple[ph.Phrase, tuple[ph.Phrase, ...]]]) -> list[_Work]:
    """Neighbouring tasks that share an object and a kind of work share a function."""
    mains = [main for main, _ in units]
    count = len(mains)
    strong = sum(_similarity(a, b) >= 4 for a, b in itertools.pairwise(mains))
    wanted = count if count <= _MAX_FUNCTIONS else (count + 1) // 2 + 1
    wanted = max(2, min(_MAX_FUNCTIONS, wanted, count - strong))
    works = []
    for group in _partition(mains, wanted):
        singles = [_single(*units[i]) for i in group]
        if len(singles) == 1:
            works.append(singles[0])
            continue
        parts: list[ph.Phrase] = []
        for phrase in (p for work in singles for p in work.contents):
            if phrase.title not in _titles(parts):
                parts.append(phrase)
        contents = tuple(parts) if len(parts) <= _MAX_CONTENTS else tuple(mains[i] for i in group)
        works.append(_Work(_group_title(contents), contents))
    return works


def _single(main: ph.Phrase, others: tuple[ph.Phrase, ...]) -> _Work:
    """A task of its own: its verbs (or its other clauses) become the contents."""
    parts = ph.split_phrase(main)
    kept = list(others[: max(0, _MAX_CONTENTS - len(parts))])
    acts = {p.act for p in kept}
    parts = [replace(p, extra=tuple(a for a in p.extra if a not in acts)) for p in parts]
    contents: list[ph.Phrase] = []
    for phrase in [*kept, *parts]:
        if phrase.title not in _titles(contents):
            contents.append(phrase)
    return _Work(main.title, tuple(contents))


# Stand-ins when an occupation names too little work for two functions.
_PREPARE = ph.Phrase(
    "做好作业前的准备工作", ("准备",), "作业", "作业", "作业准备", "作业准备", "prepare"
)
_CHECK = ph.Phrase(
    "检查作业质量并记录结果",
    ("检查",),
    "作业质量",
    "作业质量",
    "作业质量检查",
    "质量检查",
    "inspect",
)


def _works_from_items(items: list[ph.Phrase]) -> list[_Work]:
    """Functions from a definition's items (or a lone task's clauses): two or three of them."""
    if len(items) >= 4:
        groups = _partition(items, 2 if len(items) <= 5 else 3)
        return [
            _Work(
                items[g[0]].title if len(g) == 1 else _group_title([items[i] for i in g]),
                tuple(items[i] for i in g),
            )
            for g in groups
        ]
    works = [_Work(p.title, tuple(ph.split_phrase(p))) for p in items]
    if len(works) < 2:
        works.insert(0, _Work("工作准备", (_PREPARE,)))
        works.append(_Work("质量检查与记录", (_CHECK,)))
    return works


def _similarity(a: ph.Phrase, b: ph.Phrase) -> float:
    score = 2.0 if a.family == b.family else 0.0
    common = _common_part([a.head, b.head])
    if (
        len(common) >= 2
        and common not in ph.GENERIC
        and (len(common) >= 4 or not ph.is_work(common))
    ):
        score += 2.0
    if set(a.verbs) & set(b.verbs):
        score += 1.0
    return score


def _partition(items: Sequence[ph.Phrase], wanted: int) -> list[list[int]]:
    """Consecutive groups (1–4 items each) that keep similar neighbours together."""
    count = len(items)
    groups = max(1, min(count, max(wanted, -(-count // _MAX_CONTENTS))))
    links = [_similarity(items[i], items[i + 1]) for i in range(count - 1)]
    ideal = count / groups
    # best[g][i]: (score, cut points) for items[i:] in g groups
    best: dict[tuple[int, int], tuple[float, tuple[int, ...]]] = {(0, count): (0.0, ())}
    for left in range(1, groups + 1):
        for start in range(count - 1, -1, -1):
            options = []
            for size in range(1, _MAX_CONTENTS + 1):
                rest = best.get((left - 1, start + size))
                if rest is None:
                    continue
                inner = sum(links[start : start + size - 1]) - 0.6 * (size - ideal) ** 2
                options.append((inner + rest[0], (start + size, *rest[1])))
            if options:
                best[(left, start)] = max(options, key=lambda option: option[0])
    cuts = (0, *best[(groups, 0)][1])
    return [list(range(cuts[i], cuts[i + 1])) for i in range(len(cuts) - 1)]


def _common_part(texts: Sequence[str]) -> str:
    """The longest substring (2+ characters) every text shares, "" when none."""
    shortest = min(texts, key=len, default="")
    for size in range(len(shortest), 1, -1):
        for start in range(len(shortest) - size + 1):
            part = shortest[start : start + size]
            if all(part in text for text in texts) and not re.search(r"[和与及、的]", part):
                return part
    return ""


def _group_title(items: Sequence[ph.Phrase]) -> str:
    """A function's title from its contents: the object they share with their first verbs, the
    tool they share ("车床操作"), their kind ("工作准备"), or the first two joined."""
    common = _common_part([p.head for p in items])
    verbs = list(dict.fromkeys(p.verbs[0] for p in items if p.verbs))
    families = list(dict.fromkeys(p.family for p in items))
    if len(common) >= 4 and ph.is_work(common):  # "调理操作"
        return common
    suffix = "与".join(verbs[:2]) or ph.work_word(items[0].title) or "作业"
    if len(common) >= 2 and common not in ph.GENERIC and not common.endswith(suffix[:2]):
        title = common + suffix
        return title if len(title) <= 12 else common + suffix[:2]
    tool = _common_part([ph.tool_of(p.means) for p in items])
    if len(tool) >= 2 and families[0] == "operate":
        return tool + "操作"
    if families == ["prepare"]:
        return "工作准备"
    keys = [p.key or p.title for p in items[:2]]
    suffix = _common_suffix(keys)
    prefix = _common_suffix([k[::-1] for k in keys])[::-1]
    if not all(ph.at_boundary(k, len(prefix)) for k in keys):
        prefix = ""
    if not all(ph.at_boundary(k, len(k) - len(suffix)) for k in keys):
        suffix = ""
    middles = [k[len(prefix) : len(k) - len(suffix)] for k in keys]
    joined = prefix + "与".join(middles) + suffix if all(middles) else "与".join(keys)
    if len(joined) <= 12:
        return joined
    base = ph.short_head(items[0].head)
    label = ph.FAMILY_LABEL[families[0]]
    if len(families) == 1:
        return base if base.endswith(label) else base + label
    return "与".join(ph.FAMILY_LABEL[f] for f in families[:2])


def _common_suffix(texts: Sequence[str]) -> str:
    """The ending (2+ characters) every text shares ("用药护理", "临终护理" → "护理"), if any."""
    size = 0
    shortest = min(map(len, texts), default=0)
    while size < shortest - 1 and len({t[-size - 1] for t in texts}) == 1:
        size += 1
    return texts[0][len(texts[0]) - size :] if size >= 2 else ""


def _distinct(works: list[_Work]) -> list[_Work]:
    """No two functions with one title: a repeated one takes its first content's title."""
    seen: set[str] = set()
    result = []
    for number, work in enumerate(works, 1):
        title = work.title
        for candidate in (title, *(p.title for p in work.contents), f"{title[:16]}（{number}）"):
            if candidate not in seen:
                title = candidate
                break
        seen.add(title)
        result.append(replace(work, title=title))
    return result


# --- Levels -----------------------------------------------------------------------------------


def _for_rank(works: list[_Work], rank: int) -> list[_Work]:
    """Design-type work (设计, 制订, 优化 …) starts at 中级工, where two functions remain."""
    if rank > 2:
        return works
    kept = []
    for work in works:
        contents = tuple(p for p in work.contents if p.family != "design")
        dropped = {p.title for p in work.contents} - {p.title for p in contents}
        if contents:
            title = contents[0].title if work.title in dropped else work.title
            kept.append(_Work(title, contents))
    return _distinct(kept) if len(kept) >= 2 else works


def _links(text: str, context: str, labels: Sequence[str], fallback: str) -> tuple[str, ...]:
    """The vocabulary labels found in a requirement (longest first), else ``fallback``."""
    haystack = f"{text} {context}".casefold()
    hits = sorted((lb for lb in labels if lb.casefold() in haystack), key=lambda lb: -len(lb))
    chosen: list[str] = []
    for label in hits:
        if not any(label.casefold() in other.casefold() for other in chosen):
            chosen.append(label)
    return tuple(chosen[:_MAX_LINKS]) or (fallback,)


def _content(
    title: str, key: str, lines: tuple[list[str], list[str]], context: str, labels: Sequence[str]
) -> WorkContent:
    def requirements(texts: list[str]) -> tuple[Requirement, ...]:
        return tuple(Requirement(t, _links(t, f"{title} {context}", labels, key)) for t in texts)

    return WorkContent(title, requirements(lines[0]), requirements(lines[1]))


def _shares(total: int, sizes: Sequence[int]) -> list[int]:
    """``total`` split in proportion to ``sizes`` by largest remainder (sums exactly)."""
    whole = sum(sizes)
    floors = [total * size // whole for size in sizes]
    order = sorted(range(len(sizes)), key=lambda i: (-(total * sizes[i] % whole), i))
    for i in order[: total - sum(floors)]:
        floors[i] += 1
    return floors


def _level(works: list[_Work], rank: int, labels: Sequence[str]) -> StandardLevel:
    chosen = _for_rank(works, rank)
    specials = special_functions(rank)
    fixed = _SPECIAL_WEIGHT.get(rank, 0)
    basic = _BASIC_WEIGHT[rank]
    sizes = [len(work.contents) for work in chosen]
    theory = _shares(100 - basic - fixed * len(specials), sizes)
    skill = _shares(100 - fixed * len(specials), sizes)
    functions = []
    for i, work in enumerate(chosen):
        contents = tuple(
            _content(
                p.title,
                _key(p),
                (skill_lines(p, rank), knowledge_lines(p, rank)),
                work.title,
                labels,
            )
            for p in work.contents
        )
        functions.append(WorkFunction(work.title, theory[i], skill[i], contents))
    for title, items in specials:
        contents = tuple(_content(t, k, lines, title, labels) for t, k, lines in items)
        functions.append(WorkFunction(title, fixed, fixed, contents))
    return StandardLevel(rank=rank, basic_weight=basic, functions=tuple(functions))


def _key(phrase: ph.Phrase) -> str:
    return phrase.key if len(phrase.key) >= 2 else phrase.title[:8]


# --- Requirement text -------------------------------------------------------------------------

_RULE = {"serve": "按服务规范", "design": "按要求", "analyze": "按要求", "manage": "按要求"}
_CHECK_LINE = {
    "inspect": "能判断{object}是否符合要求，并填写{doing}记录",
    "maintain": "能发现{topic}中的常见故障并排除",
    "serve": "能根据服务对象的具体情况调整{topic}的方式",
    "design": "能收集和整理{topic}所需的资料",
}
_SKILLS = {
    1: ("能在师傅指导下辅助{act}", "能在师傅指导下做好{topic}的准备和清理工作"),
    2: ("能在指导下{rule}{act}", "{record}"),
    3: ("能独立{act}", "{check}"),
    4: ("能{brief}，并处理{doing}过程中的常见问题", "{choose}"),
    5: ("{plan}", "能查找{topic}中存在的问题并提出改进措施"),
    6: (
        "{improve}",
        "能解决{topic}中的疑难问题",
        "能引进和推广{topic}的新技术、新方法",
    ),
    7: (
        "能主持{topic}技术攻关",
        "能制定{topic}的技术标准与作业规范",
        "能开发{topic}的新工艺、新方法",
    ),
    8: (
        "能主持{topic}重大技术攻关与技术创新",
        "能主持制定{topic}的行业技术标准",
        "能研判{topic}的技术发展方向",
    ),
}
_EXTRA = {2: "能在指导下{extra}", 3: "能独立{extra}", 4: "能{extra}，并检查其结果"}
_KNOWLEDGE = {
    1: ("{topic}的基本知识", "{tool_basics}"),
    2: ("{topic}的基本知识", "{tool_use}"),
    3: ("{topic}的方法", "{quality}的质量要求"),
    4: ("{topic}的原理与要求", "{topic}常见问题的处理方法"),
    5: ("{topic}的技术规范与标准", "{plan_knowledge}"),
    6: ("{topic}的发展趋势与前沿技术", "{improve_knowledge}"),
    7: ("{topic}技术攻关的组织与管理方法", "{topic}新技术、新工艺的研究方法"),
    8: ("{topic}领域的前沿技术与发展趋势", "行业技术标准的制定程序与方法"),
}


_CHOOSE = ("能根据工作要求选择合适的{topic}方法", "能根据{head}的特点选择合适的{doing}方法")
_PLAN = ("能制定{topic}方案并组织实施", "能组织{topic}工作并审核其成果")
_PLAN_KNOWLEDGE = ("{topic}方案的编制方法", "{topic}成果的评审方法")
_IMPROVE = ("能优化{topic}的流程与方法", "能评估{topic}的效果并持续改进")
_IMPROVE_KNOWLEDGE = ("{topic}流程优化的方法", "{topic}效果的评估方法")


def _slots(p: ph.Phrase) -> dict[str, str]:
    """What the templates fill in for one work content."""
    tool = ph.tool_of(p.means)
    act = p.means + p.act if len(p.means) + len(p.act) <= 36 else p.act
    brief = "和".join(p.verbs[:2]) + p.head if p.verbs else "进行" + p.title
    designed = p.family == "design" or p.title.endswith("方案")
    improved = p.title.endswith(("优化", "改进"))
    return {
        "act": act if len(act) <= 40 else brief,
        "brief": brief,
        "doing": "与".join(p.verbs[:2]) if p.verbs else (ph.work_word(p.title) or "作业"),
        "topic": p.title,
        "head": p.head,
        "object": p.head if p.verbs else f"{p.title}的结果",
        "rule": _RULE.get(p.family, "按操作规程"),
        "record": f"能正确使用和维护{tool}" if tool else "能按要求记录{topic}的过程和结果",
        "check": _CHECK_LINE.get(p.family, "能检查{topic}的结果，发现并纠正不符合要求的情况"),
        "choose": _CHOOSE[bool(p.verbs)],
        "tool_basics": f"{tool}的使用常识" if tool else "安全操作常识",
        "tool_use": f"{tool}的使用方法" if tool else "{topic}的操作规程",
        "quality": p.head if p.verbs else p.title,
        "plan": _PLAN[designed],
        "plan_knowledge": _PLAN_KNOWLEDGE[designed],
        "improve": _IMPROVE[improved],
        "improve_knowledge": _IMPROVE_KNOWLEDGE[improved],
    }


def _fill(template: str, slots: dict[str, str]) -> str:
    for _ in range(2):  # slots may hold slots ("{check}" → "…{topic}…")
        template = re.sub(r"\{(\w+)\}", lambda m: slots.get(m.group(1), m.group(0)), template)
    return template


def skill_lines(p: ph.Phrase, rank: int) -> list[str]:
    slots = _slots(p)
    lines = [_fill(t, slots) for t in _SKILLS[rank]]
    if rank in _EXTRA and p.extra:
        lines.append(_EXTRA[rank].replace("{extra}", p.extra[0]))
    return list(dict.fromkeys(lines))[:3]


def knowledge_lines(p: ph.Phrase, rank: int) -> list[str]:
    slots = _slots(p)
    return list(dict.fromkeys(_fill(t, slots) for t in _KNOWLEDGE[rank]))


# Per level: 培训 skills / knowledge / 指导 skills / knowledge, items split at "|".
_TRAINING = {
    5: "能编写培训讲义|能对初级工、中级工、高级工进行理论知识和操作技能培训"
    "/培训讲义的编写方法|培训教学的基本方法"
    "/能指导初级工、中级工、高级工进行实际操作|能示范操作要领并纠正错误操作/技能指导的方法与要求",
    6: "能编写培训大纲和培训计划|能对技师及以下级别人员进行培训"
    "/培训大纲的编写方法|培训效果的评估方法"
    "/能指导技师及以下级别人员解决实际操作中的难题|能指导技师开展技术革新/技术指导的方法与要求",
    7: "能设计本职业培训课程体系|能对高级技师及以下级别人员进行培训"
    "/培训课程体系的设计方法|培训质量的评估方法"
    "/能通过带徒传技培养高技能人才|能指导高级技师开展技术攻关和技术创新/带徒传技的方法与要求",
    8: "能主持开发本职业培训课程和教材|能对特级技师及以下级别人员进行培训"
    "/培训课程与教材开发的方法|高技能人才培养的规律与方法"
    "/能主持技能大师工作室等人才培养平台|能指导特级技师开展重大技术攻关"
    "/高技能人才培养平台的运行与管理知识",
}
# Per level: 质量管理 skills / knowledge / 技术改进 skills / knowledge.
_MANAGEMENT = {
    6: "能制定质量管理措施|能对作业质量进行分析并提出改进方案/质量管理的基本知识|质量分析与控制方法"
    "/能撰写技术总结和技术论文|能提出技术改进方案并组织实施/技术总结与论文的撰写方法|技术革新的方法与途径",
    7: "能建立本岗位质量管理体系|能组织开展质量攻关/质量管理体系的建立与运行知识|全面质量管理方法"
    "/能主持技术改进与创新项目|能推广新技术、新工艺、新方法/技术创新项目的管理方法|新技术推广应用的方法",
    8: "能主持制定本职业质量管理体系|能评审重大质量问题的解决方案"
    "/质量管理体系的设计方法|质量管理的相关标准"
    "/能主持重大技术改进与创新项目|能规划本职业技术发展路线/技术发展规划的编制方法|科技成果转化的相关知识",
}
Special = tuple[str, str, tuple[list[str], list[str]]]  # title, key skill, (skills, knowledge)


def _pair(table: dict[int, str], rank: int, titles: tuple[str, str]) -> tuple[Special, ...]:
    parts = [part.split("|") for part in table[rank].split("/")]
    return (
        (titles[0], titles[0], (parts[0], parts[1])),
        (titles[1], titles[1], (parts[2], parts[3])),
    )


def special_functions(rank: int) -> list[tuple[str, tuple[Special, ...]]]:
    """培训与指导 from 技师 (rank 5) and 技术管理 from 高级技师 (rank 6)."""
    result = []
    if rank >= 5:
        result.append(("培训与指导", _pair(_TRAINING, rank, ("培训", "指导"))))
    if rank >= 6:
        result.append(("技术管理", _pair(_MANAGEMENT, rank, ("质量管理", "技术改进"))))
    return result


# --- Basic requirements and overview ----------------------------------------------------------

_LAWS = ("《中华人民共和国劳动法》", "《中华人民共和国劳动合同法》", "《中华人民共和国安全生产法》")
_DIGITAL_LAWS = (
    "《中华人民共和国网络安全法》",
    "《中华人民共和国数据安全法》",
    "《中华人民共和国个人信息保护法》",
)
_GREEN_LAWS = ("《中华人民共和国环境保护法》",)
_NUMERALS = "零一二三四五六七八"
_HOURS = {1: 160, 2: 120, 3: 100, 4: 80, 5: 60, 6: 40, 7: 40, 8: 40}


def ethics(code: str, *, is_digital: bool, is_green: bool) -> tuple[str, ...]:
    items = ["职业道德基本知识", "遵纪守法，爱岗敬业", "严谨细致，精益求精", "诚实守信，团结协作"]
    items.append("节约资源，绿色低碳" if is_green else "安全生产，保护环境")
    if is_digital:
        items.append("保守秘密，维护数据安全")
    elif code.startswith("4-"):
        items.append("文明礼貌，热情服务")
    return tuple(items)


def basic_knowledge(
    name: str, definition: str, *, is_digital: bool, is_green: bool
) -> tuple[str, ...]:
    items = []
    term = ph.name_term(name)
    if term and term != name:
        items.append(f"{term}基础知识")
    items += [f"{tool}的使用知识" for tool in ph.tools_in(definition)[:2]]
    items += [f"{p.title}基础知识" for p in ph.definition_phrases(definition)[:2]]
    if is_digital:
        items += ["计算机与网络应用基础知识", "信息安全与数据保护知识"]
    if is_green:
        items.append("节能减排与生态环境保护知识")
    items += ["安全生产与职业健康知识", "质量管理基础知识"]
    laws = _LAWS + (_DIGITAL_LAWS if is_digital else ()) + (_GREEN_LAWS if is_green else ())
    items += [f"{law}相关知识" for law in laws]
    return tuple(dict.fromkeys(items))


def _level_name(rank: int) -> str:
    level = level_by_rank(rank)
    return f"{level.national}/{level.name_zh}" if level.national else level.name_zh


def _environment(code: str, text: str) -> str:
    outdoor = re.search(
        r"野外|户外|室外|巡护|森林|草地|海洋|海上|道路|田间|施工|露天|水域|林区|矿山", text
    )
    indoor = re.search(r"室内|车间|机房|实验室|办公|中心|机构|场所|门店", text)
    place = "室内外" if outdoor and indoor else "室外" if outdoor else "室内"
    noisy = "，部分作业存在噪声、粉尘" if code.startswith("6-") else ""
    return f"{place}，常温{noisy}"


def _abilities(code: str, is_digital: bool) -> str:
    if is_digital:
        return "具有一定的学习能力、逻辑思维与分析判断能力、表达能力和计算能力"
    if code.startswith(("5-", "6-")):
        return "具有一定的学习能力、计算能力和空间感，手指、手臂灵活，动作协调"
    if code.startswith("4-"):
        return "具有一定的学习能力、语言表达能力和人际沟通能力，手指、手臂灵活，动作协调"
    return "具有一定的学习能力、表达能力、分析判断能力和计算能力"


def overview(
    code: str, name: str, definition: str, ranks: Sequence[int], is_digital: bool
) -> dict[str, str]:
    names = "、".join(_level_name(rank) for rank in ranks)
    return {
        "definition": definition.strip() or f"从事{name}相关工作的人员。",
        "levels": f"本职业共设{_NUMERALS[len(ranks)]}个等级，分别为：{names}。",
        "environment": _environment(code, definition),
        "abilities": _abilities(code, is_digital),
        "education": "高中毕业（或同等学力）" if is_digital else "初中毕业（或相当文化程度）",
        "training_hours": "；".join(f"{_level_name(r)}不少于{_HOURS[r]}标准学时" for r in ranks)
        + "。",
    }
