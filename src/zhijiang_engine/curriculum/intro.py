"""The introduction's objectives: ethics and basic knowledge as a teacher groups them.

Every standard lists the same laws, quality basics and principles; one objective each reads the
same in every course and says nothing about the occupation. A teacher writes few objectives:
the occupation's own basic knowledge one by one; the principles of conduct as one objective
tied to the occupation's work; data duties (data-security principles, computer and information
security knowledge, the network, data and personal-information laws) as one objective tied to
the occupation's data, where the work handles data; safety duties (safety knowledge and the
work-safety law) as one objective tied to the work's hazards, where it has them. What has no
link to the work (labour law, quality basics, generic lines) is still taught and assessed —
the first objective of its lesson covers it (``Objective.also``), and the textbook lists it
among the section's references — but no objective repeats it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from zhijiang_engine.curriculum import context as ctx
from zhijiang_engine.curriculum import work
from zhijiang_engine.curriculum.model import BASIC_KNOWLEDGE, ETHICS, Objective
from zhijiang_engine.curriculum.prose import clean
from zhijiang_engine.curriculum.weak import weak_title
from zhijiang_engine.standards.schema import StandardDocument

_DATA_ETHICS = re.compile(r"保密|保守秘密|数据安全|信息安全|隐私")
_SAFETY_ETHICS = re.compile(r"安全生产|安全第一")
_DATA_KNOWLEDGE = re.compile(r"网络安全法|数据安全法|个人信息保护法|信息安全|数据保护|计算机")
_SAFETY_KNOWLEDGE = re.compile(r"安全生产|职业健康|职业病")
_GENERIC = re.compile(
    r"劳动法|劳动合同法|质量管理|环境保护|节能减排|工程技术人员基础|专业技术人员基础"
    r"|职业道德基本知识|法》|法律法规|安全生产与职业健康"
)
_TITLE_SKIP = re.compile(r"指导|培训|管理|研究|规划")


def _work(document: StandardDocument, rank: int) -> str:
    """Two of the level's work contents ("浆料混合、抄纸"), for "在…等工作中"; where the level
    lists only the improvement and training work every senior level has ("技术改进"), the
    occupation's own work from the levels below."""
    below = sorted((lv for lv in document.levels if lv.rank <= rank), key=lambda lv: -lv.rank)
    name = document.occupation_name
    titles = [c.title for lv in below or document.levels for f in lv.functions for c in f.contents]
    kept = [t for t in titles if not (weak_title(t, name) or work.generic_work(t))]
    own = [
        t
        for t in kept
        if not (_TITLE_SKIP.search(t) or "、" in t or len(t) > 10 or work.generic_work(t))
    ]
    return "、".join(dict.fromkeys(own[:2])) or next(iter(kept), "日常")


def _grouped(
    kind: str, key: str, text: str, members: Sequence[tuple[str, str]], rank: int
) -> Objective | None:
    line = clean(text.replace("日常等", "日常"), rank)
    if line is None or not members:
        return None
    (first, source), *rest = members
    return Objective(first, kind, line, source, (), tuple(rest))


def _with(
    objectives: list[Objective], kind: str, left: Sequence[tuple[str, str]]
) -> list[Objective]:
    """``objectives`` with the requirements no objective names covered by the first one (or
    by one plain objective when there is none)."""
    if not left:
        return objectives
    if not objectives:
        (first, source), *rest = left
        plain = ("理解" if kind == ETHICS else "了解") + source.rstrip("。")
        # a garbled requirement ("…制成基础知识") gives the plain heading instead
        line = clean(plain) or (
            "理解本职业的职业守则" if kind == ETHICS else "了解本职业的基础知识"
        )
        return [Objective(first, kind, line, source, (), tuple(rest))]
    head = objectives[0]
    also = tuple(sorted((*head.also, *left), key=lambda pair: int(pair[0][1:])))
    return [Objective(head.requirement, kind, head.text, head.source, (), also), *objectives[1:]]


def _phrases(texts: Sequence[str]) -> str:
    words = [w for t in texts for w in re.split(r"[，、；,]", t.rstrip("。")) if w]
    return "、".join(dict.fromkeys(words))


def ethics_objectives(
    document: StandardDocument, rank: int, hazards: bool, digital: bool
) -> tuple[Objective, ...]:
    items = [(f"E{k}", t) for k, t in enumerate(document.ethics, 1)]
    work = _work(document, rank)
    data = [(i, t) for i, t in items if digital and _DATA_ETHICS.search(t)]
    safety = [
        (i, t) for i, t in items if hazards and _SAFETY_ETHICS.search(t) and (i, t) not in data
    ]
    linked = {i for i, _ in [*data, *safety]}
    principles = [(i, t) for i, t in items if i not in linked and not t.endswith("知识")]
    shown = [t for _, t in principles if hazards or not _SAFETY_ETHICS.search(t)]
    found: list[Objective | None] = []
    if shown:
        text = f"理解职业道德的基本要求，在{work}等工作中做到{_phrases(shown)}"
        found.append(_grouped(ETHICS, "conduct", text, principles, rank))
    if data:
        text = f"在{work}等工作中{_phrases([t for _, t in data])}，不泄露工作中接触的数据和信息"
        found.append(_grouped(ETHICS, "data", text, data, rank))
    if safety:
        text = f"在{work}等作业中牢固树立安全第一的意识，做到{_phrases([t for _, t in safety])}"
        found.append(_grouped(ETHICS, "safety", text, safety, rank))
    kept = [o for o in found if o is not None]
    taught = {r for o in kept for r, _ in o.covers}
    return tuple(_with(kept, ETHICS, [(i, t) for i, t in items if i not in taught]))


def _laws(texts: Sequence[str]) -> str:
    found = (m.replace("中华人民共和国", "") for t in texts for m in re.findall(r"《[^》]+》", t))
    return "".join(dict.fromkeys(found))


def basic_objectives(
    document: StandardDocument,
    rank: int,
    hazards: Sequence[str],
    digital: bool,
    production: bool = False,
) -> tuple[Objective, ...]:
    verb = "了解" if rank <= 2 else "掌握" if rank <= 4 else "系统掌握"
    items = [(f"B{k}", t) for k, t in enumerate(document.basic_knowledge, 1)]
    work = _work(document, rank)
    data = [(i, t) for i, t in items if digital and _DATA_KNOWLEDGE.search(t)]
    safety = [(i, t) for i, t in items if (hazards or production) and _SAFETY_KNOWLEDGE.search(t)]
    linked = {i for i, _ in [*data, *safety]}
    own = [(i, t) for i, t in items if i not in linked and not _GENERIC.search(t)]
    found: list[Objective | None] = [
        _grouped(BASIC_KNOWLEDGE, "own", f"{verb}{t.rstrip('。')}", [(i, t)], rank) for i, t in own
    ]
    if data:
        laws = _laws([t for _, t in data])
        rules = f"，熟悉{laws}对数据处理和个人信息保护的要求" if laws else ""
        text = f"{verb}计算机应用与数据安全知识{rules}，能在{work}等工作中依法处理数据"
        found.append(_grouped(BASIC_KNOWLEDGE, "data", text, data, rank))
    if safety:
        # the measures for a hazard the work names; none made up where it names none
        note = f"：{hazards[0].split('：', 1)[-1]}" if hazards else ""
        laws = _laws([t for _, t in safety]) or "安全生产法规"
        text = f"熟悉{laws}规定的从业人员安全生产权利和义务，能说明{work}等作业的安全要求{note}"
        found.append(_grouped(BASIC_KNOWLEDGE, "safety", text, safety, rank))
    kept = [o for o in found if o is not None]
    taught = {r for o in kept for r, _ in o.covers}
    return tuple(_with(kept, BASIC_KNOWLEDGE, [(i, t) for i, t in items if i not in taught]))


def introduction(document: StandardDocument, rank: int) -> tuple[tuple[Objective, ...], ...]:
    """(ethics objectives, basic-knowledge objectives) of the plan at level ``rank``."""
    titles = [c.title for lv in document.levels for f in lv.functions for c in f.contents]
    text = ctx.work_text(None, [document.definition, *titles])
    hazards = ctx.physical_hazard_notes(document.occupation_code, text)
    # production work is physical work even where its words name no particular hazard
    production = ctx.production_work(document.occupation_code)
    digital = ctx.is_digital_work(None, text)
    return (
        ethics_objectives(document, rank, bool(hazards) or production, digital),
        basic_objectives(document, rank, hazards, digital, production),
    )
