"""A linguistic check of generated requirement and course text, and its deterministic repair.

Slot-filled templates break in a few recurring ways: an empty slot leaves a dangling 的
("能根据的特点选择…", "的质量要求"), a light verb gets no real object ("能进行大规模技术",
"能进行卫星遥感影像数据，并…"), a slot repeats the word beside it ("并处理处理过程中…"), a line
starts with a connective ("和校验调试的原理与要求", "使现场工艺过程…"), and a task sentence
copied into a low level claims senior work ("中级工 能独立制订…发展规划和技术标准").
``problems`` names each of these with a rule and a short reason; ``repair`` fixes what can be
fixed without guessing (a doubled word, a leading connective, a stray 的, punctuation, a verb
too senior for the level) and gives ``None`` for the rest, which callers leave out.

The check reads regular expressions first and asks jieba (through the standards lexicon) only
about the few spans it must segment, so it can run over every line of every drafted standard.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from zhijiang_engine.standards.lexicon import FILLERS, GENERIC, LIGHT, VERBS, is_verb, tag


def _table(words: str) -> frozenset[str]:
    return frozenset(words.split())


class Rule(StrEnum):
    """What is wrong with a line."""

    DANGLING_DE = "dangling_de"  # 的 with nothing to attach to: "根据的特点", "…人员的", "的的"
    LEADING_CONNECTIVE = "leading_connective"  # starts with 的/使/和/并/及: a slot was empty
    EMPTY_OBJECT = "empty_object"  # 进行/开展/完成 + nothing real: "进行大规模技术", "进行工作"
    BROKEN_CLAUSE = "broken_clause"  # 进行 + a thing ("进行影像数据，并…"), 进行 + a verb phrase
    UNBALANCED = "unbalanced"  # a bracket or quote without its partner
    REPEATED = "repeated"  # "处理处理", "方法方法", a clause said twice
    EMPTY_SLOT = "empty_slot"  # "（）", "「」", "{topic}", "，，", a line starting with "，"
    NOT_CHINESE = "not_chinese"  # English only, or a single character
    LEVEL_VERB = "level_verb"  # work above the level: 制订…标准 for a 中级工
    WORKER_AS_OBJECT = "worker_as_object"  # a worker where the work belongs: "保养工维护方案"
    METHOD_OF_METHOD = "method_of_method"  # "诊断程序的方法", "工作主持的原理与要求"


@dataclass(frozen=True)
class Problem:
    rule: Rule
    reason: str  # a short English reason naming the offending words


# Work only a level from ``rank`` up may claim, on a line that claims to do it ("能…"). Work
# marked shareable may be claimed as a junior's share by any level ("能协助制订…", "能参与…").
LEVEL_VERBS: tuple[tuple[int, bool, str, str], ...] = (
    (5, True, r"(制订|制定|编制|起草|拟定)[^，；。]{0,16}?(规划|标准|战略|政策|制度)",
        "drafting plans, standards or policies"),
    (5, True, r"主持[^，；。]{0,12}?(制定|制订|开发|编写|设计|攻关|研究|项目|改进|创新)",
        "leading (主持) development work"),
    (5, True, r"组织(编写|编制|开展培训|技术攻关)", "organising writing or training"),
    (5, False, r"(编写|开发|设计)[^，；。]{0,6}(培训|教材|讲义|课程体系)",
        "writing training material"),
    (5, False, r"(指导|培训|带徒)[^，；。]{0,12}(初级工|中级工|高级工|技师|学徒)|带徒传技"
        r"|对[^，；。]{0,16}(初级工|中级工|高级工|技师)[^，；。]{0,12}(培训|指导)",
        "training or coaching other grades"),
    (5, True, r"技术攻关|技术发展方向|发展规划", "technical breakthroughs and development plans"),
    (4, True, r"独立完成复杂|疑难问题|疑难故障", "complex or difficult problems"),
    (3, False, r"(建立|健全|完善)[^，；。]{0,12}?(制度|体系|机制)", "building rules or systems"),
)  # fmt: skip
_SHARES = ("参与", "协助", "配合", "辅助")

_CJK = re.compile(r"[\u3400-\u9fff]")
_PAIRS = ("（）", "()", "「」", "“”", "《》", "【】", "『』")
_EMPTY_PAIR = re.compile(r"（\s*）|\(\s*\)|「\s*」|“\s*”|《\s*》|【\s*】|『\s*』|\{\w*\}|\[\s*\]")
_PUNCT = "，、；：。,;:"
_DOUBLE_PUNCT = re.compile(f"[{_PUNCT}]{{2,}}")
_EDGE_PUNCT = re.compile(f"^[{_PUNCT}.]|[，、；：,;:]$")
_REPEAT = re.compile(r"(..+?)\1")
# "依法分析和的使用方法": a conjunct is missing; 涉及的, 参与的, 饱和的 … are words, not conjuncts.
_CONNECTIVE_DE = re.compile(r"(?<![涉普波危顾以参给饱缓总调温平柔附谐])(和|与|及|或|、)的")
_PREPOSITION_DE = re.compile(r"(根据|按照|依照|遵照|针对|对于|关于|围绕|基于)的")
_SUSPECT_DE = re.compile(
    r"的(?=$|[的了地得和与及并或能可应，、；：。,;:）)」”]|进行|开展|从事|做好|完成|负责|提供)"
)
# What a requirement or an objective opens with before its work ("能在指导下按操作规程…").
_OPENING = re.compile(
    r"^(实操练习：|简述：|践行：)?(能(在师傅指导下辅助|在指导下|独立|正确|熟练)?"
    r"(按操作规程|按要求|按服务规范)?|(了解|理解|熟悉|掌握|系统掌握|熟练掌握))?"
)
_CONNECTIVES = frozenset({"的", "使", "和", "并", "及", "与", "或", "以及", "及其", "并且", "而且"})
_AFTER_DE = frozenset({"的", "了", "地", "得", "和", "与", "及", "并", "或", "以及", "并且"})
_VERB_AFTER_DE = LIGHT | {"能", "可", "应"}
# Words that fill no object on their own after 进行/开展/实施/完成 ("进行大规模技术").
_BARE_HEADS = GENERIC | {"管理", "作业", "操作", "任务", "处理", "工作", "事项", "内容"}
_MODIFIERS = frozenset(
    {"大规模", "日常", "一般", "常规", "具体", "基本", "主要", "全面", "有效", "综合", "专业",
     "重要", "重大", "复杂", "简单", "新", "各项", "整体", "现场", "必要的", "相关的"}
)  # fmt: skip
# A light verb that opens a clause (after 能…, a comma, 并 or 和) and what follows it.
_LIGHT_OBJECT = re.compile(
    r"(?:^|[，；：并和]|(?<=能)|(?<=独立)|(?<=规程)|(?<=要求)|(?<=规范)|(?<=指导下))"
    r"(进行|开展|从事|完成|做好)([^，；。]*)"
)
_EMPTY_AFTER_DONE = frozenset({"工作", "任务", "作业", "事项", "相关工作"})
# A verb straight before a how-clause: a tool slot filled with a condition ("维护根据…").
_VERB_THEN_MEANS = re.compile(r"(使用|维护|操作|选择合适的)(根据|按照|依照|遵照|依据|进行)")
# Nouns of an action that jieba tags as things ("进行水资源论证", "进行配料").
_ACTION_NOUNS = _table(
    """论证 冲片 干燥 试验 实验 手术 作业 工作 活动 治疗 教学 保障 保健 急救 康复 推拿 按摩 针灸
    艾灸 理疗 演出 表演 调音 彩排 排练 宣传 广播 直播 拍摄 摄影 播音 讲座 研讨 谈判 交流 对接
    沟通 协商 保洁 灭菌 杀菌 防疫 检疫 体检 化验 试车 试运行 会诊 巡逻 值守 值班 清淤 疏浚 造林
    嫁接 育苗 施肥 灌溉 繁育 养殖 淬火 回火 退火 正火 热处理 后处理 前处理 预处理 铸造 冲压
    涂装 喷涂 电镀 抛光 装修 装潢 施工 修缮 审计 营销 推销 招商 竞赛 比赛 救援 抢险 救护 监护
    陪护 报关 报检 仲裁 调解 理赔 勘查 勘探 普查 成型 造型 定型 选型 精制 结晶 装饰 染色 入库
    出库 总装 降温 升温 整饰 封口 装箱 交易 收费 电解 利用 决策 招投标 配料 蒸料 混匀 教育
    培训 服务 鉴定 评估 统计 预加工 粗加工 精加工 深加工 加工"""
)  # fmt: skip


# Punctuation and brackets: a 工-word next to one is a name or a subject ("车工（中级工）").
_BOUNDARY = _PUNCT + "（）()「」“”《》【】『』 "
_KNOWLEDGE_END = re.compile(r"的[^，；。]*(方法|要求|知识|规程|规范|标准|途径|原理|要点)$")
# Words ending in 工 that name work or material, not a worker ("精加工", "施工", "化工").
_NOT_WORKERS = (
    "加工",
    "施工",
    "化工",
    "员工",
    "手工",
    "人工",
    "分工",
    "用工",
    "做工",
    "开工",
    "完工",
    "竣工",
    "返工",
    "赶工",
    "停工",
    "复工",
    "务工",
    "美工",
    "监工",
    "电工",
    "职工",
)
# A procedure named as the topic of a method ("诊断程序的方法"), or a generic noun with a
# light verb as the topic ("工作主持的…", "设备制造技术支持中的…").
_METHOD_OF_METHOD = re.compile(
    r"(程序|方法|流程|规程|方式|办法|步骤)的(方法|原理|基本知识|操作规程|工艺要求)"
    r"|(?:^|[能的])(工作|作业|任务|事项)(主持|开展|进行|完成|负责|担任|参加)"
    r"|技术支持(中|的(方法|原理|技术规范|质量))"
)


def problems(text: str, *, rank: int | None = None) -> tuple[Problem, ...]:
    """Every problem of ``text``; ``rank`` (1–8 of the ladder) also checks the level's verbs."""
    line = text.strip()
    if len(line) <= 1 or not _CJK.search(line):
        reason = "a single character" if len(line) <= 1 else "no Chinese text"
        return (Problem(Rule.NOT_CHINESE, reason),)
    found = [
        *_slot_problems(line),
        *_balance_problems(line),
        *_de_problems(line),
        *_start_problems(line),
        *_object_problems(line),
        *_repeat_problems(line),
        *_topic_problems(line),
    ]
    if rank is not None:
        found += _level_problems(line, rank)
    return tuple(found)


def _slot_problems(line: str) -> list[Problem]:
    found = []
    for match in (_EMPTY_PAIR.search(line), _DOUBLE_PUNCT.search(line), _EDGE_PUNCT.search(line)):
        if match:
            found.append(Problem(Rule.EMPTY_SLOT, f"empty slot or stray punctuation {match[0]!r}"))
    return found


def _unmatched(line: str) -> list[int]:
    """Positions of brackets and quotes without their partner."""
    stack: list[int] = []
    lonely: list[int] = []
    opening = {pair[0]: pair[1] for pair in _PAIRS}
    closing = {pair[1]: pair[0] for pair in _PAIRS}
    for i, char in enumerate(line):
        if char in opening:
            stack.append(i)
        elif char in closing:
            if stack and line[stack[-1]] == closing[char]:
                stack.pop()
            else:
                lonely.append(i)
    return sorted(lonely + stack)


def _balance_problems(line: str) -> list[Problem]:
    if lonely := _unmatched(line):
        return [Problem(Rule.UNBALANCED, f"{line[lonely[0]]!r} has no partner")]
    return []


def _de_problems(line: str) -> list[Problem]:
    found = []
    if match := _PREPOSITION_DE.search(line):
        found.append(Problem(Rule.DANGLING_DE, f"{match[1]} has no object before 的"))
    if "的的" in line:
        return [*found, Problem(Rule.DANGLING_DE, "的 twice in a row")]
    if match := _CONNECTIVE_DE.search(line):
        found.append(Problem(Rule.DANGLING_DE, f"{match[1]} joins nothing before 的"))
    if not _SUSPECT_DE.search(line):
        return found
    tokens = [word for word, _ in tag(line)]
    for i, word in enumerate(tokens):
        if word != "的":
            continue
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if (
            not after
            or after in _AFTER_DE
            or after[0] in _PUNCT + "）)」”"
            or after in _VERB_AFTER_DE
        ):
            found.append(Problem(Rule.DANGLING_DE, f"的 followed by {after or 'nothing'!r}"))
            break
    return found


def _opening(line: str) -> tuple[str, str]:
    """(the opening such as "能独立", the rest of the line)."""
    match = _OPENING.match(line)
    size = match.end() if match else 0
    return line[:size], line[size:]


def _first_word(text: str) -> str:
    return tag(text[:6])[0][0] if text else ""


def _start_problems(line: str) -> list[Problem]:
    _, rest = _opening(line)
    if not rest or rest[0] not in "的使和并及与或而":
        return []
    first = _first_word(rest)
    if first in _CONNECTIVES or first == "使" or _glued_connective(rest):
        return [Problem(Rule.LEADING_CONNECTIVE, f"starts with {rest[0]!r}: a slot is empty")]
    return []


def _glued_connective(rest: str) -> bool:
    """A connective jieba glued to the verb after it ("和校验调试" → 和校验 / 调试)."""
    return rest[0] in "和及或与并" and len(rest) > 3 and rest[1:3] in VERBS


def _words(text: str) -> list[tuple[str, str]]:
    return [t for t in tag(text) if t[0].strip() and t[0] not in FILLERS] if text else []


def _object_problems(line: str) -> list[Problem]:
    found = []
    if match := _VERB_THEN_MEANS.search(line):
        found.append(Problem(Rule.BROKEN_CLAUSE, f"{match[0]!r}: a condition in an object slot"))
    for clause in re.split(r"[，；。]", line):
        if clause.count("进行") > 1:
            found.append(Problem(Rule.BROKEN_CLAUSE, f"进行 twice in {clause!r}"))
    for match in _LIGHT_OBJECT.finditer(line):
        verb, obj = match[1], match[2].split("并")[0] if match[1] == "进行" else match[2]
        if verb in {"完成", "做好"} and obj not in _EMPTY_AFTER_DONE:  # "做好记录", "按时完成"
            continue
        words = _words(re.sub(r"(等等|等)$", "", obj))
        meaningful = [w for w, flag in words if w not in _MODIFIERS and flag not in {"m", "q"}]
        if not meaningful or (len(meaningful) == 1 and meaningful[0] in _BARE_HEADS):
            found.append(Problem(Rule.EMPTY_OBJECT, f"{verb} has no real object: {obj!r}"))
        elif verb == "进行" and not _is_action(words[-1]):
            opener = words[0][0] in {"将", "把", "对"} or (
                (is_verb(words[0]) or is_verb(tag(obj[:2])[0])) and len(words) > 1
            )
            what = "a verb phrase" if opener else "a thing, not an action"
            found.append(Problem(Rule.BROKEN_CLAUSE, f"进行 + {what}: {obj!r}"))
    return found


def _is_action(token: tuple[str, str]) -> bool:
    word, flag = token
    if word in GENERIC:  # jieba tags 设备 and 系统 as verbal nouns
        return False
    return (
        is_verb(token)
        or flag in {"vn", "v", "vd"}
        or word in _ACTION_NOUNS
        or word[-2:] in VERBS
        or word[-2:] in _ACTION_NOUNS
    )


def _repeat_problems(line: str) -> list[Problem]:
    clauses = [c for c in re.split(r"[，；。,;]", line) if c]
    if len(clauses) != len(set(clauses)):
        return [Problem(Rule.REPEATED, "a clause is said twice")]
    if doubled := _doubled(line):
        return [Problem(Rule.REPEATED, f"{doubled!r} twice in a row")]
    if head := _repeated_head(clauses[0] if clauses else line):
        return [Problem(Rule.REPEATED, f"{head!r} ends both the work and what is said of it")]
    return []


# "能分析市场动态分析的结果": the verb also ends its object; "标准化知识的基本知识": the
# topic and what is said of it end with one head word.
_VERB_AND_OBJECT = re.compile(r"^能(?:独立|在指导下|按要求|按规范)?(\w\w)\w{2,12}?\1(?=的|中|并|$)")
_HEAD_AND_TOPIC = re.compile(r"(\w\w)的\w{0,6}?\1(?=$|与|和|及)")


def _repeated_head(clause: str) -> str:
    """The head word said at the end of both the work and what is said of it, "" when none."""
    if (match := _VERB_AND_OBJECT.search(clause)) and match[1] in VERBS:
        return match[1]
    return match[1] if (match := _HEAD_AND_TOPIC.search(clause)) else ""


def _doubled(line: str) -> str:
    """The first word or words (2+ characters) said twice in a row, "" when none: a repeat
    that starts and ends between jieba's words ("并处理处理过程" but not "铁路线路线形")."""
    if not _REPEAT.search(line):
        return ""
    edges = {0}
    for word, _ in tag(line):
        edges.add(max(edges) + len(word))
    for match in _REPEAT.finditer(line):
        unit = match[1]
        if match.start() in edges and match.start() + len(unit) in edges:
            return unit
    for start in sorted(edges):  # overlapping candidates _REPEAT.finditer skipped
        for size in range(2, 9):
            unit = line[start : start + size]
            if len(unit) == size and line.startswith(unit, start + size) and start + size in edges:
                return unit
    return ""


def _topic_problems(line: str) -> list[Problem]:
    """A worker in an object slot ("能制定保养工维护方案") or a procedure as a topic."""
    found = []
    if match := _METHOD_OF_METHOD.search(line):
        found.append(Problem(Rule.METHOD_OF_METHOD, f"{match[0]!r} names no work"))
    if "工" not in line:
        return found
    tagged = tag(line)
    tokens = [word for word, _ in tagged]
    # Whether each word opens its clause with nouns only before it ("摩托车修理工分析…": who
    # does it); a knowledge topic ("保养工维护方案的编制方法") has no subject.
    opens, nouns_only = [], not _KNOWLEDGE_END.search(line)
    for word, flag in tagged:
        opens.append(nouns_only)
        nouns_only = word[-1] in _BOUNDARY or (nouns_only and flag.startswith("n"))
    for subject, word, after in zip(opens, tokens, [*tokens[1:], ""], strict=True):
        worker = (
            len(word) >= 3 and word.endswith(("工", "工人")) and not word.endswith(_NOT_WORKERS)
        )
        if (
            worker
            and not subject
            and after
            and after not in _AFTER_DE
            and after[0] not in _BOUNDARY
            and after not in {"进行", "开展", "完成", "解决", "掌握", "使用", "及", "等", "们"}
        ):
            found.append(Problem(Rule.WORKER_AS_OBJECT, f"{word!r} is a worker, not the work"))
            break
    return found


def _level_problems(line: str, rank: int) -> list[Problem]:
    """Work above ``rank`` on a line that claims to do it (knowledge lines are not checked)."""
    opening, rest = _opening(line)
    if not opening.startswith(("能", "实操练习")):
        return []
    junior = rest.startswith(_SHARES)
    for minimum, shareable, pattern, what in LEVEL_VERBS:
        if rank < minimum and not (shareable and junior) and (match := re.search(pattern, line)):
            return [Problem(Rule.LEVEL_VERB, f"{what} ({match[0]!r}) is above this level")]
    return []


# --- Repair -----------------------------------------------------------------------------------


def repair(text: str, rank: int | None = None) -> str | None:
    """``text`` with what can be fixed deterministically fixed, or ``None`` when problems remain
    (the caller leaves the line out). A line without problems comes back unchanged."""
    line = text.strip()
    if not problems(line, rank=rank):
        return line
    for fix in (_fix_slots, _fix_brackets, _fix_repeats, _fix_de, _fix_start, _fix_double_verb):
        line = fix(line)
    if rank is not None:
        line = _fix_level(line, rank)
    return line if line and not problems(line, rank=rank) else None


def _fix_slots(line: str) -> str:
    line = _EMPTY_PAIR.sub("", line)
    line = _DOUBLE_PUNCT.sub(lambda m: m[0][0], line)
    return line.strip(_PUNCT + ". ").strip()


def _fix_brackets(line: str) -> str:
    """A bracket cut off from its partner (a head cut inside "变电站（所）") is dropped."""
    lonely = set(_unmatched(line))
    return "".join(char for i, char in enumerate(line) if i not in lonely).strip(_PUNCT)


def _fix_repeats(line: str) -> str:
    kept: list[str] = []
    for piece in re.split(r"([，；。,;])", line):
        if piece and piece in kept and piece not in "，；。,;":
            if kept and kept[-1] in "，；。,;":
                kept.pop()
            continue
        kept.append(piece)
    line = "".join(kept)
    while doubled := _doubled(line):
        line = line.replace(doubled + doubled, doubled, 1)
    return line


def _fix_de(line: str) -> str:
    line = re.sub(
        r"(根据|按照|依照|针对|基于)的(特点|要求|情况|需要|规定|特性)(?=[选确判制采调])", "", line
    )
    tokens = [word for word, _ in tag(line)] if _SUSPECT_DE.search(line) else []
    for i, word in enumerate(tokens[:-1]):
        if word == "的" and tokens[i + 1] in LIGHT:  # "数据的进行分析" → "数据进行分析"
            return "".join(tokens[:i] + tokens[i + 1 :])
    return line


def _fix_start(line: str) -> str:
    """A leading connective (和/并/及/或/使) goes; a leading 的 lost its owner, so it stays."""
    opening, rest = _opening(line)
    if not rest or rest[0] not in "使和并及与或而":
        return line
    first = _first_word(rest)
    if _glued_connective(rest):
        first = rest[0]
    if first in _CONNECTIVES - {"的"} or first == "使":
        remainder = rest[len(first) :]
        if len(remainder) >= 4:
            return opening + remainder
    return line


def _fix_double_verb(line: str) -> str:
    """ "进行操作机泵" → "操作机泵": 进行 before a verb phrase that has its own object."""
    for problem in _object_problems(line):
        if problem.rule is Rule.BROKEN_CLAUSE and "verb phrase" in problem.reason:
            return line.replace("进行", "", 1)
    return line


def _fix_level(line: str, rank: int) -> str:
    """A skill line above the level becomes the level's share of that work: 中级工 "能协助制订…",
    高级工 "能参与制订…" (主持 becomes 参与). Coaching other grades has no junior share."""
    problem = _level_problems(line, rank)
    if not problem:
        return line
    opening, rest = _opening(line)
    if not opening.startswith("能") or any(
        re.search(pattern, rest) for minimum, shareable, pattern, _ in LEVEL_VERBS
        if not shareable and rank < minimum
    ):  # fmt: skip
        return line
    share = "协助" if rank <= 3 else "参与"
    return f"能{share}{rest.removeprefix('主持')}"


def checked(text: str, rank: int | None = None) -> tuple[str | None, tuple[Problem, ...]]:
    """(the line to use, or ``None`` to leave it out; the problems the original line had)."""
    found = problems(text, rank=rank)
    return (text.strip() if not found else repair(text, rank)), found
