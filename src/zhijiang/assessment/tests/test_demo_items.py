"""The demo banks' hand-written items: every file says it was written by hand, every item is a
well-formed certification item about the work (not about the standard document), and each one
attaches to a requirement of the level so that every blueprint part gets items."""

from __future__ import annotations

import copy
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from zhijiang.accounts.models import User
from zhijiang.assessment import demo_items, services
from zhijiang.assessment.demo_items import DATA, MIN_PER_PART, Focus, ItemFile, ItemFileError
from zhijiang.assessment.itemfiles import normalised
from zhijiang.assessment.models import ItemBank, ItemKind
from zhijiang.occupations.tests.factories import document
from zhijiang_engine.assessment import LETTERS, blueprint_for, part_of_requirement
from zhijiang_engine.standards import StandardDocument, document_from_dict

FILES = sorted(DATA.glob("*.json"))
STRUCTURAL = ("相关知识要求", "技能要求", "工作内容")  # how the generator asked about the document
MAX_STEM = 120


def _file(path: Path) -> ItemFile:
    return demo_items.read_item_file(path)


def test_the_demo_ships_items_for_its_two_occupations() -> None:
    assert [path.stem for path in FILES] == ["4-04-05-01", "4-04-05-05"]
    assert demo_items.item_file("4-04-05-05") is not None
    assert demo_items.item_file("9-99-99-99") is None  # no file: the demo builds no bank


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.stem)
def test_every_demo_item_file_says_its_items_were_written_by_hand_and_reviewed(path: Path) -> None:
    header = json.loads(path.read_text(encoding="utf-8"))
    written = _file(path)
    assert written.occupation_code == path.stem
    assert written.level == 3 and header["level_name"] == "中级工"
    assert header["generated"] is False and written.generated is False
    assert header["reviewed"] is True
    assert "by hand" in written.note and "not generated" in written.note
    assert "人工编写" in header["note_zh"]
    assert len(written.items) >= 60


def _problems(number: int, item: demo_items.WrittenItem) -> list[str]:
    """What is wrong with one item, as 'item N: …' lines (none for a good item)."""
    problems = []
    texts = [item.stem, *item.options]
    if any(phrase in text for text in texts for phrase in STRUCTURAL):
        problems.append("asks about the standard document")
    if len(item.stem) > MAX_STEM:
        problems.append(f"stem of {len(item.stem)} characters")
    if not item.topic or not item.explanation.strip():
        problems.append("no topic or no explanation")
    if len({normalised(option) for option in item.options}) != len(item.options):
        problems.append("options repeat")
    letters = LETTERS[: len(item.options)]
    if item.kind == ItemKind.TRUE_FALSE:
        if item.options or item.answer not in ("T", "F"):
            problems.append("a true/false item has no options and answers T or F")
    elif item.kind == ItemKind.SINGLE:
        if len(item.options) != 4 or len(item.answer) != 1 or item.answer not in letters:
            problems.append("a single-choice item has 4 options and one key among them")
    elif item.kind == ItemKind.MULTIPLE:
        if not 4 <= len(item.options) <= 5 or len(item.answer) < 2:
            problems.append("a multiple-choice item has 4–5 options and at least 2 keys")
        if any(letter not in letters for letter in item.answer) or item.answer != "".join(
            sorted(set(item.answer))
        ):
            problems.append(f"keys {item.answer} are not distinct letters among {letters}")
    else:
        problems.append(f"unknown kind {item.kind}")
    keys = [item.options[LETTERS.index(c)] for c in item.answer if c in letters]
    if any(normalised(key) in normalised(item.stem) for key in keys):
        problems.append("the stem contains its own key")
    return [f"item {number}: {problem}" for problem in problems]


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.stem)
def test_every_demo_item_is_a_well_formed_item_about_the_work(path: Path) -> None:
    items = _file(path).items
    problems = [line for n, item in enumerate(items, 1) for line in _problems(n, item)]
    assert problems == []
    stems = Counter(normalised(item.stem) for item in items)
    assert [stem for stem, n in stems.items() if n > 1] == []


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.stem)
def test_the_demo_items_mix_kinds_and_key_positions_like_a_real_paper(path: Path) -> None:
    items = _file(path).items
    kinds = Counter(item.kind for item in items)
    assert kinds[ItemKind.SINGLE] >= 0.4 * len(items)
    assert kinds[ItemKind.MULTIPLE] >= 0.15 * len(items)
    assert kinds[ItemKind.TRUE_FALSE] >= 0.2 * len(items)
    tf = Counter(item.answer for item in items if item.kind == ItemKind.TRUE_FALSE)
    assert tf["F"] >= 0.2 * kinds[ItemKind.TRUE_FALSE]  # not every statement is true
    keys = Counter(item.answer for item in items if item.kind == ItemKind.SINGLE)
    assert set(keys) == set("ABCD") and max(keys.values()) <= 0.35 * kinds[ItemKind.SINGLE]


def _level_3(data: dict[str, Any] | None = None) -> StandardDocument:
    """The test standard (人工智能训练师, levels 2 and 3), or ``data``, as a document."""
    return document_from_dict(data or document())


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.stem)
def test_skill_items_attach_to_skill_requirements_and_knowledge_items_to_knowledge(
    path: Path,
) -> None:
    items = _file(path).items
    ids = demo_items.attach(items, _level_3(), rank=3)
    for item, key in zip(items, ids, strict=True):
        if key.startswith("F"):  # each content of the test standard has both kinds
            assert (".S" in key) == (item.focus is Focus.SKILL), (item.stem, key)
        else:
            assert key[0] in "EB"


def test_every_blueprint_part_gets_items_even_one_no_topic_matches() -> None:
    data = copy.deepcopy(document())
    data["levels"][1]["functions"].append({
        "title": "烹饪", "theory_weight": 5, "skill_weight": 5,
        "contents": [{"title": "刀工",
                      "skills": [{"text": "能切丝切片", "skills": []}],
                      "knowledge": [{"text": "刀具保养", "skills": []}]}],
    })  # fmt: skip
    data["levels"][1]["functions"][0]["theory_weight"] -= 5
    data["levels"][1]["functions"][0]["skill_weight"] -= 5
    level = _level_3(data)
    items = _file(DATA / "4-04-05-05.json").items
    parts = Counter(part_of_requirement(key) for key in demo_items.attach(items, level, rank=3))
    blueprint = blueprint_for(level, rank=3)
    assert {part.key for part in blueprint.parts} == set(parts)
    assert parts["F3"] == MIN_PER_PART  # cooking: only what the spread moved there


def test_the_attachment_puts_items_where_their_topic_is() -> None:
    items = _file(DATA / "4-04-05-05.json").items
    ids = demo_items.attach(items, _level_3(), rank=3)
    by_topic = {item.topic: key for item, key in zip(items, ids, strict=True)}
    assert by_topic["原始数据标注 语义分割"].startswith("F1.C1.")  # 数据采集和处理 / 数据标注
    assert by_topic["人工智能基础 监督学习"] == "B1"  # 人工智能基础知识


def test_a_malformed_item_file_is_refused_naming_the_item(tmp_path: Path) -> None:
    good = {"kind": "true_false", "focus": "knowledge", "topic": "数据标注", "stem": "甲。",
            "answer": "T"}  # fmt: skip
    path = tmp_path / "1-01-01-01.json"
    rows = [good, {**good, "focus": "both"}]
    path.write_text(json.dumps({"occupation_code": "1-01-01-01", "occupation_name": "某职业",
                                "level": 3, "items": rows}), encoding="utf-8")  # fmt: skip
    with pytest.raises(ItemFileError, match=r"1-01-01-01\.json, item 2"):
        demo_items.read_item_file(path)
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(ItemFileError, match="not a demo item file"):
        demo_items.read_item_file(path)


def test_the_item_service_accepts_every_demo_item_on_a_bank_of_an_approved_standard(
    assessor: User, bank: ItemBank
) -> None:
    level = services.standard_document(bank.standard)
    created = 0
    for path in FILES:
        inputs = demo_items.item_inputs(_file(path), level)
        for data in inputs:
            item = services.item_create(actor=assessor, bank=bank, data=data, source="demo")
            assert item.status == item.Status.DRAFT and item.level == 3
        created += len(inputs)
    assert bank.items.count() == created >= 120
    parts = Counter(
        part_of_requirement(key) for key in bank.items.values_list("requirement", flat=True)
    )
    assert set(parts) == {part.key for part in blueprint_for(level, rank=3).parts}
