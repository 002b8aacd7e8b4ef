"""Course texts through the configured language model, against a local fake server: a valid
answer makes richer texts with the same hours; an invalid one leaves the offline texts."""

from __future__ import annotations

import pytest
from tests.fake_llm import FakeLLMServer

from zhijiang.occupations.documents import document_of
from zhijiang.training.models import Course
from zhijiang.training.tests.factories import make_course
from zhijiang_engine.curriculum import course_plan_from_standard, training_projects
from zhijiang_engine.llm import LLMConfig

pytestmark = pytest.mark.django_db


@pytest.fixture
def model(settings):
    with FakeLLMServer() as server:
        settings.LLM_CONFIG = LLMConfig(
            base_url=server.base_url, model="qwen-test", timeout_seconds=5, max_attempts=1
        )
        yield server


def _answer(standard, *, broken: bool = False) -> dict:
    plan = course_plan_from_standard(document_of(standard), rank=2, total_hours=40)
    lessons = [
        {
            "key": lesson.key,
            "summary": f"{lesson.title}：企业案例讲解与上机示范。",
            "exercises": [
                {
                    "requirement": "F9.C9.S9" if broken else o.requirement,
                    "text": f"案例题：{o.source}",
                }
                for o in lesson.objectives
            ],
        }
        for lesson in plan.lessons
    ]
    projects = [
        {
            "key": project.key,
            "brief": "为本地企业完成一批真实数据的标注与质检任务。",
            "equipment": ["计算机", "标注平台"],
            "steps": ["领取任务", "完成标注", "质检并提交"],
            "deliverables": ["标注数据集", "质检报告"],
        }
        for project in training_projects(plan)
    ]
    return {"lessons": lessons, "projects": projects}


def _lessons(course: Course) -> list[dict]:
    return [lesson for module in course.plan["modules"] for lesson in module["lessons"]]


def test_a_valid_model_answer_makes_richer_texts_with_the_same_hours(
    provider_staff, provider, standard, model
):
    model.reply_json(_answer(standard))
    course = make_course(actor=provider_staff, owner=provider, standard=standard, approve=False)
    offline = make_course(actor=provider_staff, owner=provider, standard=standard,
                          approve=False, use_model=False)  # fmt: skip
    assert course.source == Course.Source.MODEL and offline.source == Course.Source.OFFLINE
    assert _lessons(course)[0]["summary"].endswith("企业案例讲解与上机示范。")
    assert course.projects["projects"][0]["brief"] == "为本地企业完成一批真实数据的标注与质检任务。"
    hours = [(x["key"], x["theory_hours"], x["practice_hours"]) for x in _lessons(course)]
    assert hours == [(x["key"], x["theory_hours"], x["practice_hours"]) for x in _lessons(offline)]
    sent = model.chat_requests[0].body["messages"][-1]["content"]
    assert "人工智能训练师" in sent


def test_an_invalid_model_answer_keeps_the_offline_texts(
    provider_staff, provider, standard, model, caplog
):
    model.reply_json(_answer(standard, broken=True))
    course = make_course(actor=provider_staff, owner=provider, standard=standard, approve=False)
    assert course.source == Course.Source.OFFLINE
    assert not _lessons(course)[0]["summary"].endswith("企业案例讲解与上机示范。")
    assert any("offline" in record.getMessage() for record in caplog.records)
