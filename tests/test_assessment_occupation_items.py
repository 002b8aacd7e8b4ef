"""Offline items about the occupation's work and the laws it follows
(zhijiang_engine.assessment.occupation_items, knowledge_items, law_items): correct by
construction, about the occupation and never about the standard document, for every occupation
of the classification."""

from __future__ import annotations

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


def test_the_ai_trainer_gets_items_about_its_definition_and_tasks():
    facts, items = drafts("4-04-05-05")
    kinds = [item.kind for item in items]
    assert kinds.count(SINGLE) >= 3 and TRUE_FALSE in kinds and MULTIPLE in kinds
    assert GENERATOR == "occupation-facts/2"
    definition = next(item for item in items if "职业的定义" in item.stem)
    assert facts.definition.rstrip("。") in definition.stem
    assert definition.options["ABCD".index(definition.answer)] == "人工智能训练师"
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
