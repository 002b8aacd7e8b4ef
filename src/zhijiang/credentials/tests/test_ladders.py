"""A certificate states its level on the occupation's ladder: a professional occupation's
(大类 2) is a 职业技术技能等级证书 at 初级, 中级 or 高级; a worker's stays the eight-level
职业技能等级证书, as it always was."""

from __future__ import annotations

from typing import Any

from zhijiang.credentials.models import Certificate
from zhijiang.credentials.tests.factories import BLOCKCHAIN, TRAINER

SOFTWARE = "2-02-10-03"  # 计算机软件工程技术人员


def _issue(client: Any, body: Any, learner: Any, code: str, level: int) -> Any:
    return client.call(
        "post",
        "/credentials/certificates",
        {"issuer": body.pk, "person": learner.pk, "occupation": code, "level": level,
         "evidence": "理论考试 86 分，实操考核 91 分。"},
    )  # fmt: skip


def test_a_professional_certificate_says_中级_and_职业技术技能等级证书(
    api: Any, web: Any, assessor: Any, body: Any, learner: Any
) -> None:
    response = _issue(api(assessor), body, learner, SOFTWARE, 3)
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["level_name"] == "Intermediate (technical)" and data["verification"]["valid"]
    credential = data["credential"]
    assert credential["name"] == "计算机软件工程技术人员（中级）职业技术技能等级证书"
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["name"] == "计算机软件工程技术人员（中级）"
    assert achievement["criteria"]["narrative"] == (
        "通过计算机软件工程技术人员职业技术技能等级认定，达到中级要求。"
    )
    rubric = achievement["resultDescription"][0]
    assert rubric["name"] == "职业技术技能等级 / Technical skill level"
    assert [(level["id"], level["name"]) for level in rubric["rubricCriterionLevel"]] == [
        ("urn:zhijiang:technical-skill-level:2", "初级"),
        ("urn:zhijiang:technical-skill-level:3", "中级"),
        ("urn:zhijiang:technical-skill-level:4", "高级"),
    ]
    result = credential["credentialSubject"]["result"][0]
    assert result["achievedLevel"] == "urn:zhijiang:technical-skill-level:3"
    assert result["value"] == "中级"
    page = web(language="zh-hans").get(f"/credentials/c/{data['uuid']}/").content.decode()
    assert "<h1>职业技术技能等级证书</h1>" in page
    assert 'data-testid="level">中级</dd>' in page


def test_a_worker_certificate_keeps_the_eight_level_ladder(
    api: Any, web: Any, assessor: Any, body: Any, learner: Any
) -> None:
    data = _issue(api(assessor), body, learner, TRAINER, 3).json()
    credential = data["credential"]
    assert data["level_name"] == "Intermediate worker"
    assert credential["name"] == "人工智能训练师（中级工）职业技能等级证书"
    achievement = credential["credentialSubject"]["achievement"]
    assert (
        achievement["criteria"]["narrative"]
        == "通过人工智能训练师职业技能等级认定，达到中级工要求。"
    )
    assert achievement["description"] == "4-04-05-05, skill level 3: Intermediate Worker"
    rubric = achievement["resultDescription"][0]
    assert rubric["name"] == "职业技能等级 / Skill level"
    assert [level["id"] for level in rubric["rubricCriterionLevel"]] == [
        f"urn:zhijiang:skill-level:{rank}" for rank in range(1, 9)
    ]
    assert credential["credentialSubject"]["result"][0]["achievedLevel"] == (
        "urn:zhijiang:skill-level:3"
    )
    page = web(language="zh-hans").get(f"/credentials/c/{data['uuid']}/").content.decode()
    assert "<h1>职业技能等级证书</h1>" in page
    assert 'data-testid="level">中级工（第 3 级，共 8 级）</dd>' in page


def test_a_professional_certificate_at_技师_is_refused_naming_the_level(
    api: Any, assessor: Any, body: Any, learner: Any
) -> None:
    response = _issue(api(assessor), body, learner, BLOCKCHAIN, 5)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_level"
    assert error["fields"]["level"] == (
        "区块链工程技术人员 is evaluated on 初级, 中级 and 高级; 技师 is not one of its levels."
    )
    assert not Certificate.objects.exists()
