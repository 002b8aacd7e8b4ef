"""The training API for course authors: generating, reading, editing, approving, retiring and
opening courses."""

from __future__ import annotations

import copy

import pytest

from zhijiang.accounts.models import Membership, OrganisationKind, Role, User
from zhijiang.accounts.tests.factories import OrganisationFactory
from zhijiang.occupations.tests.factories import imported
from zhijiang.training.models import (
    Course,
    CourseRevision,
)
from zhijiang.training.tests.api_helpers import (
    all_lessons,
    course_body,
    error_of,
)
from zhijiang.training.tests.factories import make_course

pytestmark = pytest.mark.django_db

# Courses: generation


def test_provider_staff_generate_a_course_for_their_only_provider(
    api, provider_staff, provider, standard
):
    response = api(provider_staff).call("post", "/training/courses", course_body(standard))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft" and body["owner_id"] == provider.pk
    assert body["title"] == "人工智能训练师（初级工）"
    assert (body["level"], body["level_name"], body["total_hours"]) == (2, "Junior worker", 40)
    assert body["standard_id"] == standard.pk and body["district"] is None
    assert body["plan"]["format"] == "zhijiang.course_plan/1"
    assert sum(x["theory_hours"] + x["practice_hours"] for x in all_lessons(body["plan"])) == 40
    assert body["textbook"]["chapters"] and body["projects"]["projects"]
    course = Course.objects.get()
    assert course.created_by == provider_staff and course.revisions.count() == 1


def test_a_course_is_not_generated_from_an_unapproved_standard(
    api, district_officer, provider_staff
):
    draft = imported(district_officer)
    response = api(district_officer).call("post", "/training/courses", course_body(draft))
    assert response.status_code == 400
    assert error_of(response)["code"] == "standard_not_approved"
    assert "standard" in error_of(response)["fields"]
    # Provider staff do not even see a draft standard.
    hidden = api(provider_staff).call("post", "/training/courses", course_body(draft))
    assert hidden.status_code == 404
    assert not Course.objects.exists()


def test_too_few_hours_are_refused_and_name_the_hours(api, provider_staff, standard):
    response = api(provider_staff).call(
        "post", "/training/courses", course_body(standard, total_hours=2)
    )
    assert response.status_code == 400
    assert error_of(response)["code"] == "curriculum"
    assert "total_hours" in error_of(response)["fields"]
    assert not Course.objects.exists()


def test_a_district_without_demand_or_an_unknown_district_is_refused(api, provider_staff, standard):
    client = api(provider_staff)
    empty = client.call("post", "/training/courses", course_body(standard, district="500118"))
    assert empty.status_code == 400 and error_of(empty)["code"] == "empty_demand"
    assert "district" in error_of(empty)["fields"]
    unknown = client.call("post", "/training/courses", course_body(standard, district="999999"))
    assert unknown.status_code == 400 and "district" in error_of(unknown)["fields"]
    assert not Course.objects.exists()


def test_someone_working_for_several_organisations_names_the_owner(
    api, provider_staff, provider, standard, other_provider_staff
):
    second = OrganisationFactory(name="渝中职业技能学校", kind=OrganisationKind.TRAINING_PROVIDER)
    Membership.objects.create(user=provider_staff, role=Role.PROVIDER_STAFF, organisation=second)
    client = api(provider_staff)
    ambiguous = client.call("post", "/training/courses", course_body(standard))
    assert ambiguous.status_code == 400
    assert error_of(ambiguous)["code"] == "owner_required"
    assert "owner_id" in error_of(ambiguous)["fields"]
    named = client.call("post", "/training/courses", course_body(standard, owner_id=second.pk))
    assert named.status_code == 201 and named.json()["owner_id"] == second.pk
    paula_provider = other_provider_staff.memberships.get().organisation_id
    foreign = client.call(
        "post", "/training/courses", course_body(standard, owner_id=paula_provider)
    )
    assert foreign.status_code == 404
    assert Course.objects.count() == 1


def test_only_providers_and_officers_generate_courses(api, standard, employer_hr, learner):
    assert api().call("post", "/training/courses", course_body(standard)).status_code == 401
    for person in (employer_hr, learner):
        response = api(person).call("post", "/training/courses", course_body(standard))
        assert response.status_code == 403
    assert not Course.objects.exists()


def test_a_course_request_missing_fields_is_refused_by_the_schema(api, provider_staff):
    response = api(provider_staff).call("post", "/training/courses", {"level": 2})
    assert response.status_code == 422
    assert {"standard_id", "total_hours"} <= set(error_of(response)["fields"])


# Courses: reading


def test_authors_see_their_own_courses_and_every_approved_one(
    api, course, provider_staff, provider, standard, other_provider_staff, bureau_officer
):
    draft = make_course(actor=provider_staff, owner=provider, standard=standard, approve=False)

    def ids(user: User, query: str = "") -> list[int]:
        response = api(user).call("get", "/training/courses" + query)
        assert response.status_code == 200
        return [item["id"] for item in response.json()["items"]]

    assert ids(provider_staff) == [draft.pk, course.pk]
    assert ids(provider_staff, "?status=draft") == [draft.pk]
    assert ids(other_provider_staff) == [course.pk]
    assert ids(bureau_officer) == [draft.pk, course.pk]
    assert api().call("get", "/training/courses").status_code == 401


def test_the_full_course_holds_the_plan_textbook_and_projects(
    api, course, provider_staff, provider, standard, other_provider_staff
):
    body = api(other_provider_staff).call("get", f"/training/courses/{course.pk}").json()
    assert body["plan"] == course.plan
    assert body["textbook"] == course.textbook and body["projects"] == course.projects
    assert body["status"] == "approved" and body["approved_at"]
    draft = make_course(actor=provider_staff, owner=provider, standard=standard, approve=False)
    hidden = api(other_provider_staff).call("get", f"/training/courses/{draft.pk}")
    assert hidden.status_code == 404
    assert api().call("get", f"/training/courses/{course.pk}").status_code == 401


# Courses: editing the plan


def test_an_edited_plan_is_saved_as_a_revision_and_goes_back_to_draft(api, course, provider_staff):
    plan = copy.deepcopy(course.plan)
    all_lessons(plan)[0]["title"] = "职业道德与劳动法规"
    response = api(provider_staff).call(
        "put", f"/training/courses/{course.pk}/plan", {"plan": plan, "note": "加强法规"}
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert all_lessons(body["plan"])[0]["title"] == "职业道德与劳动法规"
    assert body["status"] == "draft" and body["approved_at"] is None
    revisions = api(provider_staff).call("get", f"/training/courses/{course.pk}/revisions").json()
    assert [(r["number"], r["note"]) for r in revisions] == [(1, "Generated"), (2, "加强法规")]
    assert all_lessons(revisions[1]["plan"])[0]["title"] == "职业道德与劳动法规"
    assert revisions[1]["author"] == str(provider_staff)


def test_a_broken_plan_is_refused_with_json_paths_and_no_revision(api, course, provider_staff):
    plan = copy.deepcopy(course.plan)
    all_lessons(plan)[0]["theory_hours"] = -3
    plan["modules"][0]["title"] = ""
    response = api(provider_staff).call(
        "put", f"/training/courses/{course.pk}/plan", {"plan": plan}
    )
    assert response.status_code == 400
    error = error_of(response)
    assert error["code"] == "invalid_plan"
    assert error["fields"] and all(path.startswith("$.") for path in error["fields"])
    assert any(path.startswith("$.modules[0]") for path in error["fields"])
    assert CourseRevision.objects.filter(course=course).count() == 1
    course.refresh_from_db()
    assert course.status == Course.Status.APPROVED


def test_a_plan_whose_hours_no_longer_add_up_is_refused(api, course, provider_staff):
    plan = copy.deepcopy(course.plan)
    plan["total_hours"] = 41
    response = api(provider_staff).call(
        "put", f"/training/courses/{course.pk}/plan", {"plan": plan}
    )
    assert response.status_code == 400
    assert any("total_hours" in path for path in error_of(response)["fields"])
    assert CourseRevision.objects.filter(course=course).count() == 1


def test_a_plan_body_that_is_not_json_is_refused(api, course, provider_staff):
    client = api(provider_staff)
    response = client.put(
        f"/api/v1/training/courses/{course.pk}/plan",
        data='{"plan": {',
        content_type="application/json",
    )
    assert response.status_code == 400 and error_of(response)["code"] == "malformed"
    assert CourseRevision.objects.filter(course=course).count() == 1


def test_the_plan_of_a_course_with_runs_stays_as_approved(api, run, course, provider_staff):
    response = api(provider_staff).call(
        "put", f"/training/courses/{course.pk}/plan", {"plan": course.plan}
    )
    assert response.status_code == 400 and error_of(response)["code"] == "course_in_use"


def test_staff_of_another_provider_cannot_edit_a_course(
    api, course, provider_staff, provider, standard, other_provider_staff, other_district_officer
):
    path = f"/training/courses/{course.pk}/plan"
    for person in (other_provider_staff, other_district_officer):
        response = api(person).call("put", path, {"plan": course.plan})
        assert response.status_code == 403, person
    draft = make_course(actor=provider_staff, owner=provider, standard=standard, approve=False)
    hidden = api(other_provider_staff).call(
        "put", f"/training/courses/{draft.pk}/plan", {"plan": draft.plan}
    )
    assert hidden.status_code == 404
    assert api().call("put", path, {"plan": course.plan}).status_code == 401
    assert CourseRevision.objects.count() == 2


def test_revisions_need_a_sign_in_and_a_visible_course(
    api, provider_staff, provider, standard, other_provider_staff
):
    draft = make_course(actor=provider_staff, owner=provider, standard=standard, approve=False)
    path = f"/training/courses/{draft.pk}/revisions"
    assert api().call("get", path).status_code == 401
    assert api(other_provider_staff).call("get", path).status_code == 404


# Courses: approve, retire, open


def test_the_owner_approves_a_draft_once(
    api, provider_staff, provider, standard, other_provider_staff, employer_hr
):
    draft = make_course(actor=provider_staff, owner=provider, standard=standard, approve=False)
    path = f"/training/courses/{draft.pk}/approve"
    assert api(other_provider_staff).call("post", path).status_code == 404
    assert api(employer_hr).call("post", path).status_code == 404
    assert api().call("post", path).status_code == 401
    response = api(provider_staff).call("post", path)
    assert response.status_code == 200 and response.json()["status"] == "approved"
    again = api(provider_staff).call("post", path)
    assert again.status_code == 400 and error_of(again)["code"] == "invalid_transition"


def test_an_officer_of_the_owners_district_approves_and_another_district_may_not(
    api, provider_staff, provider, standard, district_officer, other_district_officer
):
    draft = make_course(actor=provider_staff, owner=provider, standard=standard, approve=False)
    path = f"/training/courses/{draft.pk}/approve"
    refused = api(other_district_officer).call("post", path)
    assert refused.status_code == 403
    assert api(district_officer).call("post", path).json()["status"] == "approved"


def test_a_retired_course_leaves_the_catalogue(
    api, run, course, provider_staff, other_provider_staff
):
    path = f"/training/courses/{course.pk}/retire"
    assert api(other_provider_staff).call("post", path).status_code == 403
    response = api(provider_staff).call("post", path)
    assert response.status_code == 200 and response.json()["status"] == "retired"
    assert api().call("get", "/training/catalogue").json()["count"] == 0
    again = api(provider_staff).call("post", path)
    assert again.status_code == 400 and error_of(again)["code"] == "invalid_transition"


def test_only_an_approved_course_is_opened_to_everyone(
    api, course, provider_staff, provider, standard, other_provider_staff
):
    path = f"/training/courses/{course.pk}/open"
    assert api(other_provider_staff).call("post", path, {"is_open": True}).status_code == 403
    response = api(provider_staff).call("post", path, {"is_open": True})
    assert response.status_code == 200 and response.json()["is_open"] is True
    closed = api(provider_staff).call("post", path, {"is_open": False})
    assert closed.json()["is_open"] is False
    draft = make_course(actor=provider_staff, owner=provider, standard=standard, approve=False)
    refused = api(provider_staff).call("post", f"/training/courses/{draft.pk}/open",
                                       {"is_open": True})  # fmt: skip
    assert refused.status_code == 400 and error_of(refused)["code"] == "course_not_approved"
    missing = api(provider_staff).call("post", path, {})
    assert missing.status_code == 422
    assert api().call("post", path, {"is_open": True}).status_code == 401
