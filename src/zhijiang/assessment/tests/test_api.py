"""The assessment API: banks, items, import, export, four-eyes review, blueprint, forms."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from tests.fake_llm import FakeLLMServer

from zhijiang.assessment import services
from zhijiang.assessment.models import ExamForm, Item
from zhijiang.assessment.tests.factories import csv_rows, make_item
from zhijiang.common.models import AuditEvent
from zhijiang.occupations.models import Occupation
from zhijiang_engine.llm import LLMConfig

pytestmark = pytest.mark.django_db

ITEM = {
    "level": 2,
    "requirement": "F1.C1.K1",
    "kind": "single",
    "stem": "标注规范规定了（  ）。",
    "options": ["标注方法和质量要求", "工资标准", "上班时间"],
    "answer": "A",
}


def upload(client, bank, data, name="items.csv", **fields):
    bank_id = bank if isinstance(bank, int) else bank.pk
    return client.post(
        f"/api/v1/assessment/banks/{bank_id}/import",
        {"file": SimpleUploadedFile(name, data), **fields},
    )


def test_assessor_creates_a_bank_for_an_approved_standard(api, assessor, body, standard):
    response = api(assessor).call(
        "post", "/assessment/banks", {"owner": body.pk, "standard": standard.pk, "name": "题库"}
    )
    assert response.status_code == 201, response.json()
    assert response.json()["levels"] == [2, 3]
    again = api(assessor).call(
        "post", "/assessment/banks", {"owner": body.pk, "standard": standard.pk}
    )
    assert again.json()["error"]["code"] == "bank_exists"


def test_a_bank_for_another_body_is_refused(api, other_assessor, body, standard):
    response = api(other_assessor).call(
        "post", "/assessment/banks", {"owner": body.pk, "standard": standard.pk}
    )
    assert response.status_code == 403


def test_banks_need_a_login_and_the_assessor_role(api, learner, bank):
    assert api().call("get", "/assessment/banks").status_code == 401
    assert api(learner).call("get", "/assessment/banks").status_code == 403


def test_bureau_officers_see_every_bank_and_other_bodies_see_none(
    api, bureau_officer, other_assessor, bank
):
    assert api(bureau_officer).call("get", "/assessment/banks").json()["count"] == 1
    assert api(other_assessor).call("get", "/assessment/banks").json()["count"] == 0
    response = api(other_assessor).call("get", f"/assessment/banks/{bank.pk}/items")
    assert response.status_code == 404


def test_assessor_creates_an_item_as_a_draft(api, assessor, bank):
    response = api(assessor).call("post", f"/assessment/banks/{bank.pk}/items", ITEM)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["status"], body["author"], body["source"]) == ("draft", "ada", "manual")
    assert AuditEvent.objects.filter(action="item.create").count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"requirement": "F7.C1.K1"}, "requirement"),
        ({"answer": "D"}, "answer"),
        ({"kind": "essay"}, "kind"),
        ({"options": ["只有一个"]}, "options"),
        ({"answer": ""}, "answer"),
    ],
)
def test_invalid_items_are_refused_at_their_field(api, assessor, bank, change, field):
    response = api(assessor).call("post", f"/assessment/banks/{bank.pk}/items", {**ITEM, **change})
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    assert not Item.objects.exists()


def test_a_bureau_officer_reads_but_does_not_write(api, bureau_officer, bank):
    response = api(bureau_officer).call("post", f"/assessment/banks/{bank.pk}/items", ITEM)
    assert response.status_code == 403


def test_list_filters_by_status_requirement_and_kind(api, assessor, bank):
    make_item(actor=assessor, bank=bank)
    make_item(actor=assessor, bank=bank, requirement="E1", kind="true_false", options=[],
              answer="F", stem="可以不遵守操作规程。")  # fmt: skip
    client = api(assessor)
    path = f"/assessment/banks/{bank.pk}/items"
    assert client.call("get", path).json()["count"] == 2
    assert client.call("get", path + "?kind=true_false").json()["items"][0]["requirement"] == "E1"
    assert client.call("get", path + "?requirement=F1").json()["count"] == 1
    assert client.call("get", path + "?status=reviewed").json()["count"] == 0


def test_four_eyes_the_author_cannot_review_a_colleague_can(api, assessor, second_assessor, bank):
    item = make_item(actor=assessor, bank=bank)
    own = api(assessor).call("post", f"/assessment/items/{item.pk}/review", {"approve": True})
    assert own.status_code == 403 and own.json()["error"]["code"] == "four_eyes"
    queue = api(second_assessor).call("get", "/assessment/review-queue").json()
    assert [row["id"] for row in queue["items"]] == [item.pk]
    assert api(assessor).call("get", "/assessment/review-queue").json()["count"] == 0
    done = api(second_assessor).call("post", f"/assessment/items/{item.pk}/review",
                                     {"approve": True, "comment": "好"})  # fmt: skip
    assert done.json()["status"] == "reviewed" and done.json()["reviewer"] == "abe"
    assert done.json()["reviewed_at"] is not None


def test_returning_keeps_the_item_in_draft_with_the_comment(api, assessor, second_assessor, bank):
    item = make_item(actor=assessor, bank=bank)
    client = api(second_assessor)
    path = f"/assessment/items/{item.pk}/review"
    assert client.call("post", path, {"approve": False}).json()["error"]["code"] == "required"
    response = client.call("post", path, {"approve": False, "comment": "干扰项太弱"})
    assert response.json()["status"] == "draft"
    assert response.json()["review_comment"] == "干扰项太弱"


def test_assessors_of_another_body_cannot_review(api, assessor, other_assessor, bank):
    item = make_item(actor=assessor, bank=bank)
    response = api(other_assessor).call(
        "post", f"/assessment/items/{item.pk}/review", {"approve": True}
    )
    assert response.status_code == 404


def test_editing_a_reviewed_item_sends_it_back_to_review(api, assessor, second_assessor, bank):
    item = make_item(actor=assessor, bank=bank)
    api(second_assessor).call("post", f"/assessment/items/{item.pk}/review", {"approve": True})
    api(second_assessor).call("post", f"/assessment/items/{item.pk}/calibration",
                              {"discrimination": 1.2, "difficulty": 0.3})  # fmt: skip
    item.refresh_from_db()
    assert (item.status, item.difficulty) == ("calibrated", 0.3)
    response = api(assessor).call("put", f"/assessment/items/{item.pk}",
                                  {**ITEM, "stem": "标注规范规定的是（  ）。"})  # fmt: skip
    assert response.json()["status"] == "draft" and response.json()["difficulty"] is None


def test_retired_items_leave_the_export(api, assessor, bank):
    kept = make_item(actor=assessor, bank=bank)
    gone = make_item(actor=assessor, bank=bank, stem="另一道题（  ）。")
    assert (
        api(assessor).call("post", f"/assessment/items/{gone.pk}/retire").json()["status"]
        == "retired"
    )
    response = api(assessor).get(f"/api/v1/assessment/banks/{bank.pk}/export")
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0] == "requirement,level,kind,stem,A,B,C,D,E,F,answer,explanation"
    assert kept.stem in text and gone.stem not in text


def test_an_export_imports_again_into_another_bank(
    api, assessor, bank, other_assessor, other_body, standard
):
    make_item(actor=assessor, bank=bank)
    make_item(actor=assessor, bank=bank, requirement="E1", kind="true_false", options=[],
              answer="T", stem="=HYPERLINK(\"http://x\")应当遵守操作规程。")  # fmt: skip
    exported = api(assessor).get(f"/api/v1/assessment/banks/{bank.pk}/export").content
    assert "\"'=HYPERLINK" in exported.decode("utf-8-sig")  # shown, never run, by a spreadsheet
    other = (
        api(other_assessor)
        .call("post", "/assessment/banks", {"owner": other_body.pk, "standard": standard.pk})
        .json()
    )
    response = upload(api(other_assessor), other["id"], exported)
    assert response.status_code == 201 and response.json()["created"] == 2
    assert Item.objects.filter(bank_id=other["id"], stem__startswith="=HYPERLINK").exists()


def test_import_through_the_api_lists_row_errors(api, assessor, bank):
    data = csv_rows("F1.C1.K1,2,single,缺答案。,甲,乙,,,,,,")
    response = upload(api(assessor), bank, data)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_rows"
    assert error["rows"] == [{"row": 2, "column": "answer", "reason": "The answer is missing."}]


def test_import_with_a_bad_encoding_gives_a_file_error(api, assessor, bank):
    response = upload(api(assessor), bank, b"\xff\xff\xff")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "bad_encoding"


def test_import_needs_a_login_and_the_bank(api, other_assessor, bank):
    assert upload(api(), bank, csv_rows()).status_code == 401
    assert upload(api(other_assessor), bank, csv_rows()).status_code == 404


def test_blueprint_gives_exact_points_from_the_weights(api, assessor, standard):
    response = api(assessor).call("get", f"/assessment/standards/{standard.pk}/blueprint?level=3")
    body = response.json()
    assert [(p["key"], p["theory_points"], p["practice_points"]) for p in body["parts"]] == [
        ("B", 10, 0), ("F1", 60, 60), ("F2", 30, 40),
    ]  # fmt: skip
    assert body["parts"][0]["requirements"] == ["E1", "E2", "B1", "B2"]
    missing = api(assessor).call("get", f"/assessment/standards/{standard.pk}/blueprint?level=7")
    assert missing.status_code == 400 and missing.json()["error"]["code"] == "no_level"
    assert (
        api().call("get", f"/assessment/standards/{standard.pk}/blueprint?level=3").status_code
        == 401
    )


def _reviewed_pool(assessor, second_assessor, bank, per_requirement=2):
    ids = ["E1", "E2", "B1", "B2", "F1.C1.S1", "F1.C1.S2", "F1.C1.K1", "F2.C1.S1", "F2.C1.K1"]
    for requirement in ids:
        for n in range(per_requirement):
            item = make_item(actor=assessor, bank=bank, requirement=requirement,
                             stem=f"{requirement} 第{n}题（  ）。")  # fmt: skip
            services.item_review(actor=second_assessor, item=item, approve=True)


def test_assembly_saves_a_form_following_the_blueprint(api, assessor, second_assessor, bank):
    _reviewed_pool(assessor, second_assessor, bank, per_requirement=3)
    response = api(assessor).call("post", f"/assessment/banks/{bank.pk}/forms",
                                  {"level": 2, "length": 10, "seed": 7})  # fmt: skip
    assert response.status_code == 201, response.json()
    [form] = response.json()
    requirements = [entry["item"]["requirement"] for entry in form["entries"]]
    basic = [r for r in requirements if r[0] in "EB"]
    f1 = [r for r in requirements if r.startswith("F1")]
    assert (len(requirements), len(basic), len(f1)) == (10, 2, 5)  # weights 20 / 50 / 30
    assert ExamForm.objects.get().entries.count() == 10


def test_assembly_names_the_parts_the_bank_cannot_fill(api, assessor, second_assessor, bank):
    _reviewed_pool(assessor, second_assessor, bank, per_requirement=1)
    response = api(assessor).call("post", f"/assessment/banks/{bank.pk}/forms",
                                  {"level": 2, "length": 40})  # fmt: skip
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "bank_too_small" and "F1: 17 missing" in error["message"]
    assert not ExamForm.objects.exists()


def test_offline_drafts_ask_about_the_occupations_work_and_can_be_approved(
    api, assessor, second_assessor, bank, settings
):
    settings.LLM_CONFIG = None
    response = api(assessor).call("post", f"/assessment/banks/{bank.pk}/drafts",
                                  {"level": 2, "requirements": ["F1.C1.K1"]})  # fmt: skip
    assert response.status_code == 201
    drafts = response.json()
    assert {d["source"] for d in drafts} == {"occupation-facts/4"} and len(drafts) >= 3
    name = bank.standard.occupation.name
    assert all(name in d["stem"] or "职业的定义" in d["stem"] for d in drafts)
    assert not any("相关知识要求" in d["stem"] or "【待填" in d["stem"] for d in drafts)
    approved = api(second_assessor).call("post", f"/assessment/items/{drafts[0]['id']}/review",
                                         {"approve": True})  # fmt: skip
    assert approved.json()["status"] == "reviewed"


def test_blank_templates_only_when_the_classification_says_nothing_and_never_approved_unfilled(
    api, assessor, second_assessor, bank, settings
):
    settings.LLM_CONFIG = None
    Occupation.objects.filter(pk=bank.standard.occupation_id).update(definition="", tasks=[])
    response = api(assessor).call("post", f"/assessment/banks/{bank.pk}/drafts",
                                  {"level": 2, "requirements": ["F1.C1.K1"]})  # fmt: skip
    drafts = response.json()
    assert {d["source"] for d in drafts} == {"template"} and len(drafts) == 2
    refused = api(second_assessor).call("post", f"/assessment/items/{drafts[0]['id']}/review",
                                        {"approve": True})  # fmt: skip
    assert refused.json()["error"]["code"] == "placeholder"


def test_drafts_come_from_the_model_when_its_answer_is_valid(api, assessor, bank, settings):
    answer = {
        "items": [
            {
                "requirement": "F1.C1.K1",
                "kind": "single",
                "stem": "标注规范是（  ）。",
                "options": ["统一标准", "随意", "无", "仅供参考"],
                "answer": "A",
                "explanation": "",
            }
        ]
    }
    with FakeLLMServer([json.dumps(answer, ensure_ascii=False)]) as server:
        settings.LLM_CONFIG = LLMConfig(
            base_url=server.base_url, model="qwen-test", timeout_seconds=5
        )
        response = api(assessor).call("post", f"/assessment/banks/{bank.pk}/drafts",
                                      {"level": 2, "requirements": ["F1.C1.K1"]})  # fmt: skip
    [draft] = response.json()
    assert (draft["source"], draft["status"], draft["stem"]) == (
        "llm:qwen-test",
        "draft",
        "标注规范是（  ）。",
    )


MODEL_ITEM = {
    "requirement": "F1.C1.K1",
    "kind": "single",
    "stem": "对图像中的车辆做目标检测标注时，通常使用的标注方式是（  ）。",
    "options": ["矩形框标注", "文本分类", "语音转写", "情感打分"],
    "answer": "A",
    "explanation": "目标检测要标出物体的位置和范围，常用矩形框。",
}


def _draft_with_model(api, assessor, bank, settings, items):
    with FakeLLMServer([json.dumps({"items": items}, ensure_ascii=False)]) as server:
        settings.LLM_CONFIG = LLMConfig(
            base_url=server.base_url, model="qwen-test", timeout_seconds=5
        )
        response = api(assessor).call("post", f"/assessment/banks/{bank.pk}/drafts",
                                      {"level": 2, "requirements": ["F1.C1.K1"]})  # fmt: skip
    assert response.status_code == 201, response.json()
    return response.json(), AuditEvent.objects.get(action="item.draft").changes


def test_the_models_valid_items_are_kept_and_its_invalid_ones_dropped_with_the_reason(
    api, assessor, bank, settings
):
    valid = [
        MODEL_ITEM,
        {**MODEL_ITEM, "kind": "true_false", "options": [], "answer": "F",
         "stem": "标注好的数据不需要质量检查就可以直接用于训练。"},
        {**MODEL_ITEM, "kind": "multiple", "answer": "AB", "stem": "图像标注常用的方式有（  ）。",
         "options": ["矩形框标注", "多边形标注", "语音转写", "情感打分"]},
    ]  # fmt: skip
    invalid = [
        {**MODEL_ITEM, "stem": "“数据标注规范”是下列哪项相关知识要求（  ）。"},
        {**MODEL_ITEM, "options": ["矩形框标注", "矩形框标注", "语音转写", "情感打分"]},
    ]
    drafts, audited = _draft_with_model(api, assessor, bank, settings, valid + invalid)
    assert [d["stem"] for d in drafts] == [item["stem"] for item in valid]
    assert {d["source"] for d in drafts} == {"llm:qwen-test"}
    assert audited["fallback"] == "" and audited["source"] == "llm:qwen-test"
    assert audited["dropped"] == [
        "$.items[3]: the item asks about the standard document, not about the work",
        "$.items[4]: two options are the same",
    ]


def test_a_model_answer_with_only_invalid_items_falls_back_to_the_offline_generator(
    api, assessor, bank, settings
):
    invalid = [
        {**MODEL_ITEM, "answer": "AB"},
        {**MODEL_ITEM, "stem": "Which annotation is used for object detection?"},
    ]
    drafts, audited = _draft_with_model(api, assessor, bank, settings, invalid)
    assert drafts and {d["source"] for d in drafts} == {"occupation-facts/4"}
    assert audited["source"] == "occupation-facts/4"
    assert audited["fallback"].startswith("model answer is not valid: no valid item, 2 invalid")
    assert "$.items[1]: the stem is not in Chinese" in audited["fallback"]
    assert len(audited["dropped"]) == 2


def test_an_invalid_model_answer_falls_back_to_templates(api, assessor, bank, settings):
    bad = {"items": [{"requirement": "F9.C9.K9", "kind": "single", "stem": "?", "options": [],
                      "answer": "A"}]}  # fmt: skip
    with FakeLLMServer([json.dumps(bad)]) as server:
        settings.LLM_CONFIG = LLMConfig(
            base_url=server.base_url, model="qwen-test", timeout_seconds=5
        )
        response = api(assessor).call("post", f"/assessment/banks/{bank.pk}/drafts",
                                      {"level": 2, "requirements": ["F1.C1.K1"]})  # fmt: skip
    assert {d["source"] for d in response.json()} == {"occupation-facts/4"}
    assert AuditEvent.objects.get(action="item.draft").changes["fallback"]
