"""One learner walks the whole chain 岗位 → 培训 → 评价 → 就业 in a real browser, using only the
links the pages show: from an empty profile, through reading her CV, her career plan, a course,
an exam and the level certificate, to a match that rises and a hire.

What other people do (the provider records attendance, the assessment body registers her,
scores the practical task and decides her level, the employer moves her application) is done
through their services, as those people would in their own pages.

The browser asks for English (``en-US``), so the strings below are the English msgids.
"""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from zhijiang.accounts.models import ConsentPurpose, ConsentRecord, Organisation, Role
from zhijiang.accounts.tests.factories import make_person
from zhijiang.assessment import outcomes, practical, sessions
from zhijiang.assessment.models import Registration
from zhijiang.assessment.tests.factories import (
    calibrated_items,
    fixed_form,
    make_bank,
    make_session,
)
from zhijiang.jobs import applications
from zhijiang.jobs.models import Application
from zhijiang.jobs.tests.factories import make_position, vocabulary
from zhijiang.occupations import loading
from zhijiang.occupations.models import Occupation
from zhijiang.training import progress
from zhijiang.training.models import Enrolment
from zhijiang.training.tests.factories import approved_standard, make_course, make_run

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CV = "三年数据处理工作经验，熟悉 Python，会用 Excel 整理和标注数据。"


def score_on(page: Page, position_title: str) -> int:
    """The match score (percent) the 'Positions for me' page shows for a position."""
    card = page.get_by_test_id("matched-position").filter(has_text=position_title)
    expect(card).to_have_count(1)
    return int(card.get_by_test_id("match-score").inner_text().rstrip("%"))


def home(page: Page) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").click()
    expect(page.get_by_test_id("next-step")).to_be_visible()


def test_a_learner_walks_from_an_empty_profile_to_a_hire_by_links_alone(
    en_page: Page, live_server, sign_in, learner, password, district_officer, bureau_officer,
    employer_hr, employer, provider_staff, assessor, artifact,
):  # fmt: skip
    if Occupation.objects.count() == 0:  # a transactional test's flush removes the taxonomy
        loading.taxonomy_sync(loading.read_taxonomy(), Occupation)
    vocabulary()  # python, 数据标注, 机器学习: the vocabulary comes before the standards
    standard = approved_standard(drafter=district_officer, approver=bureau_officer)
    provider = Organisation.objects.get(memberships__user=provider_staff)
    course = make_course(actor=provider_staff, owner=provider, standard=standard)
    run = make_run(actor=provider_staff, course=course, provider=provider, capacity=20,
                   voucher_eligible=False)  # fmt: skip
    title = "人工智能训练师（数据标注方向）"
    position = make_position(
        actor=employer_hr, employer=employer, title=title, required_skills=["python"],
        preferred_skills=[], level_min=2,
    )  # fmt: skip
    page = en_page

    # 1. A new learner: the home page guides her instead of showing zeros.
    sign_in(page, learner.username, password)
    expect(page.get_by_test_id("next-step")).to_have_attribute("data-step", "profile")
    page.get_by_test_id("next-step").get_by_role("link", name="Read my CV").click()
    page.get_by_label("…or paste the text").fill(CV)
    page.get_by_role("button", name="Read", exact=True).click()
    expect(page.get_by_test_id("found-skill").first).to_be_visible()
    page.get_by_role("button", name="Add the ticked skills to my profile").click()

    # 2. Her plan names the occupation that is hiring, and a course for it.
    home(page)
    expect(page.get_by_test_id("step-profile")).to_have_attribute("data-state", "done")
    page.get_by_test_id("step-plan").get_by_role("link", name="My career plan").first.click()
    target = page.get_by_test_id("plan-target").filter(has_text=standard.occupation.code)
    expect(target).to_be_visible()
    ConsentRecord.objects.create(user=learner, purpose=ConsentPurpose.SHARE_WITH_EMPLOYERS)

    # 3. The match before any certificate: her Python is self-declared, below the level asked.
    home(page)
    page.get_by_test_id("step-applications").get_by_role("link", name="Positions for me").click()
    before = score_on(page, title)

    # 4. She enrols in the course from her plan; the provider records every lesson.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My career plan").click()
    target.get_by_test_id("plan-courses").get_by_role("link", name=course.title).first.click()
    page.get_by_test_id("enrol").click()
    expect(page.get_by_test_id("my-status")).to_be_visible()
    enrolment = Enrolment.objects.get(person=learner, run=run)
    items = progress.plan_items(run)
    for key in items.lessons:
        progress.attendance_sheet(actor=provider_staff, run=run, lesson_key=key,
                                  present={enrolment.pk})  # fmt: skip
    for key in items.assessments:
        progress.assessment_record(actor=provider_staff, enrolment=enrolment, key=key,
                                   passed=True, score=85)  # fmt: skip
    home(page)
    expect(page.get_by_test_id("step-courses")).to_have_attribute("data-state", "done")

    # 5. The assessment body registers her; she takes the theory test from her home page.
    body = Organisation.objects.get(memberships__user=assessor)
    bank = make_bank(actor=assessor, owner=body, standard=standard)
    exam_items = calibrated_items(author=assessor, bank=bank, count=4, level=2, seed=3)
    form = fixed_form(actor=assessor, bank=bank, items=exam_items)
    session = make_session(actor=assessor, bank=bank, mode="fixed", form=form, level=2)
    practical.practical_task_set(actor=assessor, session=session, project_key="P1")
    sessions.registration_create(actor=assessor, session=session, person=learner)
    home(page)
    expect(page.get_by_test_id("next-step")).to_have_attribute("data-step", "exams")
    page.get_by_test_id("next-step-button").click()
    page.get_by_test_id("take-test").click()
    page.get_by_test_id("start-test").click()
    for item in exam_items:  # every key is A
        page.locator(f'[data-item="{item.pk}"] input[value="A"]').check()
    expect(page.get_by_test_id("save-status")).to_have_text("All answers are saved.")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_test_id("hand-in").click()
    expect(page.get_by_test_id("result-withheld")).to_be_visible()

    # 6. The body closes the session, two assessors score the task, the level is decided.
    sessions.session_close(actor=assessor, session=session)
    colleague = make_person(role=Role.ASSESSOR, organisation=body, username="abe")
    registration = Registration.objects.get(session=session, person=learner)
    for who, total in ((assessor, 80), (colleague, 86)):
        practical.practical_score_submit(actor=who, registration=registration,
                                         criteria={"F1.C1.S1": total / 2,
                                                   "F1.C1.S2": total / 2})  # fmt: skip
    decision = outcomes.decision_make(actor=assessor, registration=registration)
    assert decision.passed and decision.certificate is not None

    # 7. Her certificate is on her path and verifies; her job profile shows it verified.
    home(page)
    expect(page.get_by_test_id("step-certificates")).to_have_attribute("data-state", "done")
    page.get_by_test_id("step-certificates").get_by_role(
        "link", name="My certificates"
    ).first.click()
    expect(page.get_by_test_id("my-certificate")).to_contain_text(standard.occupation.name)
    home(page)
    page.get_by_test_id("step-profile").get_by_role("link", name="My job profile").first.click()
    certificate = page.get_by_test_id("certificate").filter(has_text=standard.occupation.code)
    expect(certificate).to_contain_text("verified")
    skill = page.get_by_test_id("person-skill").filter(has_text="Python")
    expect(skill).to_contain_text("Verified by a certificate")

    # 8. The same position now matches better, and the page says why.
    home(page)
    page.get_by_test_id("step-applications").get_by_role("link", name="Positions for me").click()
    after = score_on(page, title)
    assert after > before, (before, after)
    page.get_by_test_id("matched-position").filter(has_text=title).get_by_role(
        "link", name=title
    ).click()
    page.get_by_test_id("match-factors").locator("summary").click()
    expect(page.get_by_test_id("match-factors")).to_contain_text("Skill level")
    page.screenshot(path=str(artifact("chain-match-after-certificate.png")), full_page=True)

    # 9. She applies; the employer takes her application to a hire; her path shows it.
    page.get_by_test_id("apply").click()
    application = Application.objects.get(applicant=learner, position=position)
    for step in ("shortlisted", "interviewing", "offered"):
        application = applications.application_move(actor=employer_hr,
                                                     application=application, to=step)  # fmt: skip
    applications.application_move(actor=employer_hr, application=application, to="hired",
                                  started_on=timezone.localdate())  # fmt: skip
    home(page)
    expect(page.get_by_test_id("step-applications")).to_have_attribute("data-state", "done")
    page.get_by_test_id("step-applications").get_by_role(
        "link", name="My applications"
    ).first.click()
    expect(page.locator("main")).to_contain_text(re.compile("Hired"))
    page.screenshot(path=str(artifact("chain-hired.png")), full_page=True)
