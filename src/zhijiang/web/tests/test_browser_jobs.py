"""Both ends of a hire in a real browser: an employer posts a position and sees ranked
candidates; a job seeker finds it among the positions ranked for them, with the skills they
have and lack, and applies; the employer takes the application step by step to a hire, and the
seeker sees it on a phone.

The browser asks for English (``en-US``), so the strings below are the English msgids.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from zhijiang.accounts.models import ConsentPurpose, ConsentRecord
from zhijiang.jobs.models import Application, EmploymentCheck, Position
from zhijiang.occupations import loading
from zhijiang.occupations.models import Occupation, PersonSkill, Skill

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "大数据开发工程师（急招）"
OCCUPATION = "2-02-38-03"
STEPS = [
    ("shortlisted", "Shortlisted"),
    ("interviewing", "Interviewing"),
    ("offered", "Offered"),
    ("hired", "Hired"),
]


@pytest.fixture
def vocabulary(transactional_db) -> dict[str, Skill]:
    """The taxonomy (a transactional test's flush removes what the migration loaded) and three
    skills."""
    if Occupation.objects.count() == 0:
        loading.taxonomy_sync(loading.read_taxonomy(), Occupation)
    skills = {}
    for key, label in (("python", "Python"), ("spark", "Spark"), ("mysql", "MySQL")):
        skills[key], _created = Skill.objects.get_or_create(
            key=key, defaults={"label_zh": label, "label_en": label, "kind": "technical"}
        )
    return skills


def nav(page: Page):
    return page.get_by_role("navigation", name="Main")


def test_employer_posts_seeker_applies_and_employer_hires(
    en_page: Page, browser, live_server, sign_in, employer_hr, learner, password, vocabulary,
    artifact,
):  # fmt: skip
    assert Occupation.objects.filter(code=OCCUPATION).exists()
    PersonSkill.objects.create(user=learner, skill=vocabulary["python"], source="certificate")
    PersonSkill.objects.create(user=learner, skill=vocabulary["mysql"], source="cv")
    ConsentRecord.objects.create(user=learner, purpose=ConsentPurpose.SHARE_WITH_EMPLOYERS)
    page = en_page

    # 1. Erin posts a position; the first try has the pay range the wrong way round.
    sign_in(page, employer_hr.username, password)
    nav(page).get_by_role("link", name="Positions", exact=True).click()
    page.get_by_test_id("post-position").click()
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Description").fill("负责大数据平台开发，熟练使用 Python、Spark 和 MySQL。")
    page.get_by_label("Occupation code (CSCO-2022)").fill(OCCUPATION)
    page.get_by_label("Required skills", exact=True).fill("Python, Spark")
    page.get_by_label("Preferred skills").fill("mysql")
    page.get_by_label("Monthly pay from (yuan)").fill("15000")
    page.get_by_label("Monthly pay up to (yuan)").fill("12000")
    page.get_by_label("District").select_option("500103")
    page.locator("main form button[type=submit].primary").last.click()
    expect(page.locator("main")).to_contain_text("The lowest pay exceeds the highest pay.")
    assert not Position.objects.exists()
    page.get_by_label("Monthly pay from (yuan)").fill("9000")
    page.locator("main form button[type=submit].primary").last.click()
    expect(page.get_by_test_id("position-status")).to_have_text("Open")
    position = Position.objects.get()
    assert {link.skill.key: link.required for link in position.skill_links.all()} == {
        "python": True, "spark": True, "mysql": False,
    }  # fmt: skip
    # The seeker who shares her profile is already among the ranked candidates.
    candidate = page.get_by_test_id("candidate").first
    expect(candidate).to_contain_text(learner.full_name)
    expect(candidate).to_contain_text("Python")

    # 2. Alice finds it among the positions ranked for her and applies.
    alice = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 800})
    alice_page = alice.new_page()
    sign_in(alice_page, learner.username, password)
    nav(alice_page).get_by_role("link", name="Positions for me").click()
    ranked = alice_page.get_by_test_id("matched-position").first
    expect(ranked).to_contain_text(TITLE)
    expect(ranked).to_contain_text("Spark")  # missing
    ranked.get_by_role("link", name=TITLE).click()
    alice_page.get_by_test_id("apply").click()
    expect(alice_page.get_by_test_id("applied")).to_contain_text("Applied")
    application = Application.objects.get()
    assert application.match_score is not None and application.match_score > 0

    # 3. Erin takes the application through its steps to a hire.
    page.reload()
    for step, label in STEPS:
        page.get_by_test_id(f"step-{step}").click()
        expect(page.get_by_test_id("application-status").first).to_have_text(label)
    page.screenshot(path=str(artifact("jobs-employer-hired.png")), full_page=True)
    assert Position.objects.get().status == Position.Status.CLOSED  # one opening, filled
    assert EmploymentCheck.objects.filter(hire__application=application).count() == 2
    alice.close()

    # 4. On her phone, Alice sees the hire and the notice about it.
    phone = browser.new_context(locale="en-US", viewport={"width": 390, "height": 844},
                                is_mobile=True, has_touch=True)  # fmt: skip
    phone_page = phone.new_page()
    sign_in(phone_page, learner.username, password)
    phone_page.goto(live_server.url + "/jobs/applications/")
    expect(phone_page.get_by_test_id("application-status").first).to_have_text("Hired")
    phone_page.goto(live_server.url + "/jobs/notifications/")
    expect(phone_page.locator("main")).to_contain_text("Welcome aboard")
    phone_page.screenshot(path=str(artifact("jobs-seeker-phone.png")), full_page=True)
    phone.close()
