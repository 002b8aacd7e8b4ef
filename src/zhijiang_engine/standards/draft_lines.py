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
from zhijiang_engine.standards.draft_parts import (
    act_of,
    fallback_knowledge,
    named,
    phrase_tool,
    routine,
    well_formed,
)
from zhijiang_engine.standards.draft_text import PROFESSIONAL_LINES as _PROFESSIONAL
from zhijiang_engine.standards.draft_text import bare as bare
from zhijiang_engine.standards.levels import Ladder
from zhijiang_engine.standards.lexicon import (
    ADMINISTRATIVE,
    MAKING,
    ORGANIZED,
    PLANNED,
    RESEARCH,
    TECHNICAL,
    TESTING,
    tag,
)

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
        5: (("能编制{title}的作业指导书|能审核{title}的工艺文件|能制定{product}质量问题的预防措施",), ("{title}的技术标准与工艺规范|{title}工艺文件的编制要求", "{title}作业指导书的编写方法")),
        6: (("能改进{title}的工艺，提高质量和效率|能对{title}的工艺参数提出改进建议",), ("{title}工艺改进的方法|{title}工艺参数的优化方法",)),
    },
    "prepare": {
        1: ((), ("{title}的基本知识", "{tool}的使用常识")),
        2: (("能正确使用{tool}",), ("{title}的操作规程", "{tool}的使用方法")),
        3: (("能根据作业要求检查{title}的结果|能完成{title}并自检",), ("{title}的方法与要求",)),
        4: (("能根据工艺要求确定{title}的方法和参数|能处理{title}中出现的异常情况",), ("{title}参数的确定方法|{title}异常情况的处理方法",)),
        5: (("能编制{title}的作业指导书|能审核{title}的工艺文件",), ("{title}的{spec}", "{title}作业指导书的编写方法")),
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
        4: (("能为有特殊需求的服务对象提供{title}",), ("{title}特殊情况的处理方法",)),
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
    title = p.title if clean and not bare(p.title) and named(p) else ""
    operating = p.family in {"operate", "prepare", "maintain"}
    rule = _RULE.get(p.family, "按操作规程" if process and operating else "按要求")
    administrative = title[-2:] in ADMINISTRATIVE or any(v in ADMINISTRATIVE for v in p.verbs)
    technical = _ends_with(title, TECHNICAL) and not _ends_with(title, RESEARCH)
    # research is planned in a 实施方案 ("研究的研究方案" would say 研究 twice), not a 技术方案
    plan = "实施方案" if _ends_with(title, RESEARCH) or "工作" in title else "工作方案"
    plan = "技术方案" if technical and plan == "工作方案" else plan
    return {
        "act": act_of(p),
        "tool": phrase_tool(p),
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
# Measuring, counting and sorting: a step with no process parameters of its own ("称重的工艺参数").
_NOT_PROCESS = frozenset({"称重", "称量", "计量", "计数", "清点", "盘点", "筛选", "分拣", "分类"})


def _watching(p: ph.Phrase) -> bool:
    """Whether the work is watching, recording or measuring, not a step of the process."""
    verbs = p.verbs or tuple(word for word, _ in tag(p.title)[-1:])
    return all(verb in _WATCHING | _NOT_PROCESS for verb in verbs)


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
    # watching, measuring, and work on a defect or a fault ("外观质量缺陷处理") have no 工艺
    process = process and not _watching(p) and not _ABSTRACT_HEAD.search(p.head)
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
        known = fallback_knowledge(p, rank)
    return skill, known


# Developing new things: the work of the upper levels, a beginner takes part in it.
_NEW_WORK = re.compile(r"^(开发|研发|研制|研究|创新|设计开发)")
