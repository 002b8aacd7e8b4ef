"""The front page and a learner's home page in a real browser (Debian's chromium), on a desktop
and on a 390-pixel-wide phone, in Chinese (the browser asks for ``zh-CN``). Screenshots of
each land in ``$TMPDIR/zhijiang-screens/`` to look at.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from zhijiang.occupations import loading
from zhijiang.occupations.models import Occupation
from zhijiang.web.tests import chain

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENS = Path(tempfile.gettempdir()) / "zhijiang-screens"

ZH_FRONT_TITLE = "学技能，好就业"  # Skills that lead to work
ZH_SEARCH_POSITIONS = "搜索岗位"  # Search positions
ZH_START = "先完善个人资料"  # Start with your profile
ZH_READ_CV = "读取我的简历"  # Read my CV
ZH_CONTINUE = "继续学习课程"  # Continue your course
ZH_CAREER_PLAN = "我的职业规划"  # My career plan


def screenshot(page: Page, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / name), full_page=True)


def fits_the_screen(page: Page) -> bool:
    """Nothing sticks out sideways: the page is no wider than the viewport."""
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


@pytest.fixture
def taxonomy(transactional_db) -> None:
    """The occupations a transactional test's flush removed (the migration loaded them)."""
    if Occupation.objects.count() == 0:
        loading.taxonomy_sync(loading.read_taxonomy(), Occupation)


@pytest.fixture
def platform(taxonomy, district_officer, bureau_officer) -> chain.Platform:
    return chain.platform(officer=district_officer, bureau_officer=bureau_officer)


def test_a_visitor_sees_real_figures_and_searches_positions_from_the_front_page(
    page: Page, phone_page: Page, en_page: Page, live_server, platform, learner
):
    chain.position(platform, title="数据标注员")
    chain.run_of(platform)
    chain.certify(platform, learner)
    chain.open_course(platform)

    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text(ZH_FRONT_TITLE)
    figures = page.locator("[data-testid=front-figure] .figure-value")
    expect(figures).to_have_text(["1", "1", "1", "1"])
    screenshot(page, "front-desktop.png")

    phone_page.goto(live_server.url + "/")
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(ZH_FRONT_TITLE)
    assert fits_the_screen(phone_page)
    screenshot(phone_page, "front-phone.png")

    en_page.goto(live_server.url + "/")
    expect(en_page.get_by_role("heading", level=1)).to_have_text("Skills that lead to work")
    screenshot(en_page, "front-desktop-en.png")

    page.get_by_label(ZH_SEARCH_POSITIONS).fill("数据标注员")
    page.get_by_label(ZH_SEARCH_POSITIONS).press("Enter")
    expect(page).to_have_url(re.compile(r"/jobs/\?q="))
    expect(page.get_by_role("link", name="数据标注员").first).to_be_visible()


def test_a_learner_is_guided_from_an_empty_profile_and_then_sees_their_path(
    page: Page, phone_page: Page, en_page: Page, live_server, sign_in, platform, learner, password
):
    sign_in(page, learner.username, password)
    next_step = page.get_by_test_id("next-step")
    expect(next_step).to_contain_text(ZH_START)
    expect(page.get_by_role("main")).not_to_contain_text("0 / 0")
    expect(page.locator("header nav")).to_contain_text(ZH_CAREER_PLAN)
    screenshot(page, "home-new-learner-desktop.png")
    next_step.get_by_role("link", name=ZH_READ_CV).click()
    expect(page).to_have_url(live_server.url + "/occupations/analyse/")

    chain.add_skills(learner)
    chain.enrol(learner, chain.run_of(platform))
    chain.certify(platform, learner)
    chain.apply(learner, chain.position(platform))
    page.goto(live_server.url + "/")
    expect(page.get_by_test_id("next-step")).to_contain_text(ZH_CONTINUE)
    expect(page.get_by_test_id("step-certificates")).to_have_attribute("data-state", "done")
    expect(page.get_by_test_id("step-courses")).to_have_attribute("data-state", "current")
    screenshot(page, "home-learner-desktop.png")

    sign_in(phone_page, learner.username, password)
    expect(phone_page.get_by_test_id("next-step")).to_contain_text(ZH_CONTINUE)
    assert fits_the_screen(phone_page)
    screenshot(phone_page, "home-learner-phone.png")

    sign_in(en_page, learner.username, password)
    expect(en_page.get_by_test_id("next-step")).to_contain_text("Continue your course")
    screenshot(en_page, "home-learner-desktop-en.png")
    phone_page.get_by_test_id("next-step-button").click()
    expect(phone_page).to_have_url(live_server.url + "/training/mine/")
