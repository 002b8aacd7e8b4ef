"""Work functions by phase of operation, as the standards of process and production occupations
group them: preparation → the main work → inspection → equipment maintenance ("工艺准备",
"炼钢浇铸", "质量检验", "设备维护与保养").

Used for production occupations (大类 6, and 大类 5's processing ones) whose tasks name work of at
least two phases besides the main one; other occupations keep the task-based grouping.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from zhijiang_engine.standards import phrases as ph

_MAX_CONTENTS = 4
_MAX_MAIN = 12  # the main work's contents, over at most three functions
_PHASE = {
    "prepare": "prepare",
    "design": "prepare",
    "inspect": "inspect",
    "analyze": "inspect",
    "maintain": "maintain",
}
_MAINTAINED = ("设备", "仪器", "仪表", "机", "工具", "模具", "装置", "器具", "设施", "生产线")
# Endings of an occupation's name that say the work ("机车整备", "植物原料水解").
_WORK_ENDINGS = ph.VERBS | frozenset(
    str.split(
        "整备 水解 精整 提炼 加工 修理 勘探 制作 制造 冶炼 浇铸 铸造 焊接 装配 调试 印刷"
        " 染色 纺纱 织造 酿造 烘焙 精制 提纯 电解 轧制 锻造 冲压 涂装 热处理 养殖 种植 栽培"
    )
)
Unit = tuple[ph.Phrase, tuple[ph.Phrase, ...]]


def is_process(code: str) -> bool:
    """Whether the occupation is a production one (大类 6; 大类 5's processing and production)."""
    return code.startswith("6-") or code.startswith(("5-05", "5-04"))


def _phase(p: ph.Phrase) -> str:
    if p.family == "maintain" and not any(word in p.head for word in _MAINTAINED):
        return "main"  # 修复文物, 养护苗木: the main work, not the equipment's upkeep
    return _PHASE.get(p.family, "main")


def main_title(name: str, process: bool = True) -> str:
    """The main work as the occupation's name says it ("炼钢浇铸工" → "炼钢浇铸")."""
    stem = re.sub(r"(工程技术人员|技术人员|人员|师|员|工|手)$", "", name)
    if 4 <= len(stem) <= 10 and (ph.is_work(stem) or stem[-2:] in _WORK_ENDINGS):
        return stem
    term = ph.name_term(name)
    if len(term) >= 4 and ph.is_work(term):
        return term
    if 2 <= len(term) <= 3 and ph.is_work(term):
        return term + "作业"
    suffix = "生产" if process else "工作"
    return term + suffix if len(term) >= 2 else "本职业" + suffix


def _chunks(items: list[ph.Phrase]) -> list[list[ph.Phrase]]:
    """Consecutive groups of at most four, as even as can be."""
    count = -(-len(items) // _MAX_CONTENTS)
    size = -(-len(items) // count) if count else 0
    return [items[i : i + size] for i in range(0, len(items), size)] if size else []


def works_by_phase(
    code: str, name: str, units: Sequence[Unit]
) -> list[tuple[str, tuple[ph.Phrase, ...]]]:
    """(title, contents) per phase, in the order of the work; [] when the occupation is not a
    process one or its tasks name too few phases."""
    if not is_process(code):
        return []
    phases: dict[str, list[ph.Phrase]] = {"prepare": [], "main": [], "inspect": [], "maintain": []}
    seen: set[str] = set()
    for main, others in units:
        for p in (*others, main):
            if p.title not in seen:
                seen.add(p.title)
                phases[_phase(p)].append(p)
    present = [key for key, items in phases.items() if items and key != "main"]
    if not phases["main"] or len(present) < 2:
        return []
    result: list[tuple[str, tuple[ph.Phrase, ...]]] = []
    if phases["prepare"]:
        result.append(("工艺准备", tuple(phases["prepare"][:_MAX_CONTENTS])))
    chunks = _chunks(phases["main"][:_MAX_MAIN])
    title = main_title(name)
    if title.endswith("生产") and len(title) <= 4:  # "车工" → the main clause's own work
        title = next((p.title for p in reversed(phases["main"]) if ph.is_work(p.title)), title)
    for number, chunk in enumerate(chunks, 1):
        label = title if len(chunks) == 1 else _chunk_title(chunk, title, number)
        result.append((label, tuple(chunk)))
    if phases["inspect"]:
        result.append(("质量检验", tuple(phases["inspect"][:_MAX_CONTENTS])))
    if phases["maintain"]:
        result.append(("设备维护与保养", tuple(phases["maintain"][:_MAX_CONTENTS])))
    return result[:5] if len(result) <= 5 else _merge(result)


def _chunk_title(chunk: Sequence[ph.Phrase], title: str, number: int) -> str:
    first = chunk[0].title
    if 3 <= len(first) <= 10 and ph.is_work(first):
        return first
    return f"{title}（{'一二三'[number - 1]}）"


def _merge(
    result: list[tuple[str, tuple[ph.Phrase, ...]]],
) -> list[tuple[str, tuple[ph.Phrase, ...]]]:
    """At most five functions: the main work's last chunks join up to four contents."""
    while len(result) > 5:
        main = [
            i
            for i, (t, _) in enumerate(result)
            if t not in {"工艺准备", "质量检验", "设备维护与保养"}
        ]
        last = main[-1]
        result[last - 1] = (
            result[last - 1][0],
            (result[last - 1][1] + result[last][1])[:_MAX_CONTENTS],
        )
        del result[last]
    return result
