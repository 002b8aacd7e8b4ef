"""Open review questions and exercises that ask about the work, not about the standard.

A question is built from what a requirement says the worker does (``work.skill_frame``): for
the occupation's own work it asks in what order it is done and what is checked; for checking,
recording, equipment, plans and improvements it asks what to compare against, what to write
down, what to inspect before use, what a plan must weigh. Knowledge requirements give a
question only when they name something answerable (quality requirements, a procedure, methods,
the laws every standard lists); a bare "…的基本知识" gives none. Every question passes
``prose.clean`` at the plan's level.
"""

from __future__ import annotations

import re

from zhijiang_engine.curriculum import context as ctx
from zhijiang_engine.curriculum import work
from zhijiang_engine.curriculum.model import ETHICS, SKILL, Objective
from zhijiang_engine.curriculum.prose import clean

_SKILL_QUESTIONS = {
    "check": "检查{x}的结果时，应对照哪些要求逐项核对？发现不符合要求的情况应怎样纠正？",
    "record": "记录{x}时，应写明哪些内容？这些记录在后续工作中有什么用？",
    "maintain": "使用{x}前应检查哪些项目？日常维护包括哪些内容？",
    "adjust": "服务对象的情况不同时，{x}的方式应怎样调整？请举一例说明。",
    "gather": "开展{x}前需要收集哪些资料？怎样整理才便于使用？",
    "plan": "制定{x}方案时应考虑哪些因素？实施中怎样检查进度和质量？",
    "improve": "{x}中常见的问题有哪些？应从哪些方面提出改进措施？",
    "difficult": "遇到{x}中的疑难问题时，应按怎样的思路分析原因、确定解决办法？",
    "optimise": "优化{x}的流程时，应先分析哪些环节？怎样判断优化是否有效？",
    "innovate": "引进{x}的新技术、新方法前，应怎样评估它是否适用？",
    "problems": "{x}中常见的问题有哪些？各应怎样处理？",
    "judge": "判断{x}是否符合质量要求时，要检查哪些项目？用什么方法？",
    "defects": "{x}中常见的质量问题有哪些？各由什么原因造成？应怎样预防？",
    "organise": "组织{x}前要做哪些准备？怎样评价效果？",
    "results": "分析{x}的检验结果时，应从哪些方面查找不合格的原因？",
    "complex": "{x}中可能遇到哪些复杂或特殊情况？各应怎样处理？",
    "anomaly": "{x}中常见的异常情况有哪些？发现后应怎样处理？",
    "settings": "确定{x}的方法和参数时，应依据哪些工艺要求？",
    "faults": "{x}常见的故障有哪些？诊断时按什么顺序排查？",
    "document": "完成{x}后，技术文件或报告应写明哪些内容？",
}
_ACTION_QUESTIONS = (
    "{x}时，要调节控制{items}等{head}。这些{head}偏离要求时会带来什么后果？应怎样处理？",
    "{x}一般按怎样的步骤进行？每一步完成后要检查什么？",
)
_SETTINGS = ("参数", "指标", "条件")  # what work "调节控制"s
_EQUIPMENT = ("设备", "机", "仪", "器", "具", "软件", "系统", "装置", "仪表", "平台", "车", "床")
_KNOWLEDGE_QUESTIONS = {
    "quality": "{x}应达到哪些质量要求？用什么方法检验？",
    "procedure": "{x}的操作规程规定了哪些步骤？其中哪些步骤关系到安全和质量？",
    "usage": "{x}的正确使用方法是什么？使用中有哪些注意事项？",
    "common_problems": "{x}中有哪些常见问题？各应怎样处理？",
    "drafting": "编制{x}方案一般包括哪些内容？",
    "method": "{x}有哪些常用方法？各适用于什么情况？",
    "structure": "{x}由哪些主要部分组成？各部分起什么作用？",
    "defect_types": "{x}常见的质量缺陷有哪些类型？各按什么标准判定？",
    "faults": "{x}常见的故障有哪些？怎样诊断？",
    "settings": "确定{x}参数时要考虑哪些因素？",
    "management": "{x}有哪些管理要求？为什么要这样管理？",
    "principle": "{x}依据什么原理？常用哪些方法？",
    "defects": "{x}中常见的质量缺陷有哪些？各由什么原因造成？怎样预防？",
}
# The laws and general knowledge every standard lists, with a question that has an answer.
_BASIC_QUESTIONS = (
    ("劳动合同法", "订立劳动合同应具备哪些必备条款？劳动合同法对试用期有哪些规定？"),
    ("劳动法", "《中华人民共和国劳动法》规定劳动者享有哪些基本权利、应履行哪些义务？"),
    ("安全生产法", "《中华人民共和国安全生产法》规定从业人员有哪些安全生产权利和义务？"),
    ("环境保护", "工作中产生的废弃物应怎样分类处置？"),
)


# Work that has no steps to ask about: an opinion given on an analysis ("根据…的结果提出处理
# 意见"), a conclusion drawn.
_NO_STEPS = ("意见", "建议", "结论", "看法", "评价")


def weak_steps(doing: str) -> bool:
    """Whether "{doing}一般按怎样的步骤进行？" asks about no real procedure."""
    cause = doing.startswith(("判断", "分析")) and "原因" in doing  # a diagnosis, no procedure
    return doing.startswith(("根据", "依据", "按照")) or doing.endswith(_NO_STEPS) or cause


# Paperwork: drafting, revising or keeping records of vehicles or a plant is no work on them.
_PAPERWORK = (
    "编制", "制订", "制定", "修订", "起草", "撰写", "编写", "审核", "审查", "统计", "登记",
    "整理", "核算", "管理", "汇总", "填写", "记录", "研究", "设计",
)  # fmt: skip


def physical_work(doing: str) -> bool:
    """Whether a task has hands-on hazards of its own (operating a kiln, not drafting a stowage
    plan, keeping vehicle records or configuring software in a chemical plant)."""
    if doing.startswith(_PAPERWORK):
        return False
    named = [t for t in ctx.tools_of([doing]) if len(t) >= 3 or t.endswith(("炉", "床", "泵"))]
    return bool(ctx.physical_hazard_notes("0", doing)) or (
        doing.startswith(("操作", "使用", "维修", "安装", "拆卸", "驾驶"))
        and not any(w in doing for w in ("软件", "系统", "平台", "计算机"))
        and bool(named)  # "使用工具、机具或手工", "使用声法、电法": no machine is named
    )


def skill_question(objective: Objective, rank: int) -> str | None:
    """An open question about the work a skill requirement names."""
    if work.generic_work(objective.source):
        return None  # the quality and training work every senior level lists
    frame = work.skill_frame(objective.source)
    if frame.kind == "action":
        x = work.first_clause(frame.object)
        listed = [p for p in work.parameters_in(frame.object) if p[1].endswith(_SETTINGS)]
        if listed:
            items, head = listed[0]
            text = _ACTION_QUESTIONS[0].format(x=x, items=items, head=head)
            if line := clean(text, rank):
                return line
        for doing in (frame.object, x):
            if weak_steps(doing):
                continue
            if len(doing) >= 4 and (line := clean(_ACTION_QUESTIONS[1].format(x=doing), rank)):
                return line
        return None
    template = _SKILL_QUESTIONS.get(frame.kind)
    if frame.kind == "record" and frame.object.endswith(("记录", "表", "单", "日志")):
        template = "填写{x}时，应写明哪些内容？这些记录在后续工作中有什么用？"
    return clean(template.format(x=frame.object), rank) if template and frame.object else None


def knowledge_question(
    objective: Objective, rank: int, hazard: str = "", *, shared: bool = False
) -> str | None:
    """A question a knowledge requirement can answer; ``None`` for a bare topic. The laws and
    basics every standard lists give their question only when ``shared`` is asked for (the
    same question in every occupation's textbook reads as a template); safety knowledge asks
    about the occupation's own hazard where one is given."""
    source = objective.source.rstrip("。")
    if "安全生产与职业健康" in source and len(hazard) >= 4 and physical_work(hazard):
        return clean(f"{hazard}时有哪些安全风险？应采取哪些防护措施？", rank)
    for word, question in _BASIC_QUESTIONS:
        if word in source:
            return question if shared else None
    if work.generic_work(source):
        return None
    frame = work.knowledge_frame(source)
    template = _KNOWLEDGE_QUESTIONS.get(frame.kind)
    if not template or len(frame.object) < 2:
        return None
    if frame.kind in ("usage", "structure") and not frame.object.endswith(_EQUIPMENT):
        return None  # "拆解的使用方法", "医疗手段的结构": a way of working, not a thing
    if only_kinds(frame.object):
        return None  # "材料及工具的正确使用方法" fits every trade
    if frame.kind == "principle" and frame.object.endswith(_NO_PRINCIPLE):
        template = _KNOWLEDGE_QUESTIONS["method"]  # "效果评价依据什么原理" asks nothing real
    return clean(template.format(x=frame.object), rank)


# Only principles with a concrete answer in the task: what must be recorded truthfully, what
# safety asks, how to treat the person served. "{task}时哪些做法体现了遵纪守法" glues a
# slogan to a task, and no teacher asks it.
_ETHICS_QUESTIONS = (
    ("诚实守信", "{doing}的过程和结果为什么必须如实记录？"),
    ("安全生产", "{doing}时应注意哪些安全和环境保护事项？"),
    ("保守秘密", "{doing}时，应采取哪些措施防止数据和个人信息泄露？"),
)  # "文明礼貌，热情服务" asks a manner of service that most work has no one to serve


_HONEST_REPORT = "{doing}时出了差错，为什么要如实报告？报告时应说清哪些情况？"
_DATA = ("数据", "信息", "资料", "档案")  # "设计…设备与系统" handles no one's data
_RECORDS = ("记录", "数据", "台账", "档案", "检测", "检验", "测量", "统计", "账", "病历")


def ethics_question(
    objective: Objective, task: str, rank: int, *, hazardous: bool = False
) -> str | None:
    """How a principle of the occupation's code shows in one of its tasks: the recording
    question only for work that produces records, the safety one only for hazardous work."""
    principle = objective.source.rstrip("。")
    if "知识" in principle or not task:
        return None
    doing = work.first_clause(task).removeprefix("在")
    if "安全生产" in principle and not (hazardous and physical_work(doing)):
        return None
    drafts = doing.startswith(("编制", "制定", "制订", "设计", "研究", "撰写", "编写"))
    records = any(r in doing for r in _RECORDS) and not drafts  # a drafted 检测规程 is no record
    fits = [
        q if word != "诚实守信" or records else _HONEST_REPORT if physical_work(doing) else ""
        for word, q in _ETHICS_QUESTIONS
        if word in principle and (word != "保守秘密" or any(d in doing for d in _DATA))
    ]
    template = next((q for q in fits if q), "")
    return clean(template.format(doing=doing), rank) if template else None


def question_for(
    objective: Objective, task: str, rank: int, *, hazardous: bool = False
) -> str | None:
    """The open question for one requirement; ``task`` is the occupation's task the lesson
    teaches (for ethics and safety questions), "" when unknown; safety knowledge asks about
    the task's risks only for ``hazardous`` work."""
    if objective.kind == SKILL:
        return skill_question(objective, rank)
    if objective.kind == ETHICS:
        return ethics_question(objective, task, rank, hazardous=hazardous)
    doing = work.first_clause(task) if task and hazardous else ""
    return knowledge_question(objective, rank, doing)


# Work that follows no principle of its own: judging, researching, managing, applying.
_NO_PRINCIPLE = (
    "评价", "评估", "研究", "研发", "应用", "管理", "检查", "审理", "审查", "审核", "服务",
)  # fmt: skip
# The kinds of things every trade uses, with what joins them ("材料及工具", "工具、索具").
_KINDS = re.compile(
    r"^(?:使用|操作|准备)?(?:(?:设备|工具|仪器|仪表|器具|机具|材料|索具|卡具|用具|用品|物品)"
    r"[、和及与或]?)+$"
)


def only_kinds(text: str) -> bool:
    """Whether ``text`` names only kinds of things ("材料及工具", "使用工具、索具")."""
    return bool(_KINDS.match(text))


def practice_text(objective: Objective, rank: int, *, desk: bool = False) -> str | None:
    """A practical exercise: the work itself, and a record of it where the work is done by
    hand. A plan, an opinion or design work is practised on a case and a service on a role
    play, neither with an 操作过程 to record; ``desk`` says the occupation's work is done at a
    desk (a professional's or a clerk's), where only work with equipment is 实操."""
    action = work.action_of(objective.source)
    manner = work.manner_of(objective.source)
    if len(action) < 3 or work.generic_work(action) or only_kinds(action):
        return None  # "指导初级工…解决实际问题" is no exercise of this occupation's work
    doing = _bare_verb(action)
    if doing.startswith(_SERVICE_WORK) or ("服务" in doing and not doing.startswith(_HANDS_ON)):
        return clean(f"情景练习：两人一组模拟服务场景，{manner}{action}，练习后互评。", rank)
    if doing.startswith(_DESK_WORK) or (desk and not doing.startswith(_HANDS_ON)):
        return clean(f"案例练习：结合一个实际案例，{manner}{action}。", rank)
    keeps = "记录" in action or "填写" in action
    text = f"实操练习：{manner}{action}" + ("。" if keeps else "，记录操作过程和结果。")
    return clean(text, rank)


def _bare_verb(action: str) -> str:
    """The action without the helping verb before its own ("协助编制…" → "编制…")."""
    for helper in ("协助", "参与", "辅助", "配合"):
        action = action.removeprefix(helper)
    return action


_DESK_WORK = (
    "制定", "制订", "编制", "编写", "撰写", "起草", "审核", "审查", "评审", "分析", "根据",
    "提出", "设计", "评价", "评估", "研究", "规划", "策划", "拟订", "草拟", "核算", "统计",
    "改进", "优化", "整合", "研判", "论证", "预测", "建立", "匹配", "计算", "估算",
)  # fmt: skip
# Work with people rather than things: it is rehearsed with a partner, not operated.
_SERVICE_WORK = (
    "咨询", "辅导", "调适", "接待", "讲解", "宣传", "沟通", "引导", "询问", "介绍", "推介",
    "调解",
)  # fmt: skip
# Work done with the hands or with equipment even by a professional.
_HANDS_ON = (
    "操作", "使用", "安装", "调试", "检测", "测量", "测定", "采集", "取样", "制作", "加工",
    "装配", "检修", "维修", "绘制", "实施针", "针灸", "推拿", "按摩", "护理", "手术", "检验",
    "化验", "标定", "校准", "试验",
)  # fmt: skip
