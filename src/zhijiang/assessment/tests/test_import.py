"""Importing items from CSV and XLSX: all rows or none, with every row's problem named."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from zhijiang.assessment import services
from zhijiang.assessment.itemfiles import content_hash
from zhijiang.assessment.models import Item
from zhijiang.assessment.tests.factories import csv_rows, make_item
from zhijiang.common.errors import ApplicationError

pytestmark = pytest.mark.django_db

GOOD = "F1.C1.K1,2,single,标注框应当（  ）。,紧贴目标,远大于目标,随意,,,,A,紧贴"
CMMLU = "/work/shared/data/items_zh/data_dev_computer_science.csv"


def run(assessor, bank, data, filename="items.csv", **kwargs):
    return services.items_import(actor=assessor, bank=bank, data=data, filename=filename, **kwargs)


def test_a_good_file_imports_every_kind_as_drafts(assessor, bank):
    data = csv_rows(
        GOOD,
        'F1.C1.S1,2,multiple,标注时应当做到（  ）。,准确,一致,随意,,,,"A, B",',
        "E1,3,true_false,遵纪守法是职业道德的要求。,,,,,,,对,",
        "B1,2,short_answer,简述人工智能的定义。,,,,,,,能模拟人类智能的技术,",
    )
    report = run(assessor, bank, data)
    assert (report.ok, report.rows, report.created) == (True, 4, 4)
    items = {item.kind: item for item in Item.objects.filter(bank=bank)}
    assert items["multiple"].answer == "AB"
    assert items["true_false"].answer == "T" and items["true_false"].level == 3
    assert {item.status for item in items.values()} == {"draft"}
    assert {item.author for item in items.values()} == {assessor}


def test_chinese_headers_and_kind_names_are_read(assessor, bank):
    data = csv_rows(
        "F2.C1.K1,2,单选,运维的基本知识包括（  ）。,日志,绘画,烹饪,,,,A,",
        header="要求,等级,题型,题干,A,B,C,D,E,F,答案,解析",
    )
    assert run(assessor, bank, data).created == 1


def test_gb18030_files_are_read(assessor, bank):
    data = csv_rows(GOOD).decode("utf-8").encode("gb18030")
    assert run(assessor, bank, data).created == 1


def test_a_utf8_bom_is_ignored(assessor, bank):
    assert run(assessor, bank, b"\xef\xbb\xbf" + csv_rows(GOOD)).created == 1


def test_bytes_in_no_known_encoding_are_refused_with_a_file_message(assessor, bank):
    with pytest.raises(ApplicationError) as caught:
        run(assessor, bank, csv_rows(GOOD) + b"\xff\xfe\x80")
    assert caught.value.code == "bad_encoding"
    assert "UTF-8" in str(caught.value.message)
    assert not Item.objects.exists()


def test_the_cmmlu_layout_imports_with_a_default_requirement_and_level(assessor, bank):
    with open(CMMLU, "rb") as handle:
        data = handle.read()
    report = run(assessor, bank, data, "computer_science.csv", default_requirement="B1",
                 default_level=2)  # fmt: skip
    assert report.ok and report.created == 5
    first = Item.objects.get(stem="关系数据库中的数据逻辑结构是")
    assert (first.kind, first.answer, first.requirement, len(first.options)) == (
        "single", "B", "B1", 4,
    )  # fmt: skip


def test_the_cmmlu_layout_without_defaults_is_refused(assessor, bank):
    with open(CMMLU, "rb") as handle, pytest.raises(ApplicationError) as caught:
        run(assessor, bank, handle.read())
    assert "requirement" in str(caught.value.message)


BAD_ROWS = [
    ("F1.C1.K1,2,single,缺答案的题。,甲,乙,丙,,,,,", "answer", "missing"),
    ("F1.C1.K1,2,single,答案不在选项中。,甲,乙,丙,,,,E,", "answer", "not among"),
    ("F9.C1.K1,2,single,未知要求。,甲,乙,丙,,,,A,", "requirement", "no requirement"),
    ("F1.C1.K1,2,essay,未知题型。,甲,乙,丙,,,,A,", "kind", "Unknown kind"),
    ("F1.C1.K1,2,single,选项太少。,甲,,,,,,A,", "B", "Too few options"),
    ("F1.C1.K1,5,single,没有的等级。,甲,乙,丙,,,,A,", "level", "no level 5"),
    ("F1.C1.K1,2,single,选项有空缺。,甲,,丙,,,,A,", "B", "without gaps"),
    ("F1.C1.K1,2,true_false,判断答案不对。,,,,,,,也许,", "answer", "T or F"),
]


@pytest.mark.parametrize(("row", "column", "reason"), BAD_ROWS)
def test_each_bad_row_is_reported_and_nothing_is_saved(assessor, bank, row, column, reason):
    report = run(assessor, bank, csv_rows(GOOD, row))
    assert report.created == 0 and not Item.objects.exists()
    [error] = report.errors
    assert (error.row, error.column) == (3, column)
    assert reason in error.reason


def test_every_problem_of_every_row_is_listed(assessor, bank):
    report = run(assessor, bank, csv_rows(BAD_ROWS[0][0], GOOD, BAD_ROWS[3][0], BAD_ROWS[2][0]))
    assert [(e.row, e.column) for e in report.errors] == [
        (2, "answer"), (4, "kind"), (5, "requirement"),
    ]  # fmt: skip


def test_duplicates_inside_the_file_are_refused(assessor, bank):
    again = GOOD.replace("标注框应当（  ）。", "标注框 应当(  )。")  # other width and spacing
    report = run(assessor, bank, csv_rows(GOOD, again))
    assert [(e.row, e.column) for e in report.errors] == [(3, "stem")]
    assert "row 2" in report.errors[0].reason
    assert not Item.objects.exists()


def test_items_already_in_the_bank_are_refused(assessor, bank):
    make_item(actor=assessor, bank=bank, stem="标注框应当（  ）。",
              options=["紧贴目标", "远大于目标", "随意"])  # fmt: skip
    report = run(assessor, bank, csv_rows(GOOD))
    assert "already in the bank" in report.errors[0].reason
    assert Item.objects.count() == 1


def test_xlsx_files_import(assessor, bank):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["requirement", "level", "kind", "stem", "A", "B", "C", "answer"])
    sheet.append(
        ["F1.C1.K1", 2, "single", "标注规范的作用是（  ）。", "统一质量", "装饰", "无", "A"]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    assert run(assessor, bank, buffer.getvalue(), "items.xlsx").created == 1


def test_a_broken_xlsx_is_refused(assessor, bank):
    with pytest.raises(ApplicationError) as caught:
        run(assessor, bank, b"not a zip", "items.xlsx")
    assert "XLSX" in str(caught.value.message)


def inflated_xlsx(empty_rows: int) -> bytes:
    """A valid workbook whose sheet holds a header and ``empty_rows`` empty rows: a few
    kilobytes zipped, tens of megabytes unzipped (what held a worker for 86 s)."""
    buffer = io.BytesIO()
    book = openpyxl.Workbook()
    book.active.append(["requirement", "level", "kind", "stem", "A", "B", "answer"])
    book.save(buffer)
    inflated = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(inflated, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b"</sheetData>", b"<row/>" * empty_rows + b"</sheetData>")
            target.writestr(info.filename, content)
    return inflated.getvalue()


def test_an_xlsx_that_unpacks_too_large_is_refused_before_it_is_read(assessor, bank):
    data = inflated_xlsx(5_000_000)
    assert len(data) < 200_000
    with pytest.raises(ApplicationError) as caught:
        run(assessor, bank, data, "items.xlsx")
    assert caught.value.code == "too_large"
    assert "25 MB" in str(caught.value.message)


def test_assessors_of_another_body_cannot_import(other_assessor, bank):
    with pytest.raises(ApplicationError) as caught:
        run(other_assessor, bank, csv_rows(GOOD))
    assert caught.value.status == 403


def test_the_content_hash_ignores_width_spacing_case_and_option_order():
    assert content_hash("Python 是（ ）", ["A", "b"]) == content_hash("python是( )", ["B", "a"])
    assert content_hash("Python 是", ["A"]) != content_hash("Java 是", ["A"])
