"""A first draft of an occupational standard (标准初稿), written offline from the occupation's
definition and main tasks (主要工作任务) in the classification.

The draft follows the shape of the standard of the occupation's ladder: a 国家职业标准 (五级/初级工
… 一级/高级技师, with 培训与指导 from 技师 and 技术管理 from 高级技师) for workers, a 国家职业技术
技能标准 (初级, 中级, 高级, with 技术指导与培训 at 高级) for the professionals of 大类 2: basic
requirements (职业道德, 基础知识), then per level work functions → work contents → skill and
knowledge requirements, and the weights tables. Production occupations group their work by phase
(``draft_phases``); the others by neighbouring tasks. It is deterministic: the same facts always
give the same document. It is a starting point for the experts who write the standard.

This module turns tasks into work functions and grades them into levels; the requirement lines
are in ``draft_lines``, the fixed text (培训, 技术管理, basic requirements, overview) in
``draft_text``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from zhijiang_engine.skills_vocabulary import is_generic_term
from zhijiang_engine.standards import lint
from zhijiang_engine.standards import phrases as ph
from zhijiang_engine.standards.draft_lines import (
    is_generic_line,
    is_technical,
    requirement_lines,
)
from zhijiang_engine.standards.draft_parts import PHASES, named_works, routine, well_formed
from zhijiang_engine.standards.draft_phases import is_process, main_title, works_by_phase
from zhijiang_engine.standards.draft_text import (
    bare,
    basic_knowledge,
    ethics,
    field_of,
    overview,
    special_functions,
)
from zhijiang_engine.standards.draft_titles import common_part, group_title
from zhijiang_engine.standards.draft_weights import level_weights
from zhijiang_engine.standards.levels import Ladder, ladder_levels, ladder_of, standard_ranks
from zhijiang_engine.standards.lexicon import tag
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
GENERATOR_VERSION = "standards/4"
_MAX_TASKS = 20
_MAX_CONTENTS = 4
_MAX_FUNCTIONS = 5
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
    ranks: Sequence[int] | None = None,
    vocabulary: Sequence[str] = (),
) -> StandardDocument:
    """Draft a standard for ``facts`` at ``ranks`` (by default the levels a national standard
    on the occupation's ladder covers), linking requirements to ``vocabulary``."""
    ladder = ladder_of(facts.code)
    chosen = sorted(set(standard_ranks(ladder) if ranks is None else ranks))
    allowed = {level.rank for level in ladder_levels(ladder)}
    if not chosen or any(rank not in allowed for rank in chosen):
        off = [rank for rank in chosen if rank not in allowed] or list(chosen)
        raise ValueError(
            f"ranks {off!r} are not levels of the {ladder} ladder (levels {sorted(allowed)!r})"
        )
    labels = tuple(dict.fromkeys(label.strip() for label in vocabulary if label.strip()))
    works = _plan(facts)
    work = _main_work(facts, ladder, works)
    drafted = [_level(works, rank, labels, ladder, work, facts.code, facts.name) for rank in chosen]
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
    phased = works_by_phase(facts.code, facts.name, units) if len(units) >= 3 else []
    if phased:
        works = [_Work(title, contents) for title, contents in phased]
    elif len(units) >= 2:
        works = _works_from_tasks(units)
    else:
        items = [p for main, others in units for p in (*others, main)]
        items += [
            p for p in ph.definition_phrases(facts.definition) if p.title not in _titles(items)
        ]
        works = _works_from_items(items, _stand_in_work(facts.name, facts.code))
    return _distinct(works)


def _titles(items: Sequence[ph.Phrase]) -> set[str]:
    return {p.title for p in items}


def _works_from_tasks(units: list[tuple[ph.Phrase, tuple[ph.Phrase, ...]]]) -> list[_Work]:
    """Neighbouring tasks that share an object and a kind of work share a function."""
    mains = [main for main, _ in units]
    count = len(mains)
    strong = sum(_similarity(a, b) >= 4 for a, b in itertools.pairwise(mains))
    # a function holds two or three tasks, as a standard's functions do, not one sentence each
    wanted = max(2, min(_MAX_FUNCTIONS, -(-count // 2), count - strong))
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
        works.append(_Work(group_title(contents), contents))
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


def _stand_in_work(name: str, code: str) -> str:
    """The occupation's work as its stand-ins name it: short enough to read as an object."""
    work = main_title(name, is_process(code))
    if work.startswith("本职业"):  # a placeholder names no work: no stand-ins on it
        return ""
    if len(work) <= 8:
        return work
    term = ph.name_term(name)
    return term + "工作" if 2 <= len(term) <= 6 else ""


def _stand_in_works(name: str, code: str) -> list[str]:
    """The names of the occupation's work stand-ins may use, best first; never a placeholder."""
    names = (
        _stand_in_work(name, code),
        field_of(name),
        ph.name_term(name),
        main_title(name, is_process(code)),
    )
    return [n for n in dict.fromkeys(names) if 2 <= len(n) <= 12 and not n.startswith("本职业")]


def _stand_ins(work: str) -> list[_Work]:
    """A stand-in when an occupation names too little work for its own functions: preparing
    the occupation's own work ("试验作业准备"), named as a noun, so that a name that starts with
    a verb (试验) still reads as the object. No stand-in for checking: "…工作结果检查" does not
    say what is checked, so a committee could not accept it."""
    prepare = ph.Phrase(
        "做好" + work + "前的准备工作", (), work, work, work + "准备", work + "准备",
        "prepare",
    )  # fmt: skip
    return [_Work("工作准备", (prepare,))]


def _works_from_items(items: list[ph.Phrase], work: str) -> list[_Work]:
    """Functions from a definition's items (or a lone task's clauses): two or three of them."""
    if len(items) >= 4:
        groups = _partition(items, 2 if len(items) <= 5 else 3)
        return [
            _Work(
                items[g[0]].title if len(g) == 1 else group_title([items[i] for i in g]),
                tuple(items[i] for i in g),
            )
            for g in groups
        ]
    works = [_Work(p.title, tuple(ph.split_phrase(p))) for p in items]
    if len(works) < 2:
        works = [*_stand_ins(work), *works]
    return works


def _similarity(a: ph.Phrase, b: ph.Phrase) -> float:
    score = 2.0 if a.family == b.family else 0.0
    common = common_part([a.head, b.head])
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
    process: bool = False
    strict: bool = True  # routine work only at the lower levels
    used: set[str] = field(default_factory=set)  # the level's lines so far: none twice

    def lines(self, texts: Sequence[str], function: str, content: str) -> list[str]:
        kept: list[str] = []
        for text in texts:
            line, found = lint.checked(text, self.rank)
            if line is None:
                reasons = tuple(f"{p.rule}: {p.reason}" for p in found)
                self.left_out.append(LeftOut(self.rank, function, content, text, reasons))
            elif line not in kept and line not in self.used:
                kept.append(line)
                self.used.add(line)
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


def _level(
    works: list[_Work],
    rank: int,
    labels: Sequence[str],
    ladder: Ladder,
    work: str,
    code: str,
    name: str,
) -> tuple[StandardLevel, list[LeftOut]]:
    """One level, every line checked: a content that loses its skill (or knowledge) lines is
    left out, then a function that loses its contents; weights follow what remains."""
    check = _Checked(rank, [], process=is_process(code))
    planned = _for_rank(works, rank) if ladder is Ladder.WORKER else works
    built = _checked_functions(planned, check, labels, ladder)
    if not built:  # only routine work: it stays at this level rather than nothing
        built = _checked_functions(planned, replace(check, strict=False), labels, ladder)
    specials = [
        (title, contents)
        for title, items in special_functions(
            rank,
            work,
            ladder,
            process=check.process,
            field=field_of(name),
            technical=is_technical(code, work, field_of(name)),
            contents=named_works(
                content.title
                for function in sorted(built, key=lambda function: function[0] in PHASES)
                for content in function[1]
            ),
        )
        if (contents := tuple(c for i in items if (c := check.content(title, i, labels))))
    ]
    # none of its own work survived: stand-ins on its work's name; the neutral 本职业工作 only
    # as the last resort that keeps a level without 培训 or 技术管理 a valid one
    neutral = () if specials else ("本职业工作",)
    for stand_in in (*_stand_in_works(name, code), *neutral):
        for mode in (check, replace(check, strict=False)):
            built = built or _checked_functions(_stand_ins(stand_in), mode, labels, ladder)
    weights = level_weights(
        rank=rank, ladder=ladder, specials=len(specials), sizes=[len(c) for _, c in built]
    )
    functions = [
        WorkFunction(title, weights.theory[i], weights.skill[i], contents)
        for i, (title, contents) in enumerate(built)
    ]
    functions += [
        WorkFunction(title, theory, skill, contents)
        for (title, contents), theory, skill in zip(
            specials, weights.special_theory, weights.special_skill, strict=True
        )
    ]
    level = StandardLevel(rank=rank, basic_weight=weights.basic, functions=tuple(functions))
    return level, check.left_out


def _checked_functions(
    works: Sequence[_Work], check: _Checked, labels: Sequence[str], ladder: Ladder
) -> list[tuple[str, tuple[WorkContent, ...]]]:
    """The functions with their checked contents; the one line per level that would fit any
    occupation goes to the first content that can take it."""
    built: list[tuple[str, tuple[WorkContent, ...]]] = []
    generic = True
    turns: dict[str, int] = {}
    for work in works:
        title = _title(work.title)
        if title in {t for t, _ in built}:
            title = work.title
        items = []
        for p in work.contents:
            turn = turns.get(p.family, 0)
            turns[p.family] = turn + 1
            lines = requirement_lines(
                p,
                check.rank,
                ladder,
                process=check.process,
                generic=generic,
                turn=turn,
                strict=check.strict,
            )
            generic = generic and not any(is_generic_line(t) for t in (*lines[0], *lines[1]))
            items.append((p.title, _key(p), lines))
        contents = tuple(c for item in items if (c := check.content(title, item, labels)))
        if contents:
            built.append((title, contents))
    return built


def _main_work(facts: OccupationFacts, ladder: Ladder, works: Sequence[_Work]) -> str:
    """The occupation's work as its 培训 and 技术管理 lines name it: the work its name says
    ("印章制作"), else its first cleanly parsed piece of work ("型面切削加工")."""
    title = main_title(facts.name, is_process(facts.code))
    if title.startswith("本职业"):  # a placeholder, not the occupation's work
        title = ""
    # "硫酸生产" of 硫酸生产工 is its name; "整模脱模生产" only a stand-in for one
    # "营销工作" of 营销员 names the work as a whole, better than one garbled task; "咖啡工作"
    # of 咖啡师 names a thing, not work
    own_name = title and (
        len(title) > 4
        or not title.endswith(("生产", "工作"))
        or facts.name.startswith(title)
        or (
            title.endswith("工作")
            and not is_process(facts.code)
            and tag(title[:-2])[-1][1] in {"v", "vn"}
        )
    )
    if ladder is Ladder.WORKER and own_name:
        return title
    functions = (
        w.title
        for w in works
        if ladder is Ladder.WORKER and w.title not in PHASES and ph.is_work(w.title)
        and 4 <= len(w.title) <= 10 and "（" not in w.title
    )  # fmt: skip
    own = (
        p.title
        for work in works
        for p in work.contents
        if well_formed(p) and p.verbs and not routine(p) and len(p.title) <= 10
        and not bare(p.title) and not bare(p.head)
        and not re.search(r"指导|培训|支持|咨询|人员", p.title)
    )  # fmt: skip
    field = field_of(facts.name)
    technical = "技术工作" if is_technical(facts.code, field) else "工作"
    fallback = title if ladder is Ladder.WORKER else field + technical
    return next(functions, next(own, fallback))


def _title(title: str) -> str:
    """The title with a cut-off bracket or a doubled word ("种类监测监测") repaired, if it can."""
    return lint.repair(title) or title


def _key(phrase: ph.Phrase) -> str:
    return phrase.key if len(phrase.key) >= 2 else phrase.title[:8]
