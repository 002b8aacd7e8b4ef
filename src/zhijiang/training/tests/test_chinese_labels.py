"""The Chinese training pages name things as a provider would: a course's name is not a job
title (岗位名称), a lesson has a 课节名称, a learner has a 姓名."""

from __future__ import annotations

import pytest

from zhijiang.training.tests.page_fixtures import *  # noqa: F403 - the pages' fixtures

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def test_the_course_list_heads_its_titles_as_course_names(web, provider_staff, course):
    page = text(web(provider_staff, language="zh-hans").get("/training/courses/"))
    assert '<th scope="col">课程名称</th>' in page
    assert "岗位名称" not in page


def test_the_new_course_and_notice_forms_do_not_ask_for_a_job_title(web, provider_staff):
    client = web(provider_staff, language="zh-hans")
    new_course = text(client.get("/training/courses/new/"))
    assert "课程名称" in new_course and "岗位名称" not in new_course
    new_notice = text(client.get("/training/notices/new/"))
    assert "标题" in new_notice and "岗位名称" not in new_notice


def test_the_plan_editor_heads_its_lessons_with_lesson_names(web, provider_staff, draft_course):
    client = web(provider_staff, language="zh-hans")
    page = text(client.get(f"/training/courses/{draft_course.pk}/edit/"))
    assert '<th scope="col">课节名称</th>' in page
    assert "岗位名称" not in page


def test_the_roster_names_learners_by_their_personal_name(web, provider_staff, run, enrolment):
    page = text(web(provider_staff, language="zh-hans").get(f"/training/manage/{run.pk}/"))
    assert '<th scope="col">姓名</th>' in page
    assert '<th scope="col">名称</th>' not in page


def test_the_english_pages_keep_plain_titles(web, provider_staff, course):
    page = text(web(provider_staff).get("/training/courses/"))
    assert '<th scope="col">Title</th>' in page
