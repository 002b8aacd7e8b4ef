"""Each occupation is evaluated on its own ladder: workers on the eight-level worker ladder,
the professionals of 大类 2 on 初级, 中级 and 高级 (ranks 2–4) of a 职业技术技能标准, and
大类 1, 7 and 8 on none. Drafting, import, the standard's page and level names follow it."""

from __future__ import annotations

import pytest
from django.utils import translation

from zhijiang.occupations.levels import level_label
from zhijiang.occupations.models import Standard
from zhijiang.occupations.tests.factories import TRAINER, document, imported

pytestmark = pytest.mark.django_db

SOFTWARE = "2-02-10-03"  # 计算机软件工程技术人员, a professional occupation
PARTY_HEAD = "1-01-00-01"  # 中国共产党机关负责人: 大类 1, no skill standard


@pytest.mark.parametrize(
    ("language", "code", "expected"),
    [
        ("zh-hans", SOFTWARE, ["初级", "中级", "高级"]),
        ("zh-hans", TRAINER, ["初级工", "中级工", "高级工"]),
        ("zh-hans", None, ["初级工", "中级工", "高级工"]),
        ("en", SOFTWARE, ["Junior (technical)", "Intermediate (technical)", "Senior (technical)"]),
        ("en", TRAINER, ["Junior worker", "Intermediate worker", "Senior worker"]),
    ],
)
def test_level_labels_name_ranks_2_to_4_on_the_occupations_ladder(language, code, expected):
    with translation.override(language):
        assert [level_label(rank, code) for rank in (2, 3, 4)] == expected


def test_a_rank_off_a_professional_ladder_keeps_its_worker_name_rather_than_failing():
    with translation.override("zh-hans"):
        assert level_label(5, SOFTWARE) == "技师"
        assert level_label(8, TRAINER) == "首席技师"
        assert level_label(None, SOFTWARE) == ""


def test_a_professional_occupations_draft_covers_初级_中级_and_高级(api, district_officer):
    response = api(district_officer).call(
        "post", f"/occupations/{SOFTWARE}/standards", {"use_model": False}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["levels"] == [2, 3, 4]
    assert [level["name"] for level in body["document"]["levels"]] == ["初级", "中级", "高级"]


def test_a_worker_occupations_draft_still_covers_the_five_national_levels(api, district_officer):
    response = api(district_officer).call(
        "post", f"/occupations/{TRAINER}/standards", {"use_model": False}
    )
    assert response.status_code == 201, response.content
    assert response.json()["levels"] == [2, 3, 4, 5, 6]


def test_drafting_技师_for_a_professional_occupation_is_refused_naming_its_levels(
    api, district_officer
):
    response = api(district_officer).call(
        "post", f"/occupations/{SOFTWARE}/standards", {"levels": [3, 5], "use_model": False}
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_level"
    assert error["fields"]["levels"] == (
        "计算机软件工程技术人员 is evaluated on 初级, 中级 and 高级; 技师 is not one of its levels."
    )
    assert not Standard.objects.exists()


def test_the_refusal_speaks_chinese_to_a_chinese_reader(api, district_officer):
    response = api(district_officer, language="zh-hans").call(
        "post", f"/occupations/{SOFTWARE}/standards", {"levels": [6], "use_model": False}
    )
    assert response.json()["error"]["message"] == (
        "计算机软件工程技术人员按初级、中级、高级三个等级评价，高级技师不是它的等级。"
    )


def test_an_occupation_of_大类_1_gets_no_standard(api, district_officer):
    response = api(district_officer).call(
        "post", f"/occupations/{PARTY_HEAD}/standards", {"use_model": False}
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "no_skill_standard"
    assert not Standard.objects.exists()


def test_importing_a_professional_standard_at_技师_names_the_json_path(api, district_officer):
    data = document(code=SOFTWARE, name="计算机软件工程技术人员")
    data["levels"][1]["level"] = 5
    response = api(district_officer).call("post", "/standards/import", data)
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert fields["$.levels[1].level"] == (
        "level 5 is not a level of a professional occupation (初级 2, 中级 3, 高级 4)"
    )


def test_a_professional_standards_page_is_a_职业技术技能标准_with_its_levels(web, district_officer):
    standard = imported(district_officer, document(code=SOFTWARE, name="计算机软件工程技术人员"))
    html = web(district_officer, language="zh-hans").get(f"/occupations/standards/{standard.pk}/")
    page = html.content.decode()
    assert "职业技术技能标准：计算机软件工程技术人员" in page
    assert "3.1 初级</h3>" in page and "3.2 中级</h3>" in page
    assert "初级工" not in page and "五级" not in page


def test_a_worker_standards_page_keeps_its_title_and_national_level_names(web, district_officer):
    standard = imported(district_officer)
    page = (
        web(district_officer, language="zh-hans")
        .get(f"/occupations/standards/{standard.pk}/")
        .content.decode()
    )
    assert "职业技能标准：人工智能训练师" in page and "职业技术技能标准" not in page
    assert "3.1 五级/初级工</h3>" in page


def test_the_draft_form_offers_a_professional_occupation_only_its_three_levels(
    web, district_officer
):
    page = web(district_officer, language="zh-hans").get(f"/occupations/{SOFTWARE}/")
    html = page.content.decode()
    assert 'data-testid="draft-standard"' in html
    offered = [
        value for value in ("1", "2", "3", "4", "5", "6", "7", "8")
        if f'name="levels" value="{value}"' in html
    ]  # fmt: skip
    assert offered == ["2", "3", "4"]
    assert "高级技师" not in html


def test_an_occupation_of_大类_1_offers_no_draft(web, district_officer):
    html = web(district_officer).get(f"/occupations/{PARTY_HEAD}/").content.decode()
    assert 'data-testid="draft-standard"' not in html
    assert "have no skill standard" in html
