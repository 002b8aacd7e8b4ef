"""A session's status follows the clock (an open session whose time is over is not taking tests
any more), and the Chinese assessment pages name things as an assessor would: an exam's name
and mode (考试名称, 考试方式) rather than a job title or a training mode, the CAT's stopping
reason in words, a true/false key as 正确 or 错误."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from zhijiang.assessment import sessions
from zhijiang.assessment.models import Attempt, ExamSession, Registration, SessionPhase
from zhijiang.assessment.tests.factories import make_item, make_session

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def moved_back(session: ExamSession, minutes: int) -> ExamSession:
    """The session as if it had started ``minutes`` ago."""
    ExamSession.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - timedelta(minutes=minutes)
    )
    session.refresh_from_db()
    return session


@pytest.fixture
def session(assessor, calibrated_bank) -> ExamSession:
    """An adaptive 60-minute session of level 2, open since a minute ago."""
    return make_session(actor=assessor, bank=calibrated_bank, max_items=4)


def test_the_phase_follows_the_clock_around_the_end_of_the_session(session):
    ends = session.ends_at
    assert session.phase_at(ends - timedelta(seconds=1)) == SessionPhase.OPEN
    assert session.phase_at(ends) == SessionPhase.TIME_OVER
    session.status = ExamSession.Status.SCHEDULED
    assert session.phase_at(ends - timedelta(seconds=1)) == SessionPhase.SCHEDULED
    assert session.phase_at(ends) == SessionPhase.NOT_HELD
    session.status = ExamSession.Status.CLOSED
    assert session.phase_at(ends - timedelta(seconds=1)) == SessionPhase.CLOSED


def test_the_session_list_names_exams_and_shows_a_session_whose_time_is_over(
    web, assessor, session
):
    moved_back(session, 120)
    page = text(web(assessor, language="zh-hans").get("/assessment/sessions/"))
    assert '<th scope="col">考试名称</th>' in page and '<th scope="col">考试方式</th>' in page
    assert "岗位名称" not in page and "培训方式" not in page
    assert 'data-testid="session-phase">时间已过，待结束<' in page
    assert "初级工" in page  # the level by its name, not a bare 2


def test_the_session_form_asks_for_an_exam_name_and_an_exam_mode(web, assessor, calibrated_bank):
    page = text(web(assessor, language="zh-hans").get("/assessment/sessions/new/"))
    assert "考试名称" in page and "考试方式" in page
    assert "岗位名称" not in page and "培训方式" not in page


def test_a_candidate_cannot_take_a_session_whose_time_is_over(web, assessor, learner, session):
    sessions.registration_create(actor=assessor, session=session, person=learner)
    moved_back(session, 120)
    client = web(learner, language="zh-hans")
    mine = text(client.get("/assessment/mine/"))
    assert 'data-testid="session-status">时间已过，待结束<' in mine
    assert 'data-testid="take-test"' not in mine and "该考试场次时间已过。" in mine
    start = text(client.get(f"/assessment/sessions/{session.pk}/take/"))
    assert 'data-testid="start-test"' not in start
    client.post(f"/assessment/sessions/{session.pk}/take/start/")
    assert not Attempt.objects.exists()


def test_nobody_is_registered_for_a_session_whose_time_is_over(web, assessor, learner, session):
    moved_back(session, 120)
    response = web(assessor).post(
        f"/assessment/sessions/{session.pk}/register/", {"person": learner.pk}, follow=True
    )
    assert "The session&#x27;s time is over; register the person for a later session." in text(
        response
    )
    assert not Registration.objects.exists()


def test_results_say_in_words_why_an_adaptive_test_stopped(web, assessor, learner, session):
    sessions.registration_create(actor=assessor, session=session, person=learner)
    attempt = sessions.attempt_start(person=learner, session_id=session.pk)
    while attempt.submitted_at is None:
        attempt = sessions.attempt_cat_answer(
            person=learner, session_id=session.pk, item_id=attempt.current_item_id, answer="A"
        )
    sessions.session_close(actor=assessor, session=session)
    page = text(
        web(assessor, language="zh-hans").get(f"/assessment/sessions/{session.pk}/results/")
    )
    assert "4 · 已达最多试题数" in page
    assert "max_items" not in page
    english = text(web(assessor).get(f"/assessment/sessions/{session.pk}/results/"))
    assert "4 · the most items were given" in english


def test_an_item_page_shows_a_true_false_key_and_its_source_in_words(
    web, assessor, bureau_officer, bank
):
    item = make_item(actor=assessor, bank=bank, kind="true_false", options=[], answer="T",
                     stem="标注框应紧贴目标边缘。")  # fmt: skip
    page = text(web(bureau_officer, language="zh-hans").get(f"/assessment/items/{item.pk}/"))
    assert "<h1>试题</h1>" in page and "项目" not in page
    assert 'data-testid="item-answer">答案: 正确<' in page
    assert "平台录入" in page and "manual" not in page


def test_the_level_review_queue_says_no_decision_waits_rather_than_no_standard(web, bureau_officer):
    page = text(web(bureau_officer, language="zh-hans").get("/assessment/decisions/review/"))
    assert 'data-testid="no-decisions">暂无待您审核的等级认定。<' in page
    assert "暂无待审核的职业标准" not in page
