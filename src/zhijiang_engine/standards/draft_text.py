"""The fixed text of a standard draft: 培训与指导 and 技术管理 (worker ladder, from 技师) or
技术指导与培训 (professional ladder, at 高级), naming the occupation's own work, the basic
requirements (职业道德, 基础知识) and the overview (职业概况) with the levels and training hours of
the occupation's ladder.

These are Chinese phrase tables and the functions that fill them in; ``draft`` decides which work
contents and levels a draft has and calls them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from zhijiang_engine.skills_vocabulary import is_generic_term
from zhijiang_engine.standards import phrases as ph
from zhijiang_engine.standards.levels import Ladder, ladder_of, level_by_rank


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Topics that name no work of their own ("故障处理", "工具或设施"): no line is built on them.
_BARE_TOPICS = frozenset(
    _split(
        "故障处理 故障排除 故障 工具 设施 设备 作业 工作 技术指导 技术咨询 设备管理 质量检查"
        " 安全检查 日常维护 维护保养 异常处理 生产 操作 手工 器具 仪器 材料 辅助材料"
        " 意见 建议 办理 处理 处理意见 办理意见 技术工作 相关工作 机具 器材 器械 用具"
        " 仪器仪表 工器具 系统 零部件 部件 预案 方案 服务方案 工作方案 问题 技术问题 评价 结果"
        " 运行情况 专用设备 专用工具 专用设备和工具 检测工具 加工设备 生产设备 预防措施 技术措施"
        " 改进措施 技术改进措施 进度计划 咨询服务 辅导 档案"
    )
)


def bare(text: str) -> bool:
    """Whether a topic is only generic words ("故障处理", "工具或设施", "技术指导")."""
    parts = [part for part in re.split(r"及其|[、和或及与]", text) if part]
    return not parts or all(
        part in _BARE_TOPICS or part in ph.GENERIC or is_generic_term(part) for part in parts
    )


# Lines (``draft_lines``) of the professional ladder (初级 2, 中级 3, 高级 4), by family.
PROFESSIONAL_LINES: dict[str, dict[int, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    "design": {
        2: (("能按规范整理{title}所需的资料|能按规范记录{title}的过程和结果",), ("{title}的基本知识|{title}的基本方法",)),  # noqa: E501
        3: (("能独立完成{title}并编写{document}|能分析{title}中出现的问题并提出解决方案|能验证{title}的结果并加以完善",), ("{title}的{basis}", "{title}的{spec}与标准")),  # noqa: E501
        4: (("能组织{title}并审核其成果|能制定{title}的{plan}|能评审{title}的{plan}并提出修改意见", "能解决{title}中的{problem}"), ("{title}的{theory}", "{title}的发展趋势")),  # noqa: E501
    },
    "analyze": {
        2: ((), ("{title}的基本方法",)),
        3: (("能分析{title}的结果并提出处理意见",), ("{title}的{basis}",)),
        4: (("能设计{technical}的技术路线并组织实施|能审核{title}的结论并提出修改意见",), ("{report}的理论与新方法|{title}的质量要求与评价方法",)),  # noqa: E501
    },
    "inspect": {
        2: (("能按规范记录{head}的检测结果",), ("{head}的检测方法",)),
        3: (("能分析{head}的检测结果并提出处理意见",), ("{head}检测的原理与技术标准",)),
        4: (("能设计{head}的检测方案并组织实施",), ("{head}检测方案的设计方法",)),
    },
    "serve": {
        2: ((), ("{title}的规范与要求",)),
        3: (("能分析服务对象的情况并提出{title}方案",), ("{title}的{basis}",)),
        4: (("能组织{organized}并评价其效果|能评价{title}的效果并提出改进措施",), ("{title}质量的评价方法",)),  # noqa: E501
    },
    "manage": {
        2: ((), ("{title}的规定与要求",)),
        3: (("能分析{title}中的问题并提出改进措施",), ("{title}的方法与要求",)),
        4: (("能组织{organized}并评价其效果|能制定{title}的工作规划",), ("{title}的{theory}",)),
    },
    "operate": {
        2: (("能按规范使用{tool}",), ("{title}的基本知识", "{tool}的使用方法")),
        3: (("能分析{title}中出现的问题并提出解决方案",), ("{title}的{basis}", "{title}的{spec}")),
        4: (("能组织{organized}并评价其效果|能制定{title}的{plan}", "能解决{title}中的{problem}"), ("{title}的新技术与发展趋势",)),  # noqa: E501
    },
}  # fmt: skip

# 培训与指导 (from 技师) and 技术管理 (from 高级技师) of the worker ladder, and 技术指导与培训
# (高级) of the professional ladder: per level, per content, (skills, knowledge), naming the
# occupation's own work ("{work}"), so that no two standards share them word for word.
_WORKER_SPECIAL: dict[int, tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]] = {
    5: (
        (
            "培训",
            ("能编写{work}的培训讲义", "能就{work}对初级工、中级工、高级工进行{training}"),
            ("{work}培训讲义的编写方法",),
        ),
        (
            "指导",
            (
                "能指导初级工、中级工、高级工解决{work}中的实际问题",
                "能示范{work}的{doing}要领并纠正错误做法",
            ),
            ("{work}{doing}要领的示范方法",),
        ),
    ),
    6: (
        (
            "培训",
            ("能编写{work}的培训大纲和培训计划", "能就{work}对技师及以下人员进行培训"),
            ("{work}培训大纲的编写方法",),
        ),
        ("指导", ("能指导技师改进{work}的{doing}方法",), ("{work}{guidance}的方法",)),
    ),
    7: (
        (
            "培训",
            ("能设计{work}的培训课程体系", "能通过带徒传技培养{work}高技能人才"),
            ("培训课程体系的设计方法",),
        ),
        ("指导", ("能指导高级技师开展{work}技术攻关",), ("带徒传技的方法与要求",)),
    ),
    8: (
        ("培训", ("能主持开发{work}的培训课程和教材",), ("培训课程与教材开发的方法",)),
        ("指导", ("能指导特级技师开展{work}重大技术攻关",), ("高技能人才培养的规律与方法",)),
    ),
}
_WORKER_MANAGEMENT: dict[int, tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]] = {
    6: (
        (
            "质量管理",
            ("能制定{work}的质量控制措施", "能分析{work}的质量问题并提出改进方案"),
            ("{work}质量控制的方法",),
        ),
        (
            "技术改进",
            ("能撰写{work}的技术总结", "能提出{work}的技术改进方案并组织实施"),
            ("{work}技术总结的撰写方法",),
        ),
    ),
    7: (
        ("质量管理", ("能建立{work}的质量管理体系",), ("质量管理体系的建立与运行知识",)),
        ("技术改进", ("能主持{work}技术改进与创新项目",), ("技术创新项目的管理方法",)),
    ),
    8: (
        ("质量管理", ("能主持制定{work}的质量管理体系",), ("质量管理体系的设计方法",)),
        ("技术改进", ("能规划{work}的技术发展路线",), ("技术发展规划的编制方法",)),
    ),
}
# 技术管理 of work that has no technique (a consultant's, a clerk's, a carer's): its quality is
# managed and its work improved, with no 技术总结 or 技术改进方案.
_SERVICE_MANAGEMENT = (
    (
        "质量管理",
        ("能制定{work}的质量管理办法", "能分析{work}中的质量问题并提出改进措施"),
        ("{work}质量管理的方法",),
    ),
    ("工作改进", ("能总结{work}的经验并提出改进方案",), ("{work}改进方案的编写方法",)),
)
_PROFESSIONAL_SPECIAL = (
    ("技术指导", ("能指导初级、中级人员开展{work}并审核其成果",),
     ("{field}{guidance}的方法",)),
    ("培训", ("能为初级、中级人员讲授{work}的知识和技能，编制培训资料",),
     ("{field}培训资料的编制方法",)),
)  # fmt: skip
Special = tuple[str, str, tuple[list[str], list[str]]]  # title, key skill, (skills, knowledge)


def _specials(
    items: Sequence[tuple[str, tuple[str, ...], tuple[str, ...]]],
    works: Sequence[str],
    doing: str,
    field: str = "",
    guidance: str = "技术指导",
) -> tuple[Special, ...]:
    """The items filled in, each on the next of ``works`` (taken in turn)."""

    def fill(lines: tuple[str, ...], work: str) -> list[str]:
        # no line on a work the occupation does not name (never a placeholder such as 本职业工作)
        named = [
            line
            for line in lines
            if ("{work}" not in line or work) and ("{field}" not in line or field or work)
        ]
        # "营销工作的工作方法" says 工作 twice: "营销工作的方法"
        done = "" if work.endswith(doing) else doing
        training = "操作培训" if doing == "操作" else "业务培训"
        slots = {"doing": done, "field": field or work, "guidance": guidance, "training": training}
        return [line.format(work=work, **slots) for line in named]

    return tuple(
        (title, title, (fill(skills, work), fill(knows, work)))
        for (title, skills, knows), work in zip(items, itertools.cycle(works), strict=False)
    )


def field_of(name: str) -> str:
    """The field a professional occupation's name says ("口腔医学技师" → "口腔医学")."""
    roles = r"(工程技术人员|技术人员|专业人员|人员|演员|医师|技师|教师|家|师|员|人)$"
    field = re.sub(roles, "", name)  # "曲艺演员" → 曲艺: 演员 is one word, not 演 + 员
    return field if len(field) >= 2 else name


def special_functions(
    rank: int,
    work: str,
    ladder: Ladder = Ladder.WORKER,
    *,
    process: bool = True,
    field: str = "",
    technical: bool = True,
    contents: Sequence[str] = (),
) -> list[tuple[str, tuple[Special, ...]]]:
    """培训与指导 from 技师 (rank 5) and 技术管理 from 高级技师 (rank 6) on the worker ladder;
    技术指导与培训 at 高级 on the professional one. ``work`` names the occupation's main work,
    ``field`` its field (what 技术指导 covers: "电缆光缆工程", not one task of it);
    ``process``: its work is operating (操作要领), else working (工作要领); ``technical``: its
    guidance is 技术指导, else 业务指导 (an arbitrator's or a carer's work has no technique), and
    its 技术管理 manages quality and improves the work (no 技术总结); ``contents``: the level's
    own work contents, named in turn instead of ``work`` (a line on the occupation's title
    reads the same with any title swapped in)."""
    doing = "操作" if process else "工作"
    guidance = "技术指导" if technical else "业务指导"
    works = [*contents] or [work]
    if ladder is Ladder.PROFESSIONAL:
        # the knowledge names the content too ("港口与航道培训资料" fits any field's name)
        specials = _specials(
            _PROFESSIONAL_SPECIAL, works, doing, "" if contents else field, guidance
        )
        return [("技术指导与培训", specials)] if rank >= 4 else []
    result = []
    training = _WORKER_SPECIAL[min(rank, 8)] if rank >= 5 else ()
    if training:
        result.append(("培训与指导", _specials(training, works, doing, guidance=guidance)))
    if rank >= 6:
        management = _WORKER_MANAGEMENT[min(rank, 8)]
        management = _SERVICE_MANAGEMENT if rank == 6 and not technical else management
        turn = len(training) % len(works)  # the next contents, not the ones training named
        result.append(("技术管理", _specials(management, works[turn:] + works[:turn], doing)))
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
# 职业技术技能标准: training hours of 初级, 中级 and 高级.
_PROFESSIONAL_HOURS = {2: 128, 3: 128, 4: 160}


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


def _level_name(rank: int, ladder: Ladder) -> str:
    level = level_by_rank(rank, ladder)
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
    """职业概况: the levels and training hours are those of the occupation's ladder."""
    ladder = ladder_of(code)
    hours = _PROFESSIONAL_HOURS if ladder is Ladder.PROFESSIONAL else _HOURS
    names = "、".join(_level_name(rank, ladder) for rank in ranks)
    if ladder is Ladder.PROFESSIONAL:
        education = "大学专科学历（或高等职业学校毕业）"
    else:
        education = "高中毕业（或同等学力）" if is_digital else "初中毕业（或相当文化程度）"
    return {
        "definition": definition.strip() or f"从事{name}相关工作的人员。",
        "levels": f"本职业共设{_NUMERALS[len(ranks)]}个等级，分别为：{names}。",
        "environment": _environment(code, definition),
        "abilities": _abilities(code, is_digital),
        "education": education,
        "training_hours": "；".join(
            f"{_level_name(r, ladder)}不少于{hours[r]}标准学时" for r in ranks
        )
        + "。",
    }
