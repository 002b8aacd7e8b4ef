"""Courses for voucher-funded runs: public money pays for them, so an officer of the bureau or
of the provider's district approves the plan, never its own provider, and a run takes training
vouchers only when an officer has approved its course. Through the API and the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zhijiang.common.models import AuditEvent
from zhijiang.training.models import Course, CourseRun
from zhijiang.training.tests.api_helpers import course_body, error_of, run_body
from zhijiang.training.tests.factories import make_course

pytestmark = pytest.mark.django_db


def _generate_for_vouchers(api, provider_staff, standard) -> dict:
    response = api(provider_staff).call(
        "post", "/training/courses", course_body(standard, for_vouchers=True)
    )
    assert response.status_code == 201, response.content
    return response.json()


def _approve(api, user, course_id: int):
    return api(user).call("post", f"/training/courses/{course_id}/approve")


def _publish(api, user, course_id: int, **changes):
    return api(user).call("post", f"/training/courses/{course_id}/runs", run_body(**changes))


# -- the API ---------------------------------------------------------------------------------


def test_a_provider_cannot_approve_its_own_plan_for_voucher_funded_runs(
    api, provider_staff, standard
):
    course = _generate_for_vouchers(api, provider_staff, standard)
    assert (course["for_vouchers"], course["vouchers"]) == (True, "waiting")
    refused = _approve(api, provider_staff, course["id"])
    assert refused.status_code == 403
    assert error_of(refused)["code"] == "officer_approval_required"
    assert error_of(refused)["message"] == (
        "This course is for voucher-funded runs, so an officer of the bureau or of the "
        "provider's district must approve it; its own provider cannot."
    )
    assert Course.objects.get().status == Course.Status.DRAFT
    assert not AuditEvent.objects.filter(action="training.course.approve").exists()


def test_a_bureau_officer_approves_a_plan_and_its_runs_may_take_vouchers(
    api, provider_staff, bureau_officer, standard
):
    course = _generate_for_vouchers(api, provider_staff, standard)
    response = _approve(api, bureau_officer, course["id"])
    assert response.status_code == 200, response.content
    approved = response.json()
    assert (approved["status"], approved["vouchers"]) == ("approved", "approved")
    assert approved["approved_by"] == approved["voucher_approved_by"] == str(bureau_officer)
    assert approved["voucher_approved_at"] is not None
    event = AuditEvent.objects.get(action="training.course.approve")
    assert event.actor == bureau_officer and event.changes["vouchers"] is True
    run = _publish(api, provider_staff, course["id"], voucher_eligible=True)
    assert run.status_code == 201, run.content
    assert run.json()["voucher_eligible"] is True


def test_an_officer_of_the_providers_district_may_approve_and_another_district_may_not(
    api, provider_staff, district_officer, other_district_officer, standard
):
    course = _generate_for_vouchers(api, provider_staff, standard)  # the provider is in 渝中区
    assert _approve(api, other_district_officer, course["id"]).status_code == 403
    assert Course.objects.get().status == Course.Status.DRAFT
    response = _approve(api, district_officer, course["id"])
    assert response.status_code == 200 and response.json()["vouchers"] == "approved"


def test_another_provider_and_other_roles_cannot_approve_the_plan(
    api, provider_staff, other_provider_staff, employer_hr, standard
):
    course = _generate_for_vouchers(api, provider_staff, standard)
    assert _approve(api, other_provider_staff, course["id"]).status_code == 404  # a draft
    assert _approve(api, employer_hr, course["id"]).status_code == 404
    assert _approve(api, None, course["id"]).status_code == 401
    assert Course.objects.get().status == Course.Status.DRAFT


def test_a_run_cannot_take_vouchers_before_an_officer_approves_its_course(
    api, provider_staff, bureau_officer, standard
):
    course = api(provider_staff).call("post", "/training/courses", course_body(standard)).json()
    approved = _approve(api, provider_staff, course["id"])  # its own provider: self-funded runs
    assert approved.status_code == 200
    assert (approved.json()["status"], approved.json()["vouchers"]) == ("approved", "not_asked")
    refused = _publish(api, provider_staff, course["id"], voucher_eligible=True)
    assert refused.status_code == 400
    assert error_of(refused)["code"] == "course_not_approved_for_vouchers"
    assert "voucher_eligible" in error_of(refused)["fields"]
    assert not CourseRun.objects.exists()
    assert _publish(api, provider_staff, course["id"], voucher_eligible=False).status_code == 201

    asked = api(provider_staff).call("post", f"/training/courses/{course['id']}/vouchers-request")
    assert asked.status_code == 200 and asked.json()["vouchers"] == "waiting"
    assert _approve(api, provider_staff, course["id"]).status_code == 400  # already approved
    endorsed = _approve(api, bureau_officer, course["id"])
    assert endorsed.status_code == 200 and endorsed.json()["vouchers"] == "approved"
    assert endorsed.json()["approved_by"] == str(provider_staff)
    assert AuditEvent.objects.filter(action="training.course.approve_vouchers").count() == 1
    taken = _publish(api, provider_staff, course["id"], voucher_eligible=True)
    assert taken.status_code == 201 and taken.json()["voucher_eligible"] is True


def test_another_provider_cannot_run_a_self_approved_course_with_vouchers(
    api, provider_staff, provider, other_provider_staff, standard
):
    course = make_course(actor=provider_staff, owner=provider, standard=standard,
                         approver=provider_staff)  # fmt: skip
    refused = _publish(api, other_provider_staff, course.pk, voucher_eligible=True)
    assert refused.status_code == 400
    assert error_of(refused)["code"] == "course_not_approved_for_vouchers"
    assert not CourseRun.objects.exists()


def test_an_edited_plan_needs_an_officers_approval_again(
    api, provider_staff, bureau_officer, standard
):
    course = _generate_for_vouchers(api, provider_staff, standard)
    _approve(api, bureau_officer, course["id"])
    plan = api(provider_staff).call("get", f"/training/courses/{course['id']}").json()["plan"]
    edited = api(provider_staff).call(
        "put", f"/training/courses/{course['id']}/plan", {"plan": plan, "note": "微调"}
    )
    assert edited.status_code == 200, edited.content
    assert (edited.json()["status"], edited.json()["vouchers"]) == ("draft", "waiting")
    assert edited.json()["voucher_approved_by"] is None
    assert _approve(api, provider_staff, course["id"]).status_code == 403


def test_asking_for_voucher_approval_needs_a_sign_in_an_editor_and_a_live_course(
    api, provider_staff, other_provider_staff, employer_hr, bureau_officer, course
):
    path = f"/training/courses/{course.pk}/vouchers-request"
    assert api().call("post", path).status_code == 401
    assert api(employer_hr).call("post", path).status_code == 403
    assert api(other_provider_staff).call("post", path).status_code == 403
    already = api(provider_staff).call("post", path)  # Bea approved the course
    assert already.status_code == 400 and error_of(already)["code"] == "invalid_transition"
    assert (
        api(provider_staff).call("post", "/training/courses/999/vouchers-request").status_code
        == 404
    )
    assert not AuditEvent.objects.filter(action="training.course.vouchers_request").exists()


def test_a_retired_course_is_not_put_forward_for_vouchers(api, provider_staff, provider, standard):
    draft = make_course(actor=provider_staff, owner=provider, standard=standard, approve=False)
    api(provider_staff).call("post", f"/training/courses/{draft.pk}/retire")
    refused = api(provider_staff).call("post", f"/training/courses/{draft.pk}/vouchers-request")
    assert refused.status_code == 400 and error_of(refused)["code"] == "course_retired"
    assert Course.objects.get().for_vouchers is False


# -- the pages -------------------------------------------------------------------------------


def _generate_form(standard, provider, **overrides) -> dict:
    data = {
        "standard": standard.pk, "level": "2", "total_hours": "40", "practice_share": "60",
        "owner": provider.pk, "for_vouchers": "on",
    }  # fmt: skip
    data.update(overrides)
    return data


def test_a_course_generated_for_vouchers_waits_for_an_officer_on_its_page(
    web, provider_staff, provider, bureau_officer, standard
):
    response = web(provider_staff).post(
        "/training/courses/new/", _generate_form(standard, provider)
    )
    course = Course.objects.get()
    assert response.status_code == 302 and course.for_vouchers
    page = web(provider_staff).get(f"/training/courses/{course.pk}/").content.decode()
    assert "Waiting for an officer&#x27;s approval for voucher-funded runs" in page
    assert 'data-testid="approve"' not in page  # its provider is offered no approval
    officer_page = web(bureau_officer).get(f"/training/courses/{course.pk}/").content.decode()
    assert 'data-testid="approve"' in officer_page
    listing = web(bureau_officer).get("/training/courses/?vouchers=waiting").content.decode()
    assert listing.count('data-testid="course-row"') == 1 and "vouchers: waiting" in listing


def test_the_course_page_says_which_officer_approved_it_for_vouchers(
    web, provider_staff, provider, bureau_officer, standard
):
    web(provider_staff).post("/training/courses/new/", _generate_form(standard, provider))
    course = Course.objects.get()
    refused = web(provider_staff).post(f"/training/courses/{course.pk}/approve/")
    assert refused.status_code == 403
    assert web(bureau_officer).post(f"/training/courses/{course.pk}/approve/").status_code == 302
    page = web(provider_staff).get(f"/training/courses/{course.pk}/").content.decode()
    today = timezone.localdate().isoformat()
    assert "Approved by an officer for voucher-funded runs" in page
    assert f"approved {today} by {bureau_officer}" in page
    assert (
        web(bureau_officer)
        .get("/training/courses/?vouchers=waiting")
        .content.decode()
        .count('data-testid="course-row"')
        == 0
    )


def test_a_provider_asks_for_voucher_approval_from_the_course_page(
    web, provider_staff, provider, bureau_officer, standard
):
    course = make_course(actor=provider_staff, owner=provider, standard=standard,
                         approver=provider_staff)  # fmt: skip
    page = web(provider_staff).get(f"/training/courses/{course.pk}/").content.decode()
    assert 'data-testid="request-vouchers"' in page
    response = web(provider_staff).post(f"/training/courses/{course.pk}/vouchers-request/")
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.vouchers == Course.Vouchers.WAITING
    officer_page = web(bureau_officer).get(f"/training/courses/{course.pk}/").content.decode()
    assert 'data-testid="approve-vouchers"' in officer_page


def test_the_run_form_refuses_vouchers_for_a_self_approved_course(
    web, provider_staff, provider, standard
):
    course = make_course(actor=provider_staff, owner=provider, standard=standard,
                         approver=provider_staff)  # fmt: skip
    start = timezone.localdate() + dt.timedelta(days=10)
    form = {
        "provider": provider.pk, "start_date": start.isoformat(),
        "end_date": (start + dt.timedelta(days=20)).isoformat(), "mode": "in_person",
        "district": "500103", "place": "解放碑培训中心", "capacity": "25", "fee": "0",
        "voucher_eligible": "on", "attendance_share": "80",
    }  # fmt: skip
    response = web(provider_staff).post(f"/training/courses/{course.pk}/runs/new/", form)
    assert response.status_code == 400
    assert "cannot take training vouchers until an officer" in response.content.decode()
    assert not CourseRun.objects.exists()
