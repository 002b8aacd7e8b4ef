"""Exam blueprints from the weights tables, and fixed-form and parallel-form assembly."""

from __future__ import annotations

import numpy as np
import pytest

from zhijiang_engine.assessment import (
    BankItem,
    BlueprintError,
    BlueprintShortfallError,
    ParallelFormsError,
    assemble_form,
    blueprint_for,
    parallel_forms,
    part_of_requirement,
    template_drafts,
)
from zhijiang_engine.assessment.drafting import PLACEHOLDER, read_model_items
from zhijiang_engine.standards import StandardDocument
from zhijiang_engine.standards.schema import Requirement, StandardLevel, WorkContent, WorkFunction


def function(title: str, theory: int, skill: int, skills: int = 2, knowledge: int = 2):
    content = WorkContent(
        "内容",
        tuple(Requirement(f"能{title}{k}") for k in range(skills)),
        tuple(Requirement(f"掌握{title}知识{k}") for k in range(knowledge)),
    )
    return WorkFunction(title, theory, skill, (content,))


def document(basic: int = 20, functions=None) -> StandardDocument:
    functions = functions or (function("采集", 45, 35), function("运维", 35, 65))
    return StandardDocument(
        occupation_code="4-04-05-05",
        occupation_name="人工智能训练师",
        definition="",
        ethics=("遵纪守法",),
        basic_knowledge=("人工智能基础", "劳动法"),
        levels=(StandardLevel(3, basic, tuple(functions)),),
    )


def test_points_follow_the_weights_exactly():
    blueprint = blueprint_for(document(), rank=3)
    rows = [(p.key, p.theory_points, p.practice_points) for p in blueprint.parts]
    assert rows == [("B", 20, 0), ("F1", 45, 35), ("F2", 35, 65)]


@pytest.mark.parametrize("totals", [(100, 100), (60, 40), (7, 3), (1, 1), (0, 0), (997, 13)])
def test_points_sum_exactly_to_any_total(totals):
    odd = (function("a", 27, 33), function("b", 27, 33), function("c", 27, 34))
    blueprint = blueprint_for(document(19, odd), rank=3, theory_total=totals[0],
                              practice_total=totals[1])  # fmt: skip
    assert sum(p.theory_points for p in blueprint.parts) == totals[0]
    assert sum(p.practice_points for p in blueprint.parts) == totals[1]


def test_largest_remainders_get_the_leftover_points_and_ties_go_to_the_earlier_part():
    odd = (function("a", 27, 33), function("b", 27, 33), function("c", 27, 34))
    blueprint = blueprint_for(document(19, odd), rank=3, theory_total=10, practice_total=10)
    # theory 1.9, 2.7, 2.7, 2.7 → 1, 2, 2, 2 + 3 leftover to the largest remainders (.9, .7, .7)
    assert [p.theory_points for p in blueprint.parts] == [2, 3, 3, 2]
    assert [p.practice_points for p in blueprint.parts] == [0, 3, 3, 4]


def test_each_part_lists_its_requirement_ids():
    blueprint = blueprint_for(document(), rank=3)
    assert blueprint.part("B").requirements == ("E1", "B1", "B2")
    assert blueprint.part("F2").requirements == ("F2.C1.S1", "F2.C1.S2", "F2.C1.K1", "F2.C1.K2")
    assert part_of_requirement("F2.C1.K2") == "F2" and part_of_requirement("E1") == "B"


def test_a_missing_level_is_an_error():
    with pytest.raises(BlueprintError, match="no level 5"):
        blueprint_for(document(), rank=5)


def bank(per_requirement: int, rng_seed: int = 0, calibrated: bool = True) -> list[BankItem]:
    rng = np.random.default_rng(rng_seed)
    items = []
    for requirement in blueprint_for(document(), rank=3).part("B").requirements + tuple(
        f"F{m}.C1.{kind}{k}" for m in (1, 2) for kind in "SK" for k in (1, 2)
    ):
        for _ in range(per_requirement):
            difficulty = float(rng.normal()) if calibrated else None
            items.append(BankItem(len(items) + 1, requirement, difficulty))
    return items


def test_an_assembled_form_gives_each_part_its_share():
    blueprint = blueprint_for(document(), rank=3)
    form = assemble_form(bank(10), blueprint, length=20, rng=np.random.default_rng(1))
    assert dict(form.counts) == {"B": 4, "F1": 9, "F2": 7}
    parts = [part_of_requirement(r) for r in _requirements(form.items, bank(10))]
    assert parts == ["B"] * 4 + ["F1"] * 9 + ["F2"] * 7
    assert len(set(form.items)) == 20


def _requirements(ids, items):
    by_id = {item.id: item.requirement for item in items}
    return [by_id[i] for i in ids]


def test_the_default_length_is_the_theory_points_over_the_points_per_item():
    blueprint = blueprint_for(document(), rank=3)
    form = assemble_form(bank(20), blueprint, points_per_item=2, rng=3)
    # 10, 22.5, 17.5: the tie on the remainder goes to the earlier part
    assert len(form.items) == 50 and dict(form.counts) == {"B": 10, "F1": 23, "F2": 17}


def test_items_are_spread_over_the_requirements_of_a_part():
    blueprint = blueprint_for(document(), rank=3)
    form = assemble_form(bank(10), blueprint, length=20, rng=5)
    f1 = [r for r in _requirements(form.items, bank(10)) if r.startswith("F1")]
    assert len(set(f1)) == 4  # 9 items over the 4 requirements of F1


def test_the_same_seed_gives_the_same_form_and_exclusions_are_respected():
    blueprint = blueprint_for(document(), rank=3)
    first = assemble_form(bank(5), blueprint, length=10, rng=42)
    assert assemble_form(bank(5), blueprint, length=10, rng=42) == first
    other = assemble_form(bank(5), blueprint, length=10, rng=42, exclude=set(first.items))
    assert not set(other.items) & set(first.items)


def test_a_bank_too_small_names_each_part_and_how_many_are_missing():
    blueprint = blueprint_for(document(), rank=3)
    with pytest.raises(BlueprintShortfallError) as caught:
        assemble_form(bank(1), blueprint, length=40)
    shortages = {s.part: (s.needed, s.available, s.missing) for s in caught.value.shortages}
    assert shortages == {"B": (8, 3, 5), "F1": (18, 4, 14), "F2": (14, 4, 10)}
    assert "part F1 needs 18 items, the bank has 4 (14 missing)" in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_parallel_forms_are_disjoint_follow_the_blueprint_and_match_in_difficulty():
    blueprint = blueprint_for(document(), rank=3)
    items = bank(12, rng_seed=9)
    forms = parallel_forms(items, blueprint, k=3, length=20, rng=11, tolerance=0.05)
    ids = [set(form.items) for form in forms]
    assert all(not a & b for i, a in enumerate(ids) for b in ids[i + 1 :])
    assert all(dict(form.counts) == {"B": 4, "F1": 9, "F2": 7} for form in forms)
    means = [form.mean_difficulty for form in forms]
    assert max(means) - min(means) <= 0.05
    difficulty = {item.id: item.difficulty for item in items}
    for form in forms:
        assert form.mean_difficulty == pytest.approx(np.mean([difficulty[i] for i in form.items]))


def test_uncalibrated_items_count_as_difficulty_zero():
    blueprint = blueprint_for(document(), rank=3)
    forms = parallel_forms(bank(4, calibrated=False), blueprint, k=2, length=10, rng=1)
    assert [form.mean_difficulty for form in forms] == [0.0, 0.0]


def test_parallel_forms_need_k_times_the_items_of_each_part():
    blueprint = blueprint_for(document(), rank=3)
    with pytest.raises(BlueprintShortfallError, match="part F1 needs 10 items"):
        parallel_forms(bank(2), blueprint, k=2, length=10)


def test_an_impossible_tolerance_is_reported():
    blueprint = blueprint_for(document(), rank=3)
    items = [BankItem(i, "F1.C1.K1", float(i)) for i in range(1, 5)]
    items += [BankItem(i, "B1", 0.0) for i in range(10, 14)]
    items += [BankItem(i, "F2.C1.K1", 0.0) for i in range(20, 24)]
    with pytest.raises(ParallelFormsError):
        parallel_forms(items, blueprint, k=4, length=3, tolerance=0.001, rng=0)


def test_templates_mark_every_blank_for_the_reviewer():
    drafts = template_drafts({"F1.C1.K1": "掌握数据标注规范", "F1.C1.S1": "能使用标注工具"})
    assert [(d.requirement, d.kind) for d in drafts] == [
        ("F1.C1.K1", "true_false"), ("F1.C1.K1", "single"), ("F1.C1.S1", "single"),
    ]  # fmt: skip
    assert "数据标注规范" in drafts[1].stem and "掌握" not in drafts[1].stem
    assert all(PLACEHOLDER in " ".join((d.stem, *d.options)) for d in drafts)


def test_model_items_are_checked():
    asked = {"B1": "人工智能基础"}
    good = {"items": [{"requirement": "B1", "kind": "multiple",
                       "stem": "下列属于机器学习算法的有（  ）。",
                       "options": ["决策树", "冒泡排序", "支持向量机", "哈希表"],
                       "answer": "c,a"}]}  # fmt: skip
    assert read_model_items(good, asked)[0].answer == "AC"
    for bad in ({"items": []}, {"items": [{**good["items"][0], "answer": "D"}]},
                {"items": [{**good["items"][0], "requirement": "B9"}]}, []):  # fmt: skip
        with pytest.raises(ValueError):
            read_model_items(bad, asked)


def split_document() -> StandardDocument:
    """中级 split into 机器学习 and 计算机视觉: common 数据处理 (F1), then one function of each."""
    functions = (
        function("数据处理", 30, 40),
        WorkFunction("模型训练", 50, 60, function("训练", 0, 0, 3, 1).contents, "机器学习"),
        WorkFunction("图像识别", 45, 60, function("识别", 0, 0, 1, 1).contents, "计算机视觉"),
    )
    plain = document()
    return StandardDocument(
        occupation_code="2-02-10-09",
        occupation_name="人工智能工程技术人员",
        definition="",
        ethics=plain.ethics,
        basic_knowledge=plain.basic_knowledge,
        levels=(StandardLevel(3, 20, functions),),
        specialisms=("机器学习", "计算机视觉"),
    )


def test_a_paper_in_one_specialism_has_the_common_part_and_that_directions_functions():
    blueprint = blueprint_for(split_document(), rank=3, specialism="机器学习")
    rows = [(p.key, p.title, p.theory_points, p.practice_points) for p in blueprint.parts]
    assert rows == [
        ("B", "基本要求", 20, 0),
        ("F1", "数据处理", 30, 40),
        ("F2", "模型训练", 50, 60),
    ]
    assert blueprint.specialism == "机器学习"


def test_the_other_specialism_keeps_the_function_numbers_of_the_whole_level():
    blueprint = blueprint_for(split_document(), rank=3, specialism="计算机视觉",
                              theory_total=95, practice_total=50)  # fmt: skip
    assert [p.key for p in blueprint.parts] == ["B", "F1", "F3"]
    # weights 20 + 30 + 45 = 95 of 95 points; skill 40 : 60 of 50 points
    assert [p.theory_points for p in blueprint.parts] == [20, 30, 45]
    assert [p.practice_points for p in blueprint.parts] == [0, 20, 30]
    assert blueprint.part("F3").requirements == ("F3.C1.S1", "F3.C1.K1")


def test_a_specialism_the_level_lacks_is_refused_by_name():
    lacking = r"no specialism '机器视觉' \(it has: 机器学习, 计算机视觉\)"
    with pytest.raises(BlueprintError, match=lacking):
        blueprint_for(split_document(), rank=3, specialism="机器视觉")
    with pytest.raises(BlueprintError, match=r"no specialism '机器学习' \(it has: none\)"):
        blueprint_for(document(), rank=3, specialism="机器学习")


def test_a_split_level_needs_a_specialism():
    with pytest.raises(BlueprintError, match="one specialism: choose one of 机器学习, 计算机视觉"):
        blueprint_for(split_document(), rank=3)


def test_a_level_without_specialisms_has_none_on_its_blueprint():
    assert blueprint_for(document(), rank=3).specialism is None
