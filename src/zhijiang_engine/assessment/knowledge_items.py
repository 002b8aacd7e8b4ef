"""Offline items about the tools of an occupation's work: "使用/运用/操作 <tool>，<purpose>" in a
task sentence of the national classification becomes "<occupation>在<purpose>时，使用的是（  ）。"
with the tool as the key.

Only a clean parse becomes an item: the tool is one to three named devices, instruments, tools or
software (each with a head noun such as 机, 仪, 设备, 软件 and a specific part that is not a
generic word such as 专用 or 检测), the purpose a short clause that starts with a verb, and
neither the purpose nor the occupation's name shares a word with the tool (which would give it
away). The distractors are tools of other occupations' tasks (same 中类 first, then same 大类,
never the same 小类, whose work is too close), of the same kind where there are enough, none
named anywhere in the occupation's own text and none sharing a character with the purpose or
the key (a 清洗机 is never offered against a 洗瓶机 for 清洗包装容器), so none is also right.

Also the helpers the occupation's items share (character pairs, the closest requirement, a
shuffled single-choice item).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from zhijiang_engine.assessment.drafting import SINGLE, ItemDraft
from zhijiang_engine.standards.draft import OccupationFacts
from zhijiang_engine.standards.lexicon import family_of, is_verb, tag

OPTIONS = 4
TOOL_ITEMS = 2  # per batch, so that tools do not crowd out the other kinds
MAX_TOOL = 16  # characters of a tool phrase
PURPOSE_LENGTH = (4, 24)
MAX_PURPOSE_OVERLAP = 0.2  # a distractor's own use shares at most this with ours
GENERAL = "operate"  # the lexicon's family of work that names no family

_TOOL_VERB = re.compile("^(?:使用|运用|操作)")
# Head nouns of a tool, longest first; each belongs to a kind, so that a software is offered
# against software and a machine against machines where the pool allows.
_HEADS: tuple[tuple[str, str], ...] = (
    ("软件", "software"), ("系统", "software"), ("平台", "software"), ("终端", "software"),
    ("仪器", "instrument"), ("仪表", "instrument"), ("量具", "instrument"), ("仪", "instrument"),
    ("计", "instrument"), ("表", "instrument"),
    ("设备", "machine"), ("机械", "machine"), ("机具", "machine"), ("装置", "machine"),
    ("装备", "machine"), ("设施", "machine"), ("机", "machine"), ("床", "machine"),
    ("炉", "machine"), ("泵", "machine"),
    ("工具", "tool"), ("器具", "tool"), ("器械", "tool"), ("刀具", "tool"), ("网具", "tool"),
    ("器", "tool"), ("具", "tool"),
)  # fmt: skip
_HEAD_WORDS = tuple(head for head, _ in _HEADS)
# Openings that make a tool anyone's ("专用工具"), and specific parts that say nothing
# ("检测仪器", "机械设备").
_MODIFIERS = (
    "专用", "专业", "相关", "配套", "有关", "各种", "各类", "相应", "常用", "必要", "一般",
    "特定", "现代", "先进", "其他", "多种", "有效", "适当", "手工", "通用", "特种", "辅助",
)  # fmt: skip
_GENERIC = frozenset(
    {
        "检测", "测试", "测量", "检验", "监测", "加工", "生产", "机械", "电子", "专用",
        "专业", "试验", "实验", "辅助", "工装", "计算", "分析", "信息化", "数字化", "智能",
        "自动化", "电气", "控制", "仪器", "仪表", "设备", "工具", "办公", "作业", "安全",
        "防护", "相关", "电动", "手动", "通信", "信息", "网络", "计算机", "检查", "维修",
        "配套", "施工", "操作", "交通", "运输", "工程", "技术", "专门",
    }
)  # fmt: skip
# Functions broad enough that a category named by one ("大地测量仪器", "水处理设备", "提纯设备")
# may hold the key: never offered as a wrong answer.
_BROAD = re.compile(
    "测量|测试|检测|监测|测定|计量|加工|处理|控制|分析|输送|包装|清洗|维修|调试|提纯|精制|分离|"
    "净化|过滤|干燥|冷却|加热|混合|粉碎|破碎|蒸馏|蒸发|提取|纯化|筛分|搅拌|清理|焊接|切割|灭菌|"
    "杀菌|消毒|烘干|成型"
)
_CATEGORY_HEADS = ("设备", "仪器", "仪表", "机械", "机具", "装置", "装备", "设施", "工具", "器具")
_NOT_A_TOOL = re.compile(
    "方法|技术|手法|技巧|理论|方式|手段|知识|原理|规范|标准|模式|经验|的|其|或"
)
_SEPARATOR = re.compile("、|和|与|以及|及")


def char_pairs(text: str) -> set[str]:
    """The pairs of neighbouring CJK characters, letters or digits of ``text``."""
    chars = [c for c in text if "\u4e00" <= c <= "\u9fff" or c.isalnum()]
    return {chars[i] + chars[i + 1] for i in range(len(chars) - 1)}


def overlap(a: str, b: str) -> float:
    """Share of the shorter text's character pairs that the other one has too."""
    left, right = char_pairs(a), char_pairs(b)
    return len(left & right) / min(len(left), len(right)) if left and right else 0.0


def closest_requirement(text: str, requirements: Mapping[str, str]) -> str | None:
    """The skill requirement closest in wording to ``text``, else the first basic knowledge
    requirement, else any requirement."""
    skills = [(key, value) for key, value in requirements.items() if ".S" in key]
    scored = sorted(((overlap(text, value), key) for key, value in skills), reverse=True)
    if scored and scored[0][0] > 0:
        return scored[0][1]
    basic = [key for key in requirements if key.startswith("B")]
    return basic[0] if basic else next(iter(requirements), None)


def single_choice(
    requirement: str,
    stem: str,
    key: str,
    wrong: Sequence[str],
    explanation: str,
    rng: np.random.Generator,
) -> ItemDraft:
    """A single-choice item with the key and the wrong options in a random order."""
    options = [key, *wrong]
    order = rng.permutation(len(options))
    shuffled = tuple(options[i] for i in order)
    return ItemDraft(requirement, SINGLE, stem, shuffled, "ABCD"[shuffled.index(key)], explanation)


@dataclass(frozen=True)
class ToolUse:
    """A tool and what it is used for, read from one task sentence."""

    tool: str  # e.g. "表层水温表、盐度计"
    purpose: str  # e.g. "测定表层海水温度、盐度并进行记录"
    task: str  # the task sentence it was read from
    kind: str  # software, instrument, machine or tool (the kind of its last head noun)

    @property
    def family(self) -> str:
        """The kind of work the purpose is (lexicon families: inspect, prepare, …)."""
        return family_of([word for word, flag in tag(self.purpose) if is_verb((word, flag))])

    @property
    def core(self) -> str:
        """The tool without its head nouns and separators: what tells it from others."""
        parts = [_core(element) for element in _SEPARATOR.split(self.tool)]
        return "".join(parts)


def _core(element: str) -> str:
    while True:
        head = next((h for h in _HEAD_WORDS if element.endswith(h)), None)
        if head is None or len(element) <= len(head):
            return element
        element = element[: -len(head)]


def _clean_tool(tool: str) -> str | None:
    """The tool phrase when it names specific tools ("磨床、线切割" and "专用工具" do not)."""
    if not 2 <= len(tool) <= MAX_TOOL or _NOT_A_TOOL.search(tool):
        return None
    first = tag(tool)[0]
    if not "\u4e00" <= tool[0] <= "\u9fff" or is_verb(first) or first[1][:1] in ("c", "p", "d"):
        return None  # "并监控窑炉", "和日常维护仪器"
    named, _, category = tool.partition("等")
    if category and not category.endswith(_HEAD_WORDS):
        return None
    elements = [e for e in _SEPARATOR.split(named) if e]
    if not 1 <= len(elements) <= 3:
        return None
    for element in elements:
        core = _core(element)
        if not element.endswith(_HEAD_WORDS) or element.startswith(_MODIFIERS):
            return None
        if len(core) < 2 or core in _GENERIC or core.endswith(_HEAD_WORDS):
            return None
    return named


def tool_use(task: str) -> ToolUse | None:
    """The tool and its purpose in a task sentence "使用 X，做 Y" (or "操作 X 进行 Y"); None
    when the sentence does not read cleanly that way."""
    text = task.strip().rstrip("。；;，,")
    if not _TOOL_VERB.match(text):
        return None
    rest = text[2:]
    clauses = re.split("[，,]", rest)
    if len(clauses) > 1:  # "使用 X，Y": the tool is the whole first clause
        return _read(clauses[0], clauses[1], text) if len(clauses) == 2 else None
    for end in range(2, min(len(rest), MAX_TOOL + 1)):
        phrase, after = rest[:end], rest[end:]
        if not phrase.endswith(_HEAD_WORDS) or not after or after[0] in "、和与及等的":
            continue
        use = None if after.startswith(_HEAD_WORDS) else _read(phrase, after, text)
        if use is not None:
            return use
    return None


def _read(phrase: str, purpose: str, task: str) -> ToolUse | None:
    low, high = PURPOSE_LENGTH
    if not low <= len(purpose) <= high or re.search("[；;：:（(]", purpose):
        return None
    if not is_verb(tag(purpose)[0]):
        return None
    tool = _clean_tool(phrase)
    if tool is None:
        return None
    kind = next(k for head, k in _HEADS if tool.endswith(head))
    return ToolUse(tool, purpose, task, kind)


def _distractor_pool(
    occupation: OccupationFacts, others: Sequence[OccupationFacts]
) -> list[tuple[int, ToolUse]]:
    """Tools of other occupations' tasks with their distance (0 same 中类, 1 same 大类), never
    of the same 小类 and never named in the occupation's own text."""
    own = "".join((occupation.name, occupation.definition, *occupation.tasks))
    own_pairs = char_pairs(own)
    minor, middle = occupation.code[:7], occupation.code[:4]
    pool: dict[str, tuple[int, ToolUse]] = {}
    for other in others:
        if other.code.startswith(minor) or other.code[:1] != occupation.code[:1]:
            continue
        for task in other.tasks:
            use = tool_use(task)
            if use is None or use.tool in own or char_pairs(use.core) & own_pairs:
                continue
            distance = 0 if other.code.startswith(middle) else 1
            if use.tool not in pool or pool[use.tool][0] > distance:
                pool[use.tool] = (distance, use)
    return [pool[tool] for tool in sorted(pool)]


def _wrong_tools(
    use: ToolUse, pool: list[tuple[int, ToolUse]], taken: set[str]
) -> list[str] | None:
    """Three tools offered against ``use``: of its kind and its 中类 first; none used for the
    same family of work (an oscilloscope is never wrong for testing a control system), none
    sharing a character with its purpose or its key, nor a character pair with each other.
    Drawn in an order fixed by the key (not at random), so that drafting again gives the same
    item, which the bank then holds once."""
    banned = set(use.purpose) | set(use.core)
    ranked = sorted(
        range(len(pool)),
        key=lambda i: (
            pool[i][1].kind != use.kind,
            pool[i][0],
            zlib.crc32((use.tool + pool[i][1].tool).encode()),
        ),
    )
    wrong: list[str] = []
    for i in ranked:
        other = pool[i][1]
        if other.tool in taken or set(other.core) & banned or _broad_category(other.tool):
            continue
        if overlap(other.purpose, use.purpose) > MAX_PURPOSE_OVERLAP:
            continue
        if other.family == use.family != GENERAL:  # a tool for the same kind of work may serve
            continue
        if any(char_pairs(other.core) & char_pairs(_core_of(w)) for w in wrong):
            continue
        wrong.append(other.tool)
        if len(wrong) == OPTIONS - 1:
            return wrong
    return None


def _broad_category(tool: str) -> bool:
    return any(e.endswith(_CATEGORY_HEADS) and _BROAD.search(e) for e in _SEPARATOR.split(tool))


def _core_of(tool: str) -> str:
    return "".join(_core(element) for element in _SEPARATOR.split(tool))


def _usable(use: ToolUse, occupation: OccupationFacts) -> bool:
    """Whether the item would be fair: the stem does not give the tool away (no shared word,
    and not half of its characters), and no other text of the occupation (its definition, its
    other tasks) names it, so that no other item does."""
    if char_pairs(use.core) & char_pairs(occupation.name + use.purpose):
        return False
    hinted = set(use.core) & set(occupation.name + use.purpose)
    if 2 * len(hinted) >= len(set(use.core)):  # "洗瓶机" for "清洗包装容器" is guessed, not known
        return False
    elsewhere = [occupation.definition, *(t for t in occupation.tasks if use.task not in t)]
    return not any(use.tool in text or use.core in text for text in elsewhere)


@dataclass(frozen=True)
class ToolItems:
    items: tuple[ItemDraft, ...]
    tasks: frozenset[str]  # the occupation's tasks the items were read from
    offered: frozenset[str]  # every tool shown as an option


def tool_items(
    *,
    occupation: OccupationFacts,
    others: Sequence[OccupationFacts],
    requirements: Mapping[str, str],
    rng: np.random.Generator,
    limit: int = TOOL_ITEMS,
) -> ToolItems:
    """Up to ``limit`` items "<occupation>在<purpose>时，使用的是" from the occupation's tasks
    that name a tool, each tool offered once."""
    uses = [u for u in map(tool_use, occupation.tasks) if u is not None and _usable(u, occupation)]
    pool = _distractor_pool(occupation, others) if uses else []
    taken: set[str] = set()
    items: list[ItemDraft] = []
    tasks: set[str] = set()
    for i in rng.permutation(len(uses)) if uses else []:
        use = uses[int(i)]
        wrong = _wrong_tools(use, pool, taken | {use.tool}) if len(items) < limit else None
        home = _tool_home(use, requirements)
        if wrong is None or home is None:
            continue
        taken.update([use.tool, *wrong])
        tasks.add(use.task)
        stem = f"{occupation.name}在{use.purpose}时，使用的是（  ）。"
        why = (
            f"{occupation.name}的主要工作任务之一是“{use.task}”（职业分类大典）；"
            "其余选项是其他职业使用的工具设备。"
        )
        items.append(single_choice(home, stem, use.tool, wrong, why, rng))
    return ToolItems(tuple(items), frozenset(tasks), frozenset(taken))


def _tool_home(use: ToolUse, requirements: Mapping[str, str]) -> str | None:
    """The basic knowledge requirement about this tool ("X的使用知识") if there is one, else
    the skill requirement closest to the task."""
    named = [k for k, v in requirements.items() if k.startswith("B") and use.core in v]
    return named[0] if named else closest_requirement(use.task, requirements)
