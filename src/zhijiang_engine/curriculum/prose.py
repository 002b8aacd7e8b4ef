"""The check every composed curriculum sentence passes, and how levels are named in the text.

``standards.lint`` catches broken slot-filling (dangling 的, empty objects, a doubled word,
verbs above the level). Sentences composed around a requirement also break in ways of their
own: openings stacked on one another ("在指导下按规程按操作规程…", "能能…", "学员将能够能…"),
a phrase said twice in one sentence ("按要求记录…的过程和结果，并记录操作过程与结果"), and
placeholders of an empty slot. ``clean`` repairs what it can without guessing and gives
``None`` for the rest, which the generators leave out.
"""

from __future__ import annotations

import re

from zhijiang_engine.standards import lint
from zhijiang_engine.standards.levels import Ladder, ladder_of, level_by_rank

# Openings a sentence frame adds before a requirement's own opening; the second one wins.
_STACKED = re.compile(
    r"(按规程|按操作规程|按要求|按服务规范|规范地)"
    r"(?=(在指导下|在师傅指导下)?(按规程|按操作规程|按要求|按服务规范))"
)
_DOUBLE_OPENING = re.compile(r"(在指导下|在师傅指导下)(?=[^，；。]{0,4}(在指导下|在师傅指导下))")
_DOUBLE_WORDS = (
    ("能能", "能"), ("的的", "的"), ("能够能", "能"), ("将能够能", "将能"), ("了了", "了"),
    ("独立独立", "独立"), ("按要求按要求", "按要求"),
)  # fmt: skip
# A phrase of five or more characters said again within a few characters: a frame pasted
# round a requirement that already says it ("在指导下按规程在指导下按操作规程…"); the same
# object named by two steps of a list further apart is how Chinese lists work.
_REPEATED_PHRASE = re.compile(r"([\u4e00-\u9fff]{5,})[^。？！]{0,4}?\1")
# Titles named in a sentence ("完成“刀具选择与刃磨”：…刃磨刀具"; law titles sharing
# "中华人民共和国") repeat words by right.
_TITLE = re.compile(r"《[^》]*》|“[^”]*”")


# Requirement text whose object is a bare verb phrase: "钢琴及键盘乐器制成基础知识",
# "指导或咨询基础知识", "锁铆的使用知识", "手法制作糖艺的使用知识", and a verb left at the
# end as if it were a noun ("开展环境保护制订"; "调理方案制订" names a document and reads).
_VERB_BEFORE_BASICS = re.compile(
    r"(制成|开展|进行|实施|完成|制订|制定|提出|采取|[\u4e00-\u9fff]{2}或[\u4e00-\u9fff]{2})基础知识"
)
_USED_THINGS = (
    "设备", "工具", "仪器", "仪表", "器具", "器械", "器材", "软件", "系统", "平台", "用品",
    "材料", "装置", "机械", "量具", "刀具", "夹具", "模具", "机具", "药剂", "试剂", "机", "器",
    "具", "仪", "表", "品", "料", "剂", "件", "车", "床", "网",
)  # fmt: skip
_FINAL_VERB = re.compile(r"([\u4e00-\u9fff]{0,2})(制订|制定)(?=[。；！？]|$)")
_DOCUMENTS = (
    "方案", "计划", "规划", "标准", "制度", "规范", "规程", "文件", "措施", "策略", "预案",
    "目标", "政策", "办法", "大纲", "规则", "流程", "程序", "细则", "路线", "的", "与", "和",
)  # fmt: skip


def verb_as_noun(text: str) -> str:
    """The first verb phrase standing where a noun should ("" when none)."""
    if match := _VERB_BEFORE_BASICS.search(text):
        return match[0]
    for match in re.finditer("的使用知识", text):
        if not text[: match.start()].endswith(_USED_THINGS):
            return text[max(0, match.start() - 4) : match.end()]
    for match in _FINAL_VERB.finditer(text):
        if match[1] and not match[1].endswith(_DOCUMENTS):
            return match[0]
    return ""


def level_name(occupation_code: str, rank: int) -> str:
    """The level as the occupation's ladder names it: "初级" for a 大类 2 professional,
    "初级工" for a worker; the worker name where the professional ladder has no such rank."""
    ladder = ladder_of(occupation_code)
    try:
        return level_by_rank(rank, ladder).name_zh
    except KeyError:
        return level_by_rank(rank, Ladder.WORKER).name_zh


def repeated_phrase(text: str) -> str:
    """The first phrase of five or more characters said twice close together in one sentence
    ("" when none)."""
    for sentence in re.split(r"[。？！]", _TITLE.sub("《》", text)):
        for match in _REPEATED_PHRASE.finditer(sentence):
            phrase = match[1]
            for size in range(5, len(phrase) + 1):  # the shortest repeated piece names it
                piece = phrase[:size]
                if sentence.count(piece) > 1:
                    return piece
    return ""


def stacked(text: str) -> str:
    """The first stacked opening ("按规程按操作规程", "能能"), "" when there is none."""
    if match := _STACKED.search(text) or _DOUBLE_OPENING.search(text):
        return match[0]
    return next((bad for bad, _ in _DOUBLE_WORDS if bad in text), "")


def _unstack(text: str) -> str:
    for bad, good in _DOUBLE_WORDS:
        text = text.replace(bad, good)
    text = _DOUBLE_OPENING.sub("", text)
    return _STACKED.sub("", text)


def faults(text: str, rank: int | None = None) -> list[str]:
    """Everything wrong with a composed sentence, as short reasons (empty when it reads)."""
    found = [f"{p.rule}: {p.reason}" for p in lint.problems(text, rank=rank)]
    if bad := stacked(text):
        found.append(f"stacked: {bad!r}")
    if phrase := repeated_phrase(text):
        found.append(f"repeated phrase: {phrase!r}")
    if verb := verb_as_noun(text):
        found.append(f"verb as noun: {verb!r}")
    return found


def clean(text: str, rank: int | None = None) -> str | None:
    """``text`` repaired (stacked openings merged, lint's repairs) or ``None`` when it still
    has a fault; a sentence without faults comes back unchanged."""
    line = text.strip()
    if not line:
        return None
    if not faults(line, rank):
        return line
    line = _unstack(line)
    repaired = lint.repair(line, rank)
    if repaired and line[-1] in "。？！" and repaired[-1] not in "。？！":
        repaired += line[-1]  # the repair trims stray punctuation, the full stop with it
    if repaired is None or faults(repaired, rank):
        return None
    return repaired


def paragraph(sentences: list[str], rank: int | None = None) -> str:
    """The sentences that pass the check, in order, as one paragraph ("" when none does)."""
    kept = [line for sentence in sentences if sentence and (line := clean(sentence, rank))]
    return "".join(kept)
