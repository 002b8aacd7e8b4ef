"""Offline items about the occupation's work and the laws it follows
(zhijiang_engine.assessment.occupation_items, knowledge_items, law_items): correct by
construction, about the occupation and never about the standard document, for every occupation
of the classification."""

from __future__ import annotations

import itertools
import re
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from zhijiang_engine.assessment import check_answer
from zhijiang_engine.assessment.drafting import MULTIPLE, SINGLE, TRUE_FALSE
from zhijiang_engine.assessment.knowledge_items import char_pairs, tool_use
from zhijiang_engine.assessment.law_items import PROVISIONS, Law, law_items, offered_provisions
from zhijiang_engine.assessment.occupation_items import (
    BALANCE_FLOOR,
    GENERATOR,
    LAW_FLOOR,
    occupation_drafts,
)
from zhijiang_engine.assessment.shared_tasks import TaskOwners
from zhijiang_engine.standards import OccupationFacts
from zhijiang_engine.taxonomy import parse_taxonomy

CSV = Path(__file__).resolve().parents[1] / "src/zhijiang/occupations/data/csco22.csv"
REQUIREMENTS = {"B1": "人工智能基础知识", "F1.C1.S1": "能标注图片数据", "F1.C1.K1": "标注规范"}
STRUCTURAL = ("相关知识要求", "技能要求", "工作内容", "【待填")
LAW_MARK = "《中华人民共和国"


def kind_of(item) -> str:
    """Which kind of question an item is, as a reader tells them apart."""
    if "职业的定义" in item.stem:
        return "definition"  # its explanation quotes 《中华人民共和国职业分类大典》
    if item.explanation.startswith(LAW_MARK):
        return "law"
    return "tool" if "时，使用的是" in item.stem else "task"


def key_of(item) -> str:
    return item.options["ABCD".index(item.answer)]


@cache
def occupations() -> dict[str, OccupationFacts]:
    records = parse_taxonomy(CSV.read_bytes(), filename=CSV.name)
    return {
        r.code: OccupationFacts(r.code, r.name, r.definition, r.tasks, r.is_digital, r.is_green)
        for r in records
        if r.level == 4
    }


def drafts(code: str, seed: int = 0):
    facts = occupations()[code]
    others = [o for o in occupations().values() if o.code[0] == code[0]]
    return facts, occupation_drafts(
        occupation=facts, others=others, requirements=REQUIREMENTS,
        rng=np.random.default_rng(seed),
    )  # fmt: skip


def test_the_ai_trainer_gets_items_about_its_tasks_but_not_its_definition_that_names_it():
    facts, items = drafts("4-04-05-05")
    kinds = [item.kind for item in items]
    assert kinds.count(SINGLE) >= 2 and TRUE_FALSE in kinds
    assert GENERATOR == "occupation-facts/4"
    assert "人工智能" in facts.definition and not any("职业的定义" in i.stem for i in items)
    tasks = {task.rstrip("。") for task in facts.tasks}
    for item in items:
        if item.kind == SINGLE and item.stem.startswith("下列工作中，属于"):
            keys = [item.options["ABCD".index(item.answer)]]
            assert keys[0] in tasks
            assert not tasks & (set(item.options) - set(keys))  # distractors are not ours


def test_the_same_seed_gives_the_same_items_and_another_seed_other_orders():
    assert drafts("6-18-01-01", seed=1)[1] == drafts("6-18-01-01", seed=1)[1]
    assert drafts("6-18-01-01", seed=1)[1] != drafts("6-18-01-01", seed=2)[1]


def test_an_occupation_the_classification_says_nothing_about_gets_only_items_on_the_laws():
    bare = OccupationFacts("9-99-99-99", "无名职业", "", ())
    items = occupation_drafts(
        occupation=bare, others=list(occupations().values())[:50],
        requirements=REQUIREMENTS, rng=np.random.default_rng(0),
    )  # fmt: skip
    assert items and {kind_of(item) for item in items} == {"law"}
    skills_only = {"F1.C1.S1": "能标注图片数据", "F1.C1.K1": "标注规范"}
    assert occupation_drafts(
        occupation=bare, others=list(occupations().values())[:50],
        requirements=skills_only, rng=np.random.default_rng(0),
    ) == ()  # fmt: skip


@pytest.mark.parametrize("major", list("123456"))
def test_every_occupation_gets_well_formed_items_about_its_work(major):
    """A sweep over the 大类 (every fourth occupation, to stay fast): one key, distinct
    options, a valid answer, a known requirement, no question about the standard document, no
    key leaked in the stem, tasks and tools offered as wrong answers that are not the
    occupation's own, no kind of item taking more than half of a batch and the laws no more
    than a quarter."""
    codes = [code for code in occupations() if code.startswith(major)][::4]  # a quarter of each
    with_items = 0
    for code in codes:
        facts, items = drafts(code)
        work = [item for item in items if kind_of(item) != "law"]
        with_items += bool(work) or len(facts.tasks) < 2  # the classification says too little
        own = {task.strip().rstrip("。；;，,") for task in facts.tasks}
        own_text = "".join((facts.name, facts.definition, *facts.tasks))
        for item in items:
            assert item.requirement in REQUIREMENTS
            assert check_answer(item.kind, item.options, item.answer) is None, item
            assert len(set(item.options)) == len(item.options), item
            assert not any(mark in item.stem for mark in STRUCTURAL), item.stem
            assert len(item.stem) <= 160 and item.explanation
            if item.kind in (SINGLE, MULTIPLE):
                keys = {item.options["ABCDEF".index(letter)] for letter in item.answer}
                assert not any(key in item.stem for key in keys), item
                if kind_of(item) == "task" and "属于" in item.stem and "不属于" not in item.stem:
                    assert keys <= own and not (set(item.options) - keys) & own, item
            if kind_of(item) == "tool":
                assert key_of(item) in own_text, item
                assert not any(o in own_text for o in item.options if o != key_of(item)), item
        kinds = [kind_of(item) for item in items]
        for kind in set(kinds):
            assert kinds.count(kind) <= max(BALANCE_FLOOR, len(kinds) - kinds.count(kind)), kinds
        about_work = len(kinds) - kinds.count("law")
        assert kinds.count("law") <= max(LAW_FLOOR, about_work // 3), kinds  # a quarter at most
    # Some leaders' tasks (大类 1) are so alike that no distractor is safely wrong: no item.
    assert with_items >= 0.8 * len(codes), (with_items, len(codes))


@pytest.mark.parametrize(
    "code", ["4-04-05-05", "6-18-01-01", "2-02-10-03", "4-02-05-02", "6-25-04-03", "4-08-07-05"]
)
def test_no_item_gives_away_another_items_answer(code):
    """Each of the occupation's tasks is the subject of one item, and each other occupation's
    task or tool is offered once: a form may hold any two of them without one revealing the
    other. (Laws are offered in many items by design; their items are checked below.)"""
    facts, items = drafts(code)
    own = {task.strip().rstrip("。；;，,") for task in facts.tasks}
    seen: list[str] = []
    for item in (item for item in items if kind_of(item) != "law"):
        texts = [*item.options, item.stem]
        seen += [t for t in {*own, *item.options} if any(t in text for text in texts)]
    mentioned = [t for t in seen if t]
    assert len(mentioned) == len(set(mentioned)), sorted(
        t for t in set(mentioned) if mentioned.count(t) > 1
    )


@pytest.mark.parametrize(
    ("task", "tool", "purpose"),
    [
        ("操作输蔗机，破碎甘蔗", "输蔗机", "破碎甘蔗"),
        ("使用计算机辅助设计软件进行首饰设计", "计算机辅助设计软件", "进行首饰设计"),
        ("操作经纬仪等专用设备，装配雷达天线等分机", "经纬仪", "装配雷达天线等分机"),
        ("使用表层水温表、盐度计，测定表层海水温度、盐度并进行记录。", "表层水温表、盐度计",
         "测定表层海水温度、盐度并进行记录"),
    ],
)  # fmt: skip
def test_a_task_that_names_a_tool_reads_as_the_tool_and_what_it_is_for(task, tool, purpose):
    use = tool_use(task)
    assert use is not None and (use.tool, use.purpose) == (tool, purpose)


@pytest.mark.parametrize(
    "task",
    [
        "使用专用设备和工具，制作乐器的电子组件",  # no tool named: anyone's
        "使用检测仪器，调试电气性能参数",  # a generic name
        "操作并监控窑炉，预热、焙烧珍珠岩",  # not a noun phrase
        "使用相位仪、漏水检测仪、网络测线器、万用表等仪器和工具，查验房屋给排水、电气系统等工程情况",
        "使用清扫、冲洗等机具或人工方式，清扫、清洗道路、广场等公共场所和公共区域",
        "运用望、闻、问、切等中医诊断方法和经络腧穴理论，进行诊断",  # a method, not a tool
        "使用仪器、仪表及调试设备，调试、测试雷达分机及整机",
        "操作压榨机等设备，进行甘蔗或切丝甜菜榨汁，并检查设备运行，记录压榨数据",  # 3 clauses
        "标注和加工图片、文字、语音等业务的原始数据",
    ],
)
def test_a_task_that_does_not_parse_cleanly_gives_no_tool(task):
    assert tool_use(task) is None


def test_tool_items_key_the_occupations_tool_against_tools_of_other_work():
    facts, items = drafts("6-25-04-03")  # 雷达装调工: 经纬仪, 高精度水平仪
    tools = [item for item in items if kind_of(item) == "tool"]
    assert {key_of(item) for item in tools} == {"经纬仪", "高精度水平仪"}
    own_text = "".join((facts.name, facts.definition, *facts.tasks))
    neighbours = [o for o in occupations().values() if o.code[:7] != facts.code[:7]]
    elsewhere = "".join(task for o in neighbours if o.code[0] == "6" for task in o.tasks)
    for item in tools:
        assert item.stem.startswith("雷达装调工在") and item.kind == SINGLE
        wrong = [o for o in item.options if o != key_of(item)]
        assert len(wrong) == 3 and all(o in elsewhere and o not in own_text for o in wrong)
        purpose = item.stem.removeprefix("雷达装调工在").removesuffix("时，使用的是（  ）。")
        assert purpose in own_text and not any(char_pairs(o) & char_pairs(purpose) for o in wrong)


def test_drafting_again_gives_the_same_tool_item_so_the_bank_holds_it_once():
    first = {i.stem: set(i.options) for i in drafts("6-25-04-03", 1)[1] if kind_of(i) == "tool"}
    again = {i.stem: set(i.options) for i in drafts("6-25-04-03", 2)[1] if kind_of(i) == "tool"}
    assert first and first == again


def laws_of(items) -> set[str]:
    return {law.short for law in LAWS if any(law.title in i.explanation for i in items)}


LAWS = {provision.law for provision in PROVISIONS}
DIGITAL_LAWS = {"网络安全法", "数据安全法", "个人信息保护法"}
BASIC = {
    "B1": "人工智能基础知识",
    "B2": "安全生产与职业健康知识",
    "B3": "《中华人民共和国劳动合同法》相关知识",
    "B4": "《中华人民共和国个人信息保护法》相关知识",
    "F1.C1.S1": "能标注图片数据",
}


def test_a_digital_occupation_is_asked_a_digital_law_and_the_labour_and_safety_laws():
    ai = occupations()["4-04-05-05"]
    offered = {p.law.short for p in offered_provisions(ai)}
    assert offered > DIGITAL_LAWS and "环境保护法" not in offered
    for seed in range(8):
        items = law_items(occupation=ai, requirements=BASIC, rng=np.random.default_rng(seed))
        assert len(items) == 3 and len(laws_of(items)) == 3  # one item per law
        assert laws_of(items) & DIGITAL_LAWS and laws_of(items) - DIGITAL_LAWS


def test_a_green_occupation_is_asked_the_environmental_law_and_others_are_not():
    carbon, lathe = occupations()["4-09-07-04"], occupations()["6-18-01-01"]
    assert carbon.is_green and not lathe.is_green and not lathe.is_digital
    for seed in range(4):
        rng = np.random.default_rng(seed)
        assert "环境保护法" in laws_of(law_items(occupation=carbon, requirements=BASIC, rng=rng))
    lathe_laws = {p.law.short for p in offered_provisions(lathe)}
    assert lathe_laws == {"劳动法", "劳动合同法", "安全生产法", "职业病防治法"}


def test_a_law_item_goes_to_the_basic_requirement_that_names_the_law_else_its_subject():
    ai = occupations()["4-04-05-05"]
    homes: dict[str, set[str]] = {}
    for seed in range(30):
        for item in law_items(occupation=ai, requirements=BASIC, rng=np.random.default_rng(seed)):
            (law,) = laws_of([item])
            homes.setdefault(law, set()).add(item.requirement)
    assert homes["劳动合同法"] == {"B3"} and homes["个人信息保护法"] == {"B4"}
    assert homes["安全生产法"] == homes["职业病防治法"] == {"B2"}  # 安全生产与职业健康知识
    assert homes["劳动法"] == {"B3"}  # 劳动 is the subject of the labour contract law's line
    assert not law_items(
        occupation=ai, requirements={"F1.C1.S1": "能标注图片数据"}, rng=np.random.default_rng(0)
    )


def test_each_law_item_has_one_right_answer_and_none_gives_another_away():
    """The table itself: a fill-in's blank is in its provision once and no wrong value equals
    it; a which-law item's wrong laws are other laws; no item's key is in another's stem."""
    ai = occupations()["4-04-05-05"]
    stems = []
    for provision in PROVISIONS:
        if provision.blank:
            assert provision.statement.count(provision.blank) == 1
            assert provision.blank not in provision.wrong and len(set(provision.wrong)) == 3
        else:
            assert all(isinstance(w, Law) for w in provision.wrong) and len(provision.wrong) == 3
            assert provision.law not in provision.wrong
        stems.append(provision.statement.replace(provision.blank or "\0", "（  ）"))
    for seed in range(20):
        for item in law_items(occupation=ai, requirements=BASIC, rng=np.random.default_rng(seed)):
            assert check_answer(item.kind, item.options, item.answer) is None
            assert item.kind == SINGLE and len(set(item.options)) == 4
            # "十四" is not given away by "四十四小时": a numeral before it makes another number.
            given_away = re.compile(f"(?<![一二三四五六七八九十]){re.escape(key_of(item))}")
            assert not any(given_away.search(stem) for stem in stems), item
            assert LAW_MARK not in item.stem  # the law is named in the explanation only


def wrong_tasks(items, own: set[str]) -> list[str]:
    """The other occupations' tasks the items offer as wrong answers or false statements."""
    offered: list[str] = []
    for item in (item for item in items if kind_of(item) == "task"):
        if item.kind == TRUE_FALSE:
            if item.answer == "F":
                offered.append(item.stem.split("：", 1)[1].rstrip("。"))
            continue
        offered += [option for option in item.options if option not in own]
    return offered


def keyed_tasks(items, own: set[str]) -> list[str]:
    """The occupation's own tasks the items give as a key or as a true statement."""
    keyed: list[str] = []
    for item in (item for item in items if kind_of(item) == "task"):
        if item.kind == TRUE_FALSE and item.answer == "T":
            keyed.append(item.stem.split("：", 1)[1].rstrip("。"))
        elif item.kind != TRUE_FALSE and "不属于" not in item.stem:
            keyed += [item.options["ABCD".index(letter)] for letter in item.answer]
    return keyed


def test_a_task_that_occupations_share_is_found_in_each_of_their_lists():
    owners = TaskOwners(list(occupations().values()))
    chores = owners.owners("维护保养设备，处理故障，记录生产数据")
    assert {"6-17-05-04", "6-17-10-02"} <= chores and len(chores) > 50  # and rewordings of it
    assert len(owners.owners("维护客户关系")) > 5
    assert owners.owners("操作石油钻机及防喷设施，进行防喷、抢险") == {"6-16-02-02"}
    assert owners.owners("") == frozenset()


@pytest.mark.parametrize("code", ["6-23-02-02", "3-02-03-05", "4-04-05-05", "2-03-09-00"])
def test_a_duty_that_several_occupations_list_is_never_offered_as_a_wrong_answer(code):
    """ "维护客户关系" or "编写有关生产的技术资料，组织技术培训" may well be right for yet
    another occupation: only a task that one occupation alone lists is offered against ours."""
    facts = occupations()[code]
    others = [o for o in occupations().values() if o.code[0] == code[0]]
    owners = TaskOwners(others)
    own = {task.strip().rstrip("。；;，,") for task in facts.tasks}
    offered = [t for seed in range(6) for t in wrong_tasks(drafts(code, seed)[1], own)]
    assert offered and all(len(owners.owners(task)) == 1 for task in offered), [
        task for task in offered if len(owners.owners(task)) > 1
    ]


@pytest.mark.parametrize(
    ("code", "chore"),
    [
        ("6-17-05-04", "维护保养设备，处理故障，记录生产数据"),  # 重冶湿法冶炼工
        ("6-17-10-02", "处理故障，维护保养设备，记录生产数据"),  # 硬质合金成型工
        ("2-07-02-00", "法律规定的其他职责"),  # 法官
        ("2-05-08-03", "执行相关规章制度和技术操作规程"),  # 急诊护士
    ],
)
def test_a_task_that_says_nothing_about_the_work_is_never_the_key(code, chore):
    """A key any examinee picks or affirms without knowing the work tests nothing."""
    facts = occupations()[code]
    assert chore in facts.tasks
    own = {task.strip().rstrip("。；;，,") for task in facts.tasks}
    keys = [t for seed in range(8) for t in keyed_tasks(drafts(code, seed)[1], own)]
    assert keys and chore not in keys


def definition_items(code: str, seeds: int = 6) -> list:
    return [i for seed in range(seeds) for i in drafts(code, seed)[1] if "职业的定义" in i.stem]


@pytest.mark.parametrize(
    ("code", "named"),
    [
        ("6-09-03-09", "人造花"),  # …将纸张、纺织品、塑料等材料制成人造花的人员
        ("6-02-02-02", "果脯"),  # …制作果酱、果脯、蜜饯等食品的人员
        ("2-02-29-01", "标准化"),  # 从事标准化管理、研究…的工程技术人员
        ("2-07-07-00", "审判"),  # …协助法官履行审判职责的专业人员
    ],
)
def test_a_definition_that_names_the_occupation_is_not_asked(code, named):
    assert named in occupations()[code].definition and not definition_items(code)


def test_a_definition_is_asked_against_names_it_does_not_give_away():
    """输送机操作工's definition ("…带式运输机，运送散状物料的人员") names none of its words,
    nor does it name a wrong answer's ("运输机" would give a 运输机操作工 away)."""
    items = definition_items("6-30-05-03")
    assert items and all(key_of(item) == "输送机操作工" for item in items)
    for item in items:
        for wrong in (o for o in item.options if o != key_of(item)):
            assert not any(wrong[i : i + 3] in item.stem for i in range(len(wrong) - 2)), wrong


NAME_WORDS = {
    "6-02-04-01": ("乳",),  # 乳品加工工: "进行原料乳杀菌" among sugar, tea and starch
    "6-24-05-04": ("小家电", "家用电器"),  # 小型家用电器制造工
    "6-11-08-11": ("有机氟",),
    "4-07-03-06": ("劳务派遣",),
    "4-10-05-03": ("婚姻", "家庭"),  # 婚姻家庭咨询师
}


def test_no_key_alone_shares_a_word_with_the_name():
    """In "属于X主要工作任务" items a key that has a word of X's name is offered among wrong
    answers that have it too (else it is a true statement): an examinee who reads the name
    only cannot pick it."""
    asked = 0
    for (code, words), seed in itertools.product(NAME_WORDS.items(), range(8)):
        for item in drafts(code, seed)[1]:
            if item.kind == TRUE_FALSE or "属于" not in item.stem or "不属于" in item.stem:
                continue
            keys = {item.options["ABCD".index(letter)] for letter in item.answer}
            wrong = set(item.options) - keys
            asked += 1
            for word in words:
                if any(word in key for key in keys):
                    assert any(word in option for option in wrong), item
    assert asked  # some are still asked which work is theirs


def owners_of(task: str) -> set[str]:
    return {o.code for o in occupations().values() if task in map(clean, o.tasks)}


def clean(task: str) -> str:
    return task.strip().rstrip("。；;，,")


@pytest.mark.parametrize("code", ["4-10-05-03", "4-07-03-06", "4-02-02-04", "5-05-02-05"])
def test_wrong_work_is_a_near_neighbours_and_a_false_statement_its_own_kinds(code):
    """婚姻家庭咨询师 is never said to 修整织补部位, nor 道路货运业务员 to 巡检机场飞行区: wrong
    answers are the work of the same 中类, false statements of the same 小类 (where it has
    any), so that they are plausible and yet wrong."""
    facts = occupations()[code]
    own = {clean(task) for task in facts.tasks}
    false_statements = 0
    for seed in range(8):
        items = drafts(code, seed)[1]
        for task in wrong_tasks(items, own):
            assert any(c[:4] == code[:4] for c in owners_of(task)), task
        for item in (i for i in items if i.kind == TRUE_FALSE and i.answer == "F"):
            task = item.stem.split("：", 1)[1].rstrip("。")
            assert any(c[:7] == code[:7] for c in owners_of(task)), item.stem
            false_statements += 1
    assert false_statements
