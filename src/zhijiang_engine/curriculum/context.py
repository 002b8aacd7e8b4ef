"""What the textbook and project generators know about an occupation beyond its plan.

A plan carries the standard's requirements; a teacher also draws on the occupation's definition
and tasks, on what the linked vocabulary skills are (their descriptions, whether they are
tools or software) and, for review questions, on a reviewed item bank. ``CourseContext`` holds
these inputs; everything here reads them without I/O, and without them the materials are built
from the plan alone.

The hazard rules decide whether a project gets safety notes (machines, electricity, heights,
chemicals, fire, pressure, mines, building sites, farm work) or, for digital and office work,
data-security notes instead of protective equipment.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from zhijiang_engine.standards import OccupationFacts
from zhijiang_engine.standards.lexicon import tag, tools_in

TECHNICAL = "technical"
KNOWLEDGE_KIND = "knowledge"
TRANSVERSAL = "transversal"


@dataclass(frozen=True)
class SkillInfo:
    """One vocabulary skill a requirement links to, as the platform knows it."""

    label: str  # the label the standard's requirements carry (Objective.skills)
    label_zh: str = ""
    description: str = ""  # ESCO descriptions are English; only Chinese text is quoted
    kind: str = ""  # TECHNICAL, KNOWLEDGE_KIND or TRANSVERSAL
    is_hot: bool = False
    is_tool: bool = False  # an O*NET technology or tool (it has a commodity)


@dataclass(frozen=True)
class ReviewQuestion:
    """A reviewed item of the occupation's bank, offered as a review question."""

    requirement: str  # the requirement id it checks ("F1.C1.S1"); "" when unknown
    text: str  # the stem as a learner reads it


@dataclass(frozen=True)
class CourseContext:
    facts: OccupationFacts | None = None
    skills: tuple[SkillInfo, ...] = ()
    review_questions: tuple[ReviewQuestion, ...] = ()

    def skill(self, label: str) -> SkillInfo | None:
        return next((s for s in self.skills if s.label == label), None)


_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_TOOL_SUFFIXES = (
    "机床", "车床", "铣床", "磨床", "设备", "软件", "系统", "平台", "工具", "仪器", "仪表",
    "装置", "量具", "刀具", "夹具", "模具", "器械", "计算机", "终端", "机", "仪", "器", "具",
)  # fmt: skip
_NOT_TOOLS = frozenset(
    {
        "人机",
        "手机号",
        "有机",
        "时机",
        "危机",
        "机构",
        "机制",
        "机会",
        "仪式",
        "整机",
        "主机厂",
        "开具",
    }
)
_MATERIAL_SUFFIXES = (
    "原料", "材料", "物料", "工件", "零件", "部件", "样品", "试样", "图样", "图纸", "数据",
    "资料", "文件", "文档", "样本", "标本", "食材", "药品", "药剂", "种子", "饲料", "肥料",
)  # fmt: skip

# Care of people ("石材护理" is not): the notes protect the person cared for, and the work
# has no physical hazard that calls for a safety objective or question.
_CARE = r"老年人|患者|病人|婴幼儿|儿童|孕|照护|(?<![材备面路])护理"
CARE_NOTE = "服务对象安全：操作前核对对象与项目，预防跌倒、烫伤和误服，发现异常及时报告"
# Words of a definition or task that mean the work has physical hazards, with the notes a
# teacher writes for them (the first words name the hazard for the tests and the reader).
_HAZARDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"机床|车床|铣床|磨床|钻床|冲床|切削|刃磨|机械加工|数控",
     ("机床安全：开机前检查防护罩、急停和卡盘扳手，工件与刀具装夹牢固，运转中不测量、不清理切屑",
      "佩戴防护眼镜，扎紧袖口，长发盘入工作帽，操作旋转设备时不戴手套")),
    (r"电气|带电|高压|低压|配电|供电|变电|电工|(?<!集成)电路|线路|电缆|电力|用电",
     ("用电安全：作业前断电、验电、挂牌上锁，使用合格的绝缘工具",
      "穿绝缘鞋、戴绝缘手套，带电作业须有专人监护")),
    (r"焊|气割|火焰切割|动火",
     ("动火安全：作业前清除周边可燃物，备好灭火器，佩戴焊接面罩与防护手套",)),
    (r"熔炼|熔化|冶炼|铸造|锻造|浇注",
     ("高温作业安全：穿戴隔热防护服、防护面罩与防护手套，防止熔融金属飞溅和烫伤",)),
    (r"高处|登高|攀登|架设|吊装|起重",
     ("高处作业安全：系好安全带，设置警戒区，工具放入工具袋，防止坠落",)),
    (r"化学|化工|试剂|危险化学品|农药|溶剂|腐蚀|有毒|易燃|易爆|爆破|涂料|喷涂"
     r"|烧碱|碱液|硫酸|盐酸|硝酸|液氯|氯气|酸洗",
     ("化学品安全：按安全技术说明书存放和使用化学品，佩戴防护手套、护目镜和口罩，保持通风",)),
    (r"压力|锅炉|气瓶|管道|液压|气压",
     ("压力设备安全：作业前泄压并确认压力表正常，不带压拆卸管路与阀门",)),
    (r"矿井|井下|煤矿|采矿|隧道|坑道",
     ("井下作业安全：佩戴安全帽与自救器，检测有害气体，按规定通风与支护",)),
    (r"建筑|施工|脚手架|混凝土|砌筑|装饰装修|拆除",
     ("施工现场安全：佩戴安全帽，穿防滑鞋，遵守现场安全标志与临边防护要求",)),
    (r"机械|机器|设备安装|设备维修|机泵|发动机|车辆|驾驶",
     ("设备安全：检修前停机、断电、挂牌，旋转部位装好防护罩，按操作规程启停设备",)),
    (r"养殖|屠宰|种植|收割|农机|林木|采伐",
     ("农业作业安全：按规程使用农机具和药剂，穿戴防护用品，注意防暑和防动物伤害",)),
    (r"消防|火灾扑救|灭火|抢险救援|火场",
     ("应急安全：按规程穿戴消防防护装备，熟悉疏散路线，两人以上协同作业",)),
    (r"粉尘|粉碎|破碎|磨粉|打磨|抛光|除尘|开松|开棉|梳棉|研磨",
     ("粉尘防护：开启除尘和通风设施，佩戴防尘口罩，清扫时先湿式降尘，作业区严禁明火",)),
    (r"蒸煮|蒸汽|油炸|烘烤|烘焙|热压|熬制|糖煮|杀菌|烫",
     ("防烫伤：操作蒸煮、烘烤或热压设备时戴隔热手套，先确认温度和压力，不徒手接触高温部件",)),
    (r"刀具|切割|裁切|裁剪|切片|切丝|剪切|冲压|剖切",
     ("刀具与冲切安全：刀具用后入套归位，切割时手离刃口，换刀、清理前停机",)),
    (_CARE,
     (CARE_NOTE,)),
)  # fmt: skip
_PRODUCTION_GROUPS = ("5", "6")  # CSCO 大类 5 agriculture, 6 production and operations
_DIGITAL_WORDS = re.compile(
    r"数据|软件|算法|计算机|网络|信息|程序|系统|平台|云|数字|互联网|电子商务|人工智能"
)
DATA_NOTES = (
    "数据安全：样例数据脱敏后使用，不拷贝、不外传，按权限访问系统",
    "个人信息保护：涉及个人信息的内容按最小必要原则处理，完成后清理临时文件并退出账号",
)


def work_text(facts: OccupationFacts | None, extra: Iterable[str] = ()) -> str:
    """The occupation's own words (definition and tasks), and any titles given, as one text."""
    parts = [facts.definition, *facts.tasks] if facts else []
    return "。".join([*parts, *extra])


def hazard_notes(code: str, text: str) -> tuple[str, ...]:
    """Safety notes for work with physical hazards, each naming the hazard and what is done
    about it; empty for digital or office work, and for work whose hazard the text does not
    name (a note that fits every trade, "按本工种要求穿戴劳动防护用品", says nothing)."""
    matched = [(len(re.findall(pattern, text)), i) for i, (pattern, _) in enumerate(_HAZARDS)]
    # the rule the work names most often comes first: its note is the one quoted alone
    ranked = sorted((i for n, i in matched if n), key=lambda i: -matched[i][0])
    notes: list[str] = []
    for i in ranked:
        notes.extend(n for n in _HAZARDS[i][1] if n not in notes)
    return tuple(notes)


def production_work(code: str) -> bool:
    """Whether the occupation is in farming or production (CSCO 大类 5, 6): physical work."""
    return code[:1] in _PRODUCTION_GROUPS


def physical_hazard_notes(code: str, text: str) -> tuple[str, ...]:
    """The hazard notes less the care note: what calls for a safety objective and question
    (caring for infants or the elderly does not)."""
    return tuple(n for n in hazard_notes(code, text) if n != CARE_NOTE)


# CSCO 大类 1–3: managers, professionals and clerks, whose own work is done at a desk.
_DESK_GROUPS = ("1", "2", "3")
_SERVICE_GROUP = "4"


def desk_work(code: str, definition: str = "", hazardous: bool = False) -> bool:
    """Whether the occupation's work is done at a desk (a professional's, a clerk's, or a
    service worker's whose definition names no tools, no making and no hazard), where only
    the work with equipment or hands is practised as 实操."""
    if code[:1] in _DESK_GROUPS:
        return True
    hands = bool(_MAKES.search(definition)) or bool(tools_of([definition]))
    return code[:1] == _SERVICE_GROUP and not hazardous and not hands


def is_digital_work(facts: OccupationFacts | None, text: str, code: str = "") -> bool:
    """Whether the work is digital: the classification marks it so, or its text names data
    and software (not for a production worker, whose "数据" are a machine's readings)."""
    if facts and facts.is_digital:
        return True
    return code[:1] not in _PRODUCTION_GROUPS and bool(_DIGITAL_WORDS.search(text))


def chinese(text: str) -> bool:
    """Whether a description can be quoted in Chinese text (Chinese, hardly any Latin)."""
    cjk, latin = len(_CJK.findall(text)), len(_LATIN.findall(text))
    return cjk >= 4 and latin <= cjk // 4


def has_chinese(text: str) -> bool:
    return bool(_CJK.search(text))


def first_sentence(text: str, limit: int = 90) -> str:
    sentence = re.split(r"[。！？；\n]", text.strip())[0].strip("，、 ")
    return sentence if len(sentence) <= limit else ""


def _nouns_ending(texts: Sequence[str], suffixes: Sequence[str], stop: frozenset[str]) -> list[str]:
    found: list[str] = []
    for text in texts:
        for word, _flag in tag(text):
            wanted = len(word) >= 2 and word.endswith(tuple(suffixes)) and word not in stop
            if wanted and word not in found:
                found.append(word)
    return found


def tools_of(texts: Sequence[str]) -> list[str]:
    """Tools, machines and software the texts name ("操作车床" → 车床, "安装夹具" → 夹具)."""
    found: list[str] = []
    for text in texts:
        found.extend(t for t in tools_in(text) if t not in found)
    found.extend(t for t in _nouns_ending(texts, _TOOL_SUFFIXES, _NOT_TOOLS) if t not in found)
    # "心仪" split off a list; "操作机" is a verb cut off "操作机泵"
    found = [
        t
        for t in found
        if not (len(t) == 2 and t.endswith("仪")) and not t.startswith(("操作", "使用"))
    ]
    return [t for t in found if not any(t != other and t in other for other in found)]


def materials_of(texts: Sequence[str]) -> list[str]:
    """What the work is done on ("原始数据", "工件"), as the texts name it."""
    found = _nouns_ending(texts, _MATERIAL_SUFFIXES, frozenset())
    return [m for m in found if not any(m != other and m in other for other in found)]


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def best_task(facts: OccupationFacts | None, about: Sequence[str], least: int = 0) -> str:
    """The occupation's task that shares most wording with ``about`` ("" when it has none, or
    when it shares fewer than ``least`` two-character pieces)."""
    if facts is None or not facts.tasks:
        return ""
    words = set().union(*(_bigrams(text) for text in about)) if about else set()
    scored = [(len(_bigrams(task) & words), -i, task) for i, task in enumerate(facts.tasks)]
    best = max(scored)
    return best[2].strip("。；， ") if best[0] >= least else ""


_SETTINGS: tuple[tuple[str, str], ...] = (
    # institutions first: an arbitrator of rural land disputes works at a committee, not a farm
    (r"仲裁", "某仲裁委员会"),
    (r"检察", "某人民检察院"),
    (r"法院|审判|法官", "某人民法院"),
    (r"调解", "某人民调解委员会"),
    (r"律师", "某律师事务所"),
    (r"公证", "某公证机构"),
    (r"医疗保障|医保", "某医疗保障经办机构"),
    (r"车床|机床|切削|钳工|铣|磨削", "某机械加工企业的车间"),
    (r"老年人|养老", "某养老机构"),
    (r"婴幼儿|托育", "某托育机构"),
    (r"患者|病人|医疗|诊疗|口腔|临床|医学|医师", "某医院"),
    (r"学生|教学|幼儿", "某学校"),
    # railway and sea work is done on the line, the ship or the platform, not in a workshop
    (r"铁路|铁道|机车|动车|列车|轨道交通|地铁", "某轨道交通运营单位"),
    (r"船舶驾驶|轮机|船员|航运", "某航运企业的船舶上"),
    (r"海上|海洋|港口|码头", "某港口或海上作业现场"),
    (r"云计算|云平台|云资源", "某企业的云平台运维团队"),
    (r"人工智能|算法|数据标注", "某企业的人工智能项目组"),
    # "数据" alone does not (monitoring staff analyse data in their own department)
    (r"软件|程序|网络|信息系统", "某企业的信息技术部门"),
    (r"种植|养殖|农|林|渔", "某农业生产基地"),
    (r"建筑|施工|土木工程|建设工程|水利工程|路桥", "某建设项目的施工现场"),
    (r"顾客|门店|零售|商品销售", "某门店"),
    (r"化工生产|生产现场|生产线|车间", "某生产企业的车间"),  # a 大类 4 chemical technician
)
# Shop words in a production worker's definition ("成品油商品化处理") do not make a shop.
_SERVICE_ONLY = frozenset({"某门店"})
# A forest-product engineer works in a firm, not on a farm: farm settings for farm work only.
_FARM_ONLY = frozenset({"某农业生产基地"})
_GROUP_SETTINGS = {
    "1": "某单位", "2": "某工作单位", "3": "某单位的业务部门", "4": "某服务企业",
    "5": "某农业生产单位", "6": "某生产企业的车间",
}  # fmt: skip
# Where the 中类 says more than the 大类 (a procurator's assistant is not in a firm's technical
# department); the rest of 大类 2 gets the neutral "某工作单位".
_MIDDLE_SETTINGS = {
    "2-01": "某科研机构", "2-02": "某企业的技术部门", "2-04": "某企业的技术部门",
    "2-05": "某医院", "2-08": "某学校", "3-02": "某工作单位", "3-03": "某工作单位",
}  # fmt: skip


def setting_text(facts: OccupationFacts | None, name: str) -> str:
    """What decides the setting: the definition and the name (a task that mentions data does
    not put a gas-liquefaction worker in an IT department)."""
    return "。".join([facts.definition if facts else "", name])


def setting_of(code: str, text: str) -> str:
    """Where the occupation's work happens, for scenarios and cases ("某企业的人工智能项目组")."""
    # a worker of 大类 5 who makes things ("加工网片及成型渔具") works in a workshop, not a farm
    makes = code[:1] == "5" and bool(_MAKES.search(text)) and not _GROWS.search(text)
    for pattern, place in _SETTINGS:
        production = code[:1] in _PRODUCTION_GROUPS
        farm = (code[:1] == "5" and not makes) or code[:4] == "2-03"
        wrong = (production and place in _SERVICE_ONLY) or (not farm and place in _FARM_ONLY)
        if re.search(pattern, text) and not wrong:
            return place
    if makes:
        return _GROUP_SETTINGS["6"]
    return _MIDDLE_SETTINGS.get(code[:4]) or _GROUP_SETTINGS.get(code[:1], "某工作单位")


_MAKES = re.compile(r"加工|制成|制作|编织")
_GROWS = re.compile(r"种植|养殖|栽培|饲养|培育|捕捞|采伐|造林|繁殖")


def definition_clause(facts: OccupationFacts | None) -> str:
    """The definition as the predicate of "{occupation}是…" ("" when there is none)."""
    if facts is None:
        return ""
    text = facts.definition.strip().rstrip("。")
    return text if len(text) >= 6 and text.endswith(("人员", "者")) else ""
