"""Training in a real browser: a provider generates a course adapted to a district's open
positions, approves it and publishes a run; a learner finds the run in the catalogue, enrols
and sees it under their courses, and on a phone the pages fit the screen.

The browser asks for English (``en-US``), so the strings below are the English msgids.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from zhijiang.jobs.tests.factories import make_position
from zhijiang.occupations import loading
from zhijiang.occupations.models import Occupation, Standard
from zhijiang.training.models import Course, CourseRun, Enrolment
from zhijiang.training.tests.factories import approved_standard, make_course, make_run

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def standard(transactional_db, district_officer, bureau_officer) -> Standard:
    """The approved 人工智能训练师 standard (the taxonomy first: a transactional test's flush
    removes what the migration loaded)."""
    if Occupation.objects.count() == 0:
        loading.taxonomy_sync(loading.read_taxonomy(), Occupation)
    return approved_standard(drafter=district_officer, approver=bureau_officer)


def nav(page: Page):
    return page.get_by_role("navigation", name="Main")


def no_horizontal_overflow(page: Page) -> bool:
    return bool(
        page.evaluate(
            "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
        )
    )


def test_provider_generates_an_adapted_course_approves_it_and_publishes_a_run(
    en_page: Page, live_server, sign_in, provider_staff, password, standard, employer_hr,
    employer, artifact,
):  # fmt: skip
    make_position(actor=employer_hr, employer=employer, required_skills=["数据标注"],
                  preferred_skills=[], headcount=5)  # fmt: skip
    page = en_page
    sign_in(page, provider_staff.username, password)
    page.goto(live_server.url + "/training/courses/")
    page.get_by_test_id("generate-course").click()

    page.get_by_label("Occupational standard").select_option(str(standard.pk))
    page.get_by_label("Level").select_option("2")
    page.get_by_label("Total hours").fill("64")
    page.get_by_label("Adapt to the demand of a district").select_option("500103")
    page.screenshot(path="/tmp/training-generate.png", full_page=True)
    page.get_by_test_id("generate").click()

    expect(page.get_by_test_id("course-status")).to_have_text("Draft")
    adaptation = page.get_by_test_id("adaptation")
    expect(adaptation).to_contain_text("Yuzhong")
    expect(page.get_by_test_id("demand")).to_contain_text("数据标注")
    expect(page.get_by_test_id("adjustment").first).to_contain_text("→")
    page.screenshot(path="/tmp/training-course.png", full_page=True)

    page.get_by_test_id("approve").click()
    expect(page.get_by_test_id("course-status")).to_have_text("Approved")
    course = Course.objects.get()
    assert course.status == Course.Status.APPROVED and course.district.code == "500103"

    page.get_by_test_id("publish-run").click()
    start = timezone.localdate() + dt.timedelta(days=10)
    page.get_by_label("Starts on").fill(start.isoformat())
    page.get_by_label("Ends on").fill((start + dt.timedelta(days=30)).isoformat())
    page.get_by_label("District").select_option("500103")
    page.get_by_label("Place", exact=True).fill("解放碑培训中心 3 楼")
    page.locator("#id_capacity").fill("20")
    page.get_by_label("Training vouchers accepted").check()
    page.get_by_test_id("publish").click()
    # Approved by its own provider, the course's runs take no vouchers until an officer approves.
    expect(page.locator("body")).to_contain_text("cannot take training vouchers")
    page.get_by_label("Training vouchers accepted").uncheck()
    page.get_by_test_id("publish").click()

    expect(page.get_by_test_id("run-status")).to_have_text("Open for enrolment")
    run = CourseRun.objects.get()
    assert run.course == course and run.capacity == 20 and not run.voucher_eligible
    page.screenshot(path=str(artifact("training-run-published.png")), full_page=True)


def _published_run(provider_staff: Any, standard: Standard) -> CourseRun:
    provider = provider_staff.memberships.get().organisation
    course = make_course(actor=provider_staff, owner=provider, standard=standard)
    return make_run(actor=provider_staff, course=course, provider=provider)


def test_learner_finds_a_run_enrols_and_the_pages_fit_a_phone(
    en_page: Page, browser, live_server, sign_in, learner, provider_staff, password, standard,
    artifact,
):  # fmt: skip
    run = _published_run(provider_staff, standard)
    page = en_page
    sign_in(page, learner.username, password)
    page.goto(live_server.url + "/training/")
    cards = page.get_by_test_id("run-card")
    expect(cards).to_have_count(1)

    # Filters narrow the results as they change (htmx), and a filter that matches nothing
    # empties them.
    page.get_by_label("Online only").check()
    expect(cards).to_have_count(0)
    page.get_by_label("Online only").uncheck()
    page.get_by_label("Occupation (code or name)").fill("4-04")
    page.get_by_label("Training vouchers accepted").check()
    page.get_by_label("District").select_option("500103")
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("2 places left")
    page.screenshot(path="/tmp/training-catalogue.png", full_page=True)

    cards.first.get_by_role("link", name=run.course.title).click()
    page.get_by_test_id("enrol").click()
    expect(page.get_by_test_id("my-status")).to_contain_text("You are enrolled.")
    expect(page.get_by_test_id("places-left")).to_contain_text("1 place left")
    assert Enrolment.objects.get().status == Enrolment.Status.ENROLLED

    nav(page).get_by_role("link", name="My courses").click()
    enrolment = page.get_by_test_id("my-enrolment")
    expect(enrolment).to_contain_text(run.course.title)
    expect(enrolment.get_by_test_id("enrolment-status")).to_have_text("Enrolled")
    expect(enrolment.get_by_test_id("still-needed")).to_contain_text("32 more hours")
    page.screenshot(path="/tmp/training-mine.png", full_page=True)

    # On a phone, in Chinese, the catalogue and the run page fit the screen's width.
    phone = browser.new_context(locale="zh-CN", **PHONE)
    phone_page = phone.new_page()
    try:
        sign_in(phone_page, learner.username, password)
        pages = {
            "catalogue": f"/training/?q={run.course.occupation.name}",
            "run": f"/training/runs/{run.pk}/",
            "mine": "/training/mine/",
        }
        for name, path in pages.items():
            phone_page.goto(live_server.url + path)
            expect(phone_page.locator("h1")).to_be_visible()
            phone_page.screenshot(path=f"/tmp/training-phone-{name}.png", full_page=True)
            assert no_horizontal_overflow(phone_page), f"the {name} page is wider than the phone"
        phone_page.screenshot(path=str(artifact("training-phone-mine.png")), full_page=True)
    finally:
        phone.close()


def test_a_providers_pages_fit_a_phone(
    browser, live_server, sign_in, provider_staff, learner, password, standard, artifact
):
    run = _published_run(provider_staff, standard)
    Enrolment.objects.create(run=run, person=learner, status=Enrolment.Status.ENROLLED)
    draft = make_course(actor=provider_staff, owner=run.provider, standard=standard, approve=False)
    phone = browser.new_context(locale="zh-CN", **PHONE)
    page = phone.new_page()
    try:
        sign_in(page, provider_staff.username, password)
        pages = {
            "courses": "/training/courses/",
            "generate": "/training/courses/new/",
            "course-page": f"/training/courses/{run.course.pk}/",
            "edit": f"/training/courses/{draft.pk}/edit/",
            "run-new": f"/training/courses/{run.course.pk}/runs/new/",
            "runs": "/training/manage/",
            "run-manage": f"/training/manage/{run.pk}/",
        }
        for name, path in pages.items():
            page.goto(live_server.url + path)
            expect(page.locator("h1")).to_be_visible()
            page.screenshot(path=f"/tmp/training-phone-{name}.png", full_page=True)
            assert no_horizontal_overflow(page), f"the {name} page is wider than the phone"
        expect(page.get_by_test_id("roster-row")).to_contain_text(learner.full_name)
    finally:
        phone.close()
