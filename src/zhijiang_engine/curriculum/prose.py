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
from zhijiang_engine.standards.levels import ladder_of, level_on_ladder
from zhijiang_engine.standards.lexicon import tag as lint_tags

# Openings a sentence frame adds before a requirement's own opening; the second one wins.
_STACKED = re.compile(
    r"(按规程|按操作规程|按要求|按服务规范|规范地)"
    r"(?=(在指导下|在师傅指导下)?(按规程|按操作规程|按要求|按服务规范))"
)
_DOUBLE_OPENING = re.compile(r"(在指导下|在师傅指导下)(?=[^，；。]{0,4}(在指导下|在师傅指导下))")
_DOUBLE_WORDS = (
    ("能能", "能"), ("的的", "的"), ("能够能", "能"), ("将能够能", "将能"), ("了了", "了"),
    ("独立独立", "独立"), ("按要求按要求", "按要求"), ("和和", "和"),
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
    r"(制成|开展|进行|实施|完成|制订|制定|提出|采取|协助|履行|促进"
    r"|[\u4e00-\u9fff]{2}或[\u4e00-\u9fff]{2})基础知识"
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


# Text a standard passes on broken: a title with a verb after its verb-object phrase
# ("交易各方建立联系促进") or ending in a verb that needs an object ("裁决作出"); a tool list
# split inside a word (a one-character "心仪" after "录井仪、"); "等" said twice over a short
# span ("外延炉等设备等日常工作"); a person heading a topic ("工程技术人员生产基础知识"); a
# state given a quality standard ("异常现象质量标准").
_GARBLED = re.compile(
    r"“[^”]*(?:建立|提供|开展|进行|促进|组织|制定|编制)[\u4e00-\u9fff]{1,4}"
    r"(?:促进|实施|开展|进行|作出|做出|建立|提供)”"
    r"|“[^”]{1,12}(?:作出|做出|促使)”"
    r"|(?:建立|提供|开展|进行|组织|制定|编制)[\u4e00-\u9fff]{2,4}(?:促进|实施|作出|做出)"
    r"(?=[、，。；：”]|$)"
    r"|(?<=[、及和与])[\u4e00-\u9fff]仪(?=[、及和与，。；：？]|$)"
    r"|等[^，。；、等]{1,8}等"
    r"|人员[\u4e00-\u9fff]{1,4}基础知识|制成[\u4e00-\u9fff]{2,8}基础知识"
    r"|(?:现象|情况|问题)的?质量标准|^(?:了解|熟悉|掌握|理解)(?:以及|和|及|与)"
    # a choice, a form or a judgement has no complex cases of its own ("雕刻工具选择中的复杂
    # 情况", "无线电航标填写中的异常情况"); a plan of equipment ("仪器仪表及设备方案")
    r"|(?:选择|填写|判断|判定|记录|核对|查询|识别)中[^，。；？]{0,6}(?:复杂|异常|特殊|疑难|常见问题)"
    r"|(?:设备|仪器|仪表|工具|器具|机具|器材)的?(?:工作)?方案|完成“[^”]{0,8}(?:设备|仪表|仪器)”"
    r"|^(?:了解|熟悉|掌握|理解)方面"
    # a standard's own broken lines: "异常现象处理的工艺参数", "中医眼科医基础知识" (the
    # name cut short), "有新闻价值捕捉"
    r"|(?:现象|情况|问题|故障)(?:处理|发现)的?(?:工艺|参数)|科医(?:基础|的)"
    # "检查成白坯木制件加工" (cut from "加工成白坯木制件"), "必备的以文字形式撰写…基础知识"
    r"|(?:检查|掌握|了解|熟悉)成(?!本|品|型|果|绩|套|熟|分|员|为|立|就|长|功|像|批|组|交|年)"
    r"|(?:的|掌握|了解|熟悉)以[\u4e00-\u9fff]{1,8}(?:形式|方式)[^，。；]*基础知识"
    r"|(?:“|在)有(?!害|机|色|线|效|限|毒|轨|声|关)[\u4e00-\u9fff]{2,12}(?:”|等工作中)"
    # a title ending in a state ("通道和安全出口畅通无阻疏散", "…完好")
    r"|(?:畅通无阻|完好无损|完好|齐全)[\u4e00-\u9fff]{0,2}(?=”|综合实训)"
)
# A testing plan ("检测方案") for work that tests nothing ("效益监测与评价研究的检测方案",
# "海洋水文测量检测方案").
_TEST_PLAN = re.compile(r"([\u4e00-\u9fff、]{0,16}?)的?(?:检测|检验)方案")
_TESTING = ("检", "试验", "化验", "测试", "质量", "样", "产品", "材料", "水质", "成分", "含量")


def _untested_plan(text: str) -> str:
    for match in _TEST_PLAN.finditer(text):
        topic = match[1].removeprefix("编制").removeprefix("设计").removeprefix("制定")
        if not any(w in topic for w in _TESTING):
            return match[0]
    return ""


_TOPIC_START = re.compile(r"“([^”]{2,})”|^(?:了解|熟悉|掌握|理解)(.{2,})")


def _cut_topic(text: str) -> str:
    """A topic cut off its first word ("后设备验收与调试", "物影像或观测数据"): it starts
    with a single character the tagger reads as a position word, a particle or a piece, or
    with the "成" of "加工成…" ("成植物蛋白产品加工")."""
    for match in _TOPIC_START.finditer(text):
        words = lint_tags(match[1] or match[2])
        cut = ("f", "zg", "u") if match[1] else ("f", "zg")  # "与客户沟通" reads
        if words and (words[0][0] == "成" or (len(words[0][0]) == 1 and words[0][1] in cut)):
            return match[0]
    return ""


def _bare_verbs(text: str) -> str:
    """Verbs joined before 基础知识 as if they were a topic ("咨询、指导、帮助基础知识"), or a
    list joined twice ("…基础知识、和管系安装…")."""
    if match := re.search(r"、(?:和|及|与|以及|或)", text):
        return match[0]
    for match in re.finditer(r"((?:[\u4e00-\u9fff]{2}、){2,}[\u4e00-\u9fff]{2})基础知识", text):
        parts = match[1].split("、")
        verbs = [p for p in parts if all(f.startswith("v") for _, f in lint_tags(p))]
        if len(verbs) >= 2:  # "指导" reads to the tagger as a noun
            return match[0]
    return ""


# A tool named only by its kind ("了解设备和工具的使用知识", "使用工具时…"): it fits every
# occupation; a line about tools says which.
_KIND_OF_TOOL = r"(?:专用|常用|相关|有关|各种|各类)?(?:设备|工具|仪器仪表|仪器|仪表|器具|机具|机械)"
_BARE_TOOL = re.compile(
    r"(?:^|了解|熟悉|掌握|理解|使用|操作|维护|保养|[，；。])"
    f"{_KIND_OF_TOOL}(?:[、和或及与]{_KIND_OF_TOOL})*"
    r"(?=的|时|中|一般|有哪些|[，。？；]|$)"
)


_TRANSITIVE = frozenset(
    ("传递", "建立", "提供", "进行", "开展", "组织", "编制", "制定", "制订", "处理", "实施",
     "完成", "协助", "参与", "促进", "负责", "接待", "办理", "收集", "整理", "检查", "分析",
     "审核", "操作", "使用", "维护")
)  # fmt: skip


def _verb_framed(title: str) -> bool:
    """A title with a verb at both ends round a noun ("传递法律文书收发"): a verb-object phrase
    with another verb pasted after it."""
    words = lint_tags(title)
    return (
        len(words) >= 3
        and words[0][1] == "v"
        and words[0][0] in _TRANSITIVE  # "健身计划和方案制订": 健身 modifies, takes no object
        and words[-1][1] == "v"
        and any(flag.startswith("n") for _, flag in words[1:-1])
    )


def garbled(text: str) -> str:
    """The first piece of text that reads as a broken standard line or a bare tool ("" when
    none)."""
    # the occupation's definition ("…是使用工具、机具或设备，…的人员") names its tools so
    defines = text.rstrip("。").endswith("人员")
    if match := _GARBLED.search(text) or (not defines and _BARE_TOOL.search(text)):
        return match[0]
    if piece := _untested_plan(text) or _bare_verbs(text) or _cut_topic(text):
        return piece
    return next((t for t in re.findall(r"“([^”]+)”", text) if _verb_framed(t)), "")


def level_name(occupation_code: str, rank: int) -> str:
    """The level as the occupation's ladder names it: "初级" for a 大类 2 professional,
    "初级工" for a worker; the worker name where the professional ladder has no such rank."""
    return level_on_ladder(rank, ladder_of(occupation_code)).name_zh


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
    if piece := garbled(text):
        found.append(f"garbled: {piece!r}")
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
