"""A language model's exam items are checked one by one: invalid ones are dropped with their
reason, valid ones kept, and the offline generator is used only when none is valid."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

from tests.fake_llm import FakeLLMServer
from zhijiang_engine.assessment.drafting import (
    SYSTEM_PROMPT,
    Offline,
    drafts_with_model,
    read_model_items,
    screen_model_items,
)
from zhijiang_engine.assessment.item_checks import is_chinese
from zhijiang_engine.llm import ChatClient, LLMConfig
from zhijiang_engine.standards.draft import OccupationFacts

ASKED = {"B1": "人工智能基础知识", "F1.C1.S1": "能使用标注工具完成图像标注"}

SINGLE: dict[str, Any] = {
    "requirement": "F1.C1.S1",
    "kind": "single",
    "stem": "对图像中的车辆做目标检测标注时，通常使用的标注方式是（  ）。",
    "options": ["矩形框标注", "文本分类", "语音转写", "情感打分"],
    "answer": "A",
    "explanation": "目标检测要标出物体的位置和范围，常用矩形框。",
}
MULTIPLE: dict[str, Any] = {
    "requirement": "B1",
    "kind": "multiple",
    "stem": "下列属于监督学习算法的有（  ）。",
    "options": ["决策树", "K均值聚类", "支持向量机", "主成分分析"],
    "answer": "AC",
    "explanation": "决策树和支持向量机需要带标签的数据。",
}
TRUE_FALSE: dict[str, Any] = {
    "requirement": "B1",
    "kind": "true_false",
    "stem": "训练集和测试集的数据可以完全相同。",
    "options": [],
    "answer": "F",
    "explanation": "测试集应与训练集分开，才能评估泛化能力。",
}


def problem(**changes: Any) -> str:
    """Why the item (SINGLE with ``changes``) is dropped; fails the test when it is kept."""
    screened = screen_model_items({"items": [{**SINGLE, **changes}]}, ASKED)
    assert not screened.items, "the item should have been dropped"
    [reason] = screened.dropped
    assert reason.startswith("$.items[0]")
    return reason


def test_valid_items_of_each_kind_are_kept():
    screened = screen_model_items({"items": [SINGLE, MULTIPLE, TRUE_FALSE]}, ASKED)
    assert [item.kind for item in screened.items] == ["single", "multiple", "true_false"]
    assert screened.dropped == ()


def test_a_single_choice_item_has_exactly_four_options_and_one_key():
    assert "exactly 4 options, not 3" in problem(options=SINGLE["options"][:3])
    assert "exactly 4 options, not 5" in problem(options=[*SINGLE["options"], "拍照"])
    assert "one option letter" in problem(answer="AB")


def test_a_multiple_choice_item_has_four_to_six_options_and_at_least_two_keys():
    assert "4 to 6 options, not 3" in problem(**{**MULTIPLE, "options": ["决策树", "聚类", "回归"]})
    seven = ["决策树", "聚类", "回归", "降维", "排序", "检索", "压缩"]
    assert "6 options" in problem(**{**MULTIPLE, "options": seven})
    assert "two or more option letters" in problem(**{**MULTIPLE, "answer": "A"})
    six = {**MULTIPLE, "options": [*MULTIPLE["options"], "逻辑回归", "哈希表"], "answer": "ACE"}
    assert screen_model_items({"items": [six]}, ASKED).items[0].answer == "ACE"


def test_options_must_differ_after_trimming_and_case_folding():
    assert "two options are the same" in problem(options=["CNN", "RNN", " cnn ", "GAN"])
    same = ["矩形框标注", "矩形框标注。", "多边形", "点"]
    assert "two options are the same" in problem(options=same)


def test_the_stem_must_not_contain_the_key():
    leaked = "采用矩形框标注对车辆做目标检测标注时，通常使用的标注方式是（  ）。"
    assert "gives the answer away" in problem(stem=leaked)
    short_answer = {"kind": "short_answer", "options": [], "answer": "数据清洗",
                    "stem": "简述数据清洗的主要步骤。"}  # fmt: skip
    assert "gives the answer away" in problem(**short_answer)


def test_stem_option_and_explanation_lengths_are_bounded():
    assert "the stem has 4 characters" in problem(stem="标注方式")
    assert "the stem has 201 characters" in problem(stem="标" * 201)
    assert "option 2 has 101 characters" in problem(options=["框", "文" * 101, "语", "情"])
    assert "explanation has 501 characters" in problem(explanation="解" * 501)


def test_the_text_must_be_chinese():
    english = "Which annotation is usually used for object detection of cars?"
    assert "the stem is not in Chinese" in problem(stem=english)
    assert "the explanation is not in Chinese" in problem(explanation="Boxes mark the objects.")
    assert is_chinese("在 Python 中，用于向列表末尾添加元素的方法是（  ）。")
    assert not is_chinese("Use Python lists 来")


def test_a_true_false_item_has_the_answer_t_or_f_and_no_options():
    assert "T or F" in problem(**{**TRUE_FALSE, "answer": "对"})
    assert "no options" in problem(**{**TRUE_FALSE, "options": ["对", "错"]})


@pytest.mark.parametrize(
    "stem",
    [
        "“数据标注规范”是“数据采集”的相关知识要求（  ）。",
        "下列哪一项是本职业三级的技能要求（  ）。",
        "“图像标注”属于下列哪项工作内容（  ）。",
    ],
)
def test_questions_about_the_standard_document_are_dropped(stem):
    assert "about the standard document" in problem(stem=stem)


def test_a_bad_item_is_dropped_and_the_good_ones_kept():
    bad = [{**SINGLE, "options": SINGLE["options"][:2]}, {**TRUE_FALSE, "requirement": "F9"}]
    screened = screen_model_items({"items": [SINGLE, bad[0], MULTIPLE, bad[1]]}, ASKED)
    assert [item.kind for item in screened.items] == ["single", "multiple"]
    assert [reason[:10] for reason in screened.dropped] == ["$.items[1]", "$.items[3]"]


def test_an_answer_with_no_valid_item_is_refused_naming_why():
    with pytest.raises(ValueError, match=r"no valid item, 1 invalid item\(s\) dropped"):
        read_model_items({"items": [{**SINGLE, "answer": "E"}]}, ASKED)
    with pytest.raises(ValueError, match="holds no items"):
        read_model_items({"items": []}, ASKED)


FACTS = OccupationFacts(
    code="4-04-05-05",
    name="人工智能训练师",
    definition="使用智能训练软件，在人工智能产品实际使用过程中进行数据库管理、算法参数设置的人员",
    tasks=("标注和加工图片、文字、语音等业务的原始数据", "分析提炼专业领域特征"),
)


def drafts(server: FakeLLMServer):
    client = ChatClient(LLMConfig(base_url=server.base_url, model="fake", timeout_seconds=5))
    return drafts_with_model(
        client, occupation_name=FACTS.name, level_name="中级工", requirements=ASKED,
        offline=Offline(FACTS, [], np.random.default_rng(0)),
    )  # fmt: skip


def test_the_model_is_asked_with_the_occupations_definition_and_tasks():
    with FakeLLMServer([json.dumps({"items": [SINGLE]}, ensure_ascii=False)]) as server:
        batch = drafts(server)
        [request] = server.chat_requests
    assert batch.source == "llm:fake" and batch.dropped == () and batch.fallback_reason is None
    system, user = request.body["messages"]
    assert system["content"] == SYSTEM_PROMPT and "标准文件本身" in SYSTEM_PROMPT
    asked = json.loads(user["content"].split("\n", 1)[1])
    assert asked["definition"] == FACTS.definition and asked["tasks"] == list(FACTS.tasks)
    assert asked["level"] == "中级工"


def test_kept_items_come_with_the_reasons_for_the_dropped_ones():
    answer = {"items": [SINGLE, {**SINGLE, "stem": "标注"}]}
    with FakeLLMServer([json.dumps(answer, ensure_ascii=False)]) as server:
        batch = drafts(server)
    assert len(batch.items) == 1 and batch.fallback_reason is None
    assert batch.dropped == ("$.items[1]: the stem has 2 characters (allowed 5 to 200)",)


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        ("this is not JSON", "model call failed"),
        (json.dumps({"items": [{**SINGLE, "answer": "AB"}]}), "no valid item, 1 invalid"),
        (json.dumps({"questions": []}), 'must be {"items": [...]}'),
    ],
)
def test_no_valid_item_or_no_json_falls_back_to_the_offline_generator(reply, reason):
    with FakeLLMServer([reply]) as server:
        batch = drafts(server)
    assert batch.source in ("occupation-facts/4", "template") and batch.items
    assert reason in (batch.fallback_reason or "")
