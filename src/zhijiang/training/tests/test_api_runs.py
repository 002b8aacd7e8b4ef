"""The training API for providers: publishing runs, the roster, attendance, results,
cancellation, notices, and the xAPI statement store."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zhijiang.accounts.models import Role
from zhijiang.accounts.tests.factories import make_person, valid_id_number
from zhijiang.training import delivery, progress
from zhijiang.training.models import (
    CourseRun,
    Enrolment,
    Notice,
    XapiStatement,
)
from zhijiang.training.tests.api_helpers import (
    XAPI_VERSION_HEADER,
    error_of,
    run_body,
)
from zhijiang.training.tests.factories import make_course, make_run

pytestmark = pytest.mark.django_db

# Runs: publishing


def test_provider_staff_publish_a_run_of_an_approved_course(api, course, provider_staff, provider):
    response = api(provider_staff).call("post", f"/training/courses/{course.pk}/runs", run_body())
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["provider_id"] == provider.pk and body["status"] == "published"
    assert (body["capacity"], body["places_left"], body["fee"]) == (25, 25, 1200)
    assert body["district"] == "500106" and body["place"] == "沙坪坝大学城实训楼"
    assert body["modules"] and body["attendance_share"] == 0.8
    run = CourseRun.objects.get()
    assert run.created_by == provider_staff and run.course == course


def test_a_run_with_bad_dates_or_no_place_is_refused(api, course, provider_staff):
    client = api(provider_staff)
    path = f"/training/courses/{course.pk}/runs"
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    past = client.call("post", path, run_body(start_date=yesterday))
    assert past.status_code == 400 and error_of(past)["code"] == "start_in_past"
    assert "start_date" in error_of(past)["fields"]
    nowhere = client.call("post", path, run_body(place=""))
    assert nowhere.status_code == 400 and "place" in error_of(nowhere)["fields"]
    full_mode = client.call("post", path, run_body(mode="by_post"))
    assert full_mode.status_code == 400 and "mode" in error_of(full_mode)["fields"]
    assert not CourseRun.objects.exists()


def test_a_draft_course_has_no_runs(api, provider_staff, provider, standard):
    draft = make_course(actor=provider_staff, owner=provider, standard=standard, approve=False)
    response = api(provider_staff).call("post", f"/training/courses/{draft.pk}/runs", run_body())
    assert response.status_code == 400 and error_of(response)["code"] == "course_not_approved"


def test_only_staff_of_a_provider_publish_its_runs(
    api, course, provider, district_officer, other_provider_staff
):
    path = f"/training/courses/{course.pk}/runs"
    assert api().call("post", path, run_body()).status_code == 401
    assert api(district_officer).call("post", path, run_body()).status_code == 403
    foreign = api(other_provider_staff).call("post", path, run_body(provider_id=provider.pk))
    assert foreign.status_code == 404
    assert not CourseRun.objects.exists()


# Runs: roster, attendance, results, cancellation


def test_the_roster_shows_names_and_progress_but_never_phone_or_id_numbers(
    api, run, learner, provider_staff
):
    id_number = valid_id_number()
    phone_name = make_person(role=Role.LEARNER, username="13700137003", id_number=id_number,
                             phone="13700137003")  # fmt: skip
    phone_name.full_name = ""
    phone_name.save()
    delivery.enrol(person=learner, run=run)
    delivery.enrol(person=phone_name, run=run)
    response = api(provider_staff).call("get", f"/training/runs/{run.pk}/roster")
    assert response.status_code == 200
    roster = response.json()
    assert [entry["learner"] for entry in roster] == [learner.full_name, "137****7003"]
    assert roster[0]["status"] == "enrolled" and roster[0]["completion"]["total_hours"] == 40
    text = response.content.decode()
    for secret in ("13800138001", "13700137003", id_number, id_number[-8:]):
        assert secret not in text
    assert "phone" not in text and "id_number" not in text


def test_the_roster_is_only_for_the_runs_provider_and_officers(
    api, run, learner, other_provider_staff, bureau_officer
):
    path = f"/training/runs/{run.pk}/roster"
    delivery.enrol(person=learner, run=run)
    assert api().call("get", path).status_code == 401
    assert api(other_provider_staff).call("get", path).status_code == 404
    assert api(learner).call("get", path).status_code == 404
    assert len(api(bureau_officer).call("get", path).json()) == 1


def test_attendance_is_recorded_for_the_whole_roster_at_once(
    api, run, learner, other_learner, provider_staff
):
    mine = delivery.enrol(person=learner, run=run)
    theirs = delivery.enrol(person=other_learner, run=run)
    key, (_title, hours) = next(iter(progress.plan_items(run).lessons.items()))
    response = api(provider_staff).call(
        "post", f"/training/runs/{run.pk}/attendance", {"lesson_key": key, "present": [mine.pk]}
    )
    assert response.status_code == 200
    assert response.json() == {"lesson_key": key, "attended": 1}
    roster = api(provider_staff).call("get", f"/training/runs/{run.pk}/roster").json()
    attended = {entry["enrolment_id"]: entry["completion"]["attended_hours"] for entry in roster}
    assert attended == {mine.pk: hours, theirs.pk: 0}


def test_attendance_for_an_unknown_lesson_or_learner_is_refused(api, run, learner, provider_staff):
    mine = delivery.enrol(person=learner, run=run)
    key = next(iter(progress.plan_items(run).lessons))
    path = f"/training/runs/{run.pk}/attendance"
    client = api(provider_staff)
    stranger = client.call("post", path, {"lesson_key": key, "present": [mine.pk + 99]})
    assert stranger.status_code == 400 and error_of(stranger)["code"] == "not_enrolled"
    lesson = client.call("post", path, {"lesson_key": "M9.L9", "present": [mine.pk]})
    assert lesson.status_code == 400 and error_of(lesson)["code"] == "unknown_lesson"
    assert not mine.progress.exists()


def test_only_the_runs_provider_records_attendance(
    api, run, learner, other_provider_staff, bureau_officer
):
    mine = delivery.enrol(person=learner, run=run)
    body = {"lesson_key": next(iter(progress.plan_items(run).lessons)), "present": [mine.pk]}
    path = f"/training/runs/{run.pk}/attendance"
    assert api().call("post", path, body).status_code == 401
    assert api(other_provider_staff).call("post", path, body).status_code == 404
    assert api(bureau_officer).call("post", path, body).status_code == 403
    assert api(learner).call("post", path, body).status_code == 404
    assert not mine.progress.exists()


def test_passing_every_assessment_point_after_attending_completes_the_enrolment(
    api, run, learner, provider_staff
):
    mine = delivery.enrol(person=learner, run=run)
    items = progress.plan_items(run)
    for key in items.lessons:
        progress.attendance_sheet(actor=provider_staff, run=run, lesson_key=key,
                                  present={mine.pk})  # fmt: skip
    client = api(provider_staff)
    path = f"/training/runs/{run.pk}/results"
    statuses = []
    for key in items.assessments:
        response = client.call(
            "post", path, {"enrolment_id": mine.pk, "key": key, "passed": True, "score": 85}
        )
        assert response.status_code == 200, response.json()
        assert response.json()["key"] == key and response.json()["score"] == 85
        statuses.append(response.json()["enrolment_status"])
    assert statuses[-1] == "completed" and set(statuses[:-1]) == {"enrolled"}
    completion = api(learner).call("get", "/training/me/enrolments").json()["items"][0]
    assert completion["status"] == "completed" and completion["completion"]["complete"] is True


def test_results_for_unknown_points_bad_scores_or_other_runs_are_refused(
    api, run, course, learner, other_learner, provider_staff, provider, other_provider_staff
):
    mine = delivery.enrol(person=learner, run=run)
    other_run = make_run(actor=provider_staff, course=course, provider=provider)
    elsewhere = delivery.enrol(person=other_learner, run=other_run)
    client = api(provider_staff)
    path = f"/training/runs/{run.pk}/results"
    unknown = client.call("post", path, {"enrolment_id": mine.pk, "key": "A99", "passed": True})
    assert unknown.status_code == 400 and error_of(unknown)["code"] == "unknown_assessment"
    score = client.call(
        "post", path, {"enrolment_id": mine.pk, "key": "A1", "passed": True, "score": 150}
    )
    assert score.status_code == 400 and "score" in error_of(score)["fields"]
    other = client.call("post", path, {"enrolment_id": elsewhere.pk, "key": "A1", "passed": True})
    assert other.status_code == 404
    foreign = api(other_provider_staff).call(
        "post", path, {"enrolment_id": mine.pk, "key": "A1", "passed": True}
    )
    assert foreign.status_code == 404
    assert api().call("post", path, {"enrolment_id": mine.pk, "key": "A1", "passed": True}
                      ).status_code == 401  # fmt: skip
    assert not mine.progress.exists() and not elsewhere.progress.exists()


def test_cancelling_a_run_cancels_its_enrolments_once(
    api, run, learner, provider_staff, other_provider_staff
):
    mine = delivery.enrol(person=learner, run=run)
    path = f"/training/runs/{run.pk}/cancel"
    assert api().call("post", path).status_code == 401
    assert api(other_provider_staff).call("post", path).status_code == 404
    response = api(provider_staff).call("post", path)
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    mine.refresh_from_db()
    assert mine.status == Enrolment.Status.CANCELLED
    again = api(provider_staff).call("post", path)
    assert again.status_code == 400 and error_of(again)["code"] == "invalid_transition"


# Notices


def test_a_provider_publishes_a_notice_that_anyone_reads(
    api, run, provider_staff, provider, bureau_officer
):
    response = api(provider_staff).call(
        "post",
        "/training/notices",
        {
            "organisation_id": provider.pk,
            "title": "开班通知",
            "body": "3 月开班。",
            "run_id": run.pk,
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["organisation"] == "数字技能培训学校" and body["run_id"] == run.pk
    assert body["district"] == "500103"  # the provider's district
    bureau = bureau_officer.memberships.get().organisation
    citywide = api(bureau_officer).call(
        "post",
        "/training/notices",
        {"organisation_id": bureau.pk, "title": "补贴政策", "body": "…"},
    )
    assert citywide.status_code == 201 and citywide.json()["district"] is None
    listed = api().call("get", "/training/notices").json()
    assert [n["title"] for n in listed["items"]] == ["补贴政策", "开班通知"]
    shapingba = api().call("get", "/training/notices?district=500106").json()
    assert [n["title"] for n in shapingba["items"]] == ["补贴政策"]


def test_a_notice_without_a_title_or_for_an_unknown_run_is_refused(api, provider_staff, provider):
    client = api(provider_staff)
    untitled = client.call(
        "post", "/training/notices", {"organisation_id": provider.pk, "title": " ", "body": "正文"}
    )
    assert untitled.status_code == 400 and error_of(untitled)["code"] == "required"
    assert "title" in error_of(untitled)["fields"]
    no_run = client.call(
        "post",
        "/training/notices",
        {"organisation_id": provider.pk, "title": "通知", "body": "正文", "run_id": 999},
    )
    assert no_run.status_code == 404
    assert not Notice.objects.exists()


def test_notices_are_published_only_for_your_own_organisation(
    api, provider, other_provider_staff, employer_hr, employer
):
    body = {"organisation_id": provider.pk, "title": "通知", "body": "正文"}
    assert api().call("post", "/training/notices", body).status_code == 401
    assert api(other_provider_staff).call("post", "/training/notices", body).status_code == 404
    own_employer = {**body, "organisation_id": employer.pk}
    assert api(employer_hr).call("post", "/training/notices", own_employer).status_code == 404
    assert not Notice.objects.exists()


# xAPI statements


def test_a_learner_reads_only_their_own_statements_and_an_officer_reads_all(
    api, run, learner, other_learner, bureau_officer
):
    delivery.enrol(person=learner, run=run)
    delivery.enrol(person=other_learner, run=run)
    response = api(learner).call("get", "/training/xapi/statements")
    assert response.status_code == 200
    assert response[XAPI_VERSION_HEADER] == "1.0.3"
    body = response.json()
    assert body["more"] == ""
    [statement] = body["statements"]
    stored = XapiStatement.objects.get(person=learner)
    assert statement["id"] == str(stored.pk) and statement["version"] == "1.0.3"
    assert statement["actor"]["account"]["name"] == str(learner.pk)
    assert statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/registered"
    assert statement["stored"] == stored.stored.isoformat()
    everyone = api(bureau_officer).call("get", "/training/xapi/statements").json()
    assert len(everyone["statements"]) == 2


def test_statements_page_through_more_and_filter_by_time_and_verb(
    api, run, learner, provider_staff, bureau_officer
):
    mine = delivery.enrol(person=learner, run=run)
    keys = list(progress.plan_items(run).lessons)[:3]
    for key in keys:
        progress.attendance_sheet(actor=provider_staff, run=run, lesson_key=key,
                                  present={mine.pk})  # fmt: skip
    start = timezone.now() - dt.timedelta(hours=4)
    statements = list(XapiStatement.objects.order_by("stored", "id"))
    for hours, statement in enumerate(statements):
        XapiStatement.objects.filter(pk=statement.pk).update(
            stored=start + dt.timedelta(hours=hours)
        )
    client = api(learner)
    seen: list[str] = []
    path = "/api/v1/training/xapi/statements?limit=3"
    while path:
        page = client.get(path).json()
        seen += [statement["id"] for statement in page["statements"]]
        path = page["more"]
        assert len(page["statements"]) <= 3
    assert seen == [str(s.pk) for s in reversed(statements)]  # newest first
    since = (start + dt.timedelta(minutes=90)).isoformat()
    later = client.get("/api/v1/training/xapi/statements", {"since": since, "ascending": "true"})
    assert [s["id"] for s in later.json()["statements"]] == [str(s.pk) for s in statements[2:]]
    attended = client.get(
        "/api/v1/training/xapi/statements",
        {"verb": "http://adlnet.gov/expapi/verbs/attended"},
    ).json()
    assert len(attended["statements"]) == len(keys)
    assert api(bureau_officer).call("get", "/training/xapi/statements?limit=2").json()["more"]


def test_statement_queries_need_a_sign_in_and_a_sane_limit(api, learner):
    assert api().call("get", "/training/xapi/statements").status_code == 401
    response = api(learner).call("get", "/training/xapi/statements?limit=-1")
    assert response.status_code == 422
    unknown = api(learner).call(
        "get", "/training/xapi/statements?after=00000000-0000-0000-0000-000000000000"
    )
    assert unknown.status_code == 400 and "after" in error_of(unknown)["fields"]
