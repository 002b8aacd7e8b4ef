"""A run's status follows its dates: enrolling before the start, under way until the last day,
finished after it; pages, the API and the services agree. Dates are set explicitly from today
(``timezone.localdate()``), as a provider cannot publish a run in the past."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zhijiang.training import delivery
from zhijiang.training.models import CourseRun, Enrolment, Notice, RunPhase, hours_text
from zhijiang.training.tests.page_fixtures import *  # noqa: F403 - the pages' fixtures

pytestmark = pytest.mark.django_db


def dated(run: CourseRun, start: int, end: int) -> CourseRun:
    """Move the run to start and end so many days from today (negative: in the past)."""
    today = timezone.localdate()
    CourseRun.objects.filter(pk=run.pk).update(
        start_date=today + dt.timedelta(days=start), end_date=today + dt.timedelta(days=end)
    )
    run.refresh_from_db()
    return run


def text(response) -> str:
    return response.content.decode()


def test_the_phase_follows_the_dates_around_the_first_and_last_day(run):
    start, end = dt.date(2027, 1, 4), dt.date(2027, 2, 5)
    CourseRun.objects.filter(pk=run.pk).update(start_date=start, end_date=end)
    run.refresh_from_db()
    assert run.phase_on(dt.date(2027, 1, 3)) == RunPhase.ENROLLING
    assert run.phase_on(start) == RunPhase.UNDER_WAY
    assert run.phase_on(end) == RunPhase.UNDER_WAY
    assert run.phase_on(dt.date(2027, 2, 6)) == RunPhase.FINISHED
    run.status = CourseRun.Status.CANCELLED
    assert run.phase_on(dt.date(2027, 1, 3)) == RunPhase.CANCELLED


def test_a_run_that_has_ended_shows_finished_and_not_open_for_enrolment(web, run, learner):
    dated(run, -60, -10)
    page = text(web(learner, language="zh-hans").get(f"/training/runs/{run.pk}/"))
    assert 'data-testid="run-status">已结束<' in page
    assert "报名中" not in page
    assert 'data-testid="enrol"' not in page and 'data-testid="enrolment-closed"' in page


def test_the_runs_list_shows_each_run_by_its_dates(web, provider_staff, provider, course, run):
    from zhijiang.training.tests.factories import make_run

    finished = dated(make_run(actor=provider_staff, course=course, provider=provider), -60, -10)
    under_way = dated(make_run(actor=provider_staff, course=course, provider=provider), -5, 20)
    page = text(web(provider_staff, language="zh-hans").get("/training/manage/"))
    assert page.count('data-testid="run-phase">报名中<') == 1  # only ``run``, still ahead
    assert page.count('data-testid="run-phase">已结束<') == 1
    assert page.count('data-testid="run-phase">培训中<') == 1
    assert finished.pk != under_way.pk != run.pk


def test_my_courses_shows_a_finished_run_as_finished_with_what_was_not_met(
    web, run, learner, enrolment
):
    dated(run, -60, -10)
    page = text(web(learner, language="zh-hans").get("/training/mine/"))
    assert 'data-testid="run-phase">已结束<' in page
    assert "班次已结束，以下结业要求未达到：" in page
    assert 'data-testid="cancel-enrolment"' not in page


def test_enrolling_on_a_finished_run_is_refused_with_its_end_date(api, run, learner):
    run = dated(run, -60, -10)
    response = api(learner).call("post", f"/training/runs/{run.pk}/enrolments", {})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "run_finished"
    assert run.end_date.isoformat() in error["message"]
    assert not Enrolment.objects.exists()


def test_the_api_gives_each_run_its_phase_beside_its_stored_status(api, run, learner):
    body = api(learner).call("get", f"/training/runs/{run.pk}").json()
    assert (body["status"], body["phase"]) == ("published", "enrolling")
    dated(run, -60, -10)
    body = api(learner).call("get", f"/training/runs/{run.pk}").json()
    assert (body["status"], body["phase"]) == ("published", "finished")


def test_a_finished_run_cannot_be_cancelled(web, provider_staff, run, enrolment):
    dated(run, -60, -10)
    client = web(provider_staff)
    assert 'data-testid="cancel-run"' not in text(client.get(f"/training/manage/{run.pk}/"))
    response = client.post(f"/training/manage/{run.pk}/cancel/", follow=True)
    assert "a finished run cannot be cancelled" in text(response)
    run.refresh_from_db()
    enrolment.refresh_from_db()
    assert run.status == CourseRun.Status.PUBLISHED
    assert enrolment.status == Enrolment.Status.ENROLLED


def test_a_run_under_way_can_still_be_cancelled(web, provider_staff, run, enrolment):
    dated(run, -3, 20)
    web(provider_staff).post(f"/training/manage/{run.pk}/cancel/")
    run.refresh_from_db()
    assert run.status == CourseRun.Status.CANCELLED


def test_a_notice_cannot_announce_a_finished_run(api, web, provider_staff, provider, run):
    dated(run, -60, -10)
    response = api(provider_staff).call(
        "post",
        "/training/notices",
        {
            "organisation_id": provider.pk,
            "title": "开班通知",
            "body": "欢迎报名。",
            "run_id": run.pk,
        },
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "run_closed"
    assert error["message"] == "A notice cannot announce a run that has finished or was cancelled."
    assert not Notice.objects.exists()
    form = text(web(provider_staff).get("/training/notices/new/"))
    picker = form[form.index('name="run"') :]
    picker = picker[: picker.index("</select>")]
    assert f'value="{run.pk}"' not in picker  # the page does not offer it either


def test_a_freed_place_on_a_finished_run_goes_to_nobody(
    provider_staff, run, learner, other_learner
):
    from zhijiang.accounts.models import Role
    from zhijiang.accounts.tests.factories import make_person

    delivery.enrol(person=learner, run=run)
    mine = delivery.enrol(person=other_learner, run=run)
    waiting = delivery.enrol(
        person=make_person(role=Role.LEARNER, username="carol"), run=run, waitlist=True
    )
    dated(run, -60, -10)
    delivery.enrolment_cancel(actor=provider_staff, enrolment=mine)
    waiting.refresh_from_db()
    assert waiting.status == Enrolment.Status.WAITLISTED


def test_hours_are_written_without_a_trailing_zero():
    from decimal import Decimal

    assert hours_text(Decimal("128.0")) == "128"
    assert hours_text(Decimal("12.5")) == "12.5"
    assert hours_text(40) == "40"
