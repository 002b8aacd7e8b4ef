"""Offline items about the occupation itself: what its work is, drawn from the national
classification (职业定义 and 主要工作任务) of the occupation and of its neighbours.

Every item is correct by construction, never a question about where a standard files a
requirement: the key is the occupation's own definition or task, the distractors are the
definitions' owners next to it in the classification (same 小类, else 中类) or tasks of
occupations of the same 大类 but another 中类, kept only when they share little wording with
anything the occupation does (so a distractor is never also right). An item goes to the skill
requirement of the level whose wording is closest to its task, else to the first basic
knowledge requirement (职业概况 is basic knowledge).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from zhijiang_engine.assessment.drafting import MULTIPLE, SINGLE, TRUE_FALSE, ItemDraft
from zhijiang_engine.standards.draft import OccupationFacts

GENERATOR = "occupation-facts/1"
OPTIONS = 4
MAX_OVERLAP = 0.2  # a distractor task shares at most this share of character pairs with ours


def _pairs(text: str) -> set[str]:
    chars = [c for c in text if "\u4e00" <= c <= "\u9fff" or c.isalnum()]
    return {chars[i] + chars[i + 1] for i in range(len(chars) - 1)}


def _overlap(a: str, b: str) -> float:
    """Share of the shorter text's character pairs that the other one has too."""
    left, right = _pairs(a), _pairs(b)
    return len(left & right) / min(len(left), len(right)) if left and right else 0.0


def _clean_task(task: str) -> str:
    return task.strip().rstrip("。；;，,")


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

    own_pairs = [_pairs(text) for text in own if text]

    def unlike_ours(task: str) -> bool:
        cleaned = _clean_task(task)
        if not 6 <= len(cleaned) <= 40:
            return False
        theirs = _pairs(cleaned)
        return all(
            len(theirs & mine) <= MAX_OVERLAP * min(len(theirs), len(mine))
            for mine in own_pairs
            if mine and theirs
        )

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


def _home(text: str, requirements: Mapping[str, str]) -> str | None:
    """The skill requirement closest in wording to ``text``, else the first basic knowledge
    requirement, else any requirement."""
    skills = [(key, value) for key, value in requirements.items() if ".S" in key]
    scored = sorted(((_overlap(text, value), key) for key, value in skills), reverse=True)
    if scored and scored[0][0] > 0:
        return scored[0][1]
    basic = [key for key in requirements if key.startswith("B")]
    return basic[0] if basic else next(iter(requirements), None)


def _single(
    requirement: str,
    stem: str,
    key: str,
    wrong: list[str],
    explanation: str,
    rng: np.random.Generator,
) -> ItemDraft:
    options = [key, *wrong]
    order = rng.permutation(len(options))
    shuffled = tuple(options[i] for i in order)
    return ItemDraft(requirement, SINGLE, stem, shuffled, "ABCD"[shuffled.index(key)], explanation)


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
    return [_single(basic, stem, occupation.name, wrong, why, rng)]


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
        home = _home(task, requirements)
        if home is None:
            continue
        wrong = take(OPTIONS - 1) if position % 2 == 0 else None
        if wrong is None:
            items.append(
                ItemDraft(home, TRUE_FALSE, f"{name}的主要工作任务包括：{task}。", (), "T", why_own)
            )
            continue
        stem = f"下列工作中，属于{name}主要工作任务的是（  ）。"
        items.append(_single(home, stem, task, wrong, why_own + "其余选项是其他职业的工作。", rng))
    alien = take(1)
    if for_not and alien:
        home = _home(for_not[0], requirements) or next(iter(requirements))
        stem = f"下列工作中，不属于{name}主要工作任务的是（  ）。"
        why = f"“{alien[0]}”不是{name}的工作，其余三项都是它的主要工作任务。"
        items.append(_single(home, stem, alien[0], for_not, why, rng))
    wrong = take(2)
    if for_multiple and wrong:
        options = [for_multiple[0], wrong[0], for_multiple[1], wrong[1]]
        shuffled = tuple(options[i] for i in rng.permutation(len(options)))
        answer = "".join(sorted("ABCD"[shuffled.index(k)] for k in for_multiple))
        home = _home(for_multiple[0], requirements) or next(iter(requirements))
        stem = f"下列工作中，属于{name}主要工作任务的有（  ）。"
        items.append(ItemDraft(home, MULTIPLE, stem, shuffled, answer, why_own))
    false = take(1)
    if false:
        home = _home(singles[0] if singles else false[0], requirements) or next(iter(requirements))
        statement = f"{name}的主要工作任务包括：{false[0]}。"
        items.append(ItemDraft(home, TRUE_FALSE, statement, (), "F", f"这不是{name}的工作内容。"))
    return items


def occupation_drafts(
    *,
    occupation: OccupationFacts,
    others: Sequence[OccupationFacts],
    requirements: Mapping[str, str],
    rng: np.random.Generator,
) -> tuple[ItemDraft, ...]:
    """Items about what the occupation's work is, each assigned to one of ``requirements``
    (requirement id → text, those of the level being examined). Empty when the classification
    says too little about the occupation or its neighbours to write a correct item."""
    if not requirements:
        return ()
    pools = _pools(occupation, others)
    basic = _home("", {k: v for k, v in requirements.items() if k.startswith("B")}) or next(
        iter(requirements)
    )
    tasks = list(dict.fromkeys(t for t in map(_clean_task, occupation.tasks) if 4 <= len(t) <= 40))
    items = _definition_item(occupation, pools, basic, rng)
    items += _task_items(occupation, tasks, pools, requirements, rng)
    return tuple(items)
