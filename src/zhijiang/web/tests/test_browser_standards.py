"""An occupational standard's journey in a real browser: drafted, edited and sent to review by
a district officer, approved by a second officer at the city bureau.

The browser asks for English (``en-US``), so the strings below are the English msgids and the
test does not depend on the Chinese catalogue.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from zhijiang.common.models import AuditEvent
from zhijiang.occupations import loading
from zhijiang.occupations.models import Occupation, Requirement, Standard

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AI_TRAINER = "人工智能训练师"
AI_TRAINER_CODE = "4-04-05-05"
NEW_TEXT = "能按照企业标注规范独立完成图片、文字和语音数据的标注"
NEW_SKILLS = "数据标注、质量检查"
APPROVAL_COMMENT = "同意发布"


@pytest.fixture
def taxonomy(transactional_db) -> None:
    """The occupation taxonomy, which a data migration loads and a transactional test's flush
    removes again."""
    if Occupation.objects.count() == 0:
        loading.taxonomy_sync(loading.read_taxonomy(), Occupation)


def nav(page: Page):
    return page.get_by_role("navigation", name="Main")


def test_officer_drafts_edits_and_submits_a_standard_and_a_second_officer_approves_it(
    en_page: Page,
    live_server,
    taxonomy,
    sign_in,
    district_officer,
    bureau_officer,
    password,
    artifact,
):
    page = en_page
    occupation = Occupation.objects.get(code=AI_TRAINER_CODE)

    # 1. Olivia finds the occupation through the search (htmx).
    sign_in(page, district_officer.username, password)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    nav(page).get_by_role("link", name="Occupations", exact=True).click()
    expect(page).to_have_url(live_server.url + "/occupations/")
    page.get_by_label("Search by name, alias or code").fill(AI_TRAINER)
    results = page.get_by_test_id("occupation-result")
    expect(results.first).to_contain_text(AI_TRAINER_CODE)
    expect(page).to_have_url(re.compile(r"/occupations/\?q="))
    results.first.get_by_role("link").click()

    # 2. The occupation page; she drafts a standard with the default levels, without a model.
    expect(page).to_have_url(f"{live_server.url}/occupations/{AI_TRAINER_CODE}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(AI_TRAINER_CODE)
    expect(page.locator("dl.facts")).to_contain_text(occupation.definition)
    use_model = page.get_by_label("Use the language model when one is configured")
    if use_model.is_checked():
        use_model.uncheck()
    expect(use_model).not_to_be_checked()
    page.get_by_test_id("draft-standard").click()

    standard_url = re.compile(re.escape(live_server.url) + r"/occupations/standards/\d+/$")
    expect(page).to_have_url(standard_url)
    standard_id = int(page.url.rstrip("/").rsplit("/", 1)[-1])
    status = page.get_by_test_id("standard-status")
    expect(status).to_have_text("Draft")
    document = page.locator("article.standard-document")
    for section in ["Overview", "Basic requirements", "Work requirements", "Weights"]:
        expect(document.get_by_role("heading", level=2, name=section)).to_be_visible()
    theory = page.get_by_test_id("theory-weights")
    expect(theory).to_be_visible()
    expect(theory.locator("tbody tr")).not_to_have_count(0)

    # 3. She edits the first requirement in place (htmx): no full page reload.
    page.evaluate("window.__marker = 1")
    first = page.get_by_test_id("requirement").first
    row_id = first.get_attribute("id")
    assert row_id and row_id.startswith("requirement-")
    requirement_id = int(row_id.removeprefix("requirement-"))
    old_text = Requirement.objects.get(pk=requirement_id).text
    first.get_by_role("button", name=re.compile(r"^Edit")).click()

    # The row is swapped for its editor: a form whose fields are labelled textboxes (the Edit
    # button's aria-label also says "requirement", so match the textbox role, exactly).
    row = page.locator(f"#{row_id}")
    expect(row.locator("form.requirement-form")).to_be_visible()
    text_field = row.get_by_role("textbox", name="Requirement", exact=True)
    expect(text_field).to_be_visible()
    expect(text_field).to_have_value(old_text)
    text_field.fill(NEW_TEXT)
    row.get_by_role("textbox", name="Skills (separated by commas)", exact=True).fill(NEW_SKILLS)
    row.get_by_role("button", name="Save", exact=True).click()

    expect(row.locator(".requirement-text")).to_have_text(NEW_TEXT)
    expect(row).to_have_attribute("data-testid", "requirement")
    expect(row.locator(".skills .tag")).to_have_text(["数据标注", "质量检查"])
    assert page.evaluate("window.__marker") == 1, "the page was reloaded"
    requirement = Requirement.objects.prefetch_related("skills").get(pk=requirement_id)
    assert requirement.text == NEW_TEXT
    assert sorted(s.label for s in requirement.skills.all()) == sorted(["数据标注", "质量检查"])

    # 4. She sends it to review and signs out.
    page.get_by_test_id("submit-review").click()
    expect(status).to_have_text("In review")
    expect(page.get_by_test_id("submit-review")).to_have_count(0)
    page.get_by_role("button", name="Sign out", exact=True).click()
    expect(page).to_have_url(live_server.url + "/accounts/login/")

    # 5. Bea, at the bureau, finds it in her review queue and approves it.
    sign_in(page, bureau_officer.username, password)
    nav(page).get_by_role("link", name="Standards to review", exact=True).click()
    expect(page).to_have_url(live_server.url + "/occupations/standards/review/")
    queued = page.locator("main table tbody tr").filter(has_text=AI_TRAINER)
    expect(queued).to_have_count(1)
    expect(queued).to_contain_text(AI_TRAINER_CODE)
    queued.get_by_role("link").click()

    expect(page).to_have_url(f"{live_server.url}/occupations/standards/{standard_id}/")
    expect(status).to_have_text("In review")
    page.locator("form.review-form").get_by_label("Comment").fill(APPROVAL_COMMENT)
    page.get_by_test_id("approve").click()

    expect(status).to_have_text("Approved")
    expect(page.get_by_test_id("approve")).to_have_count(0)
    expect(page.locator(f"#{row_id} .requirement-text")).to_have_text(NEW_TEXT)
    history = page.locator("section.panel").filter(
        has=page.get_by_role("heading", name="Comments and history")
    )
    expect(history.locator("ul.comments")).to_contain_text(APPROVAL_COMMENT)

    standard = Standard.objects.get(pk=standard_id)
    assert standard.occupation_id == occupation.pk
    assert standard.status == Standard.Status.APPROVED
    assert standard.approved_by == bureau_officer
    assert standard.submitted_by == district_officer
    actions = set(
        AuditEvent.objects.filter(
            object_type="occupations.standard", object_id=str(standard_id)
        ).values_list("action", flat=True)
    )
    assert {"standard.draft", "standard.edit", "standard.submit", "standard.approve"} <= actions

    # 6. The approved standard, as printed on screen.
    page.screenshot(path=str(artifact("standard-approved.png")), full_page=True)
