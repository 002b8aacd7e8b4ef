"""The fixed text of a standard draft: the graded skill and knowledge requirements of a work
content, 培训与指导 and 技术管理 (from 技师), the basic requirements (职业道德, 基础知识) and the
overview (职业概况).

These are Chinese phrase tables and the functions that fill them in; ``draft`` decides which work
contents and levels a draft has and calls them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from zhijiang_engine.standards import phrases as ph
from zhijiang_engine.standards.levels import level_by_rank

# --- Requirement text -------------------------------------------------------------------------

_RULE = {"serve": "按服务规范", "design": "按要求", "analyze": "按要求", "manage": "按要求"}
_CHECK_LINE = {
    "inspect": "能判断{object}是否符合要求，并填写{doing}记录",
    "maintain": "能发现{topic}中的常见故障并排除",
    "serve": "能根据服务对象的具体情况调整{topic}的方式",
    "design": "能收集和整理{topic}所需的资料",
}
_SKILLS = {
    1: ("能在师傅指导下辅助{act}", "能在师傅指导下做好{topic}的准备和清理工作"),
    2: ("能在指导下{rule}{act}", "{record}"),
    3: ("能独立{act}", "{check}"),
    4: ("能{brief}，并处理{doing}过程中的常见问题", "{choose}"),
    5: ("{plan}", "能查找{topic}中存在的问题并提出改进措施"),
    6: (
        "{improve}",
        "能解决{topic}中的疑难问题",
        "能引进和推广{topic}的新技术、新方法",
    ),
    7: (
        "能主持{topic}技术攻关",
        "能制定{topic}的技术标准与作业规范",
        "能开发{topic}的新工艺、新方法",
    ),
    8: (
        "能主持{topic}重大技术攻关与技术创新",
        "能主持制定{topic}的行业技术标准",
        "能研判{topic}的技术发展方向",
    ),
}
_EXTRA = {2: "能在指导下{extra}", 3: "能独立{extra}", 4: "能{extra}，并检查其结果"}
_KNOWLEDGE = {
    1: ("{topic}的基本知识", "{tool_basics}"),
    2: ("{topic}的基本知识", "{tool_use}"),
    3: ("{topic}的方法", "{quality}的质量要求"),
    4: ("{topic}的原理与要求", "{topic}常见问题的处理方法"),
    5: ("{topic}的技术规范与标准", "{plan_knowledge}"),
    6: ("{topic}的发展趋势与前沿技术", "{improve_knowledge}"),
    7: ("{topic}技术攻关的组织与管理方法", "{topic}新技术、新工艺的研究方法"),
    8: ("{topic}领域的前沿技术与发展趋势", "行业技术标准的制定程序与方法"),
}


_CHOOSE = ("能根据工作要求选择合适的{topic}方法", "能根据{head}的特点选择合适的{doing}方法")
_PLAN = ("能制定{topic}方案并组织实施", "能组织{topic}工作并审核其成果")
_PLAN_KNOWLEDGE = ("{topic}方案的编制方法", "{topic}成果的评审方法")
_IMPROVE = ("能优化{topic}的流程与方法", "能评估{topic}的效果并持续改进")
_IMPROVE_KNOWLEDGE = ("{topic}流程优化的方法", "{topic}效果的评估方法")


def _slots(p: ph.Phrase) -> dict[str, str]:
    """What the templates fill in for one work content."""
    tool = ph.tool_of(p.means)
    act = p.means + p.act if len(p.means) + len(p.act) <= 36 else p.act
    brief = "和".join(p.verbs[:2]) + p.head if p.verbs else "进行" + p.title
    designed = p.family == "design" or p.title.endswith("方案")
    improved = p.title.endswith(("优化", "改进"))
    return {
        "act": act if len(act) <= 40 else brief,
        "brief": brief,
        "doing": "与".join(p.verbs[:2]) if p.verbs else (ph.work_word(p.title) or "作业"),
        "topic": p.title,
        "head": p.head,
        "object": p.head if p.verbs else f"{p.title}的结果",
        "rule": _RULE.get(p.family, "按操作规程"),
        "record": f"能正确使用和维护{tool}" if tool else "能按要求记录{topic}的过程和结果",
        "check": _CHECK_LINE.get(p.family, "能检查{topic}的结果，发现并纠正不符合要求的情况"),
        "choose": _CHOOSE[bool(p.verbs and p.head)],
        "tool_basics": f"{tool}的使用常识" if tool else "安全操作常识",
        "tool_use": f"{tool}的使用方法" if tool else "{topic}的操作规程",
        "quality": p.head if p.verbs else p.title,
        "plan": _PLAN[designed],
        "plan_knowledge": _PLAN_KNOWLEDGE[designed],
        "improve": _IMPROVE[improved],
        "improve_knowledge": _IMPROVE_KNOWLEDGE[improved],
    }


def _fill(template: str, slots: dict[str, str]) -> str:
    for _ in range(2):  # slots may hold slots ("{check}" → "…{topic}…")
        template = re.sub(r"\{(\w+)\}", lambda m: slots.get(m.group(1), m.group(0)), template)
    return template


def skill_lines(p: ph.Phrase, rank: int) -> list[str]:
    slots = _slots(p)
    lines = [_fill(t, slots) for t in _SKILLS[rank]]
    if rank in _EXTRA and p.extra:
        lines.append(_EXTRA[rank].replace("{extra}", p.extra[0]))
    return list(dict.fromkeys(lines))[:3]


def knowledge_lines(p: ph.Phrase, rank: int) -> list[str]:
    slots = _slots(p)
    return list(dict.fromkeys(_fill(t, slots) for t in _KNOWLEDGE[rank]))


# Per level: 培训 skills / knowledge / 指导 skills / knowledge, items split at "|".
_TRAINING = {
    5: "能编写培训讲义|能对初级工、中级工、高级工进行理论知识和操作技能培训"
    "/培训讲义的编写方法|培训教学的基本方法"
    "/能指导初级工、中级工、高级工进行实际操作|能示范操作要领并纠正错误操作/技能指导的方法与要求",
    6: "能编写培训大纲和培训计划|能对技师及以下级别人员进行培训"
    "/培训大纲的编写方法|培训效果的评估方法"
    "/能指导技师及以下级别人员解决实际操作中的难题|能指导技师开展技术革新/技术指导的方法与要求",
    7: "能设计本职业培训课程体系|能对高级技师及以下级别人员进行培训"
    "/培训课程体系的设计方法|培训质量的评估方法"
    "/能通过带徒传技培养高技能人才|能指导高级技师开展技术攻关和技术创新/带徒传技的方法与要求",
    8: "能主持开发本职业培训课程和教材|能对特级技师及以下级别人员进行培训"
    "/培训课程与教材开发的方法|高技能人才培养的规律与方法"
    "/能主持技能大师工作室等人才培养平台|能指导特级技师开展重大技术攻关"
    "/高技能人才培养平台的运行与管理知识",
}
# Per level: 质量管理 skills / knowledge / 技术改进 skills / knowledge.
_MANAGEMENT = {
    6: "能制定质量管理措施|能对作业质量进行分析并提出改进方案/质量管理的基本知识|质量分析与控制方法"
    "/能撰写技术总结和技术论文|能提出技术改进方案并组织实施/技术总结与论文的撰写方法|技术革新的方法与途径",
    7: "能建立本岗位质量管理体系|能组织开展质量攻关/质量管理体系的建立与运行知识|全面质量管理方法"
    "/能主持技术改进与创新项目|能推广新技术、新工艺、新方法/技术创新项目的管理方法|新技术推广应用的方法",
    8: "能主持制定本职业质量管理体系|能评审重大质量问题的解决方案"
    "/质量管理体系的设计方法|质量管理的相关标准"
    "/能主持重大技术改进与创新项目|能规划本职业技术发展路线/技术发展规划的编制方法|科技成果转化的相关知识",
}
Special = tuple[str, str, tuple[list[str], list[str]]]  # title, key skill, (skills, knowledge)


def _pair(table: dict[int, str], rank: int, titles: tuple[str, str]) -> tuple[Special, ...]:
    parts = [part.split("|") for part in table[rank].split("/")]
    return (
        (titles[0], titles[0], (parts[0], parts[1])),
        (titles[1], titles[1], (parts[2], parts[3])),
    )


def special_functions(rank: int) -> list[tuple[str, tuple[Special, ...]]]:
    """培训与指导 from 技师 (rank 5) and 技术管理 from 高级技师 (rank 6)."""
    result = []
    if rank >= 5:
        result.append(("培训与指导", _pair(_TRAINING, rank, ("培训", "指导"))))
    if rank >= 6:
        result.append(("技术管理", _pair(_MANAGEMENT, rank, ("质量管理", "技术改进"))))
    return result


# --- Basic requirements and overview ----------------------------------------------------------

_LAWS = ("《中华人民共和国劳动法》", "《中华人民共和国劳动合同法》", "《中华人民共和国安全生产法》")
_DIGITAL_LAWS = (
    "《中华人民共和国网络安全法》",
    "《中华人民共和国数据安全法》",
    "《中华人民共和国个人信息保护法》",
)
_GREEN_LAWS = ("《中华人民共和国环境保护法》",)
_NUMERALS = "零一二三四五六七八"
_HOURS = {1: 160, 2: 120, 3: 100, 4: 80, 5: 60, 6: 40, 7: 40, 8: 40}


def ethics(code: str, *, is_digital: bool, is_green: bool) -> tuple[str, ...]:
    items = ["职业道德基本知识", "遵纪守法，爱岗敬业", "严谨细致，精益求精", "诚实守信，团结协作"]
    items.append("节约资源，绿色低碳" if is_green else "安全生产，保护环境")
    if is_digital:
        items.append("保守秘密，维护数据安全")
    elif code.startswith("4-"):
        items.append("文明礼貌，热情服务")
    return tuple(items)


def basic_knowledge(
    name: str, definition: str, *, is_digital: bool, is_green: bool
) -> tuple[str, ...]:
    items = []
    term = ph.name_term(name)
    if term and term != name:
        items.append(f"{term}基础知识")
    items += [f"{tool}的使用知识" for tool in ph.tools_in(definition)[:2]]
    items += [f"{p.title}基础知识" for p in ph.definition_phrases(definition)[:2]]
    if is_digital:
        items += ["计算机与网络应用基础知识", "信息安全与数据保护知识"]
    if is_green:
        items.append("节能减排与生态环境保护知识")
    items += ["安全生产与职业健康知识", "质量管理基础知识"]
    laws = _LAWS + (_DIGITAL_LAWS if is_digital else ()) + (_GREEN_LAWS if is_green else ())
    items += [f"{law}相关知识" for law in laws]
    return tuple(dict.fromkeys(items))


def _level_name(rank: int) -> str:
    level = level_by_rank(rank)
    return f"{level.national}/{level.name_zh}" if level.national else level.name_zh


def _environment(code: str, text: str) -> str:
    outdoor = re.search(
        r"野外|户外|室外|巡护|森林|草地|海洋|海上|道路|田间|施工|露天|水域|林区|矿山", text
    )
    indoor = re.search(r"室内|车间|机房|实验室|办公|中心|机构|场所|门店", text)
    place = "室内外" if outdoor and indoor else "室外" if outdoor else "室内"
    noisy = "，部分作业存在噪声、粉尘" if code.startswith("6-") else ""
    return f"{place}，常温{noisy}"


def _abilities(code: str, is_digital: bool) -> str:
    if is_digital:
        return "具有一定的学习能力、逻辑思维与分析判断能力、表达能力和计算能力"
    if code.startswith(("5-", "6-")):
        return "具有一定的学习能力、计算能力和空间感，手指、手臂灵活，动作协调"
    if code.startswith("4-"):
        return "具有一定的学习能力、语言表达能力和人际沟通能力，手指、手臂灵活，动作协调"
    return "具有一定的学习能力、表达能力、分析判断能力和计算能力"


def overview(
    code: str, name: str, definition: str, ranks: Sequence[int], is_digital: bool
) -> dict[str, str]:
    names = "、".join(_level_name(rank) for rank in ranks)
    return {
        "definition": definition.strip() or f"从事{name}相关工作的人员。",
        "levels": f"本职业共设{_NUMERALS[len(ranks)]}个等级，分别为：{names}。",
        "environment": _environment(code, definition),
        "abilities": _abilities(code, is_digital),
        "education": "高中毕业（或同等学力）" if is_digital else "初中毕业（或相当文化程度）",
        "training_hours": "；".join(f"{_level_name(r)}不少于{_HOURS[r]}标准学时" for r in ranks)
        + "。",
    }
