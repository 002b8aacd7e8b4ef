"""The assessment pages: banks, items, import, review queue, blueprint, assembly."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from zhijiang.assessment import services
from zhijiang.assessment.models import ExamForm, Item, ItemBank
from zhijiang.assessment.tests.factories import csv_rows, make_item

pytestmark = pytest.mark.django_db


def item_form(**overrides):
    data = {
        "level": "2", "requirement": "F1.C1.K1", "kind": "single",
        "stem": "数据标注规范规定了（  ）。", "option_a": "标注方法", "option_b": "工资",
        "option_c": "工时", "answer": "A", "explanation": "",
    }  # fmt: skip
    data.update(overrides)
    return data


def test_pages_need_a_login(web, bank):
    for path in ("/assessment/", f"/assessment/banks/{bank.pk}/", "/assessment/review/"):
        response = web().get(path)
        assert response.status_code == 302 and "/login" in response["Location"]


def test_learners_and_other_bodies_are_kept_out(web, learner, other_assessor, bank):
    assert web(learner).get("/assessment/").status_code == 403
    assert web(other_assessor).get(f"/assessment/banks/{bank.pk}/").status_code == 404
    assert web(other_assessor).get(f"/assessment/banks/{bank.pk}/import/").status_code == 404


def test_assessor_creates_a_bank_on_the_banks_page(web, assessor, body, standard):
    client = web(assessor)
    page = client.get("/assessment/").content.decode()
    assert 'data-testid="bank-form"' in page
    response = client.post(
        "/assessment/", {"owner": body.pk, "standard": standard.pk, "name": "甲"}
    )
    bank = ItemBank.objects.get()
    assert response["Location"] == f"/assessment/banks/{bank.pk}/"


def test_bank_page_lists_and_filters_items(web, assessor, bank):
    make_item(actor=assessor, bank=bank)
    make_item(actor=assessor, bank=bank, requirement="E1", kind="true_false", options=[],
              answer="T", stem="应当遵守操作规程。")  # fmt: skip
    client = web(assessor)
    page = client.get(f"/assessment/banks/{bank.pk}/").content.decode()
    assert page.count('data-testid="item"') == 2
    filtered = client.get(f"/assessment/banks/{bank.pk}/?kind=true_false", HTTP_HX_REQUEST="true")
    assert filtered.content.decode().count('data-testid="item"') == 1
    assert "<html" not in filtered.content.decode()
    assert (
        client.get(f"/assessment/banks/{bank.pk}/?requirement=F1")
        .content.decode()
        .count('data-testid="item"')
        == 1
    )


def test_item_is_created_and_edited_through_the_form(web, assessor, bank):
    client = web(assessor)
    response = client.post(f"/assessment/banks/{bank.pk}/items/new/", item_form())
    assert response.status_code == 302
    item = Item.objects.get()
    assert (item.options, item.status) == (["标注方法", "工资", "工时"], "draft")
    client.post(f"/assessment/items/{item.pk}/", item_form(answer="B"))
    item.refresh_from_db()
    assert item.answer == "B"


def test_a_wrong_answer_is_shown_at_its_field(web, assessor, bank):
    response = web(assessor).post(f"/assessment/banks/{bank.pk}/items/new/", item_form(answer="F"))
    assert response.status_code == 400
    assert "not among the options" in response.content.decode()
    assert not Item.objects.exists()


def test_import_page_shows_the_row_errors_and_saves_nothing(web, assessor, bank):
    data = csv_rows("F1.C1.K1,2,single,缺答案。,甲,乙,,,,,,", "F1.C1.K1,2,essay,题。,甲,乙,,,,,A,")
    response = web(assessor).post(
        f"/assessment/banks/{bank.pk}/import/", {"file": SimpleUploadedFile("a.csv", data)}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert page.count('data-testid="row-error"') == 2
    assert "The answer is missing." in page and "Unknown kind essay" in page
    assert not Item.objects.exists()


def test_import_page_shows_a_file_error(web, assessor, bank):
    response = web(assessor).post(
        f"/assessment/banks/{bank.pk}/import/", {"file": SimpleUploadedFile("a.csv", b"\xff\xff")}
    )
    assert response.status_code == 400 and "GB18030" in response.content.decode()


def test_import_page_imports_a_good_file(web, assessor, bank):
    data = csv_rows("F1.C1.K1,2,single,标注规范（  ）。,甲,乙,,,,,A,")
    response = web(assessor).post(
        f"/assessment/banks/{bank.pk}/import/", {"file": SimpleUploadedFile("a.csv", data)}
    )
    assert response.status_code == 302 and Item.objects.count() == 1


def test_review_queue_and_four_eyes_on_the_item_page(web, assessor, second_assessor, bank):
    item = make_item(actor=assessor, bank=bank)
    assert (
        'data-testid="review"'
        not in web(assessor).get(f"/assessment/items/{item.pk}/").content.decode()
    )
    colleague = web(second_assessor)
    assert (
        colleague.get("/assessment/review/").content.decode().count('data-testid="queued-item"')
        == 1
    )
    colleague.post(
        f"/assessment/items/{item.pk}/review/", {"decision": "return", "comment": "改干扰项"}
    )
    item.refresh_from_db()
    assert (item.status, item.review_comment) == ("draft", "改干扰项")
    web(assessor).post(f"/assessment/items/{item.pk}/review/", {"decision": "approve"})
    item.refresh_from_db()
    assert item.status == "draft"  # the author's own approval is refused
    colleague.post(f"/assessment/items/{item.pk}/review/", {"decision": "approve"})
    item.refresh_from_db()
    assert (item.status, item.reviewer) == ("reviewed", second_assessor)


def test_review_queue_is_for_assessors(web, bureau_officer):
    assert web(bureau_officer).get("/assessment/review/").status_code == 403


def test_blueprint_page_shows_points_per_part(web, assessor, standard):
    page = web(assessor).get(f"/assessment/standards/{standard.pk}/blueprint/2/").content.decode()
    assert page.count('data-testid="blueprint-part"') == 3
    assert "数据采集和处理" in page and "F1.C1.K1" in page
    assert web(assessor).get(f"/assessment/standards/{standard.pk}/blueprint/6/").status_code == 400


def test_drafts_button_writes_drafts_about_the_occupations_work(web, assessor, bank, settings):
    settings.LLM_CONFIG = None
    response = web(assessor).post(f"/assessment/banks/{bank.pk}/drafts/", {"level": "2"})
    assert response.status_code == 302
    drafts = Item.objects.filter(source="occupation-facts/4", status="draft")
    assert drafts.count() >= 5
    assert {"single", "true_false"} <= set(drafts.values_list("kind", flat=True))
    page = web(assessor).get(f"/assessment/items/{drafts.first().pk}/").content.decode()
    assert 'data-testid="draft-blanks"' not in page


def test_assembly_page_saves_a_form_or_says_what_is_missing(web, assessor, second_assessor, bank):
    for n, requirement in enumerate(["B1", "F1.C1.K1", "F1.C1.S1", "F2.C1.K1"] * 2):
        item = make_item(actor=assessor, bank=bank, requirement=requirement, stem=f"题{n}（  ）。")
        services.item_review(actor=second_assessor, item=item, approve=True)
    client = web(assessor)
    short = client.post(
        f"/assessment/banks/{bank.pk}/forms/new/",
        {"level": "2", "count": "1", "length": "20", "points_per_item": "1"},
    )
    assert short.status_code == 400 and "missing" in short.content.decode()
    response = client.post(f"/assessment/banks/{bank.pk}/forms/new/",
                           {"level": "2", "count": "1", "length": "5", "points_per_item": "1",
                            "seed": "3"})  # fmt: skip
    form = ExamForm.objects.get()
    assert response["Location"] == f"/assessment/forms/{form.pk}/"
    page = client.get(f"/assessment/forms/{form.pk}/").content.decode()
    assert page.count('data-testid="form-item"') == 5


def test_bureau_officer_sees_a_bank_but_cannot_import(web, bureau_officer, bank):
    client = web(bureau_officer)
    assert client.get(f"/assessment/banks/{bank.pk}/").status_code == 200
    assert client.get(f"/assessment/banks/{bank.pk}/import/").status_code == 403


def test_export_page_downloads_csv(web, assessor, bank):
    make_item(actor=assessor, bank=bank)
    response = web(assessor).get(f"/assessment/banks/{bank.pk}/export/")
    assert response["Content-Type"].startswith("text/csv")
    assert "数据标注规范中" in response.content.decode("utf-8-sig")
