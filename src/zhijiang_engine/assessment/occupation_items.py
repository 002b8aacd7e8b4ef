"""Offline items about the occupation itself: what its work is, drawn from the national
classification (职业定义 and 主要工作任务) of the occupation and of its neighbours.

Every item is correct by construction, never a question about where a standard files a
requirement: the key is the occupation's own definition or task, the distractors are the
definitions' owners next to it in the classification (same 小类, else 中类) or tasks of
occupations of the same 大类 but another 中类, kept only when they share little wording with
anything the occupation does and none of its rarer words ("熨烫"), and name some work of their
own (never "巡检、维护设备，处理故障", which is anyone's): a distractor is never also right. An
item goes to the skill requirement of the level whose wording is closest to its task, else to
the first basic knowledge requirement (职业概况 is basic knowledge).

Two kinds test knowledge beyond the classification's lists: the tools its tasks name and what
each is for (``knowledge_items``), and the laws every standard lists as basic knowledge
(``law_items``, a quarter of a batch at most). No kind takes more than half of a batch that
has room for the others.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from zhijiang_engine.assessment.drafting import MULTIPLE, TRUE_FALSE, ItemDraft
from zhijiang_engine.assessment.knowledge_items import (
    OPTIONS,
    char_pairs,
    closest_requirement,
    single_choice,
    tool_items,
)
from zhijiang_engine.assessment.law_items import law_items
from zhijiang_engine.standards.draft import OccupationFacts
from zhijiang_engine.standards.lexicon import GENERIC, VERBS, tag

GENERATOR = "occupation-facts/2"
MAX_OVERLAP = 0.2  # a distractor task shares at most this share of character pairs with ours
RARE_SHARE, RARE_MIN = 0.02, 3  # a word this few other occupations use is distinctive
BALANCE_FLOOR = 5  # a kind may always have this many items of a batch, however few the others


def _clean_task(task: str) -> str:
    return task.strip().rstrip("。；;，,")


# Nouns of work every occupation does ("巡检、维护设备，处理故障", "记录、统计和上报工作情况"):
# a task made only of them would be right for any occupation, so it is never a wrong answer.
_ANYONES = GENERIC | {
    "故障", "场地", "工作场地", "现场", "报表", "台账", "职业", "人员", "客户",
    "委托", "单位", "企业", "规范", "标准", "文件", "档案", "卫生", "安全",
}  # fmt: skip


@lru_cache(maxsize=16384)
def _specific(task: str) -> bool:
    """Whether the task names something of its own work (a noun beyond the generic ones)."""
    return any(
        flag.startswith("n") and len(word) >= 2 and word not in VERBS and word not in _ANYONES
        for word, flag in tag(task)
    )


def _distinctive_words(own: Sequence[str], others: Sequence[OccupationFacts]) -> set[str]:
    """Words of the occupation's own text that few other occupations use ("熨烫" for a
    缝纫品整型工): a task of another occupation with one of them is too close to be wrong."""
    words = {
        word
        for text in own
        for word, flag in tag(text)
        if len(word) >= 2 and flag[:1] in ("n", "v") and word not in _ANYONES
    }
    texts = ["".join((o.definition, *o.tasks)) for o in others]
    most = max(RARE_MIN, int(RARE_SHARE * len(texts)))
    return {word for word in words if sum(word in text for text in texts) <= most}


@dataclass(frozen=True)
class _Pools:
    siblings: list[str]  # names of occupations next to it in the classification
    foreign_tasks: list[str]  # tasks of neighbours that share little with ours, nearest first


def _pools(occupation: OccupationFacts, others: Sequence[OccupationFacts]) -> _Pools:
    own = [occupation.definition, *occupation.tasks]
    minor, middle = occupation.code[:7], occupation.code[:4]
    near = [o for o in others if o.code != occupation.code and o.code.startswith(minor)]
    if len(near) < OPTIONS - 1:
        near += [
            o
            for o in others
            if o.code != occupation.code and o.code.startswith(middle) and o not in near
        ]
    siblings = sorted({o.name for o in near if o.name != occupation.name and o.definition})

    own_pairs = [char_pairs(text) for text in own if text]
    distinctive = _distinctive_words(own, others)

    def unlike_ours(task: str) -> bool:
        cleaned = _clean_task(task)
        if not 6 <= len(cleaned) <= 40 or any(word in cleaned for word in distinctive):
            return False
        theirs = char_pairs(cleaned)
        unlike = all(
            len(theirs & mine) <= MAX_OVERLAP * min(len(theirs), len(mine))
            for mine in own_pairs
            if mine and theirs
        )
        return unlike and _specific(cleaned)

    # Plausible first: tasks of the same 中类 (another 小类), then of the same 大类.
    same_middle = sorted(
        {
            _clean_task(task)
            for other in others
            if other.code.startswith(middle) and not other.code.startswith(minor)
            for task in other.tasks
            if unlike_ours(task)
        }
    )
    same_major = sorted(
        {
            _clean_task(task)
            for other in others
            if not other.code.startswith(middle)
            for task in other.tasks
            if unlike_ours(task)
        }
    )
    foreign = same_middle if len(same_middle) >= 2 * OPTIONS else same_middle + same_major
    return _Pools(siblings, foreign)


def _definition_item(
    occupation: OccupationFacts, pools: _Pools, basic: str, rng: np.random.Generator
) -> list[ItemDraft]:
    definition = occupation.definition.strip().rstrip("。")
    if not definition or len(pools.siblings) < OPTIONS - 1 or occupation.name in definition:
        return []
    wrong = [str(n) for n in rng.choice(pools.siblings, OPTIONS - 1, replace=False)]
    stem = f"“{definition}”，这是下列哪一职业的定义（  ）。"
    if len(stem) > 160:
        return []
    why = f"《中华人民共和国职业分类大典》中，{occupation.name}的定义是：{definition}。"
    return [single_choice(basic, stem, occupation.name, wrong, why, rng)]


def _task_items(
    occupation: OccupationFacts,
    tasks: list[str],
    pools: _Pools,
    requirements: Mapping[str, str],
    rng: np.random.Generator,
) -> list[ItemDraft]:
    """Each task of the occupation is the subject of one item only, and each other occupation's
    task is offered at most once, so that no item of a form gives away another's answer: a
    single choice or a true statement per task (alternating), a "which is not" item over three
    tasks kept for it, a multiple choice over two others, and a false statement."""
    name = occupation.name
    why_own = f"这是{name}的主要工作任务之一（职业分类大典）。"
    foreign = [str(t) for t in rng.permutation(pools.foreign_tasks)] if pools.foreign_tasks else []
    order = [str(t) for t in rng.permutation(tasks)] if tasks else []
    for_not = order[:3] if len(order) >= 7 else []
    for_multiple = order[len(for_not) : len(for_not) + 2] if len(order) >= 5 else []
    singles = order[len(for_not) + len(for_multiple) :]
    if not tasks or len(foreign) < OPTIONS - 1:
        return []

    def take(count: int) -> list[str] | None:
        if len(foreign) < count:
            return None
        return [foreign.pop() for _ in range(count)]

    items: list[ItemDraft] = []
    for position, task in enumerate(singles):
        home = closest_requirement(task, requirements)
        if home is None:
            continue
        wrong = take(OPTIONS - 1) if position % 2 == 0 else None
        if wrong is None:
            items.append(
                ItemDraft(home, TRUE_FALSE, f"{name}的主要工作任务包括：{task}。", (), "T", why_own)
            )
            continue
        stem = f"下列工作中，属于{name}主要工作任务的是（  ）。"
        items.append(
            single_choice(home, stem, task, wrong, why_own + "其余选项是其他职业的工作。", rng)
        )
    alien = take(1)
    if for_not and alien:
        home = closest_requirement(for_not[0], requirements) or next(iter(requirements))
        stem = f"下列工作中，不属于{name}主要工作任务的是（  ）。"
        why = f"“{alien[0]}”不是{name}的工作，其余三项都是它的主要工作任务。"
        items.append(single_choice(home, stem, alien[0], for_not, why, rng))
    wrong = take(2)
    if for_multiple and wrong:
        options = [for_multiple[0], wrong[0], for_multiple[1], wrong[1]]
        shuffled = tuple(options[i] for i in rng.permutation(len(options)))
        answer = "".join(sorted("ABCD"[shuffled.index(k)] for k in for_multiple))
        home = closest_requirement(for_multiple[0], requirements) or next(iter(requirements))
        stem = f"下列工作中，属于{name}主要工作任务的有（  ）。"
        items.append(ItemDraft(home, MULTIPLE, stem, shuffled, answer, why_own))
    false = take(1)
    if false:
        home = closest_requirement(singles[0] if singles else false[0], requirements) or next(
            iter(requirements)
        )
        statement = f"{name}的主要工作任务包括：{false[0]}。"
        items.append(ItemDraft(home, TRUE_FALSE, statement, (), "F", f"这不是{name}的工作内容。"))
    return items


LAW_FLOOR = 2  # law items kept even when the classification says little about the work


def _balanced(rng: np.random.Generator, *kinds: list[ItemDraft]) -> tuple[ItemDraft, ...]:
    """The kinds' items together, each kind cut (at random, in its order) to at most as many
    items as all the others have together, or ``BALANCE_FLOOR`` when they have fewer: no kind
    takes more than half of a batch that has room for the others."""
    total = sum(len(kind) for kind in kinds)
    items: list[ItemDraft] = []
    for kind in kinds:
        cap = max(BALANCE_FLOOR, total - len(kind))
        if len(kind) > cap:
            keep = sorted(int(i) for i in rng.choice(len(kind), cap, replace=False))
            kind = [kind[i] for i in keep]
        items += kind
    return tuple(items)


def occupation_drafts(
    *,
    occupation: OccupationFacts,
    others: Sequence[OccupationFacts],
    requirements: Mapping[str, str],
    rng: np.random.Generator,
) -> tuple[ItemDraft, ...]:
    """Items about the occupation's work (its definition, its tasks, the tools they name) and
    the laws its standard lists, each assigned to one of ``requirements`` (requirement id →
    text, those of the level being examined). Law items need a basic knowledge or ethics
    requirement; the others are left out when the classification says too little about the
    occupation or its neighbours to write a correct item."""
    if not requirements:
        return ()
    tools = tool_items(occupation=occupation, others=others, requirements=requirements, rng=rng)
    pools = _pools(occupation, others)
    foreign = [t for t in pools.foreign_tasks if not any(tool in t for tool in tools.offered)]
    pools = _Pools(pools.siblings, foreign)  # a tool offered once, in its own item
    basic_texts = {k: v for k, v in requirements.items() if k.startswith("B")}
    basic = closest_requirement("", basic_texts) or next(iter(requirements))
    tasks = [
        task
        for task in dict.fromkeys(map(_clean_task, occupation.tasks))
        if 4 <= len(task) <= 40 and task not in tools.tasks
    ]
    definition = _definition_item(occupation, pools, basic, rng)
    work = _task_items(occupation, tasks, pools, requirements, rng)
    laws = list(law_items(occupation=occupation, requirements=requirements, rng=rng))
    balanced = _balanced(rng, definition, work, list(tools.items), laws)
    # The laws are basic knowledge every standard shares: a quarter of a batch at most, so an
    # exam drawn from the bank stays about the occupation's own work.
    law_ids = {id(item) for item in laws}
    about_work = [item for item in balanced if id(item) not in law_ids]
    kept_laws = [item for item in balanced if id(item) in law_ids]
    return (*about_work, *kept_laws[: max(LAW_FLOOR, len(about_work) // 3)])
