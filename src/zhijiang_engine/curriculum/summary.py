"""A lesson's summary in a sentence or two: what the learner does and learns in it.

The summary names the lesson's own work (the actions its skill requirements name, without
their level's opening), what is checked and recorded, and what its knowledge requirements
cover; the introduction's lessons name the principles and the occupation's own basic
knowledge. A summary that does not pass ``prose.clean`` falls back to a plainer one.
"""

from __future__ import annotations

from collections.abc import Sequence

from zhijiang_engine.curriculum import work
from zhijiang_engine.curriculum.model import BASIC_KNOWLEDGE, ETHICS, SKILL, Objective
from zhijiang_engine.curriculum.prose import clean

_EXTRAS = {
    "check": "检查结果、纠正不符合要求之处",
    "record": "如实记录过程和结果",
    "maintain": "使用和维护{x}",
    "problems": "处理{x}中的常见问题",
}


def _joined(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else "、".join(items[:-1]) + "和" + items[-1]


def _introduction(occupation: str, objectives: Sequence[Objective], rank: int) -> str | None:
    texts = [o.source.rstrip("。") for o in objectives]
    if all(o.kind == ETHICS for o in objectives):
        # the principles tied to the work (data, safety); without them the sentence would
        # fit every occupation, and the objectives already list the principles
        if focus := "；".join(texts[1:]):
            return clean(f"本课学习{occupation}的职业守则，重点是{focus}。", rank)
        # the objective names the work the principles apply to ("在浆料混合等工作中做到…")
        # or, for "职业道德基本知识", what that knowledge contains
        said = objectives[0].text.rstrip("。")
        if "工作中" not in said:
            said = shared_objective(objectives[0].source, rank) or ""
        for verb in ("理解", "了解", "熟悉", "掌握"):
            said = said.removeprefix(verb)
        return clean(f"本课学习{said}。", rank) if said else None
    own = [t for t in texts if not work.shared_by_all(t) and "《" not in t][:4]
    return clean(f"本课学习本职业必备的{_joined(own)}。", rank) if own else None


def said(action: str, earlier: Sequence[str]) -> bool:
    """Whether an earlier clause already says ``action`` ("使用横剪机和对焊机" after "操作横剪机
    和对焊机，焊接带材"): the same things, whatever the verb."""
    thing = action.removeprefix("正确")[2:] if len(action) > 4 else action
    return any(thing in a for a in earlier)


def _work(title: str, objectives: Sequence[Objective], rank: int) -> str | None:
    actions: list[str] = []
    extras: list[str] = []
    for objective in objectives:
        if objective.kind != SKILL:
            continue
        frame = work.skill_frame(objective.source)
        if frame.kind in _EXTRAS:
            if not any(frame.object in a for a in actions):
                extras.append(_EXTRAS[frame.kind].format(x=frame.object))
        elif frame.kind != "coach" and len(actions) < 2:
            action = work.action_of(objective.source)
            if not said(action, actions):
                actions.append(action)
    known = [o.source.rstrip("。") for o in objectives if o.kind != SKILL][:2]
    parts = []
    if actions:
        parts.append(f"本课学习{'；'.join(actions)}")
        if extras:
            parts[-1] += f"，并学会{'、'.join(dict.fromkeys(extras))}"
    elif extras:
        parts.append(f"本课围绕“{title}”，学习{'、'.join(dict.fromkeys(extras))}")
    if known:
        parts.append(f"{'理论部分讲授' if parts else '本课讲授'}{_joined(known)}")
    return clean("。".join(parts) + "。", rank) if parts else None


def lesson_summary(
    *, occupation: str, title: str, objectives: Sequence[Objective], rank: int
) -> str:
    """What the lesson teaches, in the lesson's own words ("" when nothing reads well)."""
    kinds = {o.kind for o in objectives}
    if objectives and kinds == {ETHICS}:
        return _introduction(occupation, objectives, rank) or ""
    if kinds <= {ETHICS, BASIC_KNOWLEDGE}:
        line = _introduction(occupation, objectives, rank) if objectives else None
    else:
        line = _work(title, objectives, rank)
    if not line and kinds <= {ETHICS, BASIC_KNOWLEDGE}:  # "本课学习“基础知识”" says nothing
        return clean(f"本课学习{occupation}从业必备的法律法规和基础知识。", rank) or ""
    return line or clean(f"本课学习“{title}”。", rank) or ""


# What the basic requirements every standard lists mean, said as an objective with content
# (the requirement's own words, "《…劳动法》相关知识", say nothing a learner can check).
_SHARED_OBJECTIVES = (
    ("劳动合同法", "《中华人民共和国劳动合同法》关于劳动合同订立、履行、变更和解除的规定"),
    ("劳动法", "《中华人民共和国劳动法》关于劳动者权利义务、工作时间和劳动安全卫生的规定"),
    ("安全生产法", "《中华人民共和国安全生产法》规定的从业人员安全生产权利和义务"),
    ("质量管理基础知识", "质量管理的基本方法，能说出PDCA循环四个阶段的任务"),
    ("职业道德基本知识", "职业道德的含义和爱岗敬业、诚实守信、办事公道等基本要求"),
)


def shared_objective(text: str, rank: int) -> str | None:
    """The objective for a basic requirement every standard lists, with what it contains
    ("了解《中华人民共和国劳动法》关于…的规定"); ``None`` for the occupation's own ones."""
    verb = "了解" if rank <= 2 else "熟悉"
    for word, content in _SHARED_OBJECTIVES:
        if word in text:
            return f"{verb}{content}"
    return None
