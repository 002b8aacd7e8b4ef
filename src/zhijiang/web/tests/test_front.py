"""The public front page at ``/`` for people who are not signed in: search, open courses,
notices, certificate checks, sign-up, and the platform's figures counted from its data."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zhijiang.accounts.models import Membership, Role, User
from zhijiang.accounts.tests.factories import make_person
from zhijiang.credentials.models import Certificate
from zhijiang.jobs.models import Position
from zhijiang.training import delivery, services
from zhijiang.training.models import Course, CourseRun
from zhijiang.training.tests.factories import make_course
from zhijiang.web.tests import chain

pytestmark = pytest.mark.django_db

FIGURE = re.compile(r'data-figure="(\w+)">.*?<span class="figure-value">(\d+)</span>', re.DOTALL)


@pytest.fixture
def platform(district_officer: User, bureau_officer: User) -> chain.Platform:
    return chain.platform(officer=district_officer, bureau_officer=bureau_officer)


def front(web: Any, language: str = "en") -> str:
    response = web(None, language=language).get("/")
    assert response.status_code == 200
    return response.content.decode()


def figures_of(html: str) -> dict[str, int]:
    return {key: int(value) for key, value in FIGURE.findall(html)}


def counted_in_the_database() -> dict[str, int]:
    """The four figures, counted here straight from the tables."""
    today = timezone.localdate()
    open_runs = CourseRun.objects.filter(
        status=CourseRun.Status.PUBLISHED,
        course__status=Course.Status.APPROVED,
        start_date__gt=today,
        provider__is_active=True,
    )
    learners = Membership.objects.filter(role=Role.LEARNER, user__is_active=True)
    return {
        "positions": Position.objects.filter(
            status=Position.Status.OPEN, employer__is_active=True
        ).count(),
        "courses": len(set(open_runs.values_list("course_id", flat=True))),
        "certificates": Certificate.objects.count(),
        "learners": len(set(learners.values_list("user_id", flat=True))),
    }


def test_an_anonymous_visitor_gets_the_front_page_not_the_sign_in_page(web, db):
    response = web(None).get("/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Skills that lead to work" in page
    for link in [
        "/accounts/sign-up/", "/accounts/login/", "/jobs/", "/training/", "/training/open/",
        "/training/notices/", "/credentials/verify/",
    ]:  # fmt: skip
        assert f'href="{link}"' in page or f'action="{link}"' in page, link


def test_the_figures_are_the_counts_in_the_database(web, platform, learner, other_learner):
    chain.position(platform)
    chain.position(platform, title="数据标注员")
    closed = chain.position(platform, title="已招满")
    Position.objects.filter(pk=closed.pk).update(status=Position.Status.CLOSED)
    chain.run_of(platform)
    chain.run_of(platform, days=20)  # a second run of the same course: still one course
    chain.certify(platform, learner)

    expected = counted_in_the_database()
    assert expected == {"positions": 2, "courses": 1, "certificates": 1, "learners": 2}
    assert figures_of(front(web)) == expected


def test_the_figures_follow_the_data(web, platform, learner):
    before = figures_of(front(web))
    chain.position(platform)
    make_person(role=Role.LEARNER, username="newcomer")
    chain.certify(platform, learner)
    after = figures_of(front(web))
    assert after["positions"] == before["positions"] + 1
    assert after["learners"] == before["learners"] + 1
    assert after["certificates"] == before["certificates"] + 1


def test_a_cancelled_or_started_run_does_not_count_as_a_course_open_for_enrolment(web, platform):
    run = chain.run_of(platform)
    assert figures_of(front(web))["courses"] == 1
    delivery.run_cancel(actor=platform.provider_staff, run=run)
    assert figures_of(front(web))["courses"] == 0


def test_the_front_page_lists_open_courses_and_notices_with_working_links(web, platform):
    chain.open_course(platform)
    delivery.notice_publish(
        actor=platform.provider_staff,
        organisation=platform.provider,
        title="人工智能训练师培训开班通知",
        body="报名从速。",
    )
    page = front(web)
    assert platform.course.title in page and "人工智能训练师培训开班通知" in page
    client = web(None)
    for link in sorted(set(re.findall(r'href="(/(?:training|credentials|jobs)/[^"]*)"', page))):
        assert client.get(link).status_code == 200, link


def test_the_search_boxes_lead_to_the_job_board_and_the_catalogue(web, platform):
    chain.position(platform, title="数据标注员")
    chain.run_of(platform)
    client = web(None)
    jobs = client.get("/jobs/", {"q": "数据标注员"})
    assert jobs.status_code == 200 and "数据标注员" in jobs.content.decode()
    courses = client.get("/training/", {"q": platform.course.title[:4]})
    assert courses.status_code == 200 and platform.course.title in courses.content.decode()


def test_the_front_page_speaks_chinese_by_default(web, db):
    page = front(web, language="zh-hans")
    assert "学技能，好就业" in page and "在招岗位" in page and "服务学员" in page
    assert '<html lang="zh-Hans">' in page


def test_a_signed_in_person_gets_their_home_page_at_the_root(web, learner):
    page = web(learner).get("/").content.decode()
    assert 'data-testid="next-step"' in page
    assert "Skills that lead to work" not in page


def _front_queries(web: Any) -> int:
    client = web(None)
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def test_the_front_page_makes_the_same_queries_for_1_or_10_of_everything(
    web, platform, learner, django_assert_max_num_queries
):
    def add(rows: int) -> None:
        for number in range(rows):
            course = make_course(
                actor=platform.provider_staff, owner=platform.provider,
                standard=platform.course.standard, title=f"公开课 {rows}-{number}",
            )  # fmt: skip
            services.course_set_open(actor=platform.provider_staff, course=course, is_open=True)
            chain.position(platform, title=f"岗位 {number}")
            chain.run_of(platform, days=10 + number)
            chain.certify(platform, learner)
            make_person(role=Role.LEARNER)
            delivery.notice_publish(
                actor=platform.provider_staff, organisation=platform.provider,
                title=f"通知 {number}", body="报名从速。",
            )  # fmt: skip

    add(1)
    one = _front_queries(web)
    add(9)
    assert _front_queries(web) == one
    with django_assert_max_num_queries(8):
        web(None).get("/")
