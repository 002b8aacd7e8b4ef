"""Offline items about the occupation itself: what its work is, drawn from the national
classification (职业定义 and 主要工作任务) of the occupation and of its neighbours.

Every item is correct by construction, never a question about where a standard files a
requirement: the key is the occupation's own definition or task, the distractors are the
definitions' owners next to it in the classification (same 小类, else 中类) or tasks of its
nearest neighbours (same 小类, then same 中类, never further), kept only when they share
little wording with anything the occupation does and none of its rarer words ("熨烫"), name
some work of their own (never "巡检、维护设备，处理故障", which is anyone's) and are listed by
that one occupation alone (never "维护客户关系", which many list): a distractor is never also
right. A key is a task that names the occupation's own work and that at most one other
occupation lists. An item goes to the skill requirement of the level whose wording is closest
to its task, else to the first basic knowledge requirement (职业概况 is basic knowledge).

No option gives itself away by the name (``name_cues``): a definition that names the
occupation ("…制成人造花的人员" for 人造花制作工) is not asked, nor offered against a name it
gives away; a word a key shares with the name ("乳" of 乳品加工工) is in a wrong answer too,
else the key is a true statement instead; a false statement is its 小类's work.

Two kinds test knowledge beyond the classification's lists: the tools its tasks name and what
each is for (``knowledge_items``), and the laws every standard lists as basic knowledge
(``law_items``, a quarter of a batch at most). No kind takes more than half of a batch that
has room for the others.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
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
from zhijiang_engine.assessment.name_cues import NameCues, cued, name_cues
from zhijiang_engine.assessment.shared_tasks import TaskOwners, task_owners
from zhijiang_engine.standards.draft import OccupationFacts
from zhijiang_engine.standards.lexicon import GENERIC, VERBS, tag

GENERATOR = "occupation-facts/4"
MAX_OVERLAP = 0.2  # a distractor task shares at most this share of character pairs with ours
KEY_SHARED = 2  # a task this many other occupations list too is anyone's, never a key
RARE_SHARE, RARE_MIN = 0.02, 3  # a word this few other occupations use is distinctive
BALANCE_FLOOR = 5  # a kind may always have this many items of a batch, however few the others


def _clean_task(task: str) -> str:
    return task.strip().rstrip("。；;，,")


# Nouns of work every occupation does ("巡检、维护设备，处理故障", "记录、统计和上报工作情况"):
# a task made only of them would be right for any occupation, so it is never a wrong answer.
_ANYONES = GENERIC | {
    "故障", "场地", "工作场地", "现场", "报表", "台账", "职业", "人员", "客户",
    "委托", "单位", "企业", "规范", "标准", "文件", "档案", "卫生", "安全",
    "异常", "现象", "异常现象", "法律", "法规", "规定", "职责", "制度", "规章制度",
    "规程", "操作规程", "培训", "技术培训", "可行性", "原材料", "原料", "成品",
    "半成品", "配件", "客户关系", "关系", "清点", "机台", "物料", "样品", "仪器", "仪表",
    "合格", "备件", "国家", "社会", "行业", "方向", "规划", "发展规划", "事故", "伤害事故",
    "人身", "隐患", "预案", "应急预案", "指导", "装备", "新工艺", "新技术", "新材料",
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
    foreign_tasks: tuple[list[str], ...]  # neighbours' tasks unlike ours: same 小类, same 中类
    owners: TaskOwners  # who lists which task: one that two occupations list is never wrong
    cues: NameCues  # which words of a name give it away


def _telling(task: str, occupation: OccupationFacts, pools: _Pools) -> bool:
    """Whether the occupation's task says something about it: it names an object of its own
    and fewer than ``KEY_SHARED`` other occupations list it ("维护保养设备，处理故障，记录生产
    数据" does neither and would be a key any examinee picks or affirms without knowing the
    work)."""
    others = pools.owners.owners(task) - {occupation.code}
    return _specific(task) and len(others) < KEY_SHARED


def _neighbour_tasks(
    occupation: OccupationFacts,
    others: Sequence[OccupationFacts],
    unlike_ours: Callable[[str], bool],
    cues: NameCues,
) -> tuple[list[str], list[str]]:
    """The nearest work only: tasks of the same 小类, then of the rest of the 中类 (another
    中类's is absurd: "修整织补部位" for a 婚姻家庭咨询师). A task of the same 小类 names its
    owner's field ("编写设计文案" is any designer's, never wrong for another designer)."""
    minor, middle = occupation.code[:7], occupation.code[:4]

    def tasks_of(prefix: str, outside: str | None) -> list[str]:
        return sorted(
            {
                _clean_task(task)
                for other in others
                if other.code != occupation.code and other.code.startswith(prefix)
                if outside is None or not other.code.startswith(outside)
                for task in other.tasks
                if unlike_ours(task) and (outside or cued(task, cues.of(other.name)))
            }
        )

    return tasks_of(minor, None), tasks_of(middle, minor)


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

    cues = name_cues(tuple(others))
    foreign = _neighbour_tasks(occupation, others, unlike_ours, cues)
    return _Pools(siblings, foreign, task_owners(tuple(others)), cues)


def _definition_item(
    occupation: OccupationFacts, pools: _Pools, basic: str, rng: np.random.Generator
) -> list[ItemDraft]:
    definition = occupation.definition.strip().rstrip("。")
    if not definition or cued(definition, pools.cues.of(occupation.name)):
        return []  # "…制成人造花的人员" names the 人造花制作工
    fair = [name for name in pools.siblings if not cued(definition, pools.cues.of(name))]
    if len(fair) < OPTIONS - 1:
        return []
    wrong = [str(n) for n in rng.choice(fair, OPTIONS - 1, replace=False)]
    stem = f"“{definition}”，这是下列哪一职业的定义（  ）。"
    if len(stem) > 160:
        return []
    why = f"《中华人民共和国职业分类大典》中，{occupation.name}的定义是：{definition}。"
    return [single_choice(basic, stem, occupation.name, wrong, why, rng)]


class _Offers:
    """Other occupations' tasks still free to offer as wrong answers or false statements,
    nearest first (same 小类, then same 中类; in a random order within each), each listed by
    that one occupation alone, so that none is also right for ours."""

    def __init__(self, pools: _Pools, cues: frozenset[str], rng: np.random.Generator) -> None:
        self._cues = cues
        self._free = [
            (tier, str(task))
            for tier, level in enumerate(pools.foreign_tasks)
            for task in (rng.permutation(level) if level else [])
            if len(pools.owners.owners(str(task))) < 2
        ]

    def take(
        self, count: int, *, cover: frozenset[str] = frozenset(), tiers: int = 2
    ) -> list[str] | None:
        """``count`` nearest tasks of the first ``tiers`` tiers that between them have every
        cue of ``cover`` (those of the keys, so that no key alone shares a word with the
        name); None, taking nothing, when there are not enough."""
        free = [entry for entry in self._free if entry[0] < tiers]
        chosen: list[tuple[int, str]] = []
        left = set(cover)
        while left:  # the nearest task that has most of the cues still missing, in turn
            best = max(free, key=lambda entry: sum(cue in entry[1] for cue in left), default=None)
            if best is None or not any(cue in best[1] for cue in left):
                return None
            chosen.append(best)
            free.remove(best)
            left = {cue for cue in left if cue not in best[1]}
        chosen += free[: max(0, count - len(chosen))]
        if len(chosen) != count:
            return None
        for entry in chosen:
            self._free.remove(entry)
        return [task for _, task in chosen]

    def sharing(self) -> list[str] | None:
        """The nearest task that shares a cue with the name (work of its field), if any."""
        entry = next((entry for entry in self._free if cued(entry[1], self._cues)), None)
        if entry is None:
            return None
        self._free.remove(entry)
        return [entry[1]]


def _cues_in(texts: Sequence[str], cues: frozenset[str], least: int = 1) -> frozenset[str]:
    """The cues that at least ``least`` of ``texts`` have."""
    return frozenset(cue for cue in cues if sum(cue in text for text in texts) >= least)


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
    tasks kept for it, a multiple choice over two others, and a false statement. A word that a
    key shares with the name is in a wrong answer too (else the key is a true statement, or the
    item is not written)."""
    name = occupation.name
    cues = pools.cues.of(name)
    why_own = f"这是{name}的主要工作任务之一（职业分类大典）。"
    order = [str(t) for t in rng.permutation(tasks)] if tasks else []
    for_not = order[:3] if len(order) >= 7 else []
    for_multiple = order[len(for_not) : len(for_not) + 2] if len(order) >= 5 else []
    singles = order[len(for_not) + len(for_multiple) :]
    if not tasks:
        return []
    offers = _Offers(pools, cues, rng)  # too few for choices: true statements only
    # A false statement is the work of its 小类, else of its 中类 in its field (a shared cue).
    false = offers.take(1, tiers=1) or offers.sharing()

    items: list[ItemDraft] = []
    for position, task in enumerate(singles):
        home = closest_requirement(task, requirements)
        if home is None:
            continue
        wrong = None
        if position % 2 == 0:
            wrong = offers.take(OPTIONS - 1, cover=_cues_in([task], cues))
        if wrong is None:
            items.append(
                ItemDraft(home, TRUE_FALSE, f"{name}的主要工作任务包括：{task}。", (), "T", why_own)
            )
            continue
        stem = f"下列工作中，属于{name}主要工作任务的是（  ）。"
        items.append(
            single_choice(home, stem, task, wrong, why_own + "其余选项是其他职业的工作。", rng)
        )
    # Ours that share a cue would single out an alien that does not.
    alien = offers.take(1, cover=_cues_in(for_not, cues, 2)) if for_not else None
    if for_not and alien:
        home = closest_requirement(for_not[0], requirements) or next(iter(requirements))
        stem = f"下列工作中，不属于{name}主要工作任务的是（  ）。"
        why = f"“{alien[0]}”不是{name}的工作，其余三项都是它的主要工作任务。"
        items.append(single_choice(home, stem, alien[0], for_not, why, rng))
    wrong = offers.take(2, cover=_cues_in(for_multiple, cues)) if for_multiple else None
    if for_multiple and wrong:
        options = [for_multiple[0], wrong[0], for_multiple[1], wrong[1]]
        shuffled = tuple(options[i] for i in rng.permutation(len(options)))
        answer = "".join(sorted("ABCD"[shuffled.index(k)] for k in for_multiple))
        home = closest_requirement(for_multiple[0], requirements) or next(iter(requirements))
        stem = f"下列工作中，属于{name}主要工作任务的有（  ）。"
        items.append(ItemDraft(home, MULTIPLE, stem, shuffled, answer, why_own))
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
    foreign = tuple(
        [t for t in tier if not any(tool in t for tool in tools.offered)]
        for tier in pools.foreign_tasks
    )  # a tool offered once, in its own item
    pools = _Pools(pools.siblings, foreign, pools.owners, pools.cues)
    basic_texts = {k: v for k, v in requirements.items() if k.startswith("B")}
    basic = closest_requirement("", basic_texts) or next(iter(requirements))
    tasks = [
        task
        for task in dict.fromkeys(map(_clean_task, occupation.tasks))
        if 4 <= len(task) <= 40 and task not in tools.tasks and _telling(task, occupation, pools)
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
