"""A first draft of an occupational standard (标准初稿), written offline from the occupation's
definition and main tasks (主要工作任务) in the classification.

The draft follows the shape of a national occupational standard: basic requirements (职业道德,
基础知识), then per level work functions → work contents → skill and knowledge requirements
graded from "能在指导下…" to "能主持…技术攻关", 培训与指导 from 技师 and 技术管理 from 高级技师,
and the weights tables. It is deterministic: the same facts always give the same document.
It is a starting point for the experts who write the standard, not a finished one.

This module turns tasks into work functions and grades them into levels; the fixed text (the
requirement templates, 培训与指导, 技术管理, basic requirements and overview) is in ``draft_text``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from zhijiang_engine.skills_vocabulary import is_generic_term
from zhijiang_engine.standards import lint
from zhijiang_engine.standards import phrases as ph
from zhijiang_engine.standards.draft_text import (
    basic_knowledge,
    ethics,
    knowledge_lines,
    overview,
    skill_lines,
    special_functions,
)
from zhijiang_engine.standards.levels import NATIONAL_RANKS
from zhijiang_engine.standards.schema import (
    LeftOut,
    Requirement,
    StandardDocument,
    StandardLevel,
    WorkContent,
    WorkFunction,
)

# Which drafter wrote a standard, for the bureau's quality review (analytics): raise it whenever
# what the drafter writes changes, so acceptance rates of the old and new text stay apart.
GENERATOR_VERSION = "standards/1"
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
    drafted = [_level(works, rank, labels) for rank in chosen]
    return StandardDocument(
        occupation_code=facts.code.strip(),
        occupation_name=facts.name.strip(),
        definition=facts.definition.strip(),
        ethics=ethics(facts.code, is_digital=facts.is_digital, is_green=facts.is_green),
        basic_knowledge=basic_knowledge(
            facts.name, facts.definition, is_digital=facts.is_digital, is_green=facts.is_green
        ),
        levels=tuple(level for level, _ in drafted),
        overview=overview(facts.code, facts.name, facts.definition, chosen, facts.is_digital),
        left_out=tuple(item for _, left_out in drafted for item in left_out),
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
    """The vocabulary labels found in a requirement (longest first), else ``fallback`` (the
    content's own term, a candidate skill for the committee) unless that is a word every
    occupation shares (培训, 指导, 技术改进): then none, never a bare generic word."""
    haystack = f"{text} {context}".casefold()
    hits = sorted(
        (lb for lb in labels if lb.casefold() in haystack and not is_generic_term(lb)),
        key=lambda lb: -len(lb),
    )
    chosen: list[str] = []
    for label in hits:
        if not any(label.casefold() in other.casefold() for other in chosen):
            chosen.append(label)
    if chosen:
        return tuple(chosen[:_MAX_LINKS])
    return () if is_generic_term(fallback) else (fallback,)


def _content(
    title: str, key: str, lines: tuple[list[str], list[str]], context: str, labels: Sequence[str]
) -> WorkContent:
    def requirements(texts: list[str]) -> tuple[Requirement, ...]:
        return tuple(Requirement(t, _links(t, f"{title} {context}", labels, key)) for t in texts)

    return WorkContent(title, requirements(lines[0]), requirements(lines[1]))


@dataclass(frozen=True)
class _Checked:
    """A level's requirement lines after the linguistic check: kept (repaired where it could)
    and left out for the expert."""

    rank: int
    left_out: list[LeftOut]

    def lines(self, texts: Sequence[str], function: str, content: str) -> list[str]:
        kept: list[str] = []
        for text in texts:
            line, found = lint.checked(text, self.rank)
            if line is None:
                reasons = tuple(f"{p.rule}: {p.reason}" for p in found)
                self.left_out.append(LeftOut(self.rank, function, content, text, reasons))
            elif line not in kept:
                kept.append(line)
        return kept

    def content(
        self,
        function: str,
        item: tuple[str, str, tuple[list[str], list[str]]],
        labels: Sequence[str],
    ) -> WorkContent | None:
        """The work content with its checked lines; ``None`` when no skill line (or no
        knowledge line) survives, so that the content is left out rather than emptied."""
        title, key, (skills, knowledge) = item
        title = _title(title)
        kept = (self.lines(skills, function, title), self.lines(knowledge, function, title))
        return _content(title, key, kept, function, labels) if all(kept) else None


def _shares(total: int, sizes: Sequence[int]) -> list[int]:
    """``total`` split in proportion to ``sizes`` by largest remainder (sums exactly)."""
    whole = sum(sizes)
    floors = [total * size // whole for size in sizes]
    order = sorted(range(len(sizes)), key=lambda i: (-(total * sizes[i] % whole), i))
    for i in order[: total - sum(floors)]:
        floors[i] += 1
    return floors


def _level(
    works: list[_Work], rank: int, labels: Sequence[str]
) -> tuple[StandardLevel, list[LeftOut]]:
    """One level, every line checked: a content that loses its skill (or knowledge) lines is
    left out, then a function that loses its contents; weights follow what remains."""
    check = _Checked(rank, [])
    built = _checked_functions(_for_rank(works, rank), check, labels)
    if not built:  # nothing of the occupation's own work survived: the stand-ins remain
        stand_ins = [_Work("工作准备", (_PREPARE,)), _Work("质量检查与记录", (_CHECK,))]
        built = _checked_functions(stand_ins, check, labels)
    specials = special_functions(rank)
    fixed = _SPECIAL_WEIGHT.get(rank, 0)
    basic = _BASIC_WEIGHT[rank]
    sizes = [len(contents) for _, contents in built]
    theory = _shares(100 - basic - fixed * len(specials), sizes)
    skill = _shares(100 - fixed * len(specials), sizes)
    functions = [
        WorkFunction(title, theory[i], skill[i], contents)
        for i, (title, contents) in enumerate(built)
    ]
    for title, items in specials:
        contents = tuple(c for item in items if (c := check.content(title, item, labels)))
        functions.append(WorkFunction(title, fixed, fixed, contents))
    return StandardLevel(rank=rank, basic_weight=basic, functions=tuple(functions)), check.left_out


def _checked_functions(
    works: Sequence[_Work], check: _Checked, labels: Sequence[str]
) -> list[tuple[str, tuple[WorkContent, ...]]]:
    built: list[tuple[str, tuple[WorkContent, ...]]] = []
    for work in works:
        title = _title(work.title)
        if title in {t for t, _ in built}:
            title = work.title
        items = [
            (p.title, _key(p), (skill_lines(p, check.rank), knowledge_lines(p, check.rank)))
            for p in work.contents
        ]
        contents = tuple(c for item in items if (c := check.content(title, item, labels)))
        if contents:
            built.append((title, contents))
    return built


def _title(title: str) -> str:
    """The title with a cut-off bracket or a doubled word ("种类监测监测") repaired, if it can."""
    return lint.repair(title) or title


def _key(phrase: ph.Phrase) -> str:
    return phrase.key if len(phrase.key) >= 2 else phrase.title[:8]
