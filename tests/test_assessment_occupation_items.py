"""Offline items about the occupation's work (zhijiang_engine.assessment.occupation_items):
correct by construction, about the occupation and never about the standard document, for every
occupation of the classification."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pytest

from zhijiang_engine.assessment import check_answer
from zhijiang_engine.assessment.drafting import MULTIPLE, SINGLE, TRUE_FALSE
from zhijiang_engine.assessment.occupation_items import occupation_drafts
from zhijiang_engine.standards import OccupationFacts
from zhijiang_engine.taxonomy import parse_taxonomy

CSV = Path(__file__).resolve().parents[1] / "src/zhijiang/occupations/data/csco22.csv"
REQUIREMENTS = {"B1": "人工智能基础知识", "F1.C1.S1": "能标注图片数据", "F1.C1.K1": "标注规范"}
STRUCTURAL = ("相关知识要求", "技能要求", "工作内容", "【待填")


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
    assert kinds.count(SINGLE) >= 3 and kinds.count(TRUE_FALSE) >= 2 and MULTIPLE in kinds
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


def test_an_occupation_the_classification_says_nothing_about_gets_no_item():
    bare = OccupationFacts("9-99-99-99", "无名职业", "", ())
    assert occupation_drafts(
        occupation=bare, others=list(occupations().values())[:50],
        requirements=REQUIREMENTS, rng=np.random.default_rng(0),
    ) == ()  # fmt: skip


@pytest.mark.parametrize("major", list("123456"))
def test_every_occupation_gets_well_formed_items_about_its_work(major):
    """A sweep over the 大类 (every fourth occupation, to stay fast): one key, distinct
    options, a valid answer, a known requirement, no question about the standard document, no
    key leaked in the stem, and tasks offered as wrong answers that are not the occupation's
    own."""
    codes = [code for code in occupations() if code.startswith(major)][::4]  # a quarter of each
    with_items = 0
    for code in codes:
        facts, items = drafts(code)
        with_items += bool(items) or len(facts.tasks) < 2  # the classification says too little
        own = {task.strip().rstrip("。；;，,") for task in facts.tasks}
        for item in items:
            assert item.requirement in REQUIREMENTS
            assert check_answer(item.kind, item.options, item.answer) is None, item
            assert len(set(item.options)) == len(item.options), item
            assert not any(mark in item.stem for mark in STRUCTURAL), item.stem
            assert len(item.stem) <= 160 and item.explanation
            if item.kind in (SINGLE, MULTIPLE):
                keys = {item.options["ABCDEF".index(letter)] for letter in item.answer}
                assert not any(key in item.stem for key in keys), item
                if "属于" in item.stem and "不属于" not in item.stem:
                    assert keys <= own and not (set(item.options) - keys) & own, item
    # Some leaders' tasks (大类 1) are so alike that no distractor is safely wrong: no item.
    assert with_items >= 0.8 * len(codes), (with_items, len(codes))


@pytest.mark.parametrize("code", ["4-04-05-05", "6-18-01-01", "2-02-10-03", "4-02-05-02"])
def test_no_item_gives_away_another_items_answer(code):
    """Each of the occupation's tasks is the subject of one item, and each other occupation's
    task is offered once: a form may hold any two of them without one revealing the other."""
    facts, items = drafts(code)
    own = {task.strip().rstrip("。；;，,") for task in facts.tasks}
    seen: list[str] = []
    for item in items:
        texts = [*item.options, item.stem]
        seen += [t for t in {*own, *item.options} if any(t in text for text in texts)]
    mentioned = [t for t in seen if t]
    assert len(mentioned) == len(set(mentioned)), sorted(
        t for t in set(mentioned) if mentioned.count(t) > 1
    )
