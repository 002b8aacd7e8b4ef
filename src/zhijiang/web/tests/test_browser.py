"""Journeys through the site in a real browser (Debian's chromium), as people would walk them.

The browser asks for Simplified Chinese (``zh-CN``), so pages start in Chinese; the strings
below are the translations in ``locale/zh_Hans/LC_MESSAGES/django.po``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from zhijiang.accounts.models import ConsentRecord, Role
from zhijiang.accounts.tests.factories import make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Chinese translations of the English msgids, as the zh-CN browser sees them.
ZH_DASHBOARD = "工作台"  # Dashboard
ZH_PEOPLE = "人员"  # People
ZH_PEOPLE_HEADING = "学员和求职者"  # Learners and job seekers
ZH_MY_PROFILE = "个人资料"  # My profile
ZH_SIGN_OUT = "退出登录"  # Sign out
ZH_GIVE_CONSENT = "同意授权"  # Give consent
ZH_WITHDRAW = "撤回"  # Withdraw
ZH_IDENTIFIER = "用户名或手机号码"  # Username or mobile number
ZH_PASSWORD = "密码"  # Password
ZH_SIGN_IN = "登录"  # Sign in
ZH_WRONG_PASSWORD = "账号或密码不正确。"  # The account name or password is not correct.

YUZHONG = "渝中区"
ALICE_PHONE = "13800138001"
ALICE_PHONE_MASKED = "138****8001"


def nav(page: Page):
    return page.get_by_role("navigation")


def usernames_in_table(page: Page) -> list[str]:
    """The Username column (the second cell) of every row of the people table."""
    return page.locator("[data-testid=person-row] td:nth-child(2)").all_inner_texts()


def test_district_officer_sees_only_their_district_switches_language_and_signs_out(
    page: Page,
    live_server,
    transactional_db,
    sign_in,
    learner,
    other_learner,
    district_officer,
    password,
    artifact,
):
    yuzhong_others = [make_person(role=Role.LEARNER, district_code="500103") for _ in range(2)]
    shapingba_other = make_person(role=Role.LEARNER, district_code="500106")
    yuzhong_usernames = sorted([learner.username, *(p.username for p in yuzhong_others)])
    hidden_usernames = [other_learner.username, shapingba_other.username]

    sign_in(page, district_officer.username, password)
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(nav(page)).to_contain_text(ZH_DASHBOARD)

    # The People page, reached through the navigation.
    nav(page).get_by_role("link", name=ZH_PEOPLE, exact=True).click()
    expect(page).to_have_url(live_server.url + "/accounts/people/")
    expect(page.get_by_role("heading", level=1)).to_have_text(ZH_PEOPLE_HEADING)

    rows = page.locator("[data-testid=person-row]")
    expect(rows).to_have_count(3)
    assert sorted(usernames_in_table(page)) == yuzhong_usernames
    for username in hidden_usernames:
        expect(rows.filter(has_text=username)).to_have_count(0)
    districts = page.locator("[data-testid=person-district]")
    expect(districts).to_have_count(3)
    expect(districts).to_have_text([YUZHONG] * 3)

    # Alice's phone is shown masked, never in full.
    expect(rows.filter(has_text=learner.username)).to_contain_text(ALICE_PHONE_MASKED)
    assert ALICE_PHONE not in page.content()
    page.screenshot(path=str(artifact("desktop-people.png")), full_page=True)

    # Searching updates the table in place (htmx).
    page.get_by_label("按姓名或用户名搜索").fill(learner.username)
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text(learner.username)
    assert usernames_in_table(page) == [learner.username]
    expect(page).to_have_url(re.compile(r"/accounts/people/\?q=alice"))

    # English, then back to Chinese.
    page.get_by_test_id("language-switch").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Learners and job seekers")
    expect(page.get_by_role("button", name="Sign out", exact=True)).to_be_visible()
    expect(nav(page).get_by_role("link", name="People", exact=True)).to_be_visible()
    expect(page.locator("[data-testid=person-district]").first).to_have_text("Yuzhong")

    page.get_by_test_id("language-switch").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.get_by_role("heading", level=1)).to_have_text(ZH_PEOPLE_HEADING)
    expect(nav(page).get_by_role("link", name=ZH_PEOPLE, exact=True)).to_be_visible()

    # Signing out ends the session: the people list now asks to sign in.
    page.get_by_role("button", name=ZH_SIGN_OUT, exact=True).click()
    expect(page).to_have_url(live_server.url + "/accounts/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text(ZH_SIGN_IN)
    page.goto(live_server.url + "/accounts/people/")
    expect(page).to_have_url(re.compile(re.escape(live_server.url) + r"/accounts/login/(\?.*)?$"))
    expect(page.locator("#id_identifier")).to_be_visible()


def test_learner_downloads_their_own_data(
    page: Page, live_server, transactional_db, sign_in, learner, password
):
    sign_in(page, learner.username, password)
    nav(page).get_by_role("link", name=ZH_MY_PROFILE, exact=True).click()
    expect(page).to_have_url(live_server.url + "/accounts/me/")
    expect(page.get_by_test_id("masked-phone")).to_have_text(ALICE_PHONE_MASKED)

    with page.expect_download() as download_info:
        page.get_by_test_id("export-link").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".json")
    text = Path(download.path()).read_text(encoding="utf-8")

    assert ALICE_PHONE not in text
    data = json.loads(text)
    assert data["account"]["username"] == "alice"
    assert data["account"]["mobile"] == ALICE_PHONE_MASKED
    assert "learner" in [role["role"] for role in data["roles"]]


def test_learner_gives_and_withdraws_a_consent_without_a_page_reload(
    page: Page, live_server, transactional_db, sign_in, learner, password
):
    sign_in(page, learner.username, password)
    nav(page).get_by_role("link", name=ZH_MY_PROFILE, exact=True).click()
    expect(page).to_have_url(live_server.url + "/accounts/me/")
    page.evaluate("window.__marker = 1")

    first_row = page.locator("#consents tbody tr").first
    first_row.get_by_role("button", name=ZH_GIVE_CONSENT, exact=True).click()
    expect(first_row.get_by_role("button", name=ZH_WITHDRAW, exact=True)).to_be_visible()
    assert ConsentRecord.objects.filter(user=learner, withdrawn_at__isnull=True).count() == 1

    first_row.get_by_role("button", name=ZH_WITHDRAW, exact=True).click()
    expect(first_row.get_by_role("button", name=ZH_GIVE_CONSENT, exact=True)).to_be_visible()
    assert ConsentRecord.objects.filter(user=learner, withdrawn_at__isnull=True).count() == 0

    assert page.evaluate("window.__marker") == 1, "the page was reloaded"
    expect(page).to_have_url(live_server.url + "/accounts/me/")


def test_wrong_password_shows_a_clear_error_and_the_form_is_labelled(
    page: Page, live_server, transactional_db, learner
):
    page.goto(live_server.url + "/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    identifier = page.get_by_label(ZH_IDENTIFIER)
    secret = page.get_by_label(ZH_PASSWORD)
    expect(identifier).to_have_id("id_identifier")
    expect(secret).to_have_id("id_password")

    identifier.fill(learner.username)
    secret.fill("not-the-password")
    page.get_by_role("button", name=ZH_SIGN_IN, exact=True).click()

    alert = page.get_by_role("alert")
    expect(alert).to_have_text(ZH_WRONG_PASSWORD)
    expect(alert).to_be_visible()
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    expect(page.get_by_label(ZH_IDENTIFIER)).to_have_value(learner.username)


def test_phone_width_layout_has_no_horizontal_scroll(
    phone_page: Page,
    live_server,
    transactional_db,
    sign_in,
    learner,
    district_officer,
    password,
    artifact,
):
    page = phone_page
    sign_in(page, district_officer.username, password)

    summary = page.locator("details.nav-menu summary")
    expect(summary).to_be_visible()
    menu_link = nav(page).get_by_role("link", name=ZH_PEOPLE, exact=True)
    if not menu_link.is_visible():
        summary.click()
    menu_link.click()
    expect(page).to_have_url(live_server.url + "/accounts/people/")
    expect(page.locator("[data-testid=person-row]")).to_have_count(1)
    expect(summary).to_be_visible()

    overflow = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    scroll_width, inner_width = overflow
    assert scroll_width <= inner_width + 1, (
        f"page is {scroll_width}px wide in a {inner_width}px window"
    )
    page.screenshot(path=str(artifact("phone-people.png")), full_page=True)
