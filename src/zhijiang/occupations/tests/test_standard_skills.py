"""A standard's requirements name skills in words; where the vocabulary knows the word under
another key (数据分析 is "data analysis"), the requirement links the vocabulary skill instead of
coining a new one, so certificates, positions and plans speak of the same skill."""

from __future__ import annotations

import pytest

from zhijiang.occupations.models import Requirement, Skill
from zhijiang.occupations.tests.factories import document, imported

pytestmark = pytest.mark.django_db


def _with_skill(label: str) -> dict:
    data = document()
    data["levels"][0]["functions"][0]["contents"][0]["skills"][0]["skills"] = [label]
    return data


def test_a_requirement_links_the_vocabulary_skill_of_the_same_chinese_label(district_officer):
    vocabulary = Skill.objects.create(
        key="data annotation", label_zh="数据标注", label_en="data annotation",
        kind=Skill.Kind.TECHNICAL, sources=["esco"],
    )  # fmt: skip
    imported(district_officer, _with_skill("数据标注"))
    (linked,) = Requirement.objects.filter(
        text="能按照标注规范完成图片、文字、语音数据的标注", content__function__level__rank=2
    )
    assert list(linked.skills.all()) == [vocabulary]
    assert not Skill.objects.filter(key="数据标注").exists()
    vocabulary.refresh_from_db()
    assert vocabulary.sources == ["esco", "standard"]


def test_a_word_the_vocabulary_does_not_know_is_coined_for_the_standard(district_officer):
    imported(district_officer, _with_skill("标注质检"))
    assert Skill.objects.get(key="标注质检").sources == ["standard"]


def test_a_vocabulary_skill_wins_over_a_word_an_earlier_standard_coined(district_officer):
    Skill.objects.create(key="数据标注", label_zh="数据标注", kind=Skill.Kind.TECHNICAL,
                         sources=["standard"])  # fmt: skip
    vocabulary = Skill.objects.create(
        key="data annotation", label_zh="数据标注", label_en="data annotation",
        kind=Skill.Kind.TECHNICAL, sources=["esco"],
    )  # fmt: skip
    imported(district_officer, _with_skill("数据标注"))
    (linked,) = Requirement.objects.filter(
        text="能按照标注规范完成图片、文字、语音数据的标注", content__function__level__rank=2
    )
    assert list(linked.skills.all()) == [vocabulary]
