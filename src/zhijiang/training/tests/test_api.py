"""The training API for learners: the catalogue, runs, enrolment against capacity with a
waiting list, and their own enrolments."""

from __future__ import annotations

import pytest
from django.utils import timezone

from zhijiang.common.models import District
from zhijiang.training import delivery, progress
from zhijiang.training.models import (
    CourseRun,
    Enrolment,
)
from zhijiang.training.tests.api_helpers import (
    error_of,
    learner_named,
)
from zhijiang.training.tests.factories import make_run

pytestmark = pytest.mark.django_db

# The catalogue


def test_the_catalogue_lists_open_runs_with_the_places_left(api, run, course, learner):
    delivery.enrol(person=learner, run=run)
    body = api().call("get", "/training/catalogue").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["id"] == run.pk and item["course_id"] == course.pk
    assert item["course_title"] == "人工智能训练师（初级工）"
    assert item["occupation"] == course.occupation.code
    assert item["occupation_name"] == course.occupation.name
    assert (item["level"], item["level_name"]) == (2, "Junior worker")
    assert item["provider"] == "数字技能培训学校"
    assert item["start_date"] == run.start_date.isoformat()
    assert item["end_date"] == run.end_date.isoformat()
    assert item["mode"] == "in_person" and item["place"] == "解放碑培训中心 3 楼"
    assert item["district"] == "500103"
    assert item["district_name"] == District.objects.get(code="500103").name_en
    assert (item["fee"], item["voucher_eligible"]) == (0, True)
    assert (item["capacity"], item["places_left"]) == (2, 1)


def test_the_catalogue_filters_by_words_occupation_level_district_mode_fee_and_voucher(
    api, run, course, provider_staff, provider
):
    online = make_run(actor=provider_staff, course=course, provider=provider, mode="online",
                      district="", place="", fee=800, voucher_eligible=False)  # fmt: skip
    client = api()

    def ids(query: str) -> list[int]:
        response = client.call("get", "/training/catalogue" + query)
        assert response.status_code == 200, response.json()
        return [item["id"] for item in response.json()["items"]]

    assert ids("") == [run.pk, online.pk]
    assert ids("?online=true") == [online.pk]
    assert ids("?free=true") == [run.pk]
    assert ids("?voucher=true") == [run.pk]
    assert ids("?district=500103") == [run.pk]
    assert ids("?district=500106") == []
    assert ids("?q=训练师") == [run.pk, online.pk]
    assert ids("?q=焊工") == []
    assert ids("?occupation=" + course.occupation.code[:4]) == [run.pk, online.pk]
    assert ids("?occupation=6-") == []
    assert ids("?level=2") == [run.pk, online.pk]
    assert ids("?level=3") == []


def test_cancelled_and_started_runs_leave_the_catalogue(api, run, course, provider_staff, provider):
    later = make_run(actor=provider_staff, course=course, provider=provider)
    delivery.run_cancel(actor=provider_staff, run=later)
    CourseRun.objects.filter(pk=run.pk).update(start_date=timezone.localdate())
    assert api().call("get", "/training/catalogue").json()["count"] == 0


def test_the_catalogue_refuses_a_level_that_is_not_a_number(api, run):
    response = api().call("get", "/training/catalogue?level=two")
    assert response.status_code == 422
    assert "level" in error_of(response)["fields"]


# A run


def test_anyone_sees_a_run_with_its_modules_lessons_and_assessment_points(api, run, course):
    response = api().call("get", f"/training/runs/{run.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == run.pk and body["status"] == "published"
    assert (body["total_hours"], body["attendance_share"]) == (40, 0.8)
    plan = course.plan
    assert [m["key"] for m in body["modules"]] == [m["key"] for m in plan["modules"]]
    first = body["modules"][0]
    assert first["title"] == plan["modules"][0]["title"]
    assert first["lessons"][0] == {
        key: plan["modules"][0]["lessons"][0][key]
        for key in ("key", "title", "theory_hours", "practice_hours")
    }
    assert first["hours"] == sum(x["theory_hours"] + x["practice_hours"] for x in first["lessons"])
    assert sum(module["hours"] for module in body["modules"]) == 40
    assert [a["key"] for a in body["assessments"]] == [a["key"] for a in plan["assessments"]]
    assert body["assessments"][-1]["key"] == "A-final"
    assert body["assessments"][-1]["kind"] == "final" and body["assessments"][-1]["methods"]


def test_a_run_of_a_retired_course_or_an_unknown_run_is_not_found(api, run, course, provider_staff):
    from zhijiang.training import services

    assert api().call("get", f"/training/runs/{run.pk + 100}").status_code == 404
    services.course_retire(actor=provider_staff, course=course)
    response = api().call("get", f"/training/runs/{run.pk}")
    assert response.status_code == 404 and error_of(response)["code"] == "not_found"


# Enrolment


def test_learners_enrol_until_the_run_is_full_and_then_join_the_waiting_list(
    api, run, learner, other_learner
):
    path = f"/training/runs/{run.pk}/enrolments"
    first = api(learner).call("post", path, {"waitlist": False})
    assert first.status_code == 201, first.json()
    assert first.json()["status"] == "enrolled" and first.json()["waitlist_position"] is None
    assert first.json()["run_id"] == run.pk
    assert api(other_learner).call("post", path, {}).json()["status"] == "enrolled"
    lily = learner_named("lily")
    full = api(lily).call("post", path, {"waitlist": False})
    assert full.status_code == 400 and error_of(full)["code"] == "run_full"
    assert not Enrolment.objects.filter(person=lily).exists()
    waiting = api(lily).call("post", path, {"waitlist": True})
    assert waiting.status_code == 201
    assert waiting.json()["status"] == "waitlisted" and waiting.json()["waitlist_position"] == 1
    body = api().call("get", f"/training/runs/{run.pk}").json()
    assert body["places_left"] == 0


def test_enrolling_twice_is_refused(api, run, learner):
    client = api(learner)
    assert client.call("post", f"/training/runs/{run.pk}/enrolments", {}).status_code == 201
    again = client.call("post", f"/training/runs/{run.pk}/enrolments", {})
    assert again.status_code == 400 and error_of(again)["code"] == "already_enrolled"
    assert Enrolment.objects.filter(person=learner).count() == 1


def test_enrolment_closes_when_the_run_starts(api, run, learner):
    CourseRun.objects.filter(pk=run.pk).update(start_date=timezone.localdate())
    response = api(learner).call("post", f"/training/runs/{run.pk}/enrolments", {})
    assert response.status_code == 400 and error_of(response)["code"] == "run_started"
    assert not Enrolment.objects.exists()


def test_a_cancelled_run_takes_no_enrolments(api, run, learner, provider_staff):
    delivery.run_cancel(actor=provider_staff, run=run)
    response = api(learner).call("post", f"/training/runs/{run.pk}/enrolments", {})
    assert response.status_code == 400 and error_of(response)["code"] == "run_closed"


def test_enrolling_needs_a_sign_in_and_a_learner(api, run, employer_hr):
    path = f"/training/runs/{run.pk}/enrolments"
    assert api().call("post", path, {}).status_code == 401
    response = api(employer_hr).call("post", path, {})
    assert response.status_code == 403 and error_of(response)["code"] == "forbidden"
    assert not Enrolment.objects.exists()


# The learner's enrolments


def test_a_learner_sees_their_enrolments_with_where_they_stand(
    api, run, learner, other_learner, provider_staff
):
    mine = delivery.enrol(person=learner, run=run)
    delivery.enrol(person=other_learner, run=run)
    items = progress.plan_items(run)
    first_key, (_title, first_hours) = next(iter(items.lessons.items()))
    progress.attendance_sheet(actor=provider_staff, run=run, lesson_key=first_key,
                              present={mine.pk})  # fmt: skip
    body = api(learner).call("get", "/training/me/enrolments").json()
    assert body["count"] == 1
    enrolment = body["items"][0]
    assert enrolment["id"] == mine.pk and enrolment["status"] == "enrolled"
    assert enrolment["course_title"] == run.course.title
    assert enrolment["provider"] == "数字技能培训学校"
    assert enrolment["start_date"] == run.start_date.isoformat()
    assert enrolment["completion"] == {
        "attended_hours": first_hours,
        "total_hours": 40,
        "needed_share": 0.8,
        "hours_needed": pytest.approx(32 - first_hours),
        "lessons_completed": 1,
        "lessons_total": len(items.lessons),
        "assessments_passed": [],
        "assessments_missing": list(items.assessments),
        "complete": False,
    }


def test_a_learner_gives_up_a_place_and_the_first_on_the_waiting_list_takes_it(
    api, run, learner, other_learner
):
    mine = delivery.enrol(person=learner, run=run)
    delivery.enrol(person=other_learner, run=run)
    waiting = delivery.enrol(person=learner_named("lily"), run=run, waitlist=True)
    response = api(learner).call("delete", f"/training/me/enrolments/{mine.pk}")
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled" and response.json()["cancelled_at"]
    waiting.refresh_from_db()
    assert waiting.status == Enrolment.Status.ENROLLED
    listed = api(learner).call("get", "/training/me/enrolments?status=cancelled").json()
    assert [item["id"] for item in listed["items"]] == [mine.pk]


def test_a_place_cannot_be_given_up_after_the_start(api, run, learner):
    mine = delivery.enrol(person=learner, run=run)
    CourseRun.objects.filter(pk=run.pk).update(start_date=timezone.localdate())
    response = api(learner).call("delete", f"/training/me/enrolments/{mine.pk}")
    assert response.status_code == 400 and error_of(response)["code"] == "run_started"
    mine.refresh_from_db()
    assert mine.status == Enrolment.Status.ENROLLED


def test_a_learner_cannot_see_or_cancel_another_learners_enrolment(
    api, run, learner, other_learner
):
    theirs = delivery.enrol(person=other_learner, run=run)
    assert api(learner).call("get", "/training/me/enrolments").json()["count"] == 0
    response = api(learner).call("delete", f"/training/me/enrolments/{theirs.pk}")
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Enrolment.Status.ENROLLED


def test_my_enrolments_need_a_sign_in(api, run, learner):
    mine = delivery.enrol(person=learner, run=run)
    assert api().call("get", "/training/me/enrolments").status_code == 401
    assert api().call("delete", f"/training/me/enrolments/{mine.pk}").status_code == 401
