"""Turning the task sentences of the occupational classification (主要工作任务) into phrases.

A task such as "标注和加工图片、文字、语音等业务的原始数据" is segmented with jieba's
part-of-speech tagger and read as ``verbs + object``: verbs ("标注", "加工"), the object as written
("图片、文字、语音等业务的原始数据"), its compact head ("原始数据") and a noun-phrase title
("原始数据标注与加工"), the form the work contents of a standard use.

jieba's tags are only a hint here: task sentences nearly always open with a verb, and a small
lexicon of the verbs they use decides the rest. The default jieba dictionary is used as it is
(nothing is added to it, so other users of jieba in the process are not affected).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

import jieba
import jieba.posseg

jieba.setLogLevel(logging.WARNING)

Token = tuple[str, str]


def _words(text: str) -> list[str]:
    return text.split()


# Verbs that open a clause or follow 、/和/与 in task sentences, whatever jieba tags them.
VERBS = frozenset(
    _words(
        """
    安装 安排 办理 保存 保管 保护 保养 保障 报告 编排 编写 编制 辨识 辨别 标注 标识 布设 布置 裁剪
    采购 采集 采样 测定 测量 测试 查验 拆卸 拆解 拆除 撰写 抽取 处理 处置 储存 传输 创作 调查
    调度 调测 调节 调控 调配 调试 调整 调制 定位 订制 督导 锻造 堆放 兑换 发放 发现 防治 防范
    分解 分拣 分类 分离 分析 分选 粉碎 服务 辅导 复核 改进 改造 更换 更新 跟踪 估算 观察 观测
    管理 管控 规划 核查 核定 核对 核算 护理 绘制 回访 回收 获取 记录 计量 计算 加工 加固 加热
    监测 监督 监控 监视 检测 检修 检验 检查 建立 鉴别 鉴定 讲解 交付 校验 校准 接待 接收 结算
    解答 解决 解译 解释 介绍 开发 勘测 考核 控制 录入 描述 培训 培育 配置 配制 评测 评估 评价
    评定 破碎 起草 签订 清理 清洁 清洗 清扫 确定 确认 审查 审核 生产 识别 识读 实施 试验 收集
    收取 受理 疏导 提炼 提取 提出 调研 统计 投放 推广 维护 维修 巡查 巡检 巡视 研究 研发 研判
    验收 验证 养护 引导 应用 优化 预测 预防 预处理 照料 照护 诊断 整理 整合 执行 指导 制备
    制订 制定 制作 制造 装配 装夹 组织 组装 咨询 找正 刃磨 修磨 修复 修整 修理 焊接 切割 打磨
    喂养 策划 设计 设定 设置 选择 选用 选配 销售 填写 上报 采收 抢修 排查 排除 启停 运行 运输
    配送 包装 搬运 装卸 回访 挽留 催缴 提醒 展示 匹配 登记 核实 跟进 促成 编绘 建设 消毒 熨烫
    洗涤 修补 翻新 拆改 试衣 缝制 测评 检查 训练 部署 运维 集成 适配 识图 备料 驾驶 牵引 接受
    判断 询问 告知 提高 办理 调节 制取 指挥 协调 开具 出具 保持 作出 辅助 添加 输送 连接 研磨
    研制 调制 敷设 主持 宣传 称量 拆除 烘干 去除 播种 取样 运送 清除 冷却 净化 混合 判定 搜集
    查阅 治疗 培养 加压 拟定 沟通 生成 制止 焙烧 架设 发布 选定 筛选 防止 搭建 代办 操控 预热
    裁切 过滤 推荐 缮制 修订 修改 完善 编织 冲洗 检定 复审 核验 编码 编程 建模 测绘 勘察 考察
    """
    )
)
# Verbs that carry no content of their own: the object is the title ("进行精度检验" → "精度检验").
LIGHT = frozenset({"进行", "开展", "从事", "做好", "完成", "负责", "提供", "实行", "承担", "参与"})
# Verbs of a supporting clause; a task's main clause is another one when it has one.
WEAK = frozenset({"采取", "协助", "配合", "做好", "参与", "参加", "帮助", "接受", "执行", "遵守"})
# Openings of a clause that says how or where, not what ("使用量具，进行精度检验").
MEANS = frozenset(
    {"使用", "运用", "利用", "采用", "借助", "通过", "根据", "按照", "依据", "依照", "遵照", "依",
     "按", "基于", "结合", "围绕", "针对", "依法", "依规", "在", "为", "向", "用", "以"}
)  # fmt: skip
_TOOL_MEANS = frozenset({"使用", "运用", "利用", "采用", "借助", "通过", "操作"})
# Verbs that pair with the verb before them without a 、 ("维护保养", "分析提炼", "组织实施").
_PAIRED = frozenset(
    _words(
        "保养 配置 调试 实施 开展 提炼 维护 应用 评估 分析 处理 整理 检测 监测 改进 完善 修复 更新"
    )
    + _words("优化 管理 监察 检修 养护 排除")
)
_SEPARATORS = frozenset({"、", "和", "与", "及", "或", "以及", "或者"})
_FILLERS = ("相关", "有关", "各类", "各种", "相应", "其他", "一定", "必要", "之间")
# Nouns too general to stand alone in a key phrase ("数据" → "应用数据").
GENERIC = frozenset(
    {"数据", "信息", "系统", "设备", "产品", "方案", "工作", "情况", "服务", "记录", "报告", "参数",
     "流程", "功能", "性能", "业务", "技术", "质量", "工具", "资料", "事务", "问题", "措施", "项目",
     "现状", "状况", "要素", "指标", "环境", "设施", "用品", "材料", "过程", "活动"}
)  # fmt: skip

# Verb → family: what kind of work a content is (used to group tasks and to grade requirements).
_FAMILIES: tuple[tuple[str, str], ...] = (
    ("design", "设计 策划 规划 制订 制定 编制 研究 研发 开发 创作 起草 优化 改进 评估 研判"),
    ("inspect", "检测 检验 检查 测试 评测 测定 测量 监测 核查 核对 验收 验证 鉴定 鉴别 巡检 巡视"),
    ("maintain", "维护 保养 维修 检修 修理 修复 排除 排查 抢修 更换 养护 运维"),
    ("prepare", "安装 调试 调整 选择 选用 准备 装夹 找正 定位 刃磨 修磨 配置 布置 布设 备料 识读"),
    ("analyze", "分析 统计 核算 计算 调查 调研 预测 提炼 评价 研判"),
    ("serve", "服务 接待 咨询 照料 照护 护理 喂养 引导 受理 回访 辅导 疏导 解答 介绍 讲解"),
    ("manage", "管理 监控 监督 管控 组织 协调 调度 安排 登记 记录 填写 整理 上报 报告 编写 撰写"),
    ("train", "培训 训练 指导 教育"),
)
FAMILY_OF = {verb: family for family, verbs in _FAMILIES for verb in verbs.split()}
FAMILY_LABEL = {
    "design": "设计",
    "inspect": "检测",
    "maintain": "维护",
    "prepare": "准备",
    "analyze": "分析",
    "serve": "服务",
    "manage": "管理",
    "train": "训练",
    "operate": "操作",
}


@dataclass(frozen=True)
class Phrase:
    """One clause of a task read as verbs + object, with the forms a standard needs."""

    act: str  # the clause as written: "标注和加工图片、文字、语音等业务的原始数据"
    verbs: tuple[str, ...]  # its content verbs: ("标注", "加工"); empty after a light verb
    obj: str  # the object as written: "图片、文字、语音等业务的原始数据"
    head: str  # the compact object: "原始数据"
    title: str  # the noun-phrase title: "原始数据标注与加工"
    key: str  # a short key phrase (2–8 characters): "原始数据标注"
    family: str  # "design", "inspect", … or "operate"
    means: str = ""  # how, put before ``act``: "使用量具，" (its own clause) or "使用Python"
    extra: tuple[str, ...] = ()  # the task's other clauses, as written


_OPENERS = ("使用", "运用", "利用", "采用", "借助", "通过", "根据", "按照")


@lru_cache(maxsize=4096)
def _tag(text: str) -> tuple[Token, ...]:
    """jieba's (word, flag) pairs, with task-sentence verbs jieba splits ("找/正") rejoined."""
    tokens: list[Token] = []
    for pair in jieba.posseg.cut(text):
        word, flag = str(pair.word), str(pair.flag)
        if tokens and tokens[-1][0] + word in VERBS and len(tokens[-1][0] + word) <= 3:
            tokens[-1] = (tokens[-1][0] + word, "v")
        elif not tokens and len(word) >= 4 and word[:2] in _OPENERS:  # "使用性能" → 使用 性能
            tokens.extend([(word[:2], "v"), (word[2:], "n")])
        else:
            tokens.append((word, flag))
    return tuple(tokens)


def _clean(text: str) -> str:
    text = re.sub(r"^\s*\d+[.．、]\s*", "", text)
    return re.sub(r"\s+", "", text).strip("。；;，,.、 ").removeprefix("并").removeprefix("并且")


def split_tasks(tasks: str) -> list[str]:
    """The classification's one-string task list ("1.xxx 2.yyy") as separate sentences."""
    parts = re.split(r"(?:^|\s)\d+[.．、]", tasks)
    return [cleaned for part in parts if (cleaned := _clean(part))]


def _is_verb(token: Token) -> bool:
    word, flag = token
    return word in VERBS or (flag in {"v", "vn"} and len(word) >= 2 and word not in _FILLERS)


def _join(tokens: Iterable[Token]) -> str:
    return "".join(word for word, _ in tokens)


def _verb_run(tokens: list[Token]) -> int:
    """How many leading tokens are the clause's verbs ("监控、分析、管理" → 5)."""
    end = 1
    while end < len(tokens) - 1:
        word = tokens[end][0]
        if word in _SEPARATORS and _is_verb(tokens[end + 1]):
            end += 2
        elif word in _PAIRED and len(tokens[end - 1][0]) >= 2 and end + 1 < len(tokens):
            end += 1
        else:
            break
    return end


def _strip_fillers(text: str) -> str:
    for filler in _FILLERS:
        text = text.replace(filler, "")
    return text.replace("的", "") if len(text) > 2 else text


def _segments(tokens: Iterable[Token]) -> list[list[Token]]:
    """Split an object at 、/和/与/及 ("参数和配置" → [参数], [配置])."""
    parts: list[list[Token]] = [[]]
    for token in tokens:
        if token[0] in _SEPARATORS or token[0] in {"，", ","}:
            parts.append([])
        else:
            parts[-1].append(token)
    return [part for part in parts if part]


def _split_at_last(tokens: list[Token], word: str) -> tuple[list[Token], list[Token]]:
    """(before, after) the last ``word``; ``([], tokens)`` when what follows is too short."""
    positions = [i for i, token in enumerate(tokens) if token[0] == word]
    if not positions or len(_join(tokens[positions[-1] + 1 :])) < 2:
        return [], tokens
    return tokens[: positions[-1]], tokens[positions[-1] + 1 :]


def _tail(tokens: list[Token], limit: int) -> str:
    """The last tokens of a noun phrase that fit in ``limit`` characters."""
    kept: list[str] = []
    for word, _ in reversed(tokens):
        if kept and len(word) + sum(map(len, kept)) > limit:
            break
        kept.insert(0, word)
    while len(kept) > 1 and kept[0] in _SEPARATORS:
        kept.pop(0)
    return "".join(kept)[-limit:]


def _prefix(tokens: list[Token], limit: int = 5) -> str:
    """The first nouns of a phrase, up to ``limit`` characters (服务机器人环境感知 → 服务机器人)."""
    text = ""
    for word, _ in _segments(tokens)[0] if _segments(tokens) else []:
        if word in _FILLERS or len(text + word) > limit:
            break
        text += word
    return text


def _weak(tokens: list[Token]) -> bool:
    """Whether what follows a 的 names properties, not a thing ("正确性", "概要和细节")."""
    parts = [_join(part) for part in _segments(tokens)]
    if not parts:
        return True
    short_list = len(parts) > 1 and all(len(part) <= 2 for part in parts)
    return short_list or parts[0].endswith(("性", "度", "状况"))


def head_of(tokens: list[Token], limit: int = 12, *, nominal: bool = False) -> str:
    """The compact object: the noun after the last 的 or 等, the first item of a long list.

    ``nominal``: the object is itself the work ("进行…型面的切削加工"); a short head then keeps
    what it is done to ("型面切削加工").
    """
    tokens = [t for t in tokens if t[0] not in _FILLERS]
    while tokens and tokens[-1][0] in {"等", "的", "等等"}:
        tokens = tokens[:-1]
    if not tokens:
        return ""
    owner, after = _split_at_last(tokens, "的")
    if owner and _weak(after):
        return head_of(owner, limit, nominal=nominal)
    if len(_join(tokens)) > 8:
        tokens = after
    else:
        owner = []
    listed, tokens = _split_at_last(tokens, "等")
    text = _strip_fillers(_join(tokens))
    if listed and len(text) <= 2:
        text = _prefix(listed) + text
    elif nominal and owner and len(text) <= 4:
        owner_head = head_of(owner, 4)
        text = (owner_head if len(owner_head) <= 4 else "") + text
    if len(text) > limit:
        first = _segments(tokens)[0]
        text = _strip_fillers(_join(first))
        if len(text) > limit:
            text = _strip_fillers(_tail(first, limit))
    return text.removesuffix("工作") if len(text) > 4 else text


def short_head(head: str) -> str:
    """The last noun of a head, with the ones before it when it is too general ("应用数据")."""
    segments = _segments(_tag(head))
    tokens = [t for t in segments[0] if t[0] != "的"] if segments else []
    if not tokens:
        return head[:6]
    text = tokens[-1][0]
    rest = tokens[:-1]
    while rest and (text in GENERIC or len(text) < 2 or len(rest[-1][0]) == 1):
        if len(text) + len(rest[-1][0]) > 6:
            break
        text = rest.pop()[0] + text
    return text if len(text) >= 2 else _join(tokens)[-6:]


def at_boundary(text: str, index: int) -> bool:
    """Whether ``index`` falls between two of jieba's words in ``text`` (not inside one)."""
    edges = {0}
    for word, _ in _tag(text):
        edges.add(max(edges) + len(word))
    return index in edges


def work_word(text: str) -> str:
    """The word for the work a noun phrase ends with ("调理操作" → "操作"), else ""."""
    tokens = _tag(text)
    last = tokens[-1] if tokens else ("", "")
    return last[0] if len(last[0]) >= 2 and _is_verb(last) and last[0] != text else ""


def is_work(text: str) -> bool:
    """Whether a noun phrase ends with the work done ("调理操作", "咨询服务")."""
    return bool(work_word(text)) or (len(text) == 2 and _is_verb((text, "v")) and text in VERBS)


def tool_of(means: str) -> str:
    """The tool of a means clause ("使用量具" → "量具")."""
    return re.sub(r"^(使用|运用|利用|采用|借助|通过|操作)", "", means).rstrip("，")


def family_of(verbs: Iterable[str], text: str = "") -> str:
    for verb in verbs:
        if verb in FAMILY_OF:
            return FAMILY_OF[verb]
    endings = [(text.rfind(verb), family) for verb, family in FAMILY_OF.items() if verb in text]
    return max(endings)[1] if endings else "operate"


def make_title(head: str, verbs: tuple[str, ...], limit: int = 18) -> str:
    """Object + verbs as a noun phrase: ("原始数据", ("标注", "加工")) → "原始数据标注与加工"."""
    named = [v for v in dict.fromkeys(verbs) if len(v) >= 2][:2]
    if not named:
        return (head + "".join(verbs[:1]) if len(head) >= 2 else "".join(verbs[:1]) + head)[:limit]
    title = head + "与".join(named)
    if len(title) > limit:
        title = head + named[0]
    if len(title) > limit:
        title = short_head(head) + named[0]
    return title[:limit]


def _key(head: str, verbs: tuple[str, ...], title: str) -> str:
    named = [v for v in verbs if len(v) >= 2]
    if named and head:
        key = short_head(head) + named[0]
        return key if len(key) <= 8 else short_head(head)[:8]
    if named and not head:
        return named[0]
    segments = _segments(_tag(title))
    if not segments:
        return title[:8]
    shared_suffix = all(len(_join(part)) <= 3 for part in segments[:-1])
    part = segments[-1] if shared_suffix else segments[0]
    text = _join(part)
    if len(text) > 8:
        text = _tail(part, 6)
    return text if len(text) >= 2 else title[:8]


def _phrase(act: str, verbs: tuple[str, ...], obj_tokens: list[Token]) -> Phrase | None:
    content_verbs = tuple(v for v in verbs if v not in LIGHT)
    obj = _join(obj_tokens)
    head = head_of(obj_tokens, nominal=not content_verbs) or obj[:12]
    if not head and not content_verbs:
        return None
    head = head.strip("、，和与及并其（）()")
    title = (make_title(head, content_verbs) if content_verbs else head).strip(
        "、，和与及并其（）()"
    )
    if len(title) < 2:
        return None
    key = _key(head, content_verbs, title)
    if not verbs:
        act = "进行" + act
    return Phrase(act, content_verbs, obj, head, title, key, family_of(content_verbs, title))


_PLACES = frozenset({"在", "为", "向", "给", "替", "对", "从"})


def _prefixed(text: str, tokens: list[Token], *, tool: bool) -> Phrase | None:
    """A clause whose work starts at its first verb after a prefix; a tool prefix ("使用 X")
    becomes the phrase's ``means``."""
    words = [w for w, _ in tokens]
    found = next(
        (i for i, t in enumerate(tokens[2:], 2) if (t[0] in VERBS if tool else _is_verb(t))), None
    )
    if found is None:
        return _phrase(text, (), tokens[1:])
    end = found + _verb_run(tokens[found:])
    verbs = tuple(w for w in words[found:end] if w not in _SEPARATORS)
    if not tool:
        return _phrase(text, verbs, tokens[end:] or tokens[1:found])
    phrase = _phrase(_join(tokens[found:]), verbs, tokens[end:] or tokens[1:found])
    return phrase and replace(phrase, means=_join(tokens[:found]))


def parse_clause(text: str) -> Phrase | None:
    """Read one clause ("监控、分析、管理人工智能产品应用数据") as a phrase."""
    text = _clean(text)
    tokens = [t for t in _tag(text) if t[0].strip()]
    if not tokens:
        return None
    words = [w for w, _ in tokens]
    if words[0] == "对" and "进行" in words[2:]:  # 对 X 进行 Y: Y is what is done to X
        at = words.index("进行")
        verbs = tuple(w for w, f in tokens[at + 1 :] if _is_verb((w, f)) and len(w) >= 2)
        return _phrase(text, verbs[:3], tokens[1:at])
    if "进行" in words[2:]:  # 根据医嘱进行化验 / 组织对图纸进行审查、修改
        at = words.index("进行", 2)
        rest = tokens[at + 1 :]
        if rest and all(_is_verb(t) or t[0] in _SEPARATORS for t in rest):
            target = [t for t in tokens[1:at] if t[0] not in _PLACES]
            return _phrase(text, tuple(w for w, _ in rest if w not in _SEPARATORS), target)
        if rest:
            return _phrase(text, (), rest)
    if words[0] in _PLACES or words[0] == "将":  # 在 X 布置 Y / 为 X 洗发 / 将 X 装配成 Y
        return _prefixed(text, tokens, tool=False)
    if (words[0] in MEANS or words[0] in _TOOL_MEANS) and any(w in VERBS for w in words[2:]):
        return _prefixed(text, tokens, tool=True)  # 使用 X 编写 Y
    if not _is_verb(tokens[0]):  # a bare noun phrase ("故障诊断、排除等日常维护")
        return _phrase(text, (), tokens)
    end = _verb_run(tokens)
    verbs = tuple(w for w in words[:end] if w not in _SEPARATORS)
    return _phrase(text, verbs, tokens[end:])


_AND_THEN = re.compile(
    r"(?<!合)并(?=" + "|".join(sorted(VERBS | LIGHT, key=len, reverse=True)) + ")"
)


def _clauses(sentence: str) -> list[str]:
    """A task's clauses: split at ，/；/：, and at 并 where a new verb follows."""
    clauses: list[str] = []
    for part in re.split(r"[，,；;：:]", sentence):
        pending = ""
        for piece in _AND_THEN.split(_clean(part)):
            piece = pending + _clean(piece)
            pending = f"{piece}、" if piece in VERBS else ""  # 实施并监控X: one clause
            if piece and not pending:
                clauses.append(piece)
        if pending:
            clauses.append(pending.rstrip("、"))
    return clauses


def _first(clause: str) -> str:
    tokens = _tag(clause)
    return tokens[0][0] if tokens else ""


def parse_task(sentence: str) -> tuple[Phrase, tuple[Phrase, ...]] | None:
    """A task's main phrase and its other clauses' phrases (in order).

    The main clause is the last one that says what is done (not how: "使用量具，…"; not a
    supporting step: "做好相关记录"); a tool clause before it becomes the main phrase's ``means``.
    """
    clauses = _clauses(sentence)
    if not clauses:
        return None
    substantive = [c for c in clauses if _first(c) not in MEANS] or clauses
    strong = [c for c in substantive if _first(c) not in WEAK] or substantive
    if len(strong) > 1 and _first(strong[0]) in _TOOL_MEANS and len(strong[0]) <= 10:
        strong = strong[1:]
    main_text = strong[-1]
    main = parse_clause(main_text)
    if main is None:
        return None
    before = clauses[: clauses.index(main_text)]
    means = next((c for c in reversed(before) if _first(c) in _TOOL_MEANS), "")
    others = [c for c in clauses if c not in (main_text, means) and _first(c) not in MEANS]
    parsed = [p for c in others if (p := parse_clause(c)) is not None and p.title != main.title]
    main = replace(
        main, means=f"{means}，" if means else main.means, extra=tuple(p.act for p in parsed)
    )
    return main, tuple(p for p in parsed if _first(p.act) not in WEAK)


def _one_verb(phrase: Phrase, verb: str) -> Phrase:
    key = _key(phrase.head, (verb,), phrase.head)
    title = (
        key if len(phrase.head) > 6 and len(key) > len(verb) else make_title(phrase.head, (verb,))
    )
    family = family_of((verb,), verb)
    return replace(
        phrase, act=verb + phrase.obj, verbs=(verb,), title=title, key=key, family=family
    )


def split_phrase(phrase: Phrase, limit: int = 2) -> list[Phrase]:
    """One phrase per verb ("标注和加工X" → X标注, X加工) or per listed piece of work."""
    if len(phrase.verbs) >= 2 and phrase.head:
        return [_one_verb(phrase, verb) for verb in list(dict.fromkeys(phrase.verbs))[:limit]]
    parts = re.split(r"[和及与、]", phrase.title)
    if phrase.verbs or len(parts) < 2 or any(len(p) < 4 for p in parts) or "等" in phrase.obj:
        return [phrase]
    result = []
    for part in parts[:limit]:
        act = ("进行" if phrase.act.startswith("进行") else "") + part
        key = part if len(part) <= 8 else _tail(list(_tag(part)), 6)
        result.append(replace(phrase, act=act, title=part, key=key, family=family_of((), part)))
    return result


def nominal_phrase(item: str) -> Phrase | None:
    """A piece of work named as a noun phrase ("老年人生活照料", "数据库管理")."""
    item = _clean(item)
    named = item.rsplit("等", 1)[-1] if len(item.rsplit("等", 1)[-1]) >= 2 else item
    tokens = [t for t in _tag(named) if t[0] not in _FILLERS]
    title = _join(tokens)
    if len(title) > 8:
        title = _tail(tokens, 8)
        if _is_verb(_tag(title)[0]) and len(title) > 4:
            title = title[len(_tag(title)[0][0]) :]
    if len(title) < 3:
        return None
    key = title if len(title) <= 8 else _tail(list(_tag(title)), 6)
    return Phrase("进行" + item, (), title, title, title, key, family_of((), title))


def definition_phrases(definition: str) -> list[Phrase]:
    """Work items named in a definition ("从事X、Y，进行Z等工作的人员。" → X, Y, Z)."""
    text = re.sub(
        r"(等?(相关)?(工作|服务|作业|活动)?的(技术|服务|专业)?人员)[。.]?$", "", definition
    )
    text = re.sub(r"等(工作|服务|作业|活动)?$", "", text.strip("。"))
    phrases: list[Phrase] = []
    for clause in re.split(r"[，,；;]", text):
        clause = _clean(clause)
        if not clause or _first(clause) in MEANS or _first(clause) in _TOOL_MEANS:
            continue
        body = re.sub(r"^(从事|负责|进行|开展|承担)", "", clause)
        tokens = _tag(body) if body else ()
        if not tokens:
            continue
        found: list[Phrase | None]
        if _is_verb(tokens[-1]):  # X管理、Y设置: items of work named as nouns
            items = body.split("、")
            found = [nominal_phrase(i) for i in ([body] if "等" in items[-1] else items)]
        else:
            found = [parse_clause(body)]
        for parsed in found:
            if parsed is not None and parsed.title not in {p.title for p in phrases}:
                phrases.append(parsed)
    return phrases


_ROLE_SUFFIXES = ("工程技术人员", "技术人员", "人员", "师", "员", "工", "手")


def name_term(name: str) -> str:
    """The domain noun of an occupation's name ("人工智能训练师" → "人工智能")."""
    stem = name
    for suffix in _ROLE_SUFFIXES:
        if stem.endswith(suffix) and len(stem) > len(suffix) + 1:
            stem = stem[: -len(suffix)]
            break
    nouns = [w for w, f in _tag(stem) if f.startswith("n") and len(w) >= 2]
    if nouns and len(nouns[0]) >= 4:
        return nouns[0]
    return stem if len(stem) >= 2 else ""


def tools_in(definition: str) -> list[str]:
    """What a definition says is used or operated ("使用智能训练软件，…" → 智能训练软件)."""
    found: list[str] = []
    for clause in re.split(r"[，,；;]", definition):
        match = re.match(r"(?:使用|运用|利用|采用|操作)([^、，。]{2,12}?)(?:等|、|，|。|$)", clause)
        if match and match.group(1) not in found and not re.search("知识|理论|方法|技术", clause):
            found.append(match.group(1))
    return found
