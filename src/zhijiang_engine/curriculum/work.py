"""What a requirement says about the work, for the sentences a teacher writes around it.

A drafted requirement wraps an action of the occupation in an opening for its level
("能在指导下按操作规程操作压缩机，加压原料气") and in a few recurring frames (checking a
result, recording a process, using and maintaining equipment, drafting a plan). ``action_of``
takes the opening off; ``frame_of`` says which frame a line is in and what its object is, so
that review questions and exercises can ask about the work itself (what to check, in what
order, what to record) instead of wrapping the requirement in "请说明…".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPENINGS = ("在师傅指导下辅助", "在师傅指导下", "在指导下", "独立", "熟练", "正确", "规范地")
_MANNERS = (
    "按操作规程",
    "按服务规范",
    "按技术规范",
    "按要求",
    "按规程",
    "按规范",
    "按标准",
    "按规定",
)

# (frame, pattern with the object as group "x") in the order they are tried.
_SKILL_FRAMES: tuple[tuple[str, str], ...] = (
    ("check", r"^检查(?P<x>.+?)的(?:结果|质量)，发现"),
    ("judge", r"^判断(?P<x>.+?)是否符合(?:质量)?要求$"),
    ("defects", r"^分析(?P<x>.+?)中(?:质量缺陷|出现的问题|常见问题)的?(?:产生原因|原因)?"),
    ("organise", r"^组织(?P<x>.+?)并评价其效果$"),
    ("results", r"^分析(?P<x>.+?)的检验结果，判断不合格的原因"),
    ("complex", r"^处理(?P<x>.+?)中的(?:复杂|特殊)情况$"),
    ("anomaly", r"^发现(?P<x>.+?)中的异常情况并及时处理$"),
    ("settings", r"^根据工艺要求确定(?P<x>.+?)的方法和参数$"),
    ("faults", r"^诊断和排除(?P<x>.+?)的(?:复杂)?故障$"),
    ("document", r"^完成(?P<x>.+?)并编写(?:技术文件|研究报告)$"),
    ("plan", r"^提出(?P<x>.+?)的技术改(?:进|造)方案"),
    ("record", r"^记录(?P<x>.+?)的过程和结果$"),
    ("record", r"^(?:记录|填写)(?P<x>.+)$"),
    ("maintain", r"^使用和维护(?P<x>.+)$"),
    ("adjust", r"^根据.+?调整(?P<x>.+?)的方式$"),
    ("gather", r"^收集和整理(?P<x>.+?)所需的资料$"),
    ("plan", r"^(?:制定|制订|编制)(?P<x>.+?)方案并组织实施$"),
    ("improve", r"^查找(?P<x>.+?)中存在的问题并提出改进措施$"),
    ("difficult", r"^解决(?P<x>.+?)中的疑难问题$"),
    ("optimise", r"^优化(?P<x>.+?)的流程与方法$"),
    ("innovate", r"^引进和推广(?P<x>.+?)的新技术、新方法$"),
    ("coach", r"^示范(?P<x>.+?)的操作要领"),
    ("coach", r"^(?:指导|培训|对|为|就)(?P<x>.*(?:初级|中级|高级|技师|学徒).*)$"),
    ("problems", r"^(?:处理|排除)(?P<x>.+?)(?:过程)?中的常见问题$"),
)
_KNOWLEDGE_FRAMES: tuple[tuple[str, str], ...] = (
    ("structure", r"^(?P<x>.+?)的结构与工作原理$"),
    ("defect_types", r"^(?P<x>.+?)质量缺陷的类型与判定标准$"),
    ("faults", r"^(?P<x>.+?)常见故障的诊断方法$"),
    ("settings", r"^(?P<x>.+?)参数的确定方法$"),
    ("management", r"^(?P<x>.+?)的管理要求$"),
    ("principle", r"^(?P<x>.+?)的原理与方法$"),
    ("quality", r"^(?P<x>.+?)的质量要求$"),
    ("procedure", r"^(?P<x>.+?)的(?:操作规程|工作流程|流程)$"),
    ("usage", r"^(?P<x>.+?)的使用(?:方法|知识)$"),
    ("common_problems", r"^(?P<x>.+?)(?:常见问题|特殊情况)的处理方法$"),
    ("defects", r"^(?P<x>.+?)常见质量缺陷的产生原因与预防方法$"),
    ("drafting", r"^(?P<x>.+?)方案的编制方法$"),
    ("method", r"^(?P<x>.+?)的(?:方法|技巧)$"),
    ("principle", r"^(?P<x>.+?)的原理与要求$"),
    ("norms", r"^(?P<x>.+?)的技术规范与标准$"),
    ("vague", r"^(?P<x>.*?)(?:的基本知识|基本知识|基础知识|相关知识|的知识)$"),
)
_ITEM = r"[^\s，、；：。的和与及或等]"
_PARAMETERS = re.compile(f"((?:{_ITEM}{{1,8}}、)+{_ITEM}{{1,6}})等({_ITEM}{{2,6}})")


@dataclass(frozen=True)
class Frame:
    kind: str  # "action" for the occupation's own work, else one of the frames above
    object: str  # what the frame is about ("原料气加压"); the whole action for "action"


def action_of(text: str) -> str:
    """The work a skill requirement names, without its level's opening ("能在指导下按操作规程
    操作车床" → "操作车床")."""
    line = text.strip().rstrip("。").removeprefix("能")
    for opening in _OPENINGS:
        line = line.removeprefix(opening)
    line = line.removeprefix("、")
    for manner in _MANNERS:
        line = line.removeprefix(manner)
    return line.strip("，、 ")


def manner_of(text: str) -> str:
    """How the requirement has the work done ("按操作规程"), "" when it does not say."""
    line = text.strip().removeprefix("能")
    for opening in _OPENINGS:
        line = line.removeprefix(opening)
    return next((m for m in _MANNERS if line.startswith(m)), "")


def skill_frame(text: str) -> Frame:
    action = action_of(text)
    for kind, pattern in _SKILL_FRAMES:
        if match := re.search(pattern, action):
            return Frame(kind, match["x"].strip("，、 "))
    return Frame("action", action)


def knowledge_frame(text: str) -> Frame:
    line = text.strip().rstrip("。")
    for opening in ("了解", "理解", "熟悉", "掌握", "系统掌握", "熟练掌握"):
        line = line.removeprefix(opening)
    for kind, pattern in _KNOWLEDGE_FRAMES:
        if match := re.search(pattern, line):
            return Frame(kind, match["x"].strip("，、 "))
    return Frame("topic", line)


_OPERATES = re.compile(
    r"^(?:操作|使用)(?P<tool>[^，；]{2,20}?)(?:等)?，(?:进行)?(?P<use>[^；]{4,40})$"
)


def equipment_use(action: str) -> tuple[str, str] | None:
    """(equipment, what it is used for) of "操作削片机，对小径原木进行削片" → ("削片机",
    "对小径原木进行削片"); ``None`` when the action does not say."""
    match = _OPERATES.match(action)
    return (match["tool"], match["use"]) if match else None


_LEADING_VERBS = re.compile(
    r"^(?:调节|控制|调整|检测|监测|测量|测定|记录|设定|确定|检查|监控|观察|计算|分析|选择|使用)+"
)


def parameters_in(text: str) -> list[tuple[str, str]]:
    """(what is listed, the head it belongs to) for "调节温度、压力、纯度等工艺参数" →
    ("温度、压力、纯度", "工艺参数")."""
    found = []
    for match in _PARAMETERS.finditer(text):
        items = match[1].split("、")
        # the first item took the verb before it ("调节控制温度"): take the verb off, else keep
        # as much as the others have
        bare = _LEADING_VERBS.sub("", items[0])
        items[0] = bare if bare != items[0] else items[0][-max(len(i) for i in items[1:]) :]
        found.append(("、".join(items), match[2]))
    return found


# What every standard lists in its basic requirements; the same words in every occupation.
_SHARED = ("职业道德基本知识", "劳动法", "劳动合同法", "安全生产法", "质量管理基础知识",
           "安全生产与职业健康", "环境保护")  # fmt: skip


def shared_by_all(text: str) -> bool:
    """Whether a requirement is one every standard has (a law, ethics, quality basics)."""
    return any(word in text for word in _SHARED)


_CONDITIONS = ("根据", "按照", "依照", "依据", "遵照", "对", "在", "为", "针对", "通过", "运用")


def first_clause(action: str) -> str:
    """The action's first clause that is itself work ("根据设计图，组织…加工" → "组织…加工";
    "操作压缩机和气体净化装置，加压原料气" → "操作压缩机和气体净化装置")."""
    clauses = [c for c in re.split(r"[，；]", action) if c]
    doing = [c for c in clauses if not c.startswith(_CONDITIONS)]
    return (doing or clauses or [""])[0]


# The quality, improvement and training work every senior level lists in the same words
# ("编制检验方案", "分析…的质量问题并提出改进方案", "讲授…的知识和技能"): a question or key
# point built on it would fit any occupation, so the materials keep to the occupation's work.
_GENERIC_WORK = re.compile(
    r"检验方案|质量问题|改进方案|质量控制|质量管理|PDCA|技术改进|技术改造|技术指导|讲授|传授"
    r"|技术路线|技术总结|要领的示范|^能?(?:独立)?示范.{0,24}要领|培训(?:资料|讲义|计划|方案|教材|大纲)|^(?:指导与)?培训(?:指导)?$"
    r"|(?:初级|中级|高级|技师|学徒|下级)[^，。；]{0,12}(?:培训|指导)|指导(?:初级|中级|高级|技师)"
    r"|^(?:技术)?指导$|^技术工作|技术工作实施|并审核其成果"
)


def generic_work(text: str) -> bool:
    """Whether a requirement or title is the management or training work every standard's
    senior levels share rather than the occupation's own."""
    return bool(_GENERIC_WORK.search(text))
