"""Reading taxonomy files strictly, and ranking searches."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhijiang_engine.taxonomy import (
    SearchEntry,
    TaxonomyFileError,
    level_counts,
    parse_taxonomy,
    rank_search,
    split_name,
    split_tasks,
)

SHIPPED = Path(__file__).resolve().parents[1] / "src/zhijiang/occupations/data/csco22.csv"
HEADER = "level,code,code_num,name,definition,tasks,csco_code_num,alias\n"
GOOD = (
    HEADER
    + "1,4-00-00-00,,社会生产服务和生活服务人员,,,,\n"
    + "2,4-04-00-00,,信息传输、软件和信息技术服务人员,,,,\n"
    + "3,4-04-05-00,,信息技术服务人员,,,,\n"
    + "4,4-04-05-05,,人工智能训练师S,使用智能训练软件的人员。,"
    + '"1.标注数据 2.训练模型。",,"数据标注师,AI训练师,人工智能训练师S"\n'
)


def parse(text: str, encoding: str = "utf-8") -> list:
    return parse_taxonomy(text.encode(encoding), filename="upload.csv")


def test_the_shipped_taxonomy_loads_with_its_hierarchy_and_flags():
    records = parse_taxonomy(SHIPPED.read_bytes(), filename=SHIPPED.name)
    assert level_counts(records) == {1: 8, 2: 72, 3: 335, 4: 1632}
    assert sum(r.is_digital for r in records) == 95
    assert sum(r.is_green for r in records) == 134  # 111 marked L, 23 marked L/S
    by_code = {r.code: r for r in records}
    trainer = by_code["4-04-05-05"]
    assert (trainer.name, trainer.parent_code, trainer.is_digital) == (
        "人工智能训练师",
        "4-04-05-00",
        True,
    )
    assert "AI训练师" in trainer.aliases and "人工智能训练师" not in trainer.aliases
    assert len(trainer.tasks) == 5
    assert by_code["1-02-01-00"].parent_code == "1-02-00-00"  # 小类 that is its own occupation
    assert not any(r.name.endswith(("S", "L")) and not r.name[-2:].isascii() for r in records)


def test_a_small_good_file_parses():
    records = parse(GOOD)
    assert [r.code for r in records] == ["4-00-00-00", "4-04-00-00", "4-04-05-00", "4-04-05-05"]
    assert records[-1].tasks == ("标注数据", "训练模型")
    assert records[-1].aliases == ("数据标注师", "AI训练师")


@pytest.mark.parametrize(
    ("text", "encoding", "line", "reason"),
    [
        (GOOD, "gbk", 2, "not UTF-8"),
        ("\ufeff" + GOOD, "utf-8", 1, "byte-order mark"),
        (GOOD.replace(",alias", ""), "utf-8", 1, "missing column(s): alias"),
        (GOOD + "4,4-04-05-05,,重复,,,,\n", "utf-8", 6, "repeats line 5"),
        (
            GOOD.replace("2,4-04-00-00,,信息传输、软件和信息技术服务人员,,,,\n", ""),
            "utf-8",
            3,
            "group 4-04-00-00 of 4-04-05-00 is missing",
        ),
        (GOOD.replace("1,4-00-00-00", "5,4-00-00-00"), "utf-8", 2, "level '5'"),
        (GOOD.replace("2,4-04-00-00", "2,4-04-01-00"), "utf-8", 3, "level-2 code"),
        (GOOD.replace("信息技术服务人员", ""), "utf-8", 4, "name is empty"),
    ],
)
def test_bad_files_are_refused_with_file_line_and_reason(text, encoding, line, reason):
    with pytest.raises(TaxonomyFileError) as caught:
        parse(text, encoding)
    assert caught.value.filename == "upload.csv"
    assert caught.value.line == line
    assert reason in caught.value.reason
    assert str(caught.value).startswith(f"upload.csv, line {line}: ")


def test_markers_leave_the_name_only_after_chinese_text():
    assert split_name("人工智能训练师S") == ("人工智能训练师", True, False)
    assert split_name("大地测量员L/S") == ("大地测量员", True, True)
    assert split_name("碳排放管理员L") == ("碳排放管理员", False, True)
    assert split_name("SQL") == ("SQL", False, False)


def test_tasks_are_split_on_their_numbers():
    assert split_tasks("1.标注数据 2.训练模型 10.评测。") == ("标注数据", "训练模型", "评测")
    assert split_tasks("") == ()


ENTRIES = [
    SearchEntry(
        "4-04-05-05", "人工智能训练师", ("数据标注师", "AI训练师"), "使用智能训练软件的人员", 4
    ),
    SearchEntry("2-02-10-09", "人工智能工程技术人员", ("算法工程师",), "从事人工智能研究的人员", 4),
    SearchEntry("4-04-05-00", "信息技术服务人员", (), "", 3),
    SearchEntry("4-04-05-03", "数据标注员", (), "对数据进行标注的人员。训练", 4),
]


def test_exact_name_beats_prefix_beats_alias_beats_definition():
    assert rank_search(ENTRIES, "人工智能训练师") == ["4-04-05-05"]
    assert rank_search(ENTRIES, "人工智能")[:2] == ["4-04-05-05", "2-02-10-09"]
    assert rank_search(ENTRIES, "数据标注") == ["4-04-05-03", "4-04-05-05"]
    assert rank_search(ENTRIES, "训练")[0] == "4-04-05-05"


def test_search_by_code_and_alias():
    assert rank_search(ENTRIES, "4-04-05-05") == ["4-04-05-05"]
    assert rank_search(ENTRIES, "4040505") == ["4-04-05-05"]
    assert rank_search(ENTRIES, "ai训练师") == ["4-04-05-05"]
    assert rank_search(ENTRIES, "   ") == []
