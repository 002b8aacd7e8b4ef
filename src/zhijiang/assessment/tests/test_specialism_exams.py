"""Exams in one specialism (专业方向): a level of a 职业技术技能标准 split into directions is
examined in one of them. Its blueprint, exam forms and adaptive pool hold the common part and
that direction only; the session, the level decision and the certificate carry the direction
("中级 · 应用软件方向"); a specialism the level lacks is refused on the form and the API."""

from __future__ import annotations

import copy
from typing import Any
from urllib.parse import quote

import pytest
from django.utils import timezone

from zhijiang.assessment import outcomes, practical, sessions
from zhijiang.assessment.itemfiles import content_hash
from zhijiang.assessment.models import ExamForm, ExamSession, Item
from zhijiang.assessment.tests.factories import make_bank, make_session
from zhijiang.credentials.documents import facts
from zhijiang.credentials.verification import verify_document
from zhijiang.occupations import services as standard_services
from zhijiang.occupations.tests.factories import document, imported
from zhijiang_engine.assessment import part_of_requirement

pytestmark = pytest.mark.django_db

SOFTWARE = "2-02-10-03"  # 计算机软件工程技术人员, a professional occupation
EMBEDDED, APPLICATIONS = "嵌入式软件", "应用软件"
# 中级 (3): F1 common; F2 嵌入式软件; F3 应用软件 (the ids the items are written against).
LEVEL_3 = ("E1", "B1", "F1.C1.S1", "F1.C1.K1", "F2.C1.S1", "F2.C1.K1", "F3.C1.S1", "F3.C1.K1")


def split_document() -> dict[str, Any]:
    """初级 common to all; 中级 split: 数据采集和处理 common, one function per direction."""
    data = document(code=SOFTWARE, name="计算机软件工程技术人员")
    data["specialisms"] = [EMBEDDED, APPLICATIONS]
    functions = data["levels"][1]["functions"]
    functions[1]["specialism"] = EMBEDDED
    other = copy.deepcopy(functions[1])
    other.update(title="应用软件测试", specialism=APPLICATIONS)
    functions.append(other)
    return data


@pytest.fixture
def split_bank(district_officer, bureau_officer, assessor):
    """Ada's bank for an approved split standard, with 48 calibrated 中级 items over every
    requirement of the level, those of both directions included."""
    standard = imported(district_officer, split_document())
    standard_services.standard_submit(actor=district_officer, standard=standard)
    standard_services.standard_approve(actor=bureau_officer, standard=standard)
    body = assessor.memberships.get().organisation
    bank = make_bank(actor=assessor, owner=body, standard=standard)
    items = []
    for number in range(48):
        stem = f"第{number + 1}题：软件测试中，回归测试应当（  ）。"
        options = ["覆盖修改影响的功能", "只测新功能", "跳过", "随意选择"]
        items.append(
            Item(bank=bank, level=3, requirement=LEVEL_3[number % len(LEVEL_3)], kind="single",
                 stem=stem, options=options, answer="A", author=assessor,
                 status=Item.Status.CALIBRATED, content_hash=content_hash(stem, options),
                 discrimination=1.0 + (number % 5) / 10, difficulty=(number % 7 - 3) / 3)
        )  # fmt: skip
    Item.objects.bulk_create(items)
    return bank


def parts_of(items) -> set[str]:
    return {part_of_requirement(item.requirement) for item in items}


def test_the_blueprint_of_a_direction_has_the_common_part_and_that_directions_function(
    api, assessor, split_bank
):
    path = f"/assessment/standards/{split_bank.standard_id}/blueprint?level=3"
    client = api(assessor)
    blueprint = client.call("get", f"{path}&specialism={APPLICATIONS}").json()
    assert blueprint["specialism"] == APPLICATIONS
    assert [(p["key"], p["theory_points"], p["practice_points"]) for p in blueprint["parts"]] == [
        ("B", 10, 0), ("F1", 60, 60), ("F3", 30, 40),
    ]  # fmt: skip
    missing = client.call("get", path)
    assert missing.status_code == 400
    assert missing.json()["error"]["code"] == "specialism_required"
    wrong = client.call("get", f"{path}&specialism=机器视觉").json()["error"]
    assert wrong["code"] == "unknown_specialism"
    assert wrong["fields"]["specialism"] == (
        f"“机器视觉” is not a specialism of level 3 (it has: {EMBEDDED}, {APPLICATIONS})."
    )


def test_a_form_in_one_direction_draws_only_common_and_that_directions_items(
    api, assessor, split_bank
):
    payload = {"level": 3, "specialism": APPLICATIONS, "length": 20, "seed": 5}
    response = api(assessor, language="zh-hans").call(
        "post", f"/assessment/banks/{split_bank.pk}/forms", payload
    )
    assert response.status_code == 201, response.json()
    (form,) = response.json()
    assert form["specialism"] == APPLICATIONS
    assert form["title"] == "训练师题库 · 中级 · 应用软件方向"
    saved = ExamForm.objects.get(pk=form["id"])
    assert saved.specialism == APPLICATIONS
    assert parts_of(saved.items.all()) == {"B", "F1", "F3"}


@pytest.mark.parametrize(
    ("level", "specialism", "code"),
    [(3, "机器视觉", "unknown_specialism"), (3, "", "specialism_required"),
     (2, APPLICATIONS, "unknown_specialism")],
)  # fmt: skip
def test_a_form_in_a_specialism_the_level_lacks_is_refused_on_the_api(
    api, assessor, split_bank, level, specialism, code
):
    payload = {"level": level, "specialism": specialism, "length": 10}
    response = api(assessor).call("post", f"/assessment/banks/{split_bank.pk}/forms", payload)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == code and "specialism" in error["fields"]
    assert not ExamForm.objects.exists()


def test_the_assembly_page_lists_the_directions_and_refuses_one_the_level_lacks(
    web, assessor, split_bank
):
    client = web(assessor)
    path = f"/assessment/banks/{split_bank.pk}/forms/new/"
    page = client.get(path).content.decode()
    option = f'<option value="{APPLICATIONS}">Intermediate (technical) · {APPLICATIONS}</option>'
    assert option in page
    unknown = client.post(path, {"level": 2, "specialism": APPLICATIONS, "count": 1,
                                 "points_per_item": 1, "length": 5})  # fmt: skip
    assert unknown.status_code == 400
    assert "is not a specialism of level 2, which has none" in unknown.content.decode()
    invented = client.post(path, {"level": 3, "specialism": "机器视觉", "count": 1,
                                  "points_per_item": 1})  # fmt: skip
    assert invented.status_code == 400 and not ExamForm.objects.exists()
    made = client.post(path, {"level": 3, "specialism": EMBEDDED, "count": 1,
                              "points_per_item": 1, "length": 10, "seed": 3})  # fmt: skip
    assert made.status_code == 302
    assert parts_of(ExamForm.objects.get(specialism=EMBEDDED).items.all()) == {"B", "F1", "F2"}


def test_an_adaptive_session_in_a_direction_draws_only_its_items(api, assessor, split_bank):
    base = {"bank": split_bank.pk, "level": 3, "mode": "adaptive",
            "starts_at": timezone.now().isoformat(), "duration_minutes": 60}  # fmt: skip
    client = api(assessor)
    refused = client.call("post", "/assessment/sessions", {**base, "specialism": "机器视觉"})
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"]["specialism"].startswith("“机器视觉” is not")
    response = client.call("post", "/assessment/sessions", {**base, "specialism": EMBEDDED})
    assert response.status_code == 201, response.json()
    assert response.json()["specialism"] == EMBEDDED
    session = ExamSession.objects.get(pk=response.json()["id"])
    pool = sessions.cat_pool(session)
    assert set(pool.bank.content) == {"B", "F1", "F2"} and set(pool.targets) == {"B", "F1", "F2"}


def test_a_fixed_session_takes_its_forms_direction_and_refuses_another(api, assessor, split_bank):
    client = api(assessor)
    wanted = {"level": 3, "specialism": APPLICATIONS, "length": 10}
    (form,) = client.call("post", f"/assessment/banks/{split_bank.pk}/forms", wanted).json()
    base = {"bank": split_bank.pk, "level": 3, "mode": "fixed", "form": form["id"],
            "starts_at": timezone.now().isoformat(), "duration_minutes": 60}  # fmt: skip
    other = client.call("post", "/assessment/sessions", {**base, "specialism": EMBEDDED})
    assert other.status_code == 400 and "form" in other.json()["error"]["fields"]
    taken = client.call("post", "/assessment/sessions", base)
    assert taken.status_code == 201 and taken.json()["specialism"] == APPLICATIONS


def test_the_decision_and_the_certificate_carry_the_direction(
    api, assessor, second_assessor, split_bank, learner
):
    client = api(assessor)
    wanted = {"level": 3, "specialism": APPLICATIONS, "length": 8}
    (form,) = client.call("post", f"/assessment/banks/{split_bank.pk}/forms", wanted).json()
    exam = ExamForm.objects.get(pk=form["id"])
    session = make_session(actor=assessor, bank=split_bank, mode="fixed", form=exam, level=3)
    projects = practical.standard_projects(session)
    criteria = [c.requirement for project in projects for c in project.rubric]
    assert criteria and {part_of_requirement(key) for key in criteria} <= {"B", "F1", "F3"}
    task = practical.practical_task_set(
        actor=assessor, session=session, project_key=projects[0].key
    )
    registration = sessions.registration_create(actor=assessor, session=session, person=learner)
    sessions.attempt_start(person=learner, session_id=session.pk)
    for item in exam.items.all():
        sessions.attempt_answer_save(person=learner, session_id=session.pk, item_id=item.pk,
                                     answer="A")  # fmt: skip
    sessions.attempt_submit(person=learner, session_id=session.pk)
    sessions.session_close(actor=assessor, session=session)
    for scorer in (assessor, second_assessor):
        practical.practical_score_submit(
            actor=scorer, registration=registration,
            criteria={row["key"]: row["points"] * 0.8 for row in task.rubric},
        )  # fmt: skip
    decision = outcomes.decision_make(actor=assessor, registration=registration)
    assert (decision.passed, decision.specialism) == (True, APPLICATIONS)
    certificate = decision.certificate
    assert certificate.specialism == APPLICATIONS
    credential = certificate.credential
    assert credential["name"] == "计算机软件工程技术人员（中级 · 应用软件方向）职业技术技能等级证书"
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["name"] == "计算机软件工程技术人员（中级 · 应用软件方向）"
    assert achievement["id"].endswith(":level-3:%E5%BA%94%E7%94%A8%E8%BD%AF%E4%BB%B6")
    assert verify_document(credential).valid
    assert "（应用软件方向）" in certificate.evidence
    assert facts(certificate).level_zh == "中级 · 应用软件方向"
    mine = api(learner, language="zh-hans").call("get", "/credentials/mine").json()["items"]
    assert [row["level_name"] for row in mine] == ["中级 · 应用软件方向"]
    decided = client.call("get", f"/assessment/sessions/{session.pk}/decisions").json()
    assert [row["specialism"] for row in decided] == [APPLICATIONS]


def test_the_blueprint_page_of_a_split_level_shows_one_direction_and_links_the_other(
    web, assessor, split_bank
):
    path = f"/assessment/standards/{split_bank.standard_id}/blueprint/3/"
    client = web(assessor, language="zh-hans")
    page = client.get(path).content.decode()
    assert "中级 · 嵌入式软件方向" in page and "应用软件测试" not in page
    assert f'<a href="?specialism={quote(APPLICATIONS)}">{APPLICATIONS}</a>' in page
    other = client.get(path, {"specialism": APPLICATIONS}).content.decode()
    assert "应用软件测试" in other and "智能系统运维" not in other
    assert client.get(path, {"specialism": "机器视觉"}).status_code == 400
