"""What a task phrase can give a requirement line: whether its title and object read as a noun
phrase a line may build on, the clause as written when it can be done as it stands, the tool it
is done with, and the knowledge of a content whose title did not parse.

A phrase that names only what any occupation has ("一般故障", "作业场地"), or whose object was
cut out of a clause ("汽车维修使用", "固定在运输机械上"), gives no line of its own: its content
is left out rather than emptied into a template.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from zhijiang_engine.standards import phrases as ph
from zhijiang_engine.standards.draft_text import bare
from zhijiang_engine.standards.lexicon import FRAGMENTS, ROUTINE, SEPARATORS, TOOL_END, tag

# Verbs jieba guesses that the classification does not use as work ("参加", "浇入", "按定").
_NOT_WORK = frozenset(
    {"解决", "提出", "组织", "参加", "担任", "协助", "配合", "参与", "接受", "执行", "保持", "作出"}
)


# Titles that end with drafting a text or with a result ("环境保护制订", "金浸出率提高"):
# "能组织…制订并审核其成果", "能改进…提高的工艺" do not read; the clause as written is used.
_NOUN_VERB = re.compile(
    r"(制订|制定|拟定|撰写|确定|起草|草拟|提高|降低|增加|减少|改善|提升|缩短|延长)$"
    r"|(报告|方案|计划|规划|文件|书|制度|表|单|图)(编制|编写)$"
)


def well_formed(p: ph.Phrase) -> bool:
    """Whether the title and object read as a noun phrase a line may build on."""
    if any((v not in ph.VERBS and v not in ph.FAMILY_OF) or v in _NOT_WORK for v in p.verbs):
        return False
    head, title = p.head, p.title
    if not (2 <= len(head) <= 12 and 3 <= len(title) <= 15):
        return False
    if re.fullmatch(r".{1,4}或.{1,4}", head):
        return False  # "工艺或方式": a choice, not an object
    if len(head) <= 3 and p.obj.startswith((head + "、", head + "和", head + "及", head + "与")):
        return False  # "海域" of "海域、海岛基础地理信息资料": the list was cut
    if re.search(
        r"^(.和|.、|[将把对使向为在给从时]|是否|手工|批改|规定|建议|方面|等)|形成|并|进行|技术支持|、$|、.$|或$|及$|[（()）]",
        head,
    ):
        return False
    if head in FRAGMENTS or any(light in head[2:] for light in ph.LIGHT):
        # "部门提供数据和材料" of "向部门提供数据和材料": a clause, not an object; "部位" of
        # "可能发生事故的部位": a fragment, not the object
        return False
    if re.search("[和、及与]", head) and (
        len(p.verbs) >= 2 or p.obj.removesuffix(head).endswith("等")
    ):
        return False  # "异常现象和故障发现与处理", "参数和…样品" of "压力等参数和样品": a cut list
    if re.search(r"(?<![加施化人做分用])(工|工人|员|师)$", head):
        return False  # "保养工": a worker, not what is worked on
    if not p.verbs and (len(title) > 10 or not ph.is_work(title)):
        return False  # "学生思想政治": no work named
    if re.search(_NOUN_VERB, title):
        return False  # "日常维护方案制订", "金浸出率提高": a verb as a noun, or a result
    if re.search(r"、.$", title) or re.search(r"指导$|人员|^(作业|工作)质量", title):
        return False  # "…生产制作指导", "作业质量": no work of the occupation's own named
    if _cut_from(p.obj, head):
        return False  # "无线电航标" of "无线电航标…设备故障": the object is the 故障, not the 航标
    tokens = tag(head)
    if any(flag == "p" and word in _PREPOSITIONS for word, flag in tokens[1:]):
        return False  # "技术成果在服务" of "技术成果在…等方面评估…等服务": a clause, cut
    first = tokens[0]
    if first[0] in {"成", "物", "后", "中", "下"} or first[1] in {"zg", "p", "c", "d", "u", "uj"}:
        return False  # "成油墨颜料" of "加工成油墨颜料", "物加工" of "植物加工": a cut word
    verb_first = first[0] in ph.VERBS or (first[1] == "v" and len(first[0]) >= 2)
    if p.verbs and (verb_first or (len(tokens) == 1 and first[1] == "vn")):
        return False  # "制作义齿", "批改作业", "安装": a verb phrase, not an object
    if "、" in head and any(t[0] in ph.VERBS or t[1] == "v" for t in tokens):
        return False  # "配料、灭菌、包装" + 粉碎: a list of work, not an object
    return not (p.verbs and head in ph.GENERIC) and not names_nothing(p)


_PREPOSITIONS = frozenset("在对向为给从把将")
# Objects every occupation has: a fault, hazard or problem of no named thing, the workplace.
_ANYONE_S = re.compile(
    r"^((一般|常见|简单|复杂|各类|各种|安全|突发|事故|生产|设备|运行)?"
    r"(故障|问题|隐患|异常|事故|异常现象|异常情况)[和、及与]?)+$"
    r"|^(实施)?(效果|价值)(评价|评估)?$|^(设备及|设备和)?(作业|工作|生产|施工)?(场地|现场|场所|区域)$"
    r"|^(生产|工作|作业|运行|相关)?(数据|记录|台账|日志|报表)$"
)
# Verbs that only carry out what their object names ("实施…的开发、利用"): the object must be
# a piece of work ("盐碱地综合治理"), not a thing ("农用土地").
_CARRY_OUT = frozenset({"实施", "执行", "开展", "落实"})


def names_nothing(p: ph.Phrase) -> bool:
    """Whether the work is on an object any occupation has ("一般故障", "作业场地"), done with
    someone rather than on something ("与相关部门沟通协作"), or a thing only carried out
    ("实施农用土地…"): no line of the occupation's own can be built on it."""
    if _ANYONE_S.search(p.head) or p.obj.startswith(("与", "同", "跟", "向", "和")):
        return True
    return bool(p.verbs) and set(p.verbs) <= _CARRY_OUT and not ph.is_work(p.head)


# Objects that are a state or an event of something: the head must be that noun itself.
_STATE_END = re.compile(
    r"(故障|情况|状况|状态|效果|隐患|问题|现象|日志|记录|台账|报表|方案|计划|预案|规划|制度|标准|规范)$"
)  # "消防安全资金投入" of "…资金投入和组织保障方案": the 方案 is what is drafted


def _cut_from(obj: str, head: str) -> bool:
    """Whether ``head`` is a modifier cut off the object's own noun ("…设备故障" → "…航标")."""
    end = _STATE_END.search(obj)
    return end is not None and not head.endswith(end.group(1))


def phrase_tool(p: ph.Phrase) -> str:
    if not p.means.startswith(("使用", "操作", "利用", "采用", "运用", "借助")):
        return ""
    tool = ph.tool_of(p.means)
    if not re.search(TOOL_END, tool) and any(w in ph.VERBS for w, _ in tag(tool)[1:]):
        return ""  # "超声诊断仪检查患者": the means is a clause of its own, not a tool
    if tool.startswith(tuple(SEPARATORS)):
        return ""  # "使用、驾驶…设备": a second verb, not the start of the tool's name
    if not 2 <= len(tool) <= 14 or re.search(r"[，、和或及与]$|，", tool) or bare(tool):
        return ""
    return "" if re.search(r"技能|技艺|手艺|手工(?!具)|方法|理论|知识|技术|法$", tool) else tool


# Clauses that are not a piece of work a level can be asked to do as written.
_NOT_ACT = re.compile(
    r"^(组织|指导|主持|负责|担任|参加|协助|配合|接受|执行|产出|作为)|必要时|是否|其他|等$"
    r"|(畅通无阻|畅通|完好有效|完好|正常)$"  # "疏散通道…畅通无阻": a state to keep, not an act
    r"|^[^，、]{2}成(?![型品本套果分熟立])"  # "制作成标准毛": what is made into it was cut off
)
# Knowing is not an operation: "能按操作规程了解…" says nothing a candidate can be seen doing.
_KNOWING = re.compile(r"^(了解|熟悉|掌握|知道|懂得|学习|理解)")


def act_of(p: ph.Phrase) -> str:
    # "使用工具或设施，", "使用手工技艺和工具，": a means that names no tool is left out
    tooled = p.means.startswith(("使用", "操作", "利用", "采用", "运用", "借助"))
    means = "" if tooled and not phrase_tool(p) else p.means
    act = means + p.act if len(means) + len(p.act) <= 36 else p.act
    if p.act.startswith("进行") and not p.verbs and not ph.is_work(p.title):
        return ""  # "进行领导所属各部门的工作": not an action to be done
    if _KNOWING.search(p.act) or (p.verbs and bare(p.obj)) or names_nothing(p):
        return ""  # "了解烟叶种植规模", "处理故障": no work of the occupation named
    if stacked(p.act):
        return ""  # "整理分析确定实验结果": three verbs in a row do not read as one act
    return act if len(act) <= 40 and not _NOT_ACT.search(p.act) else ""


def stacked(text: str) -> bool:
    """Whether a clause opens with three verbs in a row, none joined ("整理分析确定实验结果")."""
    run = 0
    for word, flag in tag(text):
        if word in ph.VERBS or flag.startswith("v"):
            run += 1
            if run >= 3:
                return True
        else:
            return False
    return False


_WORK_ON = frozenset({"故障", "问题", "隐患", "异常", "事故", "作业", "工作"})


def named(p: ph.Phrase) -> bool:
    """Whether the title names its object ("预案实施" and "排除故障判断" do not; nor does
    "评价研究" and "调理实施", only work)."""
    noun = p.title
    for _ in p.verbs:
        for verb in p.verbs:
            noun = noun.removesuffix(verb).rstrip("与和及、")
    words = tag(noun)
    if not words or bare(noun):
        return False
    if all(w in "与和及、" or (w in ph.VERBS and (f[0] == "v" or not p.verbs)) for w, f in words):
        return False  # "评价研究": work named, not what it is done on
    # "排除故障判断": the noun is a piece of work of its own, not an object
    return not any(noun[:n] in ph.VERBS and noun[n:] in _WORK_ON for n in (2, 3, 4))


def routine(p: ph.Phrase) -> bool:
    """Whether the work is routine (选择, 记录, 查阅 …): a lower level's work only."""
    return bool(p.verbs) and all(verb in ROUTINE for verb in p.verbs)


def fallback_knowledge(p: ph.Phrase, rank: int) -> list[str]:
    """Knowledge for a content whose title did not parse: the tool it is done with, else the
    work as the classification writes it ("查阅病史的方法")."""
    tool = phrase_tool(p)
    if tool:
        return [f"{tool}的使用方法" if rank <= 3 else f"{tool}的结构与工作原理"]
    if names_nothing(p):
        return []
    if rank <= 2 and p.verbs and p.verbs[0] in _SENIOR:
        return [f"{p.head}的基本知识"] if _plain_noun(p.head) else []
    act = p.act
    if (
        p.verbs
        and len(act) <= 20
        and not re.search(r"^(进行|使用|开展|做好|填写|报告)|[，、的]", act)
        and not _KNOWING.search(act)
        and not _NOT_ACT.search(act)
        and not stacked(act)
        and not bare(p.obj)
    ):
        return [f"{act}的方法" if rank <= 3 else f"{act}的方法与要求"]
    doing = _verb_first(p)
    return [f"{doing}的方法" if rank <= 3 else f"{doing}的方法与要求"] if doing else []


# Work that plans, leads or decides: a beginner knows what it is about, not how it is done.
_SENIOR = frozenset(
    {"制订", "制定", "规划", "策划", "指挥", "提出", "主持", "组织", "审核", "编制", "拟定"}
)


def _plain_noun(head: str) -> bool:
    """Whether ``head`` is a noun phrase of its own (no verb, no cut list, no fragment)."""
    if not 2 <= len(head) <= 10 or bare(head) or head in FRAGMENTS:
        return False
    if re.search(r"[、和及与或（(]", head):
        return False
    return not any(word in ph.VERBS or flag.startswith("v") for word, flag in tag(head))


def _verb_first(p: ph.Phrase) -> str:
    """The work as verbs + object ("发现和处理异常现象和故障") when its title did not read."""
    named = [v for v in p.verbs[:2] if v in ph.VERBS and v not in _NOT_WORK]
    head = p.head
    if not named or not 2 <= len(head) <= 10 or bare(head) or head in FRAGMENTS:
        return ""
    first = tag(head)[0]
    if any(word in ph.VERBS or flag == "v" for word, flag in tag(head)[1:]):
        return ""  # "部门提供数据和材料": a clause, not an object
    if (
        re.search(r"^[向对为在将把给从成]|[（(]|、$", head)
        or ph.is_work(first[0])
        or first[1] == "v"
    ):
        return ""
    if p.obj.removesuffix(head).endswith("等") and re.search("[和、及与]", head):
        return ""  # the list was cut ("参数和油、气、水样品")
    if p.obj.startswith(tuple(head + mark for mark in "、和及与")):
        return ""  # "广播" of "广播、视频、音频设备标准": the list was cut
    return "和".join(named) + head


# The phases a production occupation's work is grouped by around the work itself.
PHASES = frozenset({"工艺准备", "质量检验", "设备维护与保养"})


def named_works(titles: Iterable[str]) -> list[str]:
    """The content titles that name a piece of the occupation's own work ("纸张浸渍"), for the
    培训 and 技术管理 lines: not guidance, preparation, a fault, quality or a list."""
    return [
        title
        for title in dict.fromkeys(titles)
        if 4 <= len(title) <= 12
        and ph.is_work(title)
        and not bare(title)
        and not re.search(r"指导|培训|支持|咨询|人员|准备|接待|故障|隐患|异常|质量|[（(、]", title)
    ]
