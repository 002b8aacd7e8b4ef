"""The graded skill and knowledge requirements of one work content.

Each line is built from the content's own work: the task clause as the classification writes it
("操作浸渍机，进行纸张浸渍"), its object ("纸张") and its noun-phrase title ("纸张浸渍"), in a form
that depends on the kind of work (``Phrase.family``) and rises with the level. A title or object
that did not parse cleanly is not used; the clause as written is. Lines that would fit any
occupation ("能解决…中的疑难问题") are allowed once per level, for the first content only.

Two ladders: the worker ladder of a 国家职业标准 (初级工 … 高级技师, ranks 1–8) and the
professional ladder of a 国家职业技术技能标准 (初级, 中级, 高级 on ranks 2–4).
"""

# The phrase tables below keep one level per line, as a standard's tables read.
# ruff: noqa: E501
from __future__ import annotations

import re

from zhijiang_engine.standards import phrases as ph
from zhijiang_engine.standards.draft_text import PROFESSIONAL_LINES as _PROFESSIONAL
from zhijiang_engine.standards.draft_text import bare as bare
from zhijiang_engine.standards.levels import Ladder
from zhijiang_engine.standards.lexicon import (
    ADMINISTRATIVE,
    FRAGMENTS,
    MAKING,
    ORGANIZED,
    PLANNED,
    RESEARCH,
    ROUTINE,
    TECHNICAL,
    TESTING,
    TOOL_END,
    tag,
)

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
        return False  # "部门提供数据和材料" of "向部门提供数据和材料": a clause, not an object  # "部位" of "可能发生事故的部位": a fragment, not the object
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
    return not (p.verbs and head in ph.GENERIC)


_PREPOSITIONS = frozenset("在对向为给从把将")
# Objects that are a state or an event of something: the head must be that noun itself.
_STATE_END = re.compile(r"(故障|情况|状况|状态|效果|隐患|问题|现象|日志|记录|台账|报表)$")


def _cut_from(obj: str, head: str) -> bool:
    """Whether ``head`` is a modifier cut off the object's own noun ("…设备故障" → "…航标")."""
    end = _STATE_END.search(obj)
    return end is not None and not head.endswith(end.group(1))


def _tool(p: ph.Phrase) -> str:
    if not p.means.startswith(("使用", "操作", "利用", "采用", "运用", "借助")):
        return ""
    tool = ph.tool_of(p.means)
    if not re.search(TOOL_END, tool) and any(w in ph.VERBS for w, _ in tag(tool)[1:]):
        return ""  # "超声诊断仪检查患者": the means is a clause of its own, not a tool
    if not 2 <= len(tool) <= 14 or re.search(r"[，、和或及与]$|，", tool) or bare(tool):
        return ""
    return "" if re.search(r"技能|技艺|手艺|手工(?!具)|方法|理论|知识|技术|法$", tool) else tool


# Clauses that are not a piece of work a level can be asked to do as written.
_NOT_ACT = re.compile(
    r"^(组织|指导|主持|负责|担任|参加|协助|配合|接受|执行|产出|作为)|必要时|是否|其他|等$"
    r"|(畅通无阻|畅通|完好有效|完好|正常)$"  # "疏散通道…畅通无阻": a state to keep, not an act
)
# Knowing is not an operation: "能按操作规程了解…" says nothing a candidate can be seen doing.
_KNOWING = re.compile(r"^(了解|熟悉|掌握|知道|懂得|学习|理解)")


def _act(p: ph.Phrase) -> str:
    # "使用工具或设施，", "使用手工技艺和工具，": a means that names no tool is left out
    tooled = p.means.startswith(("使用", "操作", "利用", "采用", "运用", "借助"))
    means = "" if tooled and not _tool(p) else p.means
    act = means + p.act if len(means) + len(p.act) <= 36 else p.act
    if p.act.startswith("进行") and not p.verbs and not ph.is_work(p.title):
        return ""  # "进行领导所属各部门的工作": not an action to be done
    if _KNOWING.search(p.act) or (p.verbs and bare(p.obj)):
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


_MAINTAINED = ("设备", "仪器", "仪表", "机", "工具", "模具", "装置", "器", "设施", "生产线", "系统")

# Per ladder and rank: the opening of the line that does the clause as written, by family.
_DO = {
    (Ladder.WORKER, 1): "能在师傅指导下辅助{act}",
    (Ladder.WORKER, 2): "能{rule}{act}",
    (Ladder.WORKER, 3): "能独立{act}",
    (Ladder.PROFESSIONAL, 2): "能在指导下{act}",
    (Ladder.PROFESSIONAL, 3): "能独立{act}",
}
_RULE = {"serve": "按服务规范", "design": "在指导下", "analyze": "在指导下", "manage": "按规定"}

# (skill lines, knowledge lines) per family and rank of the worker ladder; "{title}"/"{head}"
# lines are used only when the phrase is well formed, "{tool}" lines only with a tool.
_WORKER: dict[str, dict[int, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    "operate": {
        1: ((), ("{title}的基本知识", "{tool}的使用常识")),
        2: (("能正确使用{tool}",), ("{title}的操作规程", "{tool}的使用方法")),
        3: (("能检查{product}的质量，发现不符合工艺要求的情况并纠正|能按工艺要求控制{product}的质量",), ("{title}的方法与工艺要求|{product}的质量要求",)),
        4: (("能分析{product}中质量缺陷的产生原因并采取措施|能处理{title}中出现的异常情况",), ("{product}常见质量缺陷的产生原因与预防方法|{title}异常情况的处理方法",)),
        5: (("能编制{title}的作业指导书|能审核{title}的工艺文件|能制定{product}质量问题的预防措施",), ("{title}的技术标准与工艺规范|{title}工艺文件的编制要求", "作业指导书的编写方法")),
        6: (("能改进{title}的工艺，提高质量和效率|能对{title}的工艺参数提出改进建议",), ("{title}工艺改进的方法|{title}工艺参数的优化方法",)),
    },
    "prepare": {
        1: ((), ("{title}的基本知识", "{tool}的使用常识")),
        2: (("能正确使用{tool}",), ("{title}的操作规程", "{tool}的使用方法")),
        3: (("能根据作业要求检查{title}的结果|能完成{title}并自检",), ("{title}的方法与要求",)),
        4: (("能根据工艺要求确定{title}的方法和参数|能处理{title}中出现的异常情况",), ("{title}参数的确定方法|{title}异常情况的处理方法",)),
        5: (("能编制{title}的作业指导书|能审核{title}的工艺文件",), ("{title}的{spec}", "作业指导书的编写方法")),
        6: (("能改进{title}的方法，提高效率和精度|能针对{title}中的问题提出改进方案",), ("{title}方法改进的途径",)),
    },
    "inspect": {
        1: ((), ("{head}的基本知识",)),
        2: (("能填写{title}记录",), ("{head}的质量要求", "{tool}的使用方法", "{title}的方法")),
        3: (("能判断{head}是否符合质量要求",), ("{head}的检验方法与质量标准",)),
        4: (("能分析{head}的检验结果，判断不合格的原因",), ("{head}质量缺陷的类型与判定标准",)),
        5: (("能制定{head}的检验方案",), ("{head}检验方案的编制方法", "{head}质量标准的相关规定")),
        6: (("能改进{head}的检验方法",), ("{head}检验方法的改进途径", "国内外{head}检验的新方法")),
    },
    "maintain": {
        1: ((), ("{head}的基本知识",)),
        2: (("能对{head}进行日常清洁和检查",), ("{head}日常维护保养的内容", "{tool}的使用方法")),
        3: (("能判断并排除{head}的一般故障",), ("{head}的结构与工作原理",)),
        4: (("能诊断和排除{head}的复杂故障",), ("{head}常见故障的诊断方法",)),
        5: (("能制定{head}的维护保养计划",), ("{head}维护保养计划的编制方法", "设备故障分析的方法")),
        6: (("能提出{head}的技术改造方案",), ("{head}技术改造的方法",)),
    },
    "serve": {
        1: ((), ("{title}的基本知识",)),
        2: ((), ("{title}的服务规范",)),
        3: (("能根据服务对象的需求{act}",), ("{title}的方法与技巧",)),
        4: (("能处理{title}中的特殊情况",), ("{title}特殊情况的处理方法",)),
        5: (("能制定{title}的服务方案",), ("{title}服务方案的编制方法", "服务质量评价的方法")),
        6: (("能改进{title}的服务流程",), ("{title}服务质量的评价与改进方法",)),
    },
    "analyze": {
        1: ((), ("{title}的基本知识",)),
        2: ((), ("{title}的基本方法",)),
        3: ((), ("{title}的常用方法",)),
        4: (("能根据{title}的结果提出处理意见",), ("{title}的原理与要求",)),
        5: (("能撰写{report}报告|能审核{title}的结果并提出改进意见|能制定{title}的工作规范",), ("{report}报告的编写要求|{title}结果的审核方法|{title}的工作规范",)),
        6: (("能评价并改进{title}的方法",), ("{title}结果的评价方法",)),
    },
    "design": {
        1: ((), ("{title}的基本知识",)),
        2: ((), ("{title}的基本知识",)),
        3: ((), ("{title}的基本方法",)),
        4: (("能{act}",), ("{title}的原则与要求",)),
        5: (("能组织{title}并审核其成果",), ("{title}的{spec}|{title}成果的质量要求",)),
        6: (("能评估{title}的成果并提出改进意见",), ("{title}成果的评价方法",)),
    },
    "manage": {
        1: ((), ("{title}的基本知识",)),
        2: ((), ("{title}的规定与要求",)),
        3: ((), ("{title}的方法与要求",)),
        4: (("能发现{title}中的异常情况并及时处理",), ("{title}的管理要求",)),
        5: (("能制定{planned}的工作计划并组织实施|能审核{title}的结果并提出改进意见",), ("{planned}计划的编制方法|{title}的工作规范",)),
        6: (("能完善{title}的工作制度",), ("{title}的规范化管理方法",)),
    },
}  # fmt: skip
# Work of service, office and digital occupations that is not one of the families above.
_WORKER["work"] = {
    1: ((), ("{title}的基本知识",)),
    2: (("能正确使用{tool}",), ("{title}的工作规范", "{tool}的使用方法")),
    3: (("能检查{title}的结果，发现问题及时纠正|能按规范完成{title}并自查",), ("{title}的方法与要求",)),
    4: (("能处理{title}中的复杂情况|能判断{title}中出现问题的原因并处理",), ("{title}常见问题的处理方法",)),
    5: (("能制定{title}的工作方案|能审核{title}的结果并提出改进意见",), ("{title}的{spec}|{title}方案的编制方法",)),
    6: (("能改进{title}的方法，提高工作质量|能完善{title}的工作规范",), ("{title}方法的改进途径",)),
}  # fmt: skip
# The worker ladder above 高级技师 (enterprise-assessed) keeps its leading lines.
_WORKER_TOP = {
    7: (("能主持{title}技术攻关", "能制定{title}的技术标准与作业规范"), ("{title}技术攻关的组织与管理方法",)),
    8: (("能主持{title}重大技术攻关与技术创新", "能主持制定{title}的行业技术标准"), ("{title}行业技术标准的制定程序",)),
}  # fmt: skip
# Opening lines of 高级工 and up that do the work itself, by family.
_WORKER_DO: dict[int, str] = {}


# Lines that would fit any occupation whatever their topic: at most one per level.
_GENERIC_LINE = re.compile(
    r"^能解决.+中的(技术难题|复杂技术问题|复杂问题|疑难问题)$|^国内外.+的新(工艺、新技术|方法)$"
    r"|的(新技术与)?发展趋势$"
)


def is_generic_line(text: str) -> bool:
    """Whether a requirement is one of the lines that would fit any occupation."""
    return bool(_GENERIC_LINE.search(text))


def _table(
    family: str, ladder: Ladder, process: bool
) -> dict[int, tuple[tuple[str, ...], tuple[str, ...]]]:
    if ladder is Ladder.PROFESSIONAL:
        key = family if family in _PROFESSIONAL else "operate"
        if family in {"prepare", "maintain"}:
            key = "operate"
        return _PROFESSIONAL[key]
    if not process and family in {"operate", "prepare", "train"}:
        return _WORKER["work"]
    return _WORKER.get(family, _WORKER["operate"])


def _fill(template: str, slots: dict[str, str]) -> str | None:
    """The template filled in, or ``None`` when it needs a slot the phrase cannot give."""
    names = re.findall(r"\{(\w+)\}", template)
    if any(not slots.get(name) for name in names):
        return None
    return re.sub(r"\{(\w+)\}", lambda m: slots[m.group(1)], template)


_ABSTRACT_HEAD = re.compile(
    r"(质量|风险度?|情况|效果|状况|状态|水平|能力|指标|程度|需求|意见|缺陷|故障|隐患|结果|现象)$"
)


def _ends_with(title: str, words: tuple[str, ...]) -> bool:
    return any(word in title[-6:] for word in words)


def is_technical(code: str, *works: str) -> bool:
    """Whether an occupation's work is technical (production, engineering, science, health, or
    work that makes, tests or repairs things): its guidance is 技术指导, else 业务指导."""
    if code.startswith(("5-", "6-", "2-01", "2-02", "2-03", "2-04", "2-05")):
        return True
    return any(_ends_with(work, TECHNICAL) for work in works if work)


def _slots(p: ph.Phrase, process: bool) -> dict[str, str]:
    clean = well_formed(p)
    title = p.title if clean and not bare(p.title) and _named(p) else ""
    operating = p.family in {"operate", "prepare", "maintain"}
    rule = _RULE.get(p.family, "按操作规程" if process and operating else "按要求")
    administrative = title[-2:] in ADMINISTRATIVE or any(v in ADMINISTRATIVE for v in p.verbs)
    technical = _ends_with(title, TECHNICAL) and not _ends_with(title, RESEARCH)
    # research is planned in a 实施方案 ("研究的研究方案" would say 研究 twice), not a 技术方案
    plan = "实施方案" if _ends_with(title, RESEARCH) or "工作" in title else "工作方案"
    plan = "技术方案" if technical and plan == "工作方案" else plan
    return {
        "act": _act(p),
        "tool": _tool(p),
        "title": title,
        "head": p.head if clean and not bare(p.head) else "",
        "product": title if _ends_with(title, MAKING) else "",
        "spec": "技术规范" if technical or (process and operating) else "",
        "plan": plan,
        "planned": title if _ends_with(title, PLANNED) else "",
        "organized": title if title[-2:] in ORGANIZED else "",
        "technical": title if technical else "",
        "report": title if _REPORTED.search(title) else "",
        "basis": "方法与要求" if administrative else "原理与方法",
        "theory": "规范与要求" if administrative else "理论与方法",
        "verb": "与".join(p.verbs[:2]) if clean else "",
        "rule": rule,
        "document": "研究报告"
        if "研究" in p.verbs or "研究" in p.title
        else "技术文件"
        if technical
        else "",  # a performer's 二度创作 has no 技术文件
        # research and humanities work has complex problems, not technical ones
        "problem": "复杂技术问题" if technical or (process and operating) else "复杂问题",
    }


# Work whose result is written up in a report of its own (分析报告, 调查报告, 检测报告).
_REPORTED = re.compile(
    r"(分析|调查|调研|评估|评价|鉴定|检测|测试|研究|勘察|勘查|论证|测量|化验|诊断)$"
)
# Watching and recording: no process of its own to improve (监视…工艺改进 does not read).
_WATCHING = frozenset(
    {
        "监视",
        "监控",
        "监测",
        "检查",
        "记录",
        "巡查",
        "巡视",
        "观察",
        "观测",
        "巡检",
        "登记",
        "统计",
        "填写",
    }
)


def _watching(p: ph.Phrase) -> bool:
    """Whether the work is watching or recording, not a step of the process."""
    verbs = p.verbs or tuple(word for word, _ in tag(p.title)[-1:])
    return all(verb in _WATCHING for verb in verbs)


_WORK_ON = frozenset({"故障", "问题", "隐患", "异常", "事故", "作业", "工作"})


def _named(p: ph.Phrase) -> bool:
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


def _says_twice(line: str) -> bool:
    words = [word for word, _ in tag(line) if len(word) >= 2]
    return len(words) != len(set(words))


def _lines(
    templates: tuple[str, ...], slots: dict[str, str], generic: bool, turn: int
) -> list[str]:
    """The templates filled in; "a|b" are alternatives, taken in turn by the level's contents
    of one kind, so that no two contents of a level read alike."""
    lines = []
    for choices in templates:
        options = choices.split("|")
        start = turn % len(options)
        for template in options[start:] + options[:start]:  # the next one when a slot is empty
            line = _fill(template, slots)
            if line is None or (not generic and is_generic_line(line)):
                continue
            if "{act}" not in template and _says_twice(line):
                continue  # "能评估设备状态评估的成果": the title repeats the template's word
            lines.append(line)
            break
    return list(dict.fromkeys(lines))


def requirement_lines(
    p: ph.Phrase,
    rank: int,
    ladder: Ladder,
    *,
    process: bool = False,
    generic: bool = False,
    turn: int = 0,
    strict: bool = True,
) -> tuple[list[str], list[str]]:
    """(skill lines, knowledge lines) of content ``p`` at ``rank`` on ``ladder``; ``process``:
    the occupation is a production one (操作规程, 工艺); ``generic`` allows the one line per
    level that would fit any occupation; ``strict`` leaves routine work to the lower levels."""
    process = process and not _watching(p)
    slots = _slots(p, process)
    skills: tuple[str, ...]
    knowledge: tuple[str, ...]
    if ladder is Ladder.WORKER and rank >= 7:
        skills, knowledge = _WORKER_TOP[min(rank, 8)]
        opening = ""
    else:
        family = p.family
        if family == "maintain" and not any(word in p.head for word in _MAINTAINED):
            family = "operate"  # 修复文物, 养护苗木: the work itself, not upkeep of equipment
        if family == "inspect" and _ABSTRACT_HEAD.search(p.head):
            family = "analyze"  # 测定贷款风险度, 检查装载情况: judged, not tested like a product
        elif family == "inspect" and not process and p.verbs and not TESTING & set(p.verbs):
            # 核查证据, 测量人体尺寸: checked or judged, not tested like a product
            family = "work" if ladder is Ladder.WORKER else "analyze"
        skills, knowledge = _table(family, ladder, process)[rank]
        opening = _DO.get((ladder, rank)) or (
            _WORKER_DO.get(rank, "") if ladder is Ladder.WORKER else ""
        )
    first = [opening] if opening else []
    if ladder is Ladder.WORKER and rank == 2 and p.family in {"design", "analyze"}:
        first = ["能在指导下{act}"]
    if _NEW_WORK.search(slots["act"]) and rank <= 2:
        first = ["能参与{act}"]  # 开发新材料, 研制新产品: a beginner takes part, never leads
    if strict and routine(p) and rank >= (3 if ladder is Ladder.PROFESSIONAL else 5):
        return [], []  # 查阅病史, 选择工具: routine work belongs to the lower levels only
    skill = _lines((*first, *skills), slots, generic, turn)[:3]
    generic = generic and not any(is_generic_line(line) for line in skill)
    known = _lines(knowledge, slots, generic, turn)[:2]
    if not skill and slots["act"] and rank <= 3:
        skill = [f"能{slots['act']}"]
    if not known:
        known = _fallback_knowledge(p, rank)
    return skill, known


# Developing new things: the work of the upper levels, a beginner takes part in it.
_NEW_WORK = re.compile(r"^(开发|研发|研制|研究|创新|设计开发)")


def routine(p: ph.Phrase) -> bool:
    """Whether the work is routine (选择, 记录, 查阅 …): a lower level's work only."""
    return bool(p.verbs) and all(verb in ROUTINE for verb in p.verbs)


def _fallback_knowledge(p: ph.Phrase, rank: int) -> list[str]:
    """Knowledge for a content whose title did not parse: the tool it is done with, else the
    work as the classification writes it ("查阅病史的方法")."""
    tool = _tool(p)
    if tool:
        return [f"{tool}的使用方法" if rank <= 3 else f"{tool}的结构与工作原理"]
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


def _verb_first(p: ph.Phrase) -> str:
    """The work as verbs + object ("发现和处理异常现象和故障") when its title did not read."""
    named = [v for v in p.verbs[:2] if v in ph.VERBS and v not in _NOT_WORK]
    head = p.head
    if not named or not 2 <= len(head) <= 10 or bare(head) or head in FRAGMENTS:
        return ""
    first = tag(head)[0]
    if any(word in ph.VERBS or flag == "v" for word, flag in tag(head)[1:]):
        return ""  # "部门提供数据和材料": a clause, not an object
    if re.search(r"^[向对为在将把给从]|[（(]|、$", head) or ph.is_work(first[0]) or first[1] == "v":
        return ""
    if p.obj.removesuffix(head).endswith("等") and re.search("[和、及与]", head):
        return ""  # the list was cut ("参数和油、气、水样品")
    if p.obj.startswith(tuple(head + mark for mark in "、和及与")):
        return ""  # "广播" of "广播、视频、音频设备标准": the list was cut
    return "和".join(named) + head
