"""The training pages: catalogue, run, enrolment, my courses, authoring, runs, notices, open
courses. For each page: the happy path, invalid input, no login, wrong role or organisation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from zhijiang.accounts.models import OrganisationKind, Role
from zhijiang.accounts.tests.factories import OrganisationFactory, make_person
from zhijiang.common.pdf import PdfFontMissing, cjk_font
from zhijiang.jobs.tests.factories import make_position
from zhijiang.training import delivery, progress, services
from zhijiang.training.models import (
    Course,
    CourseRevision,
    CourseRun,
    Enrolment,
    LessonMaterial,
    Notice,
    ProgressRecord,
)
from zhijiang.training.tests.factories import make_run
from zhijiang.training.tests.page_fixtures import *  # noqa: F403 - the pages' fixtures

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


@pytest.fixture
def other_provider_staff(db):
    """Priya, staff of another training provider."""
    school = OrganisationFactory(name="山城职业培训学校", kind=OrganisationKind.TRAINING_PROVIDER)
    return make_person(role=Role.PROVIDER_STAFF, organisation=school, username="priya")


def lessons(course: Course) -> list[dict]:
    return [lesson for module in course.plan["modules"] for lesson in module["lessons"]]


def text(response) -> str:
    return response.content.decode()


def assert_signs_in_first(response, path: str) -> None:
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next={quote(path)}"


# -- catalogue -------------------------------------------------------------------------------


def test_catalogue_shows_open_runs_to_anyone_with_fee_vouchers_and_places(web, run):
    page = text(web(language="zh-hans").get("/training/"))
    assert page.count('data-testid="run-card"') == 1
    assert run.course.title in page and "数字技能培训学校" in page
    assert "初级工" in page.split('data-testid="run-card"')[1]  # level 2 of the ladder
    assert "解放碑培训中心 3 楼" in page
    english = text(web().get("/training/"))
    assert "Training vouchers accepted" in english and "2 places left" in english
    assert '<span class="badge badge-free">Free</span>' in english
    assert run.start_date.isoformat() in english


def test_catalogue_filters_by_search_occupation_level_district_mode_fee_and_vouchers(
    web, run, provider_staff, provider, course
):
    make_run(
        actor=provider_staff, course=course, provider=provider, mode="online", district="",
        place="", fee=800, voucher_eligible=False,
    )  # fmt: skip
    client = web()

    def cards(query: str) -> int:
        return text(client.get(f"/training/?{query}")).count('data-testid="run-card"')

    assert cards("") == 2
    assert cards("q=人工智能") == 2 and cards("q=焊工") == 0
    assert cards("occupation=4-04") == 2 and cards("occupation=6-") == 0
    assert cards("occupation=训练师") == 2 and cards("occupation=焊工") == 0
    assert cards("level=2") == 2 and cards("level=3") == 0
    assert cards("district=500103") == 1
    assert cards("online=on") == 1 and "800 yuan" in text(client.get("/training/?online=on"))
    assert cards("free=on") == 1 and cards("voucher=on") == 1
    assert cards("level=99") == 2  # a bad filter is ignored, the page still answers


def test_catalogue_htmx_request_gets_only_the_results(web, run):
    page = text(web().get("/training/?q=人工智能", HTTP_HX_REQUEST="true"))
    assert page.startswith('<div id="results">') and "<html" not in page


def test_catalogue_says_a_full_run_has_a_waiting_list(web, run, learner, other_learner):
    delivery.enrol(person=learner, run=run)
    delivery.enrol(person=other_learner, run=run)
    assert "Full — waiting list" in text(web().get("/training/"))


def test_catalogue_links_to_notices_and_open_courses(web):
    page = text(web().get("/training/"))
    assert 'href="/training/notices/"' in page and 'href="/training/open/"' in page


# -- run page and enrolment ------------------------------------------------------------------


def test_run_page_shows_the_course_and_a_sign_in_link_to_anonymous_visitors(web, run):
    response = web().get(f"/training/runs/{run.pk}/")
    page = text(response)
    assert response.status_code == 200
    first_module = run.course.plan["modules"][0]
    assert first_module["title"] in page and lessons(run.course)[0]["title"] in page
    assert run.course.plan["assessments"][0]["title"] in page
    assert f"{LOGIN}?next=/training/runs/{run.pk}/" in page
    assert 'data-testid="enrol"' not in page
    assert "attend at least 80% of its hours" in page


def test_unknown_run_is_not_found(web):
    assert web().get("/training/runs/999/").status_code == 404


def test_learner_enrols_and_sees_their_status_with_a_cancel_button(web, run, learner):
    client = web(learner)
    assert 'data-testid="enrol"' in text(client.get(f"/training/runs/{run.pk}/"))
    response = client.post(f"/training/runs/{run.pk}/enrol/")
    assert response.status_code == 302 and response["Location"] == f"/training/runs/{run.pk}/"
    assert Enrolment.objects.get(person=learner, run=run).status == Enrolment.Status.ENROLLED
    page = text(client.get(f"/training/runs/{run.pk}/"))
    assert "You are enrolled." in page and 'data-testid="cancel-enrolment"' in page
    assert "1 place left" in page


def test_enrolling_twice_shows_the_reason(web, run, learner, enrolment):
    response = web(learner).post(f"/training/runs/{run.pk}/enrol/")
    assert response.status_code == 400
    assert "You are already enrolled on this run." in text(response)
    assert Enrolment.objects.filter(person=learner).count() == 1


def test_a_full_run_refuses_and_offers_the_waiting_list(web, run, learner, other_learner):
    third = make_person(role=Role.LEARNER, username="carol")
    delivery.enrol(person=learner, run=run)
    delivery.enrol(person=other_learner, run=run)
    client = web(third)
    assert 'data-testid="waitlist"' in text(client.get(f"/training/runs/{run.pk}/"))
    refused = client.post(f"/training/runs/{run.pk}/enrol/")
    assert refused.status_code == 400
    assert "All 2 places are taken. You can join the waiting list." in text(refused)
    assert not Enrolment.objects.filter(person=third).exists()
    client.post(f"/training/runs/{run.pk}/enrol/", {"waitlist": "1"})
    assert Enrolment.objects.get(person=third).status == Enrolment.Status.WAITLISTED
    page = text(client.get(f"/training/runs/{run.pk}/"))
    assert "You are number 1 on the waiting list." in page


def test_enrolling_after_the_start_shows_the_reason(web, run, learner):
    CourseRun.objects.filter(pk=run.pk).update(start_date=timezone.localdate())
    response = web(learner).post(f"/training/runs/{run.pk}/enrol/")
    assert response.status_code == 400
    assert "Enrolment closed when the run started on" in text(response)
    assert not Enrolment.objects.exists()
    page = text(web(learner).get(f"/training/runs/{run.pk}/"))
    assert "This run is not open for enrolment." in page and 'data-testid="enrol"' not in page


def test_enrolling_needs_a_signed_in_learner(web, run, employer_hr):
    assert_signs_in_first(
        web().post(f"/training/runs/{run.pk}/enrol/"), f"/training/runs/{run.pk}/enrol/"
    )
    assert web(employer_hr).post(f"/training/runs/{run.pk}/enrol/").status_code == 403
    assert web(employer_hr).get(f"/training/runs/{run.pk}/enrol/").status_code == 405
    assert not Enrolment.objects.exists()


# -- my courses ------------------------------------------------------------------------------


def test_my_courses_show_progress_and_what_is_still_needed(
    web, run, learner, enrolment, provider_staff
):
    first = lessons(run.course)[0]
    progress.lesson_record(
        actor=provider_staff, enrolment=enrolment, lesson_key=first["key"], attended=True
    )
    first_assessment = run.course.plan["assessments"][0]
    progress.assessment_record(
        actor=provider_staff, enrolment=enrolment, key=first_assessment["key"], passed=True
    )
    page = text(web(learner).get("/training/mine/"))
    hours = first["theory_hours"] + first["practice_hours"]
    assert f"Attended {hours:g} of the 32 hours needed (40 in all)" in page
    assert "1 of " in page and first_assessment["title"] in page
    assert f"{32 - hours:g} more hours of attendance" in page
    assert run.course.plan["assessments"][-1]["title"] in page
    assert 'data-testid="cancel-enrolment"' in page


def test_my_courses_need_a_sign_in(web):
    assert_signs_in_first(web().get("/training/mine/"), "/training/mine/")


def test_learner_cancels_their_enrolment(web, learner, enrolment):
    response = web(learner).post(f"/training/mine/{enrolment.pk}/cancel/")
    assert response.status_code == 302 and response["Location"] == "/training/mine/"
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.CANCELLED


def test_cancel_goes_back_to_a_local_page_only(web, learner, enrolment, run):
    client = web(learner)
    back = client.post(f"/training/mine/{enrolment.pk}/cancel/", {"next": "https://evil.example/"})
    assert back["Location"] == "/training/mine/"
    again = client.post(
        f"/training/mine/{enrolment.pk}/cancel/", {"next": f"/training/runs/{run.pk}/"}
    )
    assert again["Location"] == f"/training/runs/{run.pk}/"  # refused, with the reason shown
    page = text(client.get(f"/training/runs/{run.pk}/"))
    assert "Only a current enrolment can be cancelled." in page


def test_nobody_cancels_someone_elses_enrolment(web, other_learner, enrolment):
    assert web(other_learner).post(f"/training/mine/{enrolment.pk}/cancel/").status_code == 404
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ENROLLED


# -- authoring: list and generation ----------------------------------------------------------


def test_course_list_shows_drafts_and_approved_and_filters_by_status(
    web, provider_staff, course, draft_course
):
    client = web(provider_staff)
    assert text(client.get("/training/courses/")).count('data-testid="course-row"') == 2
    drafts = text(client.get("/training/courses/?status=draft"))
    assert drafts.count('data-testid="course-row"') == 1 and "Draft" in drafts


def test_course_pages_are_for_providers_and_officers_only(web, learner, employer_hr, course):
    assert_signs_in_first(web().get("/training/courses/"), "/training/courses/")
    for user in (learner, employer_hr):
        assert web(user).get("/training/courses/").status_code == 403
        assert web(user).get("/training/courses/new/").status_code == 403
        assert web(user).get(f"/training/courses/{course.pk}/").status_code == 403


def test_generate_form_offers_approved_standards_and_preselects_the_only_owner(
    web, provider_staff, standard, provider
):
    page = text(web(provider_staff).get("/training/courses/new/"))
    assert "人工智能训练师 (4-04-05-05), version 1" in page
    assert f'<option value="{provider.pk}" selected>' in page
    assert f'data-standards="{standard.pk}"' in page


def generate_form(standard, provider, **overrides) -> dict:
    data = {
        "standard": standard.pk,
        "level": "2",
        "total_hours": "40",
        "practice_share": "60",
        "district": "",
        "owner": provider.pk,
        "title": "",
    }
    data.update(overrides)
    return data


def test_provider_generates_a_draft_course_and_lands_on_it(web, provider_staff, standard, provider):
    response = web(provider_staff).post("/training/courses/new/", generate_form(standard, provider))
    course = Course.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/training/courses/{course.pk}/"
    assert course.status == Course.Status.DRAFT and course.total_hours == Decimal(40)
    assert course.plan["practice_share"] == 0.6


def test_too_few_hours_show_the_error_and_create_nothing(web, provider_staff, standard, provider):
    response = web(provider_staff).post(
        "/training/courses/new/", generate_form(standard, provider, total_hours="2")
    )
    assert response.status_code == 400
    assert "The course cannot be generated" in text(response)
    assert not Course.objects.exists()


def test_a_district_without_open_positions_is_refused_at_its_field(
    web, provider_staff, standard, provider
):
    response = web(provider_staff).post(
        "/training/courses/new/", generate_form(standard, provider, district="500118")
    )
    assert response.status_code == 400
    assert 'id="id_district_error"' in text(
        response
    ) and "Generate the plain course instead" in text(response)
    assert not Course.objects.exists()


def test_an_owner_the_user_does_not_work_for_is_refused(
    web, provider_staff, standard, other_provider_staff
):
    school = other_provider_staff.memberships.get().organisation
    response = web(provider_staff).post("/training/courses/new/", generate_form(standard, school))
    assert response.status_code == 400 and not Course.objects.exists()


def test_an_adapted_course_shows_the_demand_and_each_adjustment(
    web, provider_staff, standard, provider, employer_hr, employer
):
    make_position(actor=employer_hr, employer=employer, required_skills=["数据标注"],
                  preferred_skills=[], headcount=5)  # fmt: skip
    client = web(provider_staff)
    client.post(
        "/training/courses/new/",
        generate_form(standard, provider, district="500103", total_hours="64"),
    )
    course = Course.objects.get()
    page = text(client.get(f"/training/courses/{course.pk}/"))
    assert 'data-testid="adaptation"' in page and "Yuzhong" in page
    assert "数据标注 · 10" in page
    adjustment = course.plan["adjustments"][0]
    assert page.count('data-testid="adjustment"') == len(course.plan["adjustments"])
    assert f"{adjustment['hours_before']:g} → {adjustment['hours_after']:g}" in page


# -- authoring: the course page and its actions ----------------------------------------------


def test_course_page_shows_plan_coverage_textbook_projects_and_revisions(
    web, provider_staff, draft_course
):
    page = text(web(provider_staff).get(f"/training/courses/{draft_course.pk}/"))
    plan = draft_course.plan
    assert "40 in all: " in page and page.count('data-testid="module"') == len(plan["modules"])
    assert plan["coverage"][0]["text"] in page and plan["coverage"][0]["requirement"] in page
    assert draft_course.textbook["title"] in page
    project = draft_course.projects["projects"][0]
    assert project["title"] in page and project["rubric"][0]["text"] in page
    assert 'data-testid="revision"' in page and "Generated" in page
    assert 'data-testid="approve"' in page and 'data-testid="publish-run"' not in page
    assert 'data-testid="adaptation"' not in page


def test_course_page_shows_each_sections_concepts_case_questions_and_references_and_project_parts(
    web, provider_staff, draft_course
):
    page = text(web(provider_staff).get(f"/training/courses/{draft_course.pk}/"))
    section = draft_course.textbook["chapters"][1]["sections"][0]
    assert section["concepts"] and section["case"] and section["questions"]
    assert section["concepts"][0]["explanation"] in page
    assert section["case"]["situation"] in page and section["questions"][0]["text"] in page
    assert 'data-testid="section-references"' in page and section["references"][0]["text"] in page
    project = draft_course.projects["projects"][0]
    assert project["scenario"] and project["scenario"] in page
    assert project["rubric"][0]["full_marks"] in page
    assert "安全防护用品" not in page


def test_the_printable_html_page_shows_the_concepts_and_the_projects_safety_notes(
    web, provider_staff, draft_course
):
    response = web(provider_staff).get(f"/training/courses/{draft_course.pk}/print/")
    page = response.content.decode()
    section = draft_course.textbook["chapters"][1]["sections"][0]
    assert response.status_code == 200
    assert 'data-testid="section-concepts"' in page and section["concepts"][0]["term"] in page
    assert 'data-testid="section-case"' in page


def test_another_providers_draft_is_not_found(web, other_provider_staff, draft_course):
    client = web(other_provider_staff)
    assert client.get(f"/training/courses/{draft_course.pk}/").status_code == 404
    assert client.post(f"/training/courses/{draft_course.pk}/approve/").status_code == 404
    draft_course.refresh_from_db()
    assert draft_course.status == Course.Status.DRAFT


def test_provider_approves_then_can_publish_a_run(web, provider_staff, draft_course):
    client = web(provider_staff)
    response = client.post(f"/training/courses/{draft_course.pk}/approve/", follow=True)
    assert "The course is approved." in text(response)
    draft_course.refresh_from_db()
    assert draft_course.status == Course.Status.APPROVED
    assert 'data-testid="publish-run"' in text(response)
    again = client.post(f"/training/courses/{draft_course.pk}/approve/", follow=True)
    assert "Only a draft course can be approved." in text(again)


def test_another_provider_may_see_an_approved_course_but_not_retire_it(
    web, other_provider_staff, course
):
    client = web(other_provider_staff)
    page = text(client.get(f"/training/courses/{course.pk}/"))
    assert 'data-testid="retire"' not in page and 'data-testid="publish-run"' in page
    assert client.post(f"/training/courses/{course.pk}/retire/").status_code == 403
    course.refresh_from_db()
    assert course.status == Course.Status.APPROVED


def test_provider_opens_and_closes_the_course_and_retires_it(web, provider_staff, course):
    client = web(provider_staff)
    client.post(f"/training/courses/{course.pk}/open/", {"open": "1"})
    course.refresh_from_db()
    assert course.is_open
    client.post(f"/training/courses/{course.pk}/open/", {"open": "0"})
    course.refresh_from_db()
    assert not course.is_open
    client.post(f"/training/courses/{course.pk}/retire/")
    course.refresh_from_db()
    assert course.status == Course.Status.RETIRED


def test_a_draft_cannot_be_opened(web, provider_staff, draft_course):
    page = text(
        web(provider_staff).post(
            f"/training/courses/{draft_course.pk}/open/", {"open": "1"}, follow=True
        )
    )
    assert "Approve the course before opening it to everyone." in page
    draft_course.refresh_from_db()
    assert not draft_course.is_open


def test_actions_need_a_post_and_a_sign_in(web, provider_staff, draft_course):
    assert (
        web(provider_staff).get(f"/training/courses/{draft_course.pk}/approve/").status_code == 405
    )
    path = f"/training/courses/{draft_course.pk}/approve/"
    assert_signs_in_first(web().post(path), path)


# -- authoring: editing the plan -------------------------------------------------------------


def edit_form(course: Course, **changes) -> dict:
    data = {"note": "调整课时"}
    for lesson in lessons(course):
        key = lesson["key"]
        data[f"{key}__title"] = lesson["title"]
        data[f"{key}__theory_hours"] = lesson["theory_hours"]
        data[f"{key}__practice_hours"] = lesson["practice_hours"]
        data[f"{key}__summary"] = lesson.get("summary", "")
    data.update(changes)
    return data


def test_edit_page_shows_every_lesson_and_the_total_to_keep(web, provider_staff, draft_course):
    page = text(web(provider_staff).get(f"/training/courses/{draft_course.pk}/edit/"))
    assert page.count('data-testid="lesson-row"') == len(lessons(draft_course))
    assert "The lessons must add up to 40 hours" in page


def test_an_edit_that_changes_the_total_shows_the_error_and_saves_nothing(
    web, provider_staff, draft_course
):
    first = lessons(draft_course)[0]
    form = edit_form(draft_course, **{f"{first['key']}__theory_hours": first["theory_hours"] + 1})
    response = web(provider_staff).post(f"/training/courses/{draft_course.pk}/edit/", form)
    assert response.status_code == 400
    assert "The lessons add up to 41 hours; they must add up to 40." in text(response)
    assert CourseRevision.objects.filter(course=draft_course).count() == 1


def test_an_empty_title_is_shown_at_its_lesson(web, provider_staff, draft_course):
    first = lessons(draft_course)[0]
    response = web(provider_staff).post(
        f"/training/courses/{draft_course.pk}/edit/",
        edit_form(draft_course, **{f"{first['key']}__title": ""}),
    )
    assert response.status_code == 400 and "This field is required." in text(response)


def test_an_edit_that_keeps_the_total_is_a_new_revision(web, provider_staff, draft_course):
    first, second = lessons(draft_course)[:2]
    moved = 1 if second["theory_hours"] >= 1 else 0
    changes = {
        f"{first['key']}__title": "职业道德与劳动法规",
        f"{first['key']}__theory_hours": first["theory_hours"] + 1,
        f"{second['key']}__theory_hours": second["theory_hours"] - moved,
        f"{second['key']}__practice_hours": second["practice_hours"] - (1 - moved),
    }
    response = web(provider_staff).post(
        f"/training/courses/{draft_course.pk}/edit/", edit_form(draft_course, **changes)
    )
    assert response.status_code == 302
    draft_course.refresh_from_db()
    assert lessons(draft_course)[0]["title"] == "职业道德与劳动法规"
    revision = CourseRevision.objects.get(course=draft_course, number=2)
    assert revision.note == "调整课时" and revision.author == provider_staff


def test_only_editors_edit_the_plan(web, other_provider_staff, learner, course):
    assert web(other_provider_staff).get(f"/training/courses/{course.pk}/edit/").status_code == 403
    assert web(learner).get(f"/training/courses/{course.pk}/edit/").status_code == 403


def test_a_course_with_runs_cannot_be_edited(web, provider_staff, course, run):
    response = web(provider_staff).post(f"/training/courses/{course.pk}/edit/", edit_form(course))
    assert response.status_code == 400 and "This course has runs" in text(response)


# -- authoring: lesson material, print and exports -------------------------------------------


def test_provider_saves_lesson_material_with_an_attachment(
    web, provider_staff, course, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    key = lessons(course)[0]["key"]
    upload = SimpleUploadedFile("讲义.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = web(provider_staff).post(
        f"/training/courses/{course.pk}/lessons/{key}/material/",
        {"body": "正文", "video_url": "https://video.example.cn/a", "attachment": upload},
    )
    assert response.status_code == 302
    material = LessonMaterial.objects.get(course=course, lesson_key=key)
    assert material.body == "正文" and material.attachment_name == "讲义.pdf"
    page = text(web(provider_staff).get(f"/training/courses/{course.pk}/lessons/{key}/material/"))
    assert "Current attachment: 讲义.pdf" in page and "正文" in page


def test_a_video_link_that_is_not_a_web_address_is_refused(web, provider_staff, course):
    key = lessons(course)[0]["key"]
    response = web(provider_staff).post(
        f"/training/courses/{course.pk}/lessons/{key}/material/",
        {"body": "正文", "video_url": "javascript:alert(1)"},
    )
    assert response.status_code == 400
    assert "A video link starts with https:// or http://." in text(response)
    assert not LessonMaterial.objects.exists()


def test_material_of_an_unknown_lesson_or_anothers_course_is_refused(
    web, provider_staff, other_provider_staff, course
):
    assert (
        web(provider_staff)
        .get(f"/training/courses/{course.pk}/lessons/M9.L9/material/")
        .status_code
        == 404
    )
    key = lessons(course)[0]["key"]
    path = f"/training/courses/{course.pk}/lessons/{key}/material/"
    assert web(other_provider_staff).get(path).status_code == 403
    assert_signs_in_first(web().get(path), path)


def test_print_page_is_a_clean_document_with_plan_textbook_and_projects(
    web, provider_staff, course
):
    page = text(web(provider_staff).get(f"/training/courses/{course.pk}/print/"))
    assert "site-header" not in page and "@media print" in page
    assert course.textbook["title"] in page and course.projects["projects"][0]["title"] in page
    assert course.plan["modules"][0]["title"] in page


def test_docx_downloads_with_the_course_title_as_its_name(web, provider_staff, course):
    response = web(provider_staff).get(f"/training/courses/{course.pk}/export.docx")
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''" + quote(f"{course.title}.docx")
    )


def _font_available() -> bool:
    try:
        cjk_font()
    except PdfFontMissing:
        return False
    return True


@pytest.mark.skipif(not _font_available(), reason="no CJK font on this machine")
def test_pdf_downloads_with_the_course_title_as_its_name(web, provider_staff, course):
    response = web(provider_staff).get(f"/training/courses/{course.pk}/export.pdf")
    assert response.status_code == 200 and response.content[:5] == b"%PDF-"
    assert quote(f"{course.title}.pdf") in response["Content-Disposition"]


def test_pdf_without_a_cjk_font_says_so_on_the_course_page(web, provider_staff, course, settings):
    settings.PDF_FONT = "/nonexistent/NoSuchFont.ttc"
    response = web(provider_staff).get(f"/training/courses/{course.pk}/export.pdf", follow=True)
    assert response.redirect_chain[-1][0] == f"/training/courses/{course.pk}/"
    assert 'class="message error"' in text(response)


def test_exports_are_for_authors_only(web, learner, course):
    for suffix in ("print/", "export.docx", "export.pdf"):
        assert web(learner).get(f"/training/courses/{course.pk}/{suffix}").status_code == 403
        path = f"/training/courses/{course.pk}/{suffix}"
        assert_signs_in_first(web().get(path), path)


# -- runs ------------------------------------------------------------------------------------


def run_form(provider, **overrides) -> dict:
    start = timezone.localdate() + dt.timedelta(days=10)
    data = {
        "provider": provider.pk,
        "start_date": start.isoformat(),
        "end_date": (start + dt.timedelta(days=20)).isoformat(),
        "mode": "in_person",
        "district": "500103",
        "place": "解放碑培训中心",
        "capacity": "25",
        "fee": "0",
        "voucher_eligible": "on",
        "attendance_share": "80",
    }
    data.update(overrides)
    return data


def test_provider_publishes_a_run_and_lands_on_its_management_page(
    web, provider_staff, provider, course
):
    response = web(provider_staff).post(
        f"/training/courses/{course.pk}/runs/new/", run_form(provider)
    )
    run = CourseRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/training/manage/{run.pk}/"
    assert run.capacity == 25 and run.voucher_eligible and run.attendance_share == Decimal("0.80")


def test_a_run_starting_today_shows_the_error_and_publishes_nothing(
    web, provider_staff, provider, course
):
    form = run_form(provider, start_date=timezone.localdate().isoformat())
    response = web(provider_staff).post(f"/training/courses/{course.pk}/runs/new/", form)
    assert response.status_code == 400 and "A run starts after today." in text(response)
    assert not CourseRun.objects.exists()


def test_an_in_person_run_needs_a_place(web, provider_staff, provider, course):
    response = web(provider_staff).post(
        f"/training/courses/{course.pk}/runs/new/", run_form(provider, place="")
    )
    assert response.status_code == 400 and "needs a district and a place" in text(response)


def test_a_draft_course_gets_no_run(web, provider_staff, provider, draft_course):
    response = web(provider_staff).post(
        f"/training/courses/{draft_course.pk}/runs/new/", run_form(provider)
    )
    assert response.status_code == 400
    assert "Approve the course before publishing runs of it." in text(response)


def test_only_provider_staff_publish_runs(web, district_officer, learner, course):
    assert web(district_officer).get(f"/training/courses/{course.pk}/runs/new/").status_code == 403
    assert web(learner).get(f"/training/courses/{course.pk}/runs/new/").status_code == 403


def test_runs_list_shows_places_taken_and_waiting(web, provider_staff, run, learner, other_learner):
    third = make_person(role=Role.LEARNER, username="carol")
    delivery.enrol(person=learner, run=run)
    delivery.enrol(person=other_learner, run=run)
    delivery.enrol(person=third, run=run, waitlist=True)
    page = text(web(provider_staff).get("/training/manage/"))
    assert page.count('data-testid="managed-run"') == 1
    assert "2 / 2" in page and '<td data-label="Waiting">1</td>' in page


def test_runs_list_is_for_providers_and_officers(web, learner, other_provider_staff, run):
    assert web(learner).get("/training/manage/").status_code == 403
    assert 'data-testid="managed-run"' not in text(
        web(other_provider_staff).get("/training/manage/")
    )
    assert_signs_in_first(web().get("/training/manage/"), "/training/manage/")


def test_roster_shows_names_never_phones(web, provider_staff, run, learner, enrolment):
    page = text(web(provider_staff).get(f"/training/manage/{run.pk}/"))
    assert learner.full_name in page and learner.phone not in page
    assert 'data-testid="roster-row"' in page and 'data-testid="attendance-form"' in page


def test_another_provider_cannot_see_the_run(web, other_provider_staff, run):
    assert web(other_provider_staff).get(f"/training/manage/{run.pk}/").status_code == 404
    assert web(other_provider_staff).post(f"/training/manage/{run.pk}/cancel/").status_code == 404


def test_attendance_sheet_records_who_was_present(
    web, provider_staff, run, enrolment, other_learner
):
    absent = delivery.enrol(person=other_learner, run=run)
    key = lessons(run.course)[0]["key"]
    response = web(provider_staff).post(
        f"/training/manage/{run.pk}/attendance/", {"lesson": key, "present": [enrolment.pk]}
    )
    assert response.status_code == 302 and response["Location"].endswith(
        f"?lesson={key}#attendance"
    )
    assert ProgressRecord.objects.get(enrolment=enrolment, key=key).attended
    assert not ProgressRecord.objects.get(enrolment=absent, key=key).attended
    page = text(web(provider_staff).get(f"/training/manage/{run.pk}/?lesson={key}"))
    assert f'value="{enrolment.pk}" checked' in page


def test_attendance_of_an_unknown_lesson_or_learner_is_refused(web, provider_staff, run, enrolment):
    client = web(provider_staff)
    page = text(client.post(f"/training/manage/{run.pk}/attendance/", {"lesson": "X"}, follow=True))
    assert "Choose a lesson of the course." in page
    key = lessons(run.course)[0]["key"]
    page = text(
        client.post(
            f"/training/manage/{run.pk}/attendance/",
            {"lesson": key, "present": ["999"]},
            follow=True,
        )
    )
    assert "are not enrolled on this run" in page
    assert not ProgressRecord.objects.exists()


def test_an_officer_sees_the_run_but_does_not_record(web, bureau_officer, run, enrolment):
    page = text(web(bureau_officer).get(f"/training/manage/{run.pk}/"))
    assert 'data-testid="attendance-form"' not in page
    key = lessons(run.course)[0]["key"]
    response = web(bureau_officer).post(
        f"/training/manage/{run.pk}/attendance/", {"lesson": key, "present": [enrolment.pk]}
    )
    assert response.status_code == 403 and not ProgressRecord.objects.exists()


def test_provider_records_an_assessment_result(web, provider_staff, run, enrolment):
    key = run.course.plan["assessments"][0]["key"]
    client = web(provider_staff)
    response = client.post(
        f"/training/manage/{run.pk}/results/",
        {"enrolment": enrolment.pk, "key": key, "passed": "1", "score": "88"},
    )
    assert response.status_code == 302
    record = ProgressRecord.objects.get(enrolment=enrolment, key=key)
    assert record.passed and record.score == 88


def test_an_invalid_result_shows_the_errors(web, provider_staff, run, enrolment):
    response = web(provider_staff).post(
        f"/training/manage/{run.pk}/results/",
        {"enrolment": enrolment.pk, "key": "A99", "passed": "1", "score": "120"},
    )
    assert response.status_code == 400
    page = text(response)
    assert (
        "Select a valid choice." in page
        and "Ensure this value is less than or equal to 100." in page
    )
    assert not ProgressRecord.objects.exists()


def test_provider_cancels_the_run_and_its_learners_lose_their_places(
    web, provider_staff, run, enrolment
):
    response = web(provider_staff).post(f"/training/manage/{run.pk}/cancel/", follow=True)
    assert "The run is cancelled" in text(response)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.CANCELLED
    again = web(provider_staff).post(f"/training/manage/{run.pk}/cancel/", follow=True)
    assert "The run is already cancelled." in text(again)


# -- notices ---------------------------------------------------------------------------------


def test_notices_are_public_and_filtered_by_district(web, notice):
    page = text(web().get("/training/notices/"))
    assert notice.title in page and 'data-testid="notice"' in page
    assert notice.title in text(web().get("/training/notices/?district=500103"))
    assert notice.title not in text(web().get("/training/notices/?district=500106"))
    detail = text(web().get(f"/training/notices/{notice.pk}/"))
    assert "报名从即日起。<br>名额有限。" in detail and f"/training/runs/{notice.run_id}/" in detail
    assert web().get("/training/notices/999/").status_code == 404


def test_provider_publishes_a_notice_about_their_run(web, provider_staff, provider, run):
    client = web(provider_staff)
    assert f'<option value="{run.pk}">' in text(client.get("/training/notices/new/"))
    response = client.post(
        "/training/notices/new/",
        {
            "organisation": provider.pk,
            "title": "开班通知",
            "body": "欢迎报名。",
            "district": "",
            "run": run.pk,
        },
    )
    notice = Notice.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/training/notices/{notice.pk}/"
    assert notice.run == run and notice.district == provider.district


def test_a_notice_without_text_is_refused(web, provider_staff, provider):
    response = web(provider_staff).post(
        "/training/notices/new/", {"organisation": provider.pk, "title": "开班通知", "body": "  "}
    )
    assert response.status_code == 400 and not Notice.objects.exists()


def test_only_authors_publish_notices(web, learner):
    assert web(learner).get("/training/notices/new/").status_code == 403
    assert_signs_in_first(web().get("/training/notices/new/"), "/training/notices/new/")


# -- open courses ----------------------------------------------------------------------------


def test_open_courses_are_listed_and_readable_without_an_account(web, open_course):
    assert open_course.title in text(web().get("/training/open/"))
    page = text(web().get(f"/training/open/{open_course.pk}/"))
    first = lessons(open_course)[0]
    assert f"/training/open/{open_course.pk}/{first['key']}/" in page


def test_a_lesson_shows_its_material_as_plain_text_and_plays_an_mp4(web, open_course):
    first = lessons(open_course)[0]
    page = text(web().get(f"/training/open/{open_course.pk}/{first['key']}/"))
    assert "<script>alert(1)</script>" not in page
    assert "第一段&lt;script&gt;alert(1)&lt;/script&gt;<br>第二段" in page
    assert '<video class="lesson-video" controls' in page
    assert first["objectives"][0]["text"] in page


def test_a_video_page_link_is_a_link_not_a_player(web, open_course, provider_staff):
    first = lessons(open_course)[0]["key"]
    video = "https://www.bilibili.com/video/BV1"
    services.lesson_material_save(
        actor=provider_staff, course=open_course, lesson_key=first, body="", video_url=video
    )
    page = text(web().get(f"/training/open/{open_course.pk}/{first}/"))
    assert "<video" not in page and 'href="https://www.bilibili.com/video/BV1"' in page


def test_the_attachment_downloads_under_its_original_name(
    web, open_course, provider_staff, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    first = lessons(open_course)[0]["key"]
    upload = SimpleUploadedFile(
        "实训指导书.docx", b"PK fake", content_type="application/octet-stream"
    )
    services.lesson_material_save(
        actor=provider_staff, course=open_course, lesson_key=first, body="", attachment=upload
    )
    response = web().get(f"/training/open/{open_course.pk}/{first}/attachment/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"PK fake"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''" + quote(
        "实训指导书.docx"
    )


def test_closed_courses_unknown_lessons_and_missing_attachments_are_not_found(
    web, course, open_course
):
    first = lessons(open_course)[0]["key"]
    assert web().get(f"/training/open/{open_course.pk}/M9.L9/").status_code == 404
    assert web().get(f"/training/open/{open_course.pk}/{first}/attachment/").status_code == 404
    open_course.is_open = False
    open_course.save()
    assert web().get(f"/training/open/{open_course.pk}/").status_code == 404
    assert web().get(f"/training/open/{open_course.pk}/{first}/").status_code == 404
