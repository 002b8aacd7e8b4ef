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
    items: list[ItemDraft] = []
    name = occupation.name
    why_own = f"这是{name}的主要工作任务之一（职业分类大典）。"
    foreign = list(pools.foreign_tasks)
    if len(foreign) < OPTIONS - 1:
        return items
    for task in tasks:
        home = _home(task, requirements)
        if home is None:
            continue
        wrong = [str(t) for t in rng.choice(foreign, OPTIONS - 1, replace=False)]
        items.append(
            _single(
                home,
                f"下列工作中，属于{name}主要工作任务的是（  ）。",
                task,
                wrong,
                why_own + "其余选项是其他职业的工作。",
                rng,
            )
        )
        items.append(
            ItemDraft(home, TRUE_FALSE, f"{name}的主要工作任务包括：{task}。", (), "T", why_own)
        )
    if len(tasks) >= OPTIONS - 1:
        alien = str(rng.choice(foreign))
        mine = [str(t) for t in rng.choice(tasks, OPTIONS - 1, replace=False)]
        home = _home(mine[0], requirements) or next(iter(requirements))
        items.append(
            _single(
                home,
                f"下列工作中，不属于{name}主要工作任务的是（  ）。",
                alien,
                mine,
                f"“{alien}”不是{name}的工作，其余三项都是它的主要工作任务。",
                rng,
            )
        )
        items.append(
            ItemDraft(
                home,
                TRUE_FALSE,
                f"{name}的主要工作任务包括：{alien}。",
                (),
                "F",
                f"这不是{name}的工作内容。",
            )
        )
    if len(tasks) >= 2:
        keys = [str(t) for t in rng.choice(tasks, 2, replace=False)]
        wrong = [str(t) for t in rng.choice(foreign, 2, replace=False)]
        options = [keys[0], wrong[0], keys[1], wrong[1]]
        order = rng.permutation(len(options))
        shuffled = tuple(options[i] for i in order)
        answer = "".join(sorted("ABCD"[shuffled.index(k)] for k in keys))
        home = _home(keys[0], requirements) or next(iter(requirements))
        items.append(
            ItemDraft(
                home,
                MULTIPLE,
                f"下列工作中，属于{name}主要工作任务的有（  ）。",
                shuffled,
                answer,
                why_own,
            )
        )
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
