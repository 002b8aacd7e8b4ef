"""Specialisms (专业方向) of a professional standard: declared on the document, carried by work
functions, validated with paths, written back, compared between versions, and the functions an
examinee of one direction is assessed on."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from zhijiang_engine.standards import document_from_dict, document_to_dict, standard_diff
from zhijiang_engine.standards.schema import (
    function_numbers_for,
    functions_for,
    specialisms_at,
    validate_document,
)

AI_ENGINEER = ("2-02-10-09", "人工智能工程技术人员")


def _function(title: str, theory: int, skill: int, specialism: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": title,
        "theory_weight": theory,
        "skill_weight": skill,
        "contents": [{
            "title": f"{title}实施",
            "skills": [{"text": f"能完成{title}任务"}],
            "knowledge": [{"text": f"{title}的方法"}],
        }],
    }  # fmt: skip
    if specialism is not None:
        data["specialism"] = specialism
    return data


def _document(code: str = AI_ENGINEER[0]) -> dict[str, Any]:
    """初级 common to all; 中级 a common part and one function per direction."""
    return {
        "format": "zhijiang.standard/1",
        "occupation": {"code": code, "name": AI_ENGINEER[1], "definition": ""},
        "overview": {},
        "basic_requirements": {"ethics": ["遵纪守法"], "knowledge": ["人工智能基础知识"]},
        "specialisms": ["机器学习", "计算机视觉"],
        "levels": [
            {"level": 2, "basic_weight": 30, "functions": [
                _function("数据采集", 40, 50), _function("数据标注", 30, 50),
            ]},
            {"level": 3, "basic_weight": 20, "functions": [
                _function("数据处理", 30, 40),
                _function("模型训练", 50, 60, "机器学习"),
                _function("图像识别", 50, 60, "计算机视觉"),
            ]},
        ],
    }  # fmt: skip


def test_specialisms_and_each_functions_direction_survive_reading_and_writing() -> None:
    document = document_from_dict(_document())
    assert document.specialisms == ("机器学习", "计算机视觉")
    assert [f.specialism for f in document.levels[1].functions] == [None, "机器学习", "计算机视觉"]
    data = document_to_dict(document)
    assert data["specialisms"] == ["机器学习", "计算机视觉"]
    assert [f.get("specialism") for f in data["levels"][1]["functions"]] == [
        None,
        "机器学习",
        "计算机视觉",
    ]
    assert document_from_dict(data) == document


def test_a_document_without_specialisms_is_written_back_without_the_new_fields() -> None:
    old = _document()
    del old["specialisms"]
    old["levels"] = old["levels"][:1]
    written = document_to_dict(document_from_dict(old))
    assert "specialisms" not in written
    assert all("specialism" not in f for lv in written["levels"] for f in lv["functions"])
    assert document_to_dict(document_from_dict(written)) == written


def test_a_function_of_an_undeclared_specialism_is_refused_at_its_path() -> None:
    data = _document()
    data["levels"][1]["functions"][2]["specialism"] = "机器视觉"
    reason = '"机器视觉" is not one of the standard\'s specialisms'
    assert ("$.levels[1].functions[2].specialism", reason) in validate_document(data)


def test_specialisms_on_the_worker_ladder_are_refused() -> None:
    data = _document(code="6-31-01-03")
    data["levels"] = [{**data["levels"][0], "level": rank} for rank in (2, 3)]
    problems = validate_document(data)
    assert [path for path, _ in problems] == ["$.specialisms"]
    assert "worker ladder" in problems[0][1]


@pytest.mark.parametrize(
    ("names", "path", "reason"),
    [
        (["机器学习", "机器学习"], "$.specialisms", "specialism '机器学习' appears twice"),
        (["机器学习", "视"], "$.specialisms[1]", "must have 2 to 40 characters"),
        (["机器学习", "长" * 41], "$.specialisms[1]", "must have 2 to 40 characters"),
        (["机器学习", ""], "$.specialisms[1]", "must not be empty"),
        ("机器学习", "$.specialisms", "must be an array"),
    ],
)
def test_specialism_names_are_distinct_and_2_to_40_characters(
    names: Any, path: str, reason: str
) -> None:
    data = _document()
    data["specialisms"] = names
    for function in data["levels"][1]["functions"]:
        function.pop("specialism", None)
    data["levels"][1]["functions"] = data["levels"][1]["functions"][:2]
    assert (path, reason) in validate_document(data)


def test_a_split_levels_weights_add_up_to_100_per_direction_not_over_the_whole_level() -> None:
    assert validate_document(_document()) == []
    data = _document()
    data["levels"][1]["functions"][2]["theory_weight"] = 40
    assert validate_document(data) == [
        ("$.levels[1]",
         "theory weights of 中级 · 计算机视觉 (basic + functions) sum to 90, not 100"),
    ]  # fmt: skip


def test_dropping_the_directions_makes_the_whole_level_sum_again() -> None:
    data = _document()
    del data["specialisms"]
    for function in data["levels"][1]["functions"]:
        function.pop("specialism", None)
    assert validate_document(data) == [
        ("$.levels[1]", "theory weights of 中级 (basic + functions) sum to 150, not 100"),
        ("$.levels[1]", "skill weights of 中级 sum to 160, not 100"),
    ]


def test_an_examinee_in_one_direction_is_assessed_on_the_common_part_and_that_direction() -> None:
    junior, intermediate = document_from_dict(_document()).levels
    assert specialisms_at(intermediate) == ("机器学习", "计算机视觉")
    assert [f.title for f in functions_for(intermediate, "机器学习")] == ["数据处理", "模型训练"]
    assert [f.title for f in functions_for(intermediate, "计算机视觉")] == ["数据处理", "图像识别"]
    assert function_numbers_for(intermediate, "计算机视觉") == (1, 3)
    assert function_numbers_for(junior, "计算机视觉") == (1, 2)
    assert specialisms_at(junior) == ()
    assert functions_for(junior, "机器学习") == junior.functions
    assert functions_for(junior, None) == junior.functions


@pytest.mark.parametrize("specialism", [None, "自然语言处理"])
def test_a_split_level_has_no_exam_outside_its_directions(specialism: str | None) -> None:
    intermediate = document_from_dict(_document()).levels[1]
    with pytest.raises(ValueError, match="机器学习, 计算机视觉"):
        functions_for(intermediate, specialism)


def test_renaming_a_specialism_shows_in_the_diff_where_the_standard_names_it() -> None:
    old = document_from_dict(_document())
    renamed = copy.deepcopy(_document())
    renamed["specialisms"][1] = "机器视觉"
    renamed["levels"][1]["functions"][2]["specialism"] = "机器视觉"
    changes = standard_diff(old, document_from_dict(renamed))
    assert [(c.kind, c.where, c.old, c.new) for c in changes] == [
        ("changed", "专业方向 2", "计算机视觉", "机器视觉"),
        ("changed", "中级 / 图像识别 / 专业方向", "计算机视觉", "机器视觉"),
    ]


def test_making_a_common_function_a_directions_own_shows_in_the_diff() -> None:
    data = _document()
    data["levels"][1]["functions"][0]["specialism"] = "机器学习"
    data["levels"][1]["functions"][2]["theory_weight"] = 80
    data["levels"][1]["functions"][2]["skill_weight"] = 100
    new = document_from_dict(data)
    changes = standard_diff(document_from_dict(_document()), new)
    assert ("added", "中级 / 数据处理 / 专业方向", None, "机器学习") in [
        (c.kind, c.where, c.old, c.new) for c in changes
    ]
