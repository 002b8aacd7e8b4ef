"""The training pages and endpoints run as many queries for eight rows as for one: no N+1."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.utils import timezone

from zhijiang.accounts.models import Organisation, Role, User
from zhijiang.accounts.tests.factories import make_person
from zhijiang.common.testing import assert_queries_constant
from zhijiang.training import delivery, progress
from zhijiang.training.models import Course, CourseRun
from zhijiang.training.tests.factories import make_course, make_run

pytestmark = pytest.mark.django_db

_serial = itertools.count(1)


@pytest.fixture
def publish(provider_staff: User, provider: Organisation, course: Course) -> Any:
    """``publish(n)``: Pat publishes ``n`` more runs of the course, with room for fifty."""

    def make(count: int) -> list[CourseRun]:
        runs = []
        for _ in range(count):
            start = timezone.localdate() + dt.timedelta(days=10 + next(_serial))
            runs.append(
                make_run(
                    actor=provider_staff,
                    course=course,
                    provider=provider,
                    capacity=50,
                    start_date=start,
                    end_date=start + dt.timedelta(days=30),
                )
            )
        return runs

    return make


@pytest.fixture
def big_run(publish: Any) -> CourseRun:
    return publish(1)[0]


@pytest.fixture
def enrol_people(provider_staff: User, big_run: CourseRun) -> Any:
    """``enrol_people(n)``: ``n`` more learners take a place on the run; each has attended
    its first lesson and passed its first assessment, so the roster has progress to show."""
    plan = progress.plan_items(big_run)
    lesson, assessment = next(iter(plan.lessons)), next(iter(plan.assessments))

    def make(count: int) -> None:
        for _ in range(count):
            person = make_person(role=Role.LEARNER, username=f"trainee{next(_serial)}")
            enrolment = delivery.enrol(person=person, run=big_run)
            progress.attendance_sheet(
                actor=provider_staff, run=big_run, lesson_key=lesson, present={enrolment.pk}
            )
            progress.assessment_record(
                actor=provider_staff, enrolment=enrolment, key=assessment, passed=True, score=90
            )

    return make


@pytest.fixture
def full_run(publish: Any, learner: User) -> CourseRun:
    """A run whose only place Alice took."""
    run = publish(1)[0]
    CourseRun.objects.filter(pk=run.pk).update(capacity=1)
    run.refresh_from_db()
    delivery.enrol(person=learner, run=run)
    return run


@pytest.fixture
def queue_people(full_run: CourseRun) -> Any:
    """``queue_people(n)``: ``n`` more learners join the full run's waiting list."""

    def make(count: int) -> None:
        for _ in range(count):
            person = make_person(role=Role.LEARNER, username=f"waiting{next(_serial)}")
            delivery.enrol(person=person, run=full_run, waitlist=True)

    return make


def test_the_catalogue_runs_the_same_queries_for_one_or_eight_runs(web, publish):
    client = web()
    _one, eight = assert_queries_constant(publish, lambda: client.get("/training/"))
    assert eight.content.decode().count('data-testid="run-card"') == 8


def test_my_courses_page_runs_the_same_queries_for_one_or_eight_enrolments(web, learner, publish):
    def enrol(count: int) -> None:
        for run in publish(count):
            delivery.enrol(person=learner, run=run)

    client = web(learner)
    _one, eight = assert_queries_constant(enrol, lambda: client.get("/training/mine/"))
    assert eight.content.decode().count('data-testid="my-enrolment"') == 8


def test_my_courses_page_runs_the_same_queries_for_one_or_eight_waiting_lists(
    web, other_learner, publish
):
    def wait(count: int) -> None:
        for run in publish(count):
            CourseRun.objects.filter(pk=run.pk).update(capacity=1)
            delivery.enrol(person=make_person(role=Role.LEARNER), run=run)
            delivery.enrol(person=other_learner, run=run, waitlist=True)

    client = web(other_learner)
    _one, eight = assert_queries_constant(wait, lambda: client.get("/training/mine/"))
    assert eight.content.decode().count('data-testid="my-enrolment"') == 8


def test_the_providers_course_list_runs_the_same_queries_for_one_or_eight_courses(
    web, provider_staff, provider, standard
):
    def generate(count: int) -> None:
        for _ in range(count):
            make_course(
                actor=provider_staff, owner=provider, standard=standard, approve=False,
                title=f"课程 {next(_serial)}", use_model=False,
            )  # fmt: skip

    client = web(provider_staff)
    _one, eight = assert_queries_constant(generate, lambda: client.get("/training/courses/"))
    assert eight.content.decode().count('data-testid="course-row"') == 8


def test_the_providers_run_list_runs_the_same_queries_for_one_or_eight_runs(
    web, provider_staff, publish
):
    client = web(provider_staff)
    _one, eight = assert_queries_constant(publish, lambda: client.get("/training/manage/"))
    assert eight.content.decode().count('data-testid="managed-run"') == 8


def test_a_runs_page_for_its_provider_runs_the_same_queries_for_one_or_eight_learners(
    web, provider_staff, big_run, enrol_people
):
    client = web(provider_staff)
    _one, eight = assert_queries_constant(
        enrol_people, lambda: client.get(f"/training/manage/{big_run.pk}/")
    )
    assert eight.content.decode().count('data-testid="roster-row"') == 8


def test_a_runs_page_for_its_provider_runs_the_same_queries_for_one_or_eight_waiting(
    web, provider_staff, full_run, queue_people
):
    client = web(provider_staff)
    _one, eight = assert_queries_constant(
        queue_people, lambda: client.get(f"/training/manage/{full_run.pk}/")
    )
    assert eight.content.decode().count('data-testid="roster-row"') == 9


def test_a_runs_public_page_runs_the_same_queries_for_one_or_eight_learners(
    web, learner, big_run, enrol_people
):
    delivery.enrol(person=learner, run=big_run)
    for client in (web(), web(learner)):
        assert_queries_constant(
            enrol_people, lambda c=client: c.get(f"/training/runs/{big_run.pk}/")
        )


def test_the_notices_page_runs_the_same_queries_for_one_or_eight_notices(
    web, provider_staff, provider, run
):
    def post(count: int) -> None:
        for _ in range(count):
            delivery.notice_publish(
                actor=provider_staff, organisation=provider, title=f"开班通知 {next(_serial)}",
                body="报名从即日起。", run=run,
            )  # fmt: skip

    client = web(provider_staff)
    _one, eight = assert_queries_constant(post, lambda: client.get("/training/notices/"))
    assert eight.content.decode().count('data-testid="notice"') == 8


def test_the_catalogue_endpoint_runs_the_same_queries_for_one_or_eight_runs(api, publish):
    client = api()
    _one, eight = assert_queries_constant(
        publish, lambda: client.call("get", "/training/catalogue")
    )
    assert len(eight.json()["items"]) == 8


def test_my_enrolments_endpoint_runs_the_same_queries_for_one_or_eight(api, learner, publish):
    def enrol(count: int) -> None:
        for run in publish(count):
            delivery.enrol(person=learner, run=run)

    client = api(learner)
    _one, eight = assert_queries_constant(
        enrol, lambda: client.call("get", "/training/me/enrolments")
    )
    assert len(eight.json()["items"]) == 8


def test_the_courses_endpoint_runs_the_same_queries_for_one_or_eight_courses(
    api, provider_staff, provider, standard
):
    def generate(count: int) -> None:
        for _ in range(count):
            make_course(
                actor=provider_staff, owner=provider, standard=standard, approve=False,
                title=f"课程 {next(_serial)}", use_model=False,
            )  # fmt: skip

    client = api(provider_staff)
    _one, eight = assert_queries_constant(generate, lambda: client.call("get", "/training/courses"))
    assert len(eight.json()["items"]) == 8


def test_a_runs_roster_endpoint_runs_the_same_queries_for_one_or_eight_learners(
    api, provider_staff, big_run, enrol_people
):
    client = api(provider_staff)
    _one, eight = assert_queries_constant(
        enrol_people, lambda: client.call("get", f"/training/runs/{big_run.pk}/roster")
    )
    assert len(eight.json()) == 8


def test_a_runs_roster_endpoint_runs_the_same_queries_for_one_or_eight_waiting(
    api, provider_staff, full_run, queue_people
):
    client = api(provider_staff)
    _one, eight = assert_queries_constant(
        queue_people, lambda: client.call("get", f"/training/runs/{full_run.pk}/roster")
    )
    assert [entry["waitlist_position"] for entry in eight.json()] == [None, *range(1, 9)]


def test_my_enrolments_endpoint_runs_the_same_queries_for_one_or_eight_waiting(
    api, other_learner, publish
):
    def wait(count: int) -> None:
        for run in publish(count):
            CourseRun.objects.filter(pk=run.pk).update(capacity=1)
            delivery.enrol(person=make_person(role=Role.LEARNER), run=run)
            delivery.enrol(person=other_learner, run=run, waitlist=True)

    client = api(other_learner)
    _one, eight = assert_queries_constant(
        wait, lambda: client.call("get", "/training/me/enrolments")
    )
    assert [entry["waitlist_position"] for entry in eight.json()["items"]] == [1] * 8


def test_the_notices_endpoint_runs_the_same_queries_for_one_or_eight_notices(
    api, provider_staff, provider, run
):
    def post(count: int) -> None:
        for _ in range(count):
            delivery.notice_publish(
                actor=provider_staff, organisation=provider, title=f"开班通知 {next(_serial)}",
                body="报名从即日起。", run=run,
            )  # fmt: skip

    client = api()
    _one, eight = assert_queries_constant(post, lambda: client.call("get", "/training/notices"))
    assert len(eight.json()["items"]) == 8
