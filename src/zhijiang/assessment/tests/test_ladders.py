"""A professional occupation (大类 2) is assessed on 初级, 中级 and 高级 only: its sessions,
items and exam forms are refused at other levels with a message that names its levels, and
its sessions name their level on its ladder."""

from __future__ import annotations

import pytest
from django.utils import timezone

from zhijiang.assessment.models import ExamSession
from zhijiang.assessment.tests.factories import make_bank
from zhijiang.occupations import services as standard_services
from zhijiang.occupations.tests.factories import document, imported

pytestmark = pytest.mark.django_db

SOFTWARE = "2-02-10-03"  # 计算机软件工程技术人员
REFUSAL = (
    "计算机软件工程技术人员 is evaluated on 初级, 中级 and 高级; 技师 is not one of its levels."
)


@pytest.fixture
def professional_bank(district_officer, bureau_officer, assessor):
    """Ada's bank for an approved 计算机软件工程技术人员 standard at 初级 (2) and 中级 (3)."""
    standard = imported(district_officer, document(code=SOFTWARE, name="计算机软件工程技术人员"))
    standard_services.standard_submit(actor=district_officer, standard=standard)
    standard_services.standard_approve(actor=bureau_officer, standard=standard)
    body = assessor.memberships.get().organisation
    return make_bank(actor=assessor, owner=body, standard=standard)


def _schedule(bank, level):
    return {"bank": bank.pk, "level": level, "mode": "adaptive",
            "starts_at": timezone.now().isoformat(), "duration_minutes": 60}  # fmt: skip


def test_a_session_at_技师_for_a_professional_occupation_is_refused_naming_its_levels(
    api, assessor, professional_bank
):
    response = api(assessor).call("post", "/assessment/sessions", _schedule(professional_bank, 5))
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_level" and error["fields"]["level"] == REFUSAL
    assert not ExamSession.objects.exists()


def test_a_session_at_中级_is_named_on_the_professional_ladder(
    api, web, assessor, professional_bank
):
    client = api(assessor, language="zh-hans")
    response = client.call("post", "/assessment/sessions", _schedule(professional_bank, 3))
    assert response.status_code == 201, response.json()
    assert response.json()["title"] == "训练师题库 · 中级"
    session_id = response.json()["id"]
    page = web(assessor, language="zh-hans").get(f"/assessment/sessions/{session_id}/")
    assert "中级工" not in page.content.decode() and "中级" in page.content.decode()


def test_a_professional_blueprint_at_技师_is_refused(web, assessor, professional_bank):
    standard = professional_bank.standard
    response = web(assessor).get(f"/assessment/standards/{standard.pk}/blueprint/5/")
    assert response.status_code == 400
    assert REFUSAL in response.content.decode()
