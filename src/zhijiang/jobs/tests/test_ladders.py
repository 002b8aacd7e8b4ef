"""Positions and declared certificates name and check levels on the occupation's ladder: a
professional occupation (大类 2) has 初级, 中级 and 高级 only."""

from __future__ import annotations

from typing import Any

import pytest

from zhijiang.jobs.models import HeldCertificate, Position
from zhijiang.jobs.tests.factories import position_input, vocabulary

pytestmark = pytest.mark.django_db

SOFTWARE = "2-02-10-03"  # 计算机软件工程技术人员
REFUSAL = "计算机软件工程技术人员 is evaluated on 初级, 中级 and 高级; %s is not one of its levels."


def _declare(api: Any, person: Any, level: int, language: str = "en") -> Any:
    return api(person, language=language).call(
        "post", "/jobs/me/job-profile/certificates",
        {"occupation": SOFTWARE, "level": level, "issuer": "某评价机构"},
    )  # fmt: skip


def test_a_declared_professional_certificate_is_named_on_its_ladder(api, web, learner):
    assert _declare(api, learner, 3).status_code == 201
    page = web(learner, language="zh-hans").get("/jobs/profile/").content.decode()
    assert "计算机软件工程技术人员 · 中级 · 某评价机构" in page


def test_declaring_a_professional_certificate_at_首席技师_is_refused(api, learner):
    response = _declare(api, learner, 8)
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["level"] == REFUSAL % "首席技师"
    assert not HeldCertificate.objects.exists()


def _post_position(api: Any, employer: Any, employer_hr: Any, level_min: int) -> Any:
    vocabulary()
    data = position_input(occupation=SOFTWARE, level_min=level_min).__dict__
    return api(employer_hr).call("post", f"/jobs/employers/{employer.pk}/positions", data)


def test_a_position_of_a_professional_occupation_may_require_高级(api, web, employer, employer_hr):
    response = _post_position(api, employer, employer_hr, 4)
    assert response.status_code == 201, response.json()
    page = web(language="zh-hans").get(f"/jobs/{response.json()['id']}/")
    assert "高级" in page.content.decode() and "高级工" not in page.content.decode()


def test_a_position_of_a_professional_occupation_cannot_require_技师(api, employer, employer_hr):
    response = _post_position(api, employer, employer_hr, 5)
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["level_min"] == REFUSAL % "技师"
    assert not Position.objects.exists()


def test_the_level_picker_of_a_position_names_both_ladders(web, employer_hr):
    page = web(employer_hr, language="zh-hans").get("/jobs/manage/new/")
    html = page.content.decode()
    assert ">中级工 / 中级</option>" in html and ">技师</option>" in html
