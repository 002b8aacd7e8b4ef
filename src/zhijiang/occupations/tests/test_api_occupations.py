"""The taxonomy and vocabulary through the API: public, paginated, ranked."""

from __future__ import annotations

import pytest

from zhijiang.occupations.loading import ALIGNMENT_FILE
from zhijiang.occupations.models import InternationalLink, Occupation, Skill

pytestmark = pytest.mark.django_db


def codes(response):
    assert response.status_code == 200, response.content
    return [item["code"] for item in response.json()["items"]]


def test_the_whole_taxonomy_is_loaded_by_migration():
    counts = {level: Occupation.objects.filter(level=level).count() for level in (1, 2, 3, 4)}
    assert counts == {1: 8, 2: 72, 3: 335, 4: 1632}
    assert Occupation.objects.filter(is_digital=True).count() == 95
    trainer = Occupation.objects.get(code="4-04-05-05")
    assert trainer.parent.code == "4-04-05-00" and trainer.parent.parent.code == "4-04-00-00"


def test_browsing_starts_at_the_eight_major_groups(api):
    response = api().call("get", "/occupations")
    assert codes(response)[0] == "1-00-00-00"
    assert response.json()["count"] == 8


def test_children_of_a_group(api):
    found = codes(api().call("get", "/occupations?parent=4-04-05-00&page_size=50"))
    assert "4-04-05-05" in found and all(code.startswith("4-04-05-") for code in found)


def test_search_ranks_the_exact_name_first(api):
    assert codes(api().call("get", "/occupations?q=人工智能训练师"))[0] == "4-04-05-05"


def test_search_finds_aliases_and_codes(api):
    assert "4-04-05-05" in codes(api().call("get", "/occupations?q=AI训练师"))
    assert codes(api().call("get", "/occupations?q=4-04-05-05")) == ["4-04-05-05"]


def test_digital_and_green_filters(api):
    response = api().call("get", "/occupations?digital=true&page_size=200")
    assert response.json()["count"] == 95
    green = api().call("get", "/occupations?green=true&q=碳").json()["items"]
    assert green and all(item["is_green"] for item in green)


def test_occupation_detail_has_tasks_aliases_and_links(api):
    occupation = Occupation.objects.get(code="4-04-05-05")
    InternationalLink.objects.update_or_create(
        occupation=occupation, scheme="esco",
        defaults={"code": "2511.x", "label": "data labeller", "uri": "http://data.europa.eu/esco/occupation/x",
                  "method": "test", "confidence": 0.9},
    )  # fmt: skip
    body = api().call("get", "/occupations/4-04-05-05").json()
    assert body["name"] == "人工智能训练师" and body["is_digital"] is True
    assert len(body["tasks"]) == 5 and "AI训练师" in body["aliases"]
    assert body["label"] == "data labeller"  # English UI shows the ESCO label
    assert (
        api(language="zh-hans").call("get", "/occupations/4-04-05-05").json()["label"]
        == "人工智能训练师"
    )


def test_unknown_occupation_is_404(api):
    response = api().call("get", "/occupations/9-99-99-99")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_invalid_filter_values_name_the_parameter(api):
    response = api().call("get", "/occupations?level=abc")
    assert response.status_code == 422
    assert "level" in response.json()["error"]["fields"]


def test_skills_search(api):
    Skill.objects.create(
        key="python", label_en="Python", kind="technical", is_hot=True, sources=["onet"]
    )
    Skill.objects.create(
        key="数据分析",
        label_zh="数据分析",
        label_en="data analysis",
        kind="knowledge",
        sources=["esco"],
    )
    assert [s["key"] for s in api().call("get", "/skills?q=pyth").json()["items"]] == ["python"]
    assert [s["key"] for s in api().call("get", "/skills?kind=knowledge").json()["items"]] == [
        "数据分析"
    ]
    assert api().call("get", "/skills?hot=true").json()["count"] == 1


def test_skill_extraction_endpoint(api, employer_hr):
    response = api(employer_hr).call(
        "post", "/skills/extract", {"text": "熟悉Vue3和Node.js，负责爬虫开发"}
    )
    assert response.status_code == 200
    body = response.json()
    assert [(s["id"], s["span"]) for s in body["skills"]] == [
        ("vue.js", [2, 6]),
        ("node.js", [7, 14]),
    ]
    assert [c["term"] for c in body["candidates"]] == ["爬虫开发"]


def test_skill_extraction_needs_a_login_and_a_text(api, learner):
    assert api().call("post", "/skills/extract", {"text": "Java"}).status_code == 401
    response = api(learner).call("post", "/skills/extract", {"text": "x" * 100_001})
    assert response.status_code == 422
    assert "text" in response.json()["error"]["fields"]


def test_shipped_links_to_esco_and_isco_are_loaded_with_method_and_confidence():
    shipped = len(ALIGNMENT_FILE.read_text(encoding="utf-8").splitlines()) - 1  # less the header
    esco = InternationalLink.objects.filter(scheme="esco")
    assert esco.count() == shipped > 350
    assert InternationalLink.objects.filter(scheme="isco08").count() == esco.count()
    assert set(esco.values_list("method", flat=True)) == {
        "e5-small-cosine+major-group+hub-limit",
        "curated",
    }
    assert all(0.8 <= confidence <= 1 for confidence in esco.values_list("confidence", flat=True))
    link = esco.get(occupation__code="2-02-10-03")  # 计算机软件工程技术人员, corrected by hand
    assert (link.label, link.method, link.confidence) == ("software developer", "curated", 1.0)
    assert link.uri.startswith("http://data.europa.eu/esco/occupation/")


def test_title_normalizer_endpoint(api):
    response = api().call("get", "/occupations/normalize?title=急招Java开发工程师（双休）&top=3")
    assert response.status_code == 200, response.content
    body = response.json()
    assert len(body) == 3 and body[0]["code"] == "2-02-10-03"
    assert body[0]["reasons"] and 0 < body[0]["score"] <= 1


def test_title_normalizer_endpoint_validates(api):
    assert api().call("get", "/occupations/normalize?title=x&top=0").status_code == 400
    assert api().call("get", "/occupations/normalize").status_code == 422
    assert api().call("get", "/occupations/normalize?title=" + "x" * 501).status_code == 422
    assert api().call("get", "/occupations/normalize?title=！！").json() == []
