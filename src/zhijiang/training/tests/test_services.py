"""Courses from standards to completion, through the services: generation, adaptation, edits
kept, approval, runs, enrolment against capacity with a waiting list, progress and completion."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zhijiang.accounts.models import Role
from zhijiang.accounts.tests.factories import make_person
from zhijiang.common.errors import ApplicationError, PermissionDeniedError
from zhijiang.common.models import District, Notification
from zhijiang.jobs.tests.factories import make_position
from zhijiang.occupations.documents import document_of
from zhijiang.occupations.models import Standard
from zhijiang.occupations.tests.factories import imported
from zhijiang.training import delivery, progress, services
from zhijiang.training.models import Course, CourseRevision, Enrolment, XapiStatement
from zhijiang.training.tests.factories import make_course, make_run
from zhijiang_engine.curriculum import plan_from_dict, requirement_ids, uncovered_requirements

pytestmark = pytest.mark.django_db


def lessons(course: Course) -> list[dict]:
    return [lesson for module in course.plan["modules"] for lesson in module["lessons"]]


def test_a_generated_course_covers_every_requirement_in_exactly_the_hours_asked(
    provider_staff, provider, standard
):
    course = make_course(
        actor=provider_staff, owner=provider, standard=standard, approve=False, total_hours=64
    )
    plan = plan_from_dict(course.plan)
    assert course.status == Course.Status.DRAFT
    assert sum(lesson.hours for lesson in plan.lessons) == 64
    document = document_of(standard)
    assert uncovered_requirements(plan, document) == []
    assert {entry.requirement for entry in plan.coverage} == set(requirement_ids(document, rank=2))
    assert course.textbook["chapters"] and course.projects["projects"]
    assert list(course.revisions.values_list("number", flat=True)) == [1]
    assert course.title == "人工智能训练师（初级工）"


def test_an_unapproved_standard_gives_no_course(provider_staff, provider, district_officer):
    draft = imported(district_officer)
    with pytest.raises(ApplicationError) as error:
        make_course(actor=provider_staff, owner=provider, standard=draft)
    assert error.value.code == "standard_not_approved"
    assert not Course.objects.exists()


def test_too_few_hours_are_refused_with_the_minimum(provider_staff, provider, standard):
    with pytest.raises(ApplicationError) as error:
        make_course(actor=provider_staff, owner=provider, standard=standard, total_hours=2)
    assert error.value.code == "curriculum" and "total_hours" in error.value.fields
    assert not Course.objects.exists()


def test_a_district_without_demand_is_refused(provider_staff, provider, standard):
    district = District.objects.get(code="500118")
    with pytest.raises(ApplicationError) as error:
        make_course(actor=provider_staff, owner=provider, standard=standard, district=district)
    assert error.value.code == "empty_demand"


def test_adapting_to_a_district_moves_hours_to_the_skills_its_positions_ask_for(
    provider_staff, provider, standard, employer_hr, employer
):
    make_position(actor=employer_hr, employer=employer, required_skills=["数据标注"],
                  preferred_skills=[], headcount=5)  # fmt: skip
    district = District.objects.get(code="500103")
    plain = make_course(actor=provider_staff, owner=provider, standard=standard, total_hours=64)
    adapted = make_course(
        actor=provider_staff, owner=provider, standard=standard, total_hours=64, district=district
    )
    assert adapted.plan["demand"][0]["skill"] == "数据标注"
    moved = {item["lesson"] for item in adapted.plan["adjustments"]}
    annotation = next(x for x in lessons(adapted) if "数据标注" in x["title"])
    before = next(x for x in lessons(plain) if x["key"] == annotation["key"])
    assert annotation["key"] in moved
    assert annotation["theory_hours"] + annotation["practice_hours"] > (
        before["theory_hours"] + before["practice_hours"]
    )


def test_edits_are_kept_as_revisions_and_must_keep_the_total(provider_staff, provider, standard):
    course = make_course(
        actor=provider_staff, owner=provider, standard=standard, approve=False, total_hours=40
    )
    first, second = lessons(course)[:2]
    edits = [
        services.LessonEdit(first["key"], "职业道德与劳动法规", first["theory_hours"] + 1,
                            first["practice_hours"]),
        services.LessonEdit(second["key"], second["title"], second["theory_hours"],
                            second["practice_hours"]),
    ]  # fmt: skip
    with pytest.raises(ApplicationError) as error:
        services.course_lessons_edit(actor=provider_staff, course=course, edits=edits)
    assert error.value.code == "hours_changed"
    assert course.revisions.count() == 1
    taken = 1 if second["theory_hours"] >= 1 else 0
    edits[1] = services.LessonEdit(second["key"], second["title"],
                                   second["theory_hours"] - taken,
                                   second["practice_hours"] - (1 - taken))  # fmt: skip
    course = services.course_lessons_edit(
        actor=provider_staff, course=course, edits=edits, note="加强法规"
    )
    assert lessons(course)[0]["title"] == "职业道德与劳动法规"
    revisions = list(CourseRevision.objects.filter(course=course).order_by("number"))
    assert [r.number for r in revisions] == [1, 2] and revisions[1].note == "加强法规"
    assert revisions[0].plan != revisions[1].plan


def test_only_the_owner_or_an_officer_approves(provider_staff, provider, standard, employer_hr):
    course = make_course(actor=provider_staff, owner=provider, standard=standard, approve=False)
    with pytest.raises(PermissionDeniedError):
        services.course_approve(actor=employer_hr, course=course)
    assert services.course_approve(actor=provider_staff, course=course).status == "approved"


def test_runs_need_an_approved_course_and_sane_dates(provider_staff, provider, standard):
    draft = make_course(actor=provider_staff, owner=provider, standard=standard, approve=False)
    with pytest.raises(ApplicationError) as error:
        make_run(actor=provider_staff, course=draft, provider=provider)
    assert error.value.code == "course_not_approved"
    course = services.course_approve(actor=provider_staff, course=draft)
    start = timezone.localdate() + dt.timedelta(days=3)
    with pytest.raises(ApplicationError) as error:
        make_run(actor=provider_staff, course=course, provider=provider, start_date=start,
                 end_date=start - dt.timedelta(days=1), voucher_eligible=False)  # fmt: skip
    assert error.value.code == "dates_inverted"


def test_enrolment_is_refused_twice_when_full_and_after_the_start(run, learner, other_learner):

    first = delivery.enrol(person=learner, run=run)
    assert first.status == Enrolment.Status.ENROLLED
    with pytest.raises(ApplicationError) as error:
        delivery.enrol(person=learner, run=run)
    assert error.value.code == "already_enrolled"
    delivery.enrol(person=other_learner, run=run)
    third = make_person(role=Role.LEARNER, username="lily")
    with pytest.raises(ApplicationError) as error:
        delivery.enrol(person=third, run=run)
    assert error.value.code == "run_full"
    waiting = delivery.enrol(person=third, run=run, waitlist=True)
    assert waiting.status == Enrolment.Status.WAITLISTED
    assert delivery.waitlist_position(waiting) == 1
    run.start_date = timezone.localdate()
    run.save()
    with pytest.raises(ApplicationError) as error:
        delivery.enrol(person=make_person(role=Role.LEARNER, username="liam"), run=run)
    assert error.value.code == "run_started"


def test_a_freed_place_goes_to_the_first_on_the_waiting_list(run, learner, other_learner):

    mine = delivery.enrol(person=learner, run=run)
    delivery.enrol(person=other_learner, run=run)
    third = make_person(role=Role.LEARNER, username="lily")
    waiting = delivery.enrol(person=third, run=run, waitlist=True)
    delivery.enrolment_cancel(actor=learner, enrolment=mine)
    waiting.refresh_from_db()
    assert waiting.status == Enrolment.Status.ENROLLED
    assert Notification.objects.filter(user=third, kind="training.promoted").exists()


def test_completion_follows_attendance_and_the_assessment_points(
    run, learner, provider_staff, employer_hr
):
    enrolment = delivery.enrol(person=learner, run=run)
    items = progress.plan_items(run)
    with pytest.raises(PermissionDeniedError):
        progress.lesson_record(
            actor=employer_hr, enrolment=enrolment, lesson_key=next(iter(items.lessons)),
            attended=True,
        )  # fmt: skip
    for key in items.lessons:
        progress.attendance_sheet(
            actor=provider_staff, run=run, lesson_key=key, present={enrolment.pk}
        )
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ENROLLED  # assessments still missing
    state = progress.completion_of(enrolment)
    assert state.attended_share == 1 and state.assessments_missing
    for key in items.assessments:
        progress.assessment_record(
            actor=provider_staff, enrolment=enrolment, key=key, passed=True, score=80
        )
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
    verbs = list(XapiStatement.objects.filter(person=learner).values_list("verb", flat=True))
    assert verbs[0].endswith("/registered") and verbs[-1].endswith("/completed")
    assert sum(v.endswith("/attended") for v in verbs) == len(items.lessons)
    statement = XapiStatement.objects.filter(person=learner).last().statement
    assert statement["actor"]["account"]["name"] == str(learner.pk)
    assert Standard.objects.count() == 1
