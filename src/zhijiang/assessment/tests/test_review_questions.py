"""Reviewed items of the bank become the review questions of a course's textbook (issue 15,
part 3), through the source the assessment app registers with training: drafts never, keys
never, a few per requirement, in a fixed order."""

from __future__ import annotations

import json
from typing import Any

import pytest

from zhijiang.accounts.models import Organisation, Role, User
from zhijiang.assessment import services
from zhijiang.assessment.models import Item, ItemBank
from zhijiang.assessment.selectors import review_questions_of
from zhijiang.assessment.tests.factories import make_item
from zhijiang.training import services as training
from zhijiang.training.models import Course

pytestmark = pytest.mark.django_db

REVIEWED_STEM = "标注图像中的车辆时，标注框应当（  ）。"
KEY = "紧贴车辆的外轮廓"
EXPLANATION = "矩形框标注要求框线紧贴目标外缘，不留多余背景。"
DRAFT_STEM = "语音数据转写时，遇到听不清的词语应当（  ）。"


def reviewed(author: User, reviewer: User, bank: ItemBank, **values: Any) -> Item:
    item = make_item(actor=author, bank=bank, **values)
    return services.item_review(actor=reviewer, item=item, approve=True)


def generated_course(provider_staff: User, standard: Any) -> Course:
    provider = Organisation.objects.get(
        memberships__user=provider_staff, memberships__role=Role.PROVIDER_STAFF
    )
    request = training.CourseRequest(standard=standard, level=2, total_hours=40, use_model=False)
    return training.course_generate(actor=provider_staff, owner=provider, request=request)


def questions(course: Course) -> list[dict[str, str]]:
    return [
        question
        for chapter in course.textbook["chapters"]
        for section in chapter["sections"]
        for question in section.get("questions", [])
    ]


@pytest.fixture
def bank_with_one_reviewed_item(assessor, second_assessor, bank) -> ItemBank:
    reviewed(
        assessor,
        second_assessor,
        bank,
        requirement="F1.C1.K1",
        stem=REVIEWED_STEM,
        options=[KEY, "比车辆大一倍", "只框住车头", "随意绘制"],
        explanation=EXPLANATION,
    )
    make_item(actor=assessor, bank=bank, requirement="F1.C1.K1", stem=DRAFT_STEM)  # a draft
    return bank  # fmt: skip


def test_a_generated_textbook_asks_the_reviewed_items_stem_and_never_a_draft(
    provider_staff, standard, bank_with_one_reviewed_item, settings
):
    settings.LLM_CONFIG = None
    course = generated_course(provider_staff, standard)
    banked = [q for q in questions(course) if q["source"] == "item_bank"]
    assert {(q["requirement"], q["text"]) for q in banked} == {("F1.C1.K1", REVIEWED_STEM)}
    textbook = json.dumps(course.textbook, ensure_ascii=False)
    assert DRAFT_STEM not in textbook
    assert KEY not in textbook and EXPLANATION not in textbook  # the key stays in the bank


def test_saving_an_edited_plan_asks_the_items_reviewed_since_the_course_was_generated(
    provider_staff, standard, assessor, second_assessor, bank, settings
):
    settings.LLM_CONFIG = None
    course = generated_course(provider_staff, standard)
    assert not [q for q in questions(course) if q["source"] == "item_bank"]
    reviewed(assessor, second_assessor, bank, requirement="F1.C1.K1", stem=REVIEWED_STEM)
    saved = training.course_plan_save(actor=provider_staff, course=course, plan=course.plan)
    assert REVIEWED_STEM in [q["text"] for q in questions(saved) if q["source"] == "item_bank"]


def test_review_questions_are_reviewed_stems_only_three_per_requirement_in_a_fixed_order(
    assessor, second_assessor, bank, standard
):
    stems = [f"数据清洗第{n}步应当做什么（  ）？" for n in range(4)]
    for stem in reversed(stems):  # written in reverse: the order is the items' ids
        reviewed(assessor, second_assessor, bank, requirement="F1.C1.S1", stem=stem)
    reviewed(
        assessor,
        second_assessor,
        bank,
        requirement="B1",
        kind="true_false",
        options=[],
        answer="T",
        stem="人工智能训练师应当遵守数据安全的有关规定。",
    )
    reviewed(
        assessor,
        second_assessor,
        bank,
        requirement="B1",
        stem="下列工作中，属于人工智能训练师主要工作任务的是（  ）。",
    )  # needs its options
    reviewed(assessor, second_assessor, bank, level=3, requirement="F1.C1.S1",
             stem="三级工才考的题目（  ）。")  # fmt: skip
    got = review_questions_of(standard=standard, level=2)
    assert [(q.requirement, q.text) for q in got] == [
        ("B1", "判断正误：人工智能训练师应当遵守数据安全的有关规定。"),
        *[("F1.C1.S1", stem) for stem in list(reversed(stems))[:3]],
    ]
    assert review_questions_of(standard=standard, level=2) == got
