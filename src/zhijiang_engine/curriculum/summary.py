"""A lesson's summary in a sentence or two: what the learner does and learns in it.

The summary names the lesson's own work (the actions its skill requirements name, without
their level's opening), what is checked and recorded, and what its knowledge requirements
cover; the introduction's lessons name the principles and the occupation's own basic
knowledge. A summary that does not pass ``prose.clean`` falls back to a plainer one; one that
would only say its title again ("本课学习本职业必备的心理咨询基础知识", "理论部分讲授开展社区
心理健康宣传的方法" after "本课学习开展社区心理健康宣传") is left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from zhijiang_engine.curriculum import work
from zhijiang_engine.curriculum.model import BASIC_KNOWLEDGE, ETHICS, SKILL, Objective
from zhijiang_engine.curriculum.prose import clean
from zhijiang_engine.curriculum.weak import plain_knowledge

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
    # a line cut from a list ("和管系安装基础知识") cannot join another list
    # "心理咨询基础知识" only says the title again: the summary names what is definite or
    # nothing at all
    own = [
        t
        for t in texts
        if not (work.shared_by_all(t) or "《" in t or t.startswith(("和", "及", "与", "或")))
        and work.knowledge_frame(t).kind != "vague"
    ][:4]
    return clean(f"本课学习本职业必备的{_joined(own)}。", rank) if own else None


def said(action: str, earlier: Sequence[str]) -> bool:
    """Whether an earlier clause already says ``action`` ("使用横剪机和对焊机" after "操作横剪机
    和对焊机，焊接带材"): the same things, whatever the verb."""
    thing = action.removeprefix("正确")[2:] if len(action) > 4 else action
    return any(thing in a for a in earlier)


# How a knowledge line names a method of the work itself ("…的处理方法", "…的编写方法"): what
# it names before that is the lesson's action said again.
_METHOD_OF = re.compile(
    r"的?(?:理论与|原理与|处理|优化|评价|编写|撰写|编制|改进|操作|工作|基本|确定|改进的)?"
    r"(?:方法|途径|技巧)"
    r"(?:与要求|和要求)?$"
)
# Knowledge every senior level lists in the same words: a summary naming it says nothing.
_STOCK_KNOWLEDGE = re.compile(
    r"技术标准与工艺规范|技术规范与标准|作业指导书|培训|讲义|技术总结|改进途径"
)


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} - {"的"}


def _restates(known: str, said_before: str) -> bool:
    """Whether a knowledge line only names the method of work the summary already says
    ("对蒸料进行接种和制曲的方法" after "对蒸料进行接种和制曲")."""
    topic = _METHOD_OF.sub("", known)
    if topic == known:
        return False
    pieces = _bigrams(topic)
    return not pieces or len(pieces & _bigrams(said_before)) >= 0.75 * len(pieces)


def informative(summary: str, title: str) -> bool:
    """Whether a summary says something its title does not: at least a few characters of its
    own beyond the title and the summary's frame words."""
    own = set(re.sub(_FRAME_WORDS, "", summary)) - set(title) - _STOP_CHARACTERS
    return len(own) >= _LEAST_NEW_CHARACTERS


_FRAME_WORDS = r"本课学习|本课讲授|理论部分讲授|并学会|本课围绕|的方法|中出现的|情况|进行"
_STOP_CHARACTERS = frozenset("的和与及或、，。；：“”对在中按要求方法能")
_LEAST_NEW_CHARACTERS = 4


def _work(title: str, objectives: Sequence[Objective], rank: int) -> str | None:
    actions: list[str] = []
    extras: list[str] = []
    # the training and improvement lines every senior level lists ("编写…的培训讲义") would
    # make a summary that fits every occupation: the occupation's own work only
    own = [o for o in objectives if o.kind == SKILL and not work.generic_work(o.source)]
    for objective in own:
        frame = work.skill_frame(objective.source)
        if frame.kind in _EXTRAS:
            if not any(frame.object in a for a in actions):
                extras.append(_EXTRAS[frame.kind].format(x=frame.object))
        elif frame.kind != "coach" and len(actions) < 2:
            action = work.action_of(objective.source)
            if not said(action, actions):
                actions.append(action)
    done = "".join([title, *actions, *extras])
    known = [
        topic
        for o in objectives
        if o.kind != SKILL
        and not _STOCK_KNOWLEDGE.search(topic := plain_knowledge(o.source.rstrip("。")))
        and not work.generic_work(topic)
        and not _restates(topic, done)
    ][:2]
    # the fullest summary that reads and says more than the title: a second action naming
    # the first's work again ("进行…审理；分析…审理中出现的问题") is dropped before the whole
    # summary is, and an action that only says the title gives way to another
    tries = [(actions, extras, known)]
    tries += [([action], [], theory) for action in actions for theory in (known[:1], [])]
    for doing, more, theory in tries:
        summary = _work_summary(title, doing, more, theory, rank)
        if summary and informative(summary, title):
            return summary
    return None


def _work_summary(
    title: str, actions: Sequence[str], extras: Sequence[str], known: Sequence[str], rank: int
) -> str | None:
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
    # "本课学习“基础知识”" or "…从业必备的法律法规和基础知识" says only the title: none then
    return line or ""


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
